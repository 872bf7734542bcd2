// How a contribution reads on every workshop tablet: kind (as a word, not only a colour),
// text as typed (rendered as text), author, where it came from, its state; and the live list
// grouped by central point.
import type { ComponentChildren } from 'preact';
import type { State } from '../../../core/live';
import type { Contribution, ContributionKind } from '../../../core/protocol';
import { t } from '../../../i18n';
import '../../../i18n/workshop';
import {
  countByKind,
  findQuestion,
  groupByPoint,
  KINDS,
  type PendingCapture,
} from './selectors';

export function KindBadge(props: { kind: Contribution['kind'] }) {
  return <span class={`badge ws-kind ws-kind-${props.kind}`}>{t(`ws.kind.${props.kind}`)}</span>;
}

export function ContributionCard(props: {
  state: State;
  contribution: Contribution;
  pendingEdit?: boolean;
  votes?: number;
  principal?: boolean;
  children?: ComponentChildren;
}) {
  const c = props.contribution;
  const q = findQuestion(props.state.points, c.question_id);
  return (
    <article class="ws-contribution" data-contribution={c.id} aria-label={t('ws.c.label', { kind: t(`ws.kind.${c.kind}`) })}>
      <div class="row ws-meta">
        <KindBadge kind={c.kind} />
        {c.status === 'pending' && <span class="badge ws-pending">{t('ws.c.pending')}</span>}
        {c.source === 'citizen' && <span class="badge">{t('ws.c.citizen')}</span>}
        {c.kind === 'queja' && <span class="badge ws-referred">{t('ws.c.referred')}</span>}
        {props.principal && <span class="badge ws-principal">{t('ws.c.principal')}</span>}
        {props.votes !== undefined && props.votes > 0 && (
          <span class="badge">{t('ws.c.votes', { n: props.votes })}</span>
        )}
        {props.pendingEdit && <span class="badge ws-outbox">{t('ws.c.tosend')}</span>}
      </div>
      <p class="ws-text">{c.text}</p>
      <p class="hint">
        {c.author ? t('ws.c.author', { name: c.author }) : t('ws.c.noauthor')}
        {q && ` · ${t('ws.c.question', { text: q.text })}`}
      </p>
      {c.kind === 'pregunta' && c.answer && (
        <p class="ws-answer">
          <strong>{t('ws.c.answer')}</strong> {c.answer}
        </p>
      )}
      {props.children}
    </article>
  );
}

/** A capture still in the outbox: visible at once, marked "por enviar". */
export function PendingCaptureCard(props: { state: State; pending: PendingCapture }) {
  const a = props.pending.args;
  const q = findQuestion(props.state.points, a.question_id ?? null);
  return (
    <article class="ws-contribution ws-contribution-outbox" data-op={props.pending.op}>
      <div class="row ws-meta">
        <KindBadge kind={a.kind} />
        <span class="badge ws-outbox">{t('ws.c.tosend')}</span>
      </div>
      <p class="ws-text">{a.text}</p>
      <p class="hint">
        {a.author ? t('ws.c.author', { name: a.author }) : t('ws.c.noauthor')}
        {q && ` · ${t('ws.c.question', { text: q.text })}`}
      </p>
    </article>
  );
}

export function KindSummary(props: { items: Contribution[] }) {
  const counts = countByKind(props.items);
  return (
    <ul class="row ws-summary" aria-label={t('ws.c.summary')}>
      {KINDS.map((k: ContributionKind) => (
        <li key={k} class="badge">
          {t(`ws.kind.${k}`)}: {counts[k]}
        </li>
      ))}
    </ul>
  );
}

/** The contributions grouped by central point, each under a heading of the given level. */
export function GroupedContributions(props: {
  state: State;
  items: Contribution[];
  headingLevel: 3 | 4;
  render: (c: Contribution) => ComponentChildren;
  empty: string;
}) {
  const groups = groupByPoint(props.state.points, props.items);
  if (groups.length === 0) return <p class="hint">{props.empty}</p>;
  const H = props.headingLevel === 3 ? 'h3' : 'h4';
  return (
    <>
      {groups.map((g) => (
        <section key={g.pointId} class="ws-group">
          <H>
            {g.point ? g.point.title : t('ws.c.nopoint')} <span class="ws-count">({g.items.length})</span>
          </H>
          <ul class="list">
            {g.items.map((c) => (
              <li key={c.id}>{props.render(c)}</li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

// The relator's record: every contribution of the workshop, grouped by central point, with
// edit, change of kind, complaint referral (R8), answers to questions, and merging duplicates.
import { useState } from 'preact/hooks';
import { live, type State } from '../../core/live';
import type { Contribution, ContributionKind, Workshop } from '../../core/protocol';
import { t } from '../../i18n';
import { AnswerForm } from '../facilitator/shared/answer';
import { useCommand } from '../facilitator/shared/command';
import { ContributionCard, GroupedContributions, KindSummary, PendingCaptureCard } from '../facilitator/shared/contributions';
import { ErrorLine } from '../facilitator/shared/header';
import {
  activeContributions,
  complaints,
  dotTallies,
  excerpt,
  KINDS,
  pendingCaptures,
  pendingContributionIds,
} from '../facilitator/shared/selectors';
import { PointQuestionFields } from './capture';

function EditForm(props: { state: State; contribution: Contribution; locked: boolean; onClose: () => void }) {
  const c = props.contribution;
  const cmd = useCommand();
  const [kind, setKind] = useState<ContributionKind>(c.kind === 'unknown' ? 'propuesta' : c.kind);
  const [pointId, setPointId] = useState(c.point_id);
  const [questionId, setQuestionId] = useState(c.question_id ?? '');
  const [text, setText] = useState(c.text);
  const [author, setAuthor] = useState(c.author);
  const p = `ws-edit-${c.id}`;

  async function save() {
    const changed =
      text.trim() !== c.text || author.trim() !== c.author || pointId !== c.point_id ||
      (questionId || null) !== c.question_id;
    if (changed) {
      const r = await cmd.run('contribution.edit', {
        contribution_id: c.id,
        point_id: pointId,
        question_id: questionId || null,
        text: text.trim(),
        author: author.trim(),
      });
      if (!r?.ok) return;
    }
    if (kind !== c.kind) {
      const r = await cmd.run('contribution.change_kind', { contribution_id: c.id, kind });
      if (!r?.ok) return;
    }
    props.onClose();
  }

  return (
    <form class="ws-edit" aria-label={t('rel.edit.label')} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label for={`${p}-kind`}>{t('rel.edit.kind')}</label>
      <select id={`${p}-kind`} value={kind} disabled={props.locked}
        aria-describedby={props.locked ? `${p}-locked` : undefined}
        onChange={(e) => setKind((e.target as HTMLSelectElement).value as ContributionKind)}>
        {KINDS.map((k) => <option key={k} value={k}>{t(`ws.kind.${k}`)}</option>)}
      </select>
      {props.locked && <p id={`${p}-locked`} class="hint">{t('rel.edit.kindlocked')}</p>}
      <PointQuestionFields idPrefix={p} state={props.state} pointId={pointId} questionId={questionId}
        onPoint={(id) => { setPointId(id); setQuestionId(''); }} onQuestion={setQuestionId}
        pointLabel="rel.edit.point" questionLabel="rel.edit.question" />
      <label for={`${p}-text`}>{t('rel.edit.text')}</label>
      <textarea id={`${p}-text`} value={text} maxLength={2000}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <label for={`${p}-author`}>{t('rel.edit.author')}</label>
      <input id={`${p}-author`} type="text" class="input" value={author} maxLength={120}
        onInput={(e) => setAuthor((e.target as HTMLInputElement).value)} />
      <div class="ws-actions">
        <button type="submit" class="btn btn-primary" disabled={!text.trim()}>{t('rel.edit.save')}</button>
        <button type="button" class="btn" onClick={props.onClose}>{t('common.cancel')}</button>
      </div>
      <ErrorLine error={cmd.error} onDismiss={cmd.clear} />
    </form>
  );
}

function RelatorItem(props: {
  state: State;
  contribution: Contribution;
  enabled: boolean;
  votes: number;
  principal: boolean;
  pendingEdit: boolean;
  selected: boolean;
  canSelect: boolean;
  onSelect: (on: boolean) => void;
}) {
  const c = props.contribution;
  const cmd = useCommand();
  const [editing, setEditing] = useState(false);
  const [answering, setAnswering] = useState(false);
  const locked = props.principal || props.votes > 0;
  const short = excerpt(c.text);
  return (
    <ContributionCard state={props.state} contribution={c} votes={props.votes}
      principal={props.principal} pendingEdit={props.pendingEdit}>
      {editing ? (
        <EditForm state={props.state} contribution={c} locked={locked} onClose={() => setEditing(false)} />
      ) : (
        <div class="ws-actions">
          {props.canSelect && (
            <span class="ws-check">
              <input type="checkbox" id={`ws-sel-${c.id}`} checked={props.selected} disabled={!props.enabled}
                aria-label={`${t('rel.select')}: ${short}`}
                onChange={(e) => props.onSelect((e.target as HTMLInputElement).checked)} />
              <label for={`ws-sel-${c.id}`}>{t('rel.select')}</label>
            </span>
          )}
          <button type="button" class="btn" disabled={!props.enabled} onClick={() => setEditing(true)}
            aria-label={`${t('rel.edit')}: ${short}`}>
            {t('rel.edit')}
          </button>
          {c.kind !== 'queja' && !locked && (
            <button type="button" class="btn btn-danger" disabled={!props.enabled}
              aria-label={`${t('rel.refer')}: ${short}`}
              onClick={() => void cmd.run('contribution.change_kind', { contribution_id: c.id, kind: 'queja' })}>
              {t('rel.refer')}
            </button>
          )}
          {c.kind === 'pregunta' && (
            <button type="button" class="btn" aria-expanded={answering} disabled={!props.enabled}
              aria-label={`${c.answer ? t('rel.answer.edit') : t('rel.answer')}: ${short}`}
              onClick={() => setAnswering((a) => !a)}>
              {c.answer ? t('rel.answer.edit') : t('rel.answer')}
            </button>
          )}
        </div>
      )}
      {answering && !editing && (
        <AnswerForm contribution={c} enabled={props.enabled} onDone={() => setAnswering(false)} />
      )}
      <ErrorLine error={cmd.error} onDismiss={cmd.clear} />
    </ContributionCard>
  );
}

function MergeBar(props: {
  state: State;
  workshop: Workshop;
  selected: string[];
  principal: Set<string>;
  enabled: boolean;
  onDone: () => void;
}) {
  const cmd = useCommand();
  const items = props.selected
    .map((id) => props.state.contributions.find((c) => c.id === id))
    .filter((c): c is Contribution => !!c);
  // The one kept must be active; principal proposals cannot be merged away, so one is kept.
  const candidates = items.filter((c) => c.status === 'active');
  const forced = items.find((c) => props.principal.has(c.id));
  const [into, setInto] = useState<string>('');
  const target = forced?.id ?? (candidates.some((c) => c.id === into) ? into : candidates[0]?.id ?? '');
  const votingOpen = props.workshop.voting.open;
  return (
    <section class="ws-mergebar" aria-labelledby="ws-merge-title">
      <h3 id="ws-merge-title">{t('rel.merge.title', { n: items.length })}</h3>
      {votingOpen && <p class="ws-notice">{t('rel.merge.votingopen')}</p>}
      <fieldset class="ws-kinds">
        <legend>{t('rel.merge.keep')}</legend>
        {items.map((c) => (
          <div key={c.id} class="ws-check">
            <input type="radio" name="ws-merge-into" id={`ws-into-${c.id}`} value={c.id}
              checked={target === c.id} disabled={c.status !== 'active' || (!!forced && forced.id !== c.id)}
              onChange={() => setInto(c.id)} />
            <label for={`ws-into-${c.id}`}>{excerpt(c.text, 80)}</label>
          </div>
        ))}
      </fieldset>
      <div class="ws-actions">
        <button type="button" class="btn btn-primary" disabled={!props.enabled || votingOpen || !target || items.length < 2}
          onClick={() => {
            const from = items.map((c) => c.id).filter((id) => id !== target);
            void cmd.run('contribution.merge', { into_id: target, from_ids: from }).then((r) => {
              if (r?.ok) props.onDone();
            });
          }}>
          {t('rel.merge.do', { n: items.length })}
        </button>
        <button type="button" class="btn" onClick={props.onDone}>{t('rel.merge.clear')}</button>
      </div>
      <ErrorLine error={cmd.error} onDismiss={cmd.clear} />
    </section>
  );
}

/** Shared selection for merging: pending proposals can be selected from their own panel. */
export interface Selection {
  ids: string[];
  set(id: string, on: boolean): void;
  clear(): void;
}

export function useSelection(): Selection {
  const [ids, setIds] = useState<string[]>([]);
  return {
    ids,
    set: (id, on) => setIds((cur) => (on ? (cur.includes(id) ? cur : [...cur, id]) : cur.filter((x) => x !== id))),
    clear: () => setIds([]),
  };
}

export function RecordPanel(props: { state: State; workshop: Workshop; enabled: boolean; selection: Selection }) {
  const { state, workshop: w, enabled, selection } = props;
  const items = activeContributions(state, w.id);
  const referred = complaints(state, w.id);
  const outbox = pendingCaptures(live.outbox.value, w.id);
  const pendingIds = pendingContributionIds(live.outbox.value);
  const votes = new Map(dotTallies(state, w).map((r) => [r.contribution.id, r.total]));
  const principal = new Set(w.principal_proposals);
  // Only contributions that still exist can stay selected.
  const live_ = new Set(state.contributions.filter((c) => c.status === 'active' || c.status === 'pending').map((c) => c.id));
  const selected = selection.ids.filter((id) => live_.has(id));

  const item = (c: Contribution) => (
    <RelatorItem state={state} contribution={c} enabled={enabled} votes={votes.get(c.id) ?? 0}
      principal={principal.has(c.id)} pendingEdit={pendingIds.has(c.id)}
      selected={selected.includes(c.id)} canSelect
      onSelect={(on) => selection.set(c.id, on)} />
  );

  return (
    <section class="card ws-panel" aria-labelledby="ws-record-title">
      <h2 id="ws-record-title">{t('rel.record.title', { n: items.length })}</h2>
      <div aria-live="polite"><KindSummary items={items} /></div>
      {outbox.length > 0 && (
        <section aria-labelledby="ws-outbox-title">
          <h3 id="ws-outbox-title">{t('rel.outbox.title', { n: outbox.length })}</h3>
          <ul class="list">
            {outbox.map((p) => <li key={p.op}><PendingCaptureCard state={state} pending={p} /></li>)}
          </ul>
        </section>
      )}
      <GroupedContributions state={state} items={items} headingLevel={3} empty={t('rel.record.empty')} render={item} />
      {referred.length > 0 && (
        <section aria-labelledby="ws-complaints-title">
          <h3 id="ws-complaints-title">{t('ws.complaints.title', { n: referred.length })}</h3>
          <p class="hint">{t('ws.complaints.hint')}</p>
          <ul class="list">{referred.map((c) => <li key={c.id}>{item(c)}</li>)}</ul>
        </section>
      )}
      {selected.length >= 2 && (
        <MergeBar state={state} workshop={w} selected={selected} principal={principal} enabled={enabled}
          onDone={selection.clear} />
      )}
      {selected.length === 1 && <p class="hint" aria-live="polite">{t('rel.merge.more')}</p>}
    </section>
  );
}

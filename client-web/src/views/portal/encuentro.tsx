// /publico/:id: one published encuentro: its details, attendance and evaluation as light charts,
// each workshop's synthesis and ranked principal proposals with their answers, the
// commitments (summary, filters, and their state at each monitoring cut), and the open data.
import { useLocation } from 'preact-iso';
import { t } from '../../i18n';
import type { CommitmentView, EncuentroView, PointView, ProposalView } from './api';
import { STATUSES, encuentroUrl, useJson } from './api';
import { BarChart } from './charts';
import { Frame, LoadState } from './frame';
import { fmtDate, fmtNumber } from './fmt';
import {
  commitmentFiltersFromQuery, commitmentQuery, cutDates, filterCommitments, partsOfView, pointsOf, proposalIndex,
  stateAt, statusCounts, territoryOfView, territoryOptions,
} from './model';
import type { CommitmentFilters, ProposalRef } from './model';
import { OverdueBadge, StatusBadge } from './status';
import { OpenData } from './open-data';

export function EncuentroPage(props: { id: string }) {
  const [loaded, retry] = useJson<EncuentroView>(encuentroUrl(props.id));
  const crumbs = [{ href: '/publico', label: t('portal.list.title') }];
  if (loaded.status !== 'ok')
    return (
      <Frame title={t('portal.encuentro.title')} crumbs={crumbs}>
        <LoadState status={loaded.status} message={loaded.status === 'error' ? loaded.message : ''} retry={retry} />
      </Frame>
    );
  const view = loaded.data;
  return (
    <Frame title={view.details.title} subtitle={view.details.entities.join(' · ')} crumbs={crumbs}>
      <Contents />
      <Details view={view} />
      <Attendance view={view} />
      <Evaluation view={view} />
      <Workshops view={view} />
      <Commitments view={view} />
      <OpenData encuentro={view.id} />
      <p class="hint">{t('portal.as_of', { date: fmtDate(view.as_of) })}</p>
    </Frame>
  );
}

function Contents() {
  const items: [string, string][] = [
    ['pt-details', 'portal.section.details'],
    ['pt-attendance', 'portal.section.attendance'],
    ['pt-evaluation', 'portal.section.evaluation'],
    ['pt-workshops', 'portal.section.workshops'],
    ['pt-commitments', 'portal.section.commitments'],
    ['pt-open-data', 'portal.section.open_data'],
  ];
  return (
    <nav class="pt-toc" aria-label={t('portal.toc')}>
      <ul>
        {items.map(([id, key]) => (
          <li key={id}><a href={`#${id}`}>{t(key)}</a></li>
        ))}
      </ul>
    </nav>
  );
}

function Details(props: { view: EncuentroView }) {
  const d = props.view.details;
  return (
    <section class="card" aria-labelledby="pt-details">
      <h2 id="pt-details">{t('portal.section.details')}</h2>
      <dl class="pt-dl">
        <dt>{t('portal.field.date')}</dt>
        <dd>
          <time dateTime={d.date}>{fmtDate(d.date)}</time>
          {d.start_time && ` · ${t('portal.field.time', { start: d.start_time, end: d.end_time })}`}
        </dd>
        <dt>{t('portal.field.venue')}</dt>
        <dd>{d.venue}</dd>
        <dt>{t('portal.field.entities')}</dt>
        <dd>{d.entities.join(' · ')}</dd>
        <dt>{t('portal.field.phase')}</dt>
        <dd>{t(`portal.phase.${d.phase}`)}</dd>
        {d.published_on && (
          <>
            <dt>{t('portal.field.published_on')}</dt>
            <dd><time dateTime={d.published_on}>{fmtDate(d.published_on)}</time></dd>
          </>
        )}
      </dl>
      {d.objective && (
        <>
          <h3>{t('portal.field.objective')}</h3>
          <p class="pt-pre">{d.objective}</p>
        </>
      )}
      {d.report_summary && (
        <>
          <h3>{t('portal.field.report_summary')}</h3>
          <p class="pt-pre">{d.report_summary}</p>
        </>
      )}
      {d.methodology && (
        <>
          <h3>{t('portal.field.methodology')}</h3>
          <p class="pt-pre">{d.methodology}</p>
        </>
      )}
      {props.view.points.length > 0 && (
        <>
          <h3>{t('portal.field.points')}</h3>
          <ol class="pt-points">
            {props.view.points.map((p) => (
              <li key={p.id}>
                <strong>{p.title}</strong>
                {p.description && <span class="pt-pre"> — {p.description}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Attendance(props: { view: EncuentroView }) {
  const a = props.view.attendance;
  const people = t('portal.chart.people');
  return (
    <section class="card" aria-labelledby="pt-attendance">
      <h2 id="pt-attendance">{t('portal.section.attendance')}</h2>
      <p>{t('portal.attendance.total', { total: a.total, registered: a.registered, workshops: props.view.counts.workshops })}</p>
      <div class="pt-charts">
        {a.by_value_group.length > 0 && (
          <BarChart caption={t('portal.attendance.by_value_group')} valueHeader={people}
            rows={a.by_value_group.map((r) => ({ key: r.value_group, label: t(`portal.vg.${r.value_group}`), value: r.count }))} />
        )}
        {a.by_territory.length > 0 && (
          <BarChart caption={t('portal.attendance.by_territory')} valueHeader={people}
            rows={a.by_territory.map((r) => ({ key: r.territory, label: r.territory, value: r.count }))} />
        )}
      </div>
      <p class="hint">{t('portal.attendance.privacy')}</p>
    </section>
  );
}

const CRITERIA = ['organisation', 'methodology', 'participation', 'answers'] as const;

function Evaluation(props: { view: EncuentroView }) {
  const ev = props.view.evaluation;
  const rows = CRITERIA.flatMap((k) => {
    const v = ev.averages[k];
    return v === null || v === undefined
      ? []
      : [{ key: k, label: t(`portal.eval.${k}`), value: v, text: t('portal.eval.of5', { value: fmtNumber(v, 2) }) }];
  });
  return (
    <section class="card" aria-labelledby="pt-evaluation">
      <h2 id="pt-evaluation">{t('portal.section.evaluation')}</h2>
      {ev.count === 0 || rows.length === 0 ? (
        <p>{t('portal.eval.none')}</p>
      ) : (
        <>
          <p>{t('portal.eval.count', { n: ev.count })}</p>
          <BarChart caption={t('portal.eval.caption')} valueHeader={t('portal.eval.average')} rows={rows} max={5} />
        </>
      )}
    </section>
  );
}

function pointTitle(points: PointView[], id: string): string {
  return points.find((p) => p.id === id)?.title ?? '';
}

function commitmentHref(encuentro: string, commitment: string): string {
  return `/publico/${encodeURIComponent(encuentro)}/compromisos/${encodeURIComponent(commitment)}`;
}

export function AnswerText(props: { proposal: ProposalView; encuentro: string; link?: boolean }) {
  const a = props.proposal.answer;
  if (!a) return <p class="pt-answer">{t('portal.answer.none')}</p>;
  return (
    <div class="pt-answer">
      <p>
        <strong>{t(`portal.answer.${a.kind}`)}</strong>
        {a.kind === 'referred' && a.referred_to && <> — {t('portal.answer.referred_to', { to: a.referred_to })}</>}
      </p>
      {a.reason && <p class="pt-pre">{a.reason}</p>}
      {a.kind === 'commitment' && a.commitment_id && props.link !== false && (
        <p><a class="pt-link" href={commitmentHref(props.encuentro, a.commitment_id)}>{t('portal.answer.see_commitment')}</a></p>
      )}
    </div>
  );
}

function Workshops(props: { view: EncuentroView }) {
  const { view } = props;
  return (
    <section class="card" aria-labelledby="pt-workshops">
      <h2 id="pt-workshops">{t('portal.section.workshops')}</h2>
      {view.workshops.length === 0 && <p>{t('portal.workshops.none')}</p>}
      {view.workshops.map((w) => (
        <section key={w.id} class="pt-workshop" aria-labelledby={`pt-w-${w.id}`}>
          <h3 id={`pt-w-${w.id}`}>{t('common.workshop', { n: w.number })}</h3>
          <p class="hint">{t('portal.workshop.participants', { n: w.participants })}</p>
          {w.synthesis && (
            <>
              <h4>{t('portal.workshop.synthesis')}</h4>
              <p class="pt-pre">{w.synthesis}</p>
            </>
          )}
          <h4>{t('portal.workshop.proposals')}</h4>
          {w.principal_proposals.length === 0 ? (
            <p>{t('portal.workshop.no_proposals')}</p>
          ) : (
            <ol class="pt-proposals">
              {w.principal_proposals.map((p) => (
                <li key={p.id}>
                  <p class="pt-proposal pt-pre">{p.text}</p>
                  <p class="hint">
                    {t('portal.proposal.votes', { n: p.votes })}
                    {pointTitle(view.points, p.point_id) && <> · {t('portal.proposal.point', { point: pointTitle(view.points, p.point_id) })}</>}
                  </p>
                  <AnswerText proposal={p} encuentro={view.id} />
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </section>
  );
}

function Commitments(props: { view: EncuentroView }) {
  const { view } = props;
  const { query, route, path } = useLocation();
  const filters = commitmentFiltersFromQuery(query);
  const cuts = cutDates(view.commitments);
  if (filters.cut && !cuts.includes(filters.cut)) filters.cut = '';
  const territories = territoryOptions(view.commitments);
  if (filters.territory && !territories.includes(filters.territory)) filters.territory = '';
  const set = (next: Partial<CommitmentFilters>) =>
    route(path + commitmentQuery({ ...filters, ...next }), true);

  const index = proposalIndex(view);
  const counts = statusCounts(view.commitments, filters.cut);
  const shown = filterCommitments(view.commitments, filters, index);
  const usedPoints = view.points.filter((p) => view.commitments.some((c) => pointsOf(c, index).includes(p.id)));
  const when = filters.cut
    ? t('portal.cut.at', { date: fmtDate(filters.cut) })
    : t('portal.cut.today', { date: fmtDate(view.as_of) });
  const base = encuentroUrl(view.id);

  return (
    <section class="card" aria-labelledby="pt-commitments">
      <h2 id="pt-commitments">{t('portal.section.commitments')}</h2>
      {view.commitments.length === 0 ? (
        <p>{t('portal.commitments.none')}</p>
      ) : (
        <>
          <p>{t('portal.commitments.intro', { n: view.commitments.length })}</p>
          <div class="pt-downloads">
            <a class="btn" href={`${base}/commitments.csv`} download={`compromisos-${view.id}.csv`}>
              {t('portal.download.csv')}
            </a>
            <a class="btn" href={`${base}/commitments.json`} download={`compromisos-${view.id}.json`}>
              {t('portal.download.json')}
            </a>
            <a class="btn" href={`${base}/feed.atom`} type="application/atom+xml">
              {t('portal.feed.encuentro')}
            </a>
            <a class="btn" href={`/publico/${encodeURIComponent(view.id)}/memoria`}>
              {t('portal.memoria')}
            </a>
          </div>

          <div class="pt-cut">
            <label for="pt-cut">{t('portal.cut.label')}</label>
            <select id="pt-cut" value={filters.cut} aria-describedby="pt-cut-hint"
              onChange={(e) => set({ cut: (e.target as HTMLSelectElement).value })}>
              <option value="">{t('portal.cut.option.today', { date: fmtDate(view.as_of) })}</option>
              {cuts.map((d) => (
                <option key={d} value={d}>{t('portal.cut.option', { date: fmtDate(d) })}</option>
              ))}
            </select>
            <p id="pt-cut-hint" class="hint">{t('portal.cut.hint')}</p>
          </div>

          <h3>{t('portal.summary.title', { when })}</h3>
          <BarChart hideCaption caption={t('portal.summary.caption', { when })} valueHeader={t('portal.chart.commitments')}
            max={view.commitments.length}
            rows={[
              ...STATUSES.map((s) => ({ key: s, label: t(`portal.status.${s}`), value: counts[s], tone: s })),
              { key: 'overdue', label: t('portal.overdue'), value: counts.overdue, tone: 'overdue' },
              ...(counts.none ? [{ key: 'none', label: t('portal.cut.none'), value: counts.none, tone: 'none' }] : []),
            ]} />

          <h3>{t('portal.commitments.list')}</h3>
          <div class="pt-filter-grid">
            <div>
              <label for="pt-c-status">{t('portal.filter.status')}</label>
              <select id="pt-c-status" value={filters.status}
                onChange={(e) => set({ status: (e.target as HTMLSelectElement).value as CommitmentFilters['status'] })}>
                <option value="">{t('portal.filter.all')}</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>{t(`portal.status.${s}`)}</option>
                ))}
              </select>
            </div>
            {usedPoints.length > 0 && (
              <div>
                <label for="pt-c-point">{t('portal.filter.point')}</label>
                <select id="pt-c-point" value={filters.point}
                  onChange={(e) => set({ point: (e.target as HTMLSelectElement).value })}>
                  <option value="">{t('portal.filter.all')}</option>
                  {usedPoints.map((p) => (
                    <option key={p.id} value={p.id}>{p.title}</option>
                  ))}
                </select>
              </div>
            )}
            {territories.length > 0 && (
              <div>
                <label for="pt-c-territory">{t('portal.filter.territory')}</label>
                <select id="pt-c-territory" value={filters.territory}
                  onChange={(e) => set({ territory: (e.target as HTMLSelectElement).value })}>
                  <option value="">{t('portal.filter.all')}</option>
                  {territories.map((name) => (
                    <option key={name} value={name}>{name}</option>
                  ))}
                </select>
              </div>
            )}
            <div class="pt-check">
              <input id="pt-c-overdue" type="checkbox" checked={filters.overdue}
                onChange={(e) => set({ overdue: (e.target as HTMLInputElement).checked })} />
              <label for="pt-c-overdue">{t('portal.filter.overdue_only')}</label>
            </div>
          </div>
          <p class="pt-count" role="status" aria-live="polite">
            {t('portal.commitments.count', { shown: shown.length, total: view.commitments.length, when })}
          </p>
          {shown.length === 0 ? (
            <p>{t('portal.commitments.no_match')}</p>
          ) : (
            <ul class="pt-commitments">
              {shown.map((c) => (
                <li key={c.id}>
                  <CommitmentCard c={c} view={view} cut={filters.cut} index={index} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function observationCount(n: number): string {
  return n === 1 ? t('portal.obs.count.one') : t('portal.obs.count.many', { n });
}

function CommitmentCard(props: { c: CommitmentView; view: EncuentroView; cut: string; index: Map<string, ProposalRef> }) {
  const { c, view, cut, index } = props;
  const s = stateAt(c, cut);
  const points = pointsOf(c, index).map((id) => pointTitle(view.points, id)).filter(Boolean);
  const territory = territoryOfView(c);
  const parts = partsOfView(c).length;
  return (
    <article class={`pt-commitment${s?.overdue ? ' pt-is-overdue' : ''}`} aria-labelledby={`pt-c-${c.id}`}
      data-commitment={c.id}>
      <h4 id={`pt-c-${c.id}`} class="pt-c-title">
        <a href={commitmentHref(view.id, c.id)}>{c.terms.what}</a>
      </h4>
      <p class="pt-meta">{c.terms.entity}{c.terms.office && ` · ${c.terms.office}`}</p>
      {(territory || parts > 0) && (
        <p class="pt-meta" data-territory={territory}>
          {territory && t('portal.territory', { territory })}
          {territory && parts > 0 && ' · '}
          {parts > 0 && t('portal.parts.count', { n: parts })}
        </p>
      )}
      <p class="pt-meta">
        {t('portal.terms.due_date')}: <time dateTime={c.terms.due_date}>{fmtDate(c.terms.due_date)}</time>
        {points.length > 0 && <> · {t('portal.proposal.point', { point: points.join(', ') })}</>}
      </p>
      {s ? (
        <div class="pt-state">
          <StatusBadge status={s.status} />
          {s.overdue && <OverdueBadge />}
          <span class="pt-percent">
            <span class="pt-bar-track" aria-hidden="true">
              <span class={`pt-bar pt-tone-${s.status}`} style={{ width: `${s.percent}%` }} />
            </span>
            <span>{t('portal.percent', { n: s.percent })}</span>
          </span>
          {!s.reported && <span class="hint">{t('portal.cut.not_reported')}</span>}
        </div>
      ) : (
        <p class="hint">{t('portal.cut.none')}</p>
      )}
      {(c.observations?.length ?? 0) > 0 && (
        <p class="pt-meta">{observationCount(c.observations?.length ?? 0)}</p>
      )}
    </article>
  );
}

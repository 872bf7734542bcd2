// One commitment as the office follows it: the terms in force, the current state (its latest
// report, or the average of its parts, each part with its own state), the overdue mark (R11), the
// report form, every report newest first (with the ones still waiting in this device's outbox)
// and every version (R10).
import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { live } from '../../core/live';
import type { CommitmentTerms, CommitmentVersion, ProgressReport, State } from '../../core/protocol';
import { partOf, partsOf, territoryOf, type PartProgress } from '../../core/progress';
import { TERM_FIELDS, changedTerms, type TermField } from '../../core/terms';
import { t } from '../../i18n';
import '../../i18n/office';
import { fmtDate, fmtInstant } from './format';
import { CommitmentObservations } from './observations';
import { ReportForm } from './report-form';
import { isHttpUrl, newDraft, pendingReports, type CommitmentRow, type ReportDraft, type Status } from './select';


export function StatusBadge({ status }: { status: string }) {
  const known = ['pendiente', 'en_ejecucion', 'cumplido', 'no_cumplido'].includes(status);
  return (
    <span class={`badge of-badge of-badge-${known ? status : 'unknown'}`}>
      {known ? t(`office.status.${status}`) : t('office.status.unknown')}
    </span>
  );
}

export function OverdueBadge() {
  return <span class="badge of-badge of-badge-overdue">{t('office.overdue')}</span>;
}

function Percent({ n, status }: { n: number; status: Status | string }) {
  const clamped = Math.max(0, Math.min(100, n));
  return (
    <span class="of-percent">
      <span class="of-bar-track" aria-hidden="true">
        <span class={`of-bar of-tone-${status}`} style={{ width: `${clamped}%` }} />
      </span>
      <span>{t('office.percent', { n })}</span>
    </span>
  );
}

function TermValue({ terms, k }: { terms: CommitmentTerms; k: TermField }) {
  switch (k) {
    case 'due_date':
      return <time dateTime={terms.due_date}>{fmtDate(terms.due_date)}</time>;
    case 'territory':
      return <>{territoryOf(terms) || t('office.territory.all')}</>;
    case 'parts':
      return (
        <ol class="of-term-parts">
          {partsOf(terms).map((what, i) => <li key={i}>{what}</li>)}
        </ol>
      );
    default:
      return <>{terms[k] || '—'}</>;
  }
}

function TermsList({ terms, omit = [] }: { terms: CommitmentTerms; omit?: TermField[] }) {
  const keys = TERM_FIELDS.filter((k) => !omit.includes(k) && (k !== 'parts' || partsOf(terms).length > 0));
  return (
    <dl class="of-terms">
      {keys.map((k) => (
        <Fragment key={k}>
          <dt>{t(`office.terms.${k}`)}</dt>
          <dd class="of-pre" data-term={k}>
            <TermValue terms={terms} k={k} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** Each part with its state; the commitment's percent is their average. */
function Parts({ row }: { row: CommitmentRow }) {
  const id = `of-p-${row.id}`;
  return (
    <section class="of-parts" aria-labelledby={id} data-parts={row.id}>
      <h4 id={id}>{t('office.parts.title')}</h4>
      <p class="hint">{t('office.parts.average', { n: row.parts.length, percent: row.percent })}</p>
      <ol class="of-part-list">
        {row.parts.map((p) => (
          <PartItem key={p.part} p={p} />
        ))}
      </ol>
    </section>
  );
}

function PartItem({ p }: { p: PartProgress }) {
  return (
    <li data-part={p.part} data-status={p.status}>
      <span class="of-pre of-part-what">
        <span class="visually-hidden">{t('office.part.n', { n: p.part })}: </span>
        {p.what}
      </span>
      <span class="of-part-state">
        <StatusBadge status={p.status} />
        <Percent n={p.percent} status={p.status} />
        <span class="hint">
          {p.report ? t('office.latest', { date: fmtDate(p.report.as_of) }) : t('office.part.none')}
        </span>
      </span>
    </li>
  );
}

/** "Parte 2: Jornadas en los barrios" for a report on a part; nothing for the whole commitment. */
function PartLabel({ part, parts }: { part: number; parts: string[] }) {
  if (part <= 0) return null;
  const what = parts[part - 1];
  return (
    <span class="badge of-badge-part">
      {what ? t('office.part.of', { n: part, what }) : t('office.part.n', { n: part })}
    </span>
  );
}

export function CommitmentCard(props: {
  row: CommitmentRow;
  state: State;
  today: string;
  accepting: boolean;
  draft: ReportDraft | null;
  setDraft: (d: ReportDraft | null) => void;
  replies: Record<string, string>;
  setReply: (observationId: string, text: string | null) => void;
}) {
  const { row } = props;
  const headingId = `of-k-${row.id}`;
  const pending = pendingReports(live.outbox.value, row.id);
  // Closing the form gives the focus back to the button that opened it.
  const openRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (returnFocus.current && !props.draft) {
      returnFocus.current = false;
      openRef.current?.focus();
    }
  }, [props.draft]);
  return (
    <article class={`card of-commitment${row.overdue ? ' of-is-overdue' : ''}`} aria-labelledby={headingId}
      data-commitment={row.id} data-status={row.status} data-overdue={row.overdue ? '1' : '0'}>
      <h3 id={headingId} class="of-pre">
        <span class="of-kid">{t('office.commitment.id', { id: row.id })}</span> {row.terms?.what ?? row.id}
      </h3>
      <div class="of-state">
        <StatusBadge status={row.status} />
        {row.overdue && <OverdueBadge />}
        <Percent n={row.percent} status={row.status} />
        <span class="hint">
          {row.latest
            ? t('office.latest', { date: fmtDate(row.latest.as_of) })
            : t('office.latest.none')}
        </span>
      </div>
      {row.overdue && row.terms && (
        <p class="of-overdue-note">{t('office.overdue.note', { date: fmtDate(row.terms.due_date) })}</p>
      )}
      {row.parts.length > 0 && <Parts row={row} />}
      {row.terms && <TermsList terms={row.terms} omit={['what', 'parts']} />}
      <p class="hint">{t('office.version.current', { n: row.version })}</p>
      {props.accepting &&
        (props.draft ? (
          <ReportForm row={row} state={props.state} today={props.today} draft={props.draft}
            setDraft={props.setDraft} onClose={() => {
              returnFocus.current = true;
              props.setDraft(null);
            }} />
        ) : (
          <button type="button" class="btn btn-primary" ref={openRef} data-open-report={row.id}
            onClick={() => props.setDraft(newDraft(row, props.today))}>
            {t('office.report.open')}
            <span class="visually-hidden"> {t('office.commitment.id', { id: row.id })}</span>
          </button>
        ))}
      <Reports row={row} pending={pending} />
      <CommitmentObservations commitmentId={row.id} state={props.state}
        drafts={props.replies} setDraft={props.setReply} />
      <Versions row={row} />
    </article>
  );
}

function Evidence({ url }: { url: string }) {
  if (!url) return null;
  if (!isHttpUrl(url)) return <p class="hint of-pre">{t('office.report.evidence_text', { url })}</p>;
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the text
  }
  return (
    <p>
      <a class="of-link" href={url} rel="noopener noreferrer" target="_blank">
        {t('office.report.evidence', { host })}
      </a>
    </p>
  );
}

function Reports({ row, pending }: { row: CommitmentRow; pending: ReturnType<typeof pendingReports> }) {
  const id = `of-r-${row.id}`;
  const n = row.reports.length;
  const names = partsOf(row.terms);
  // The reports the state counts: the latest one, or each part's latest.
  const counted = new Set<ProgressReport>(
    row.parts.length ? row.parts.flatMap((p) => (p.report ? [p.report] : [])) : row.latest ? [row.latest] : [],
  );
  return (
    <section class="of-history" aria-labelledby={id}>
      <h4 id={id}>{t('office.reports.title', { n })}</h4>
      {pending.length > 0 && (
        <ul class="of-reports of-pending" aria-label={t('office.reports.pending_list')}>
          {[...pending].reverse().map((p) => (
            <li key={p.op} data-pending={p.op}>
              <p class="of-report-head">
                <span class="badge of-badge of-badge-pending">{t('office.reports.pending')}</span>{' '}
                <PartLabel part={p.part} parts={names} /> <time dateTime={p.as_of}>{fmtDate(p.as_of)}</time> <StatusBadge status={p.status} />{' '}
                <strong>{t('office.percent', { n: p.percent })}</strong>
              </p>
              {p.note && <p class="of-pre">{p.note}</p>}
              {p.evidence_url && <p class="hint of-pre">{p.evidence_url}</p>}
            </li>
          ))}
        </ul>
      )}
      {n === 0 ? (
        <p>{t('office.reports.none')}</p>
      ) : (
        <ol class="of-reports" reversed>
          {row.reports.map((r) => (
            <ReportItem key={r.id} r={r} latest={counted.has(r)} parts={names} byPart={row.parts.length > 0} />
          ))}
        </ol>
      )}
    </section>
  );
}

function ReportItem(props: { r: ProgressReport; latest: boolean; parts: string[]; byPart: boolean }) {
  const { r, latest, parts } = props;
  return (
    <li data-report={r.id}>
      <p class="of-report-head">
        <PartLabel part={partOf(r)} parts={parts} /> <time dateTime={r.as_of}>{fmtDate(r.as_of)}</time>{' '}
        <StatusBadge status={r.status} />{' '}
        <strong>{t('office.percent', { n: r.percent })}</strong>
        {latest && (
          <>
            {' '}
            <span class="badge">{props.byPart ? t('office.reports.latest_part') : t('office.reports.latest')}</span>
          </>
        )}
      </p>
      {r.note && <p class="of-pre">{r.note}</p>}
      <Evidence url={r.evidence_url} />
      <p class="hint">{t('office.reports.reported_at', { at: fmtInstant(r.reported_at) })}</p>
    </li>
  );
}

function Versions({ row }: { row: CommitmentRow }) {
  const byNumber = new Map(row.versions.map((v) => [v.version, v]));
  return (
    <details class="of-versions">
      <summary>{t('office.versions.summary', { n: row.versions.length })}</summary>
      <ol reversed>
        {row.versions.map((v) => (
          <VersionItem key={v.version} v={v} previous={byNumber.get(v.version - 1) ?? null} />
        ))}
      </ol>
    </details>
  );
}

function VersionItem({ v, previous }: { v: CommitmentVersion; previous: CommitmentVersion | null }) {
  const changed = previous ? changedTerms(previous.terms, v.terms) : [];
  return (
    <li data-version={v.version}>
      <p>
        <strong>{t('office.version.n', { n: v.version })}</strong> · {fmtInstant(v.at)}
        {previous === null && ` · ${t('office.version.first')}`}
      </p>
      {v.reason && <p class="of-pre">{t('office.version.reason', { reason: v.reason })}</p>}
      {previous && (
        <p class="hint">
          {changed.length > 0
            ? t('office.version.changed', { fields: changed.map((k) => t(`office.terms.${k}`)).join(', ') })
            : t('office.version.unchanged')}
        </p>
      )}
      <TermsList terms={v.terms} />
    </li>
  );
}

// The commitments stated so far: current terms (territory and parts included), their progress
// (core/progress: the latest report, or the average of the parts), the proposals each answers, a
// revision form (commitment.revise: a new version, never an overwrite; parts may be added, never
// removed) and the full history (R10).
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { live } from '../../../core/live';
import type { Commitment, CommitmentTerms, CommitmentVersion, State } from '../../../core/protocol';
import { partsOf, territoryOf } from '../../../core/progress';
import { TERM_FIELDS, type TermField } from '../../../core/terms';
import { t } from '../../../i18n';
import '../../../i18n/organizer-event';
import { formatDate, formatInstant } from '../event/format';
import { describeRefusal } from '../event/refusal';
import {
  changedTerms,
  commitmentProgress,
  currentVersion,
  missingTerms,
  partsAddable,
  partsProblems,
  rowsFor,
  termsToSend,
  versionsNewestFirst,
  type ProposalRow,
} from './selectors';
import { TermsFields } from './terms';

/** Progress is reported (and so worth showing) once the results are published. */
function reportsAccepted(state: State): boolean {
  return state.phase === 'published' || state.phase === 'follow_up' || state.phase === 'closed';
}

function canRevise(state: State): boolean {
  return state.phase === 'commitments' || state.phase === 'published' || state.phase === 'follow_up';
}

/** After publication a revision is a new public version and must say why (R10). */
function reasonRequired(state: State): boolean {
  return state.phase === 'published' || state.phase === 'follow_up' || state.phase === 'closed';
}

export function CommitmentList({ state, rows }: { state: State; rows: ProposalRow[] }) {
  return (
    <section class="card" aria-labelledby="oa-k-h">
      <h3 id="oa-k-h">{t('oa.commitments.title', { n: state.commitments.length })}</h3>
      {state.commitments.length === 0 ? (
        <p class="hint">{t('oa.commitments.none')}</p>
      ) : (
        state.commitments.map((k) => <CommitmentItem key={k.id} k={k} state={state} rows={rows} />)
      )}
    </section>
  );
}

function TermValue({ terms, k }: { terms: CommitmentTerms; k: TermField }) {
  switch (k) {
    case 'due_date':
      return <>{formatDate(terms.due_date)}</>;
    case 'territory':
      return <>{territoryOf(terms) || t('oa.territory.all')}</>;
    case 'parts':
      return (
        <ol class="oa-term-parts">
          {partsOf(terms).map((what, i) => <li key={i}>{what}</li>)}
        </ol>
      );
    default:
      return <>{terms[k] || '—'}</>;
  }
}

function TermsList({ terms }: { terms: CommitmentTerms }) {
  const keys = TERM_FIELDS.filter((k) => k !== 'parts' || partsOf(terms).length > 0);
  return (
    <dl class="oe-terms">
      {keys.map((key) => (
        <Fragment key={key}>
          <dt>{t(`oe.field.${key}`)}</dt>
          <dd class="oe-prewrap">
            <TermValue terms={terms} k={key} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** "Avance: 47 % · En ejecución (promedio de 3 partes)" once results are published. */
function ProgressLine({ k, state }: { k: Commitment; state: State }) {
  const p = commitmentProgress(state, k);
  return (
    <p data-progress={k.id}>
      {t('oa.commitment.progress', { percent: p.percent, status: t(`oa.status.${p.status}`) })}
      {p.parts.length > 0 && (
        <>
          {' '}
          {t('oa.commitment.progress_parts', {
            n: p.parts.length,
            list: p.parts.map((x) => t('oa.commitment.part_percent', { n: x.part, percent: x.percent })).join(', '),
          })}
        </>
      )}
    </p>
  );
}

function CommitmentItem({ k, state, rows }: { k: Commitment; state: State; rows: ProposalRow[] }) {
  const [revising, setRevising] = useState(false);
  const v = currentVersion(k);
  const answered = rowsFor(rows, k.proposal_ids);
  const headingId = `oa-k-${k.id}`;
  return (
    <article class="oe-group" aria-labelledby={headingId} data-commitment={k.id}>
      <h4 id={headingId}>
        {t('oa.commitment.heading', { id: k.id })}{' '}
        {v && <span class="badge">{t('oa.commitment.version', { n: v.version })}</span>}
      </h4>
      <p class="hint">
        {t('oa.commitment.answers')}{' '}
        {answered.length > 0
          ? answered.map((r) => t('oe.ref', { w: r.workshopNumber, r: r.rank })).join('; ')
          : k.proposal_ids.join(', ')}
      </p>
      {v && <TermsList terms={v.terms} />}
      {reportsAccepted(state) && <ProgressLine k={k} state={state} />}
      {canRevise(state) &&
        (revising ? (
          <ReviseForm k={k} state={state} onClose={() => setRevising(false)} />
        ) : (
          <button type="button" class="btn" onClick={() => setRevising(true)}>
            {t('oa.revise.open', { id: k.id })}
          </button>
        ))}
      <History k={k} />
    </article>
  );
}

function History({ k }: { k: Commitment }) {
  const versions = versionsNewestFirst(k);
  const byNumber = new Map(k.versions.map((v) => [v.version, v]));
  return (
    <details class="oe-history">
      <summary>{t('oa.history.summary', { n: versions.length })}</summary>
      <ol reversed>
        {versions.map((v) => (
          <VersionItem key={v.version} v={v} previous={byNumber.get(v.version - 1) ?? null} />
        ))}
      </ol>
    </details>
  );
}

function VersionItem({ v, previous }: { v: CommitmentVersion; previous: CommitmentVersion | null }) {
  const changed = previous ? changedTerms(previous.terms, v.terms) : [];
  return (
    <li>
      <p>
        <strong>{t('oa.commitment.version', { n: v.version })}</strong> · {formatInstant(v.at)}
        {previous === null && ` · ${t('oa.history.first')}`}
      </p>
      {v.reason && (
        <p>
          {t('oa.history.reason')} <span class="oe-prewrap">{v.reason}</span>
        </p>
      )}
      {previous && (
        <p class="hint">
          {changed.length > 0
            ? t('oa.history.changed', { fields: changed.map((key) => t(`oe.field.${key}`)).join(', ') })
            : t('oa.history.unchanged')}
        </p>
      )}
      <TermsList terms={v.terms} />
    </li>
  );
}

function ReviseForm({ k, state, onClose }: { k: Commitment; state: State; onClose: () => void }) {
  // The draft starts from the version in force when the form opens and is never reset by updates.
  const [terms, setTerms] = useState<CommitmentTerms>(() => {
    const now = currentVersion(k)!.terms;
    return { ...now, territory: territoryOf(now), parts: [...partsOf(now)] };
  });
  // R10: the parts in force stay (their reports must keep their meaning); none can be added to a
  // commitment already reported on as a whole.
  const fixedParts = partsOf(currentVersion(k)?.terms).length;
  const locked = !partsAddable(state, k);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needReason = reasonRequired(state);
  const prefix = `oa-rev-${k.id}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const missing = missingTerms(terms);
    if (missing.length > 0) {
      setError(t('oa.form.missing', { fields: missing.map((key) => t(`oe.field.${key}`)).join(', ') }));
      return;
    }
    const parts = partsProblems(terms, fixedParts);
    if (parts.length > 0) {
      setError(parts.map((p) => t(`oa.problem.${p}`)).join(' '));
      return;
    }
    if (needReason && reason.trim() === '') {
      setError(t('oa.revise.reason_required'));
      return;
    }
    const before = currentVersion(k);
    const sent = termsToSend(terms);
    if (before && changedTerms(before.terms, sent).length === 0) {
      setError(t('oa.revise.nothing_changed'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await live.send('commitment.revise', { commitment_id: k.id, terms: sent, reason: reason.trim() });
      if (r.ok) onClose();
      else setError(describeRefusal(r.error, live.state.value));
    } catch (err) {
      setError(t('error.generic', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="oe-form oe-confirm" onSubmit={submit} noValidate aria-labelledby={`${prefix}-h`}>
      <h5 id={`${prefix}-h`}>{t('oa.revise.title', { id: k.id })}</h5>
      <p class="hint">{t('oa.revise.about')}</p>
      <TermsFields idPrefix={prefix} terms={terms} minDate={state.details.date} onChange={setTerms}
        fixedParts={fixedParts} partsLocked={locked} />
      <label for={`${prefix}-reason`}>
        {needReason ? t('oa.revise.reason') : t('oa.revise.reason_optional')}
      </label>
      <textarea id={`${prefix}-reason`} required={needReason} value={reason}
        onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
      <div class="row">
        <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('oe.sending') : t('oa.revise.submit')}
        </button>
        <button type="button" class="btn" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
      <div role="alert">{error && <p class="error">{error}</p>}</div>
    </form>
  );
}

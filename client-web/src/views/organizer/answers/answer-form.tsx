// Answers the selected principal proposals together (proposals.answer): a commitment with its
// terms, not adopted with the reason, or referred to another entity.
import { useState } from 'preact/hooks';
import { live } from '../../../core/live';
import type { AnswerKind, CommitmentTerms, State } from '../../../core/protocol';
import { t } from '../../../i18n';
import '../../../i18n/organizer-event';
import { describeRefusal } from '../event/refusal';
import { emptyTerms, missingTerms, partsProblems, rowsFor, termsToSend, type ProposalRow } from './selectors';
import { TermsFields } from './terms';

const KINDS: readonly AnswerKind[] = ['commitment', 'not_adopted', 'referred'];

export function AnswerForm(props: {
  state: State;
  selected: string[];
  rows: ProposalRow[];
  onAnswered: () => void;
  onUnselect: (id: string) => void;
}) {
  const { state, selected } = props;
  const [kind, setKind] = useState<AnswerKind>('commitment');
  const [terms, setTerms] = useState<CommitmentTerms>(() => emptyTerms(state));
  const [reason, setReason] = useState('');
  const [referredTo, setReferredTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const chosen = rowsFor(props.rows, selected);

  const localProblem = (): string | null => {
    if (chosen.length === 0) return t('oa.form.pick_first');
    if (kind === 'commitment') {
      const missing = missingTerms(terms);
      if (missing.length > 0)
        return t('oa.form.missing', { fields: missing.map((k) => t(`oe.field.${k}`)).join(', ') });
      if (terms.due_date < state.details.date)
        return t('oa.form.due_before', { date: state.details.date });
      const parts = partsProblems(terms);
      if (parts.length > 0) return parts.map((p) => t(`oa.problem.${p}`)).join(' ');
    }
    if (kind === 'not_adopted' && reason.trim() === '') return t('oa.form.reason_required');
    if (kind === 'referred' && referredTo.trim() === '') return t('oa.form.referred_required');
    return null;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setDone(null);
    const problem = localProblem();
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    const ids = chosen.map((r) => r.id);
    try {
      const r = await live.send('proposals.answer', {
        proposal_ids: ids,
        kind,
        terms: kind === 'commitment' ? termsToSend(terms) : null,
        reason: reason.trim(),
        referred_to: kind === 'referred' ? referredTo.trim() : '',
      });
      if (r.ok) {
        setDone(t('oa.form.done', { n: ids.length, kind: t(`oa.kind.${kind}`) }));
        setTerms(emptyTerms(live.state.value ?? state));
        setReason('');
        setReferredTo('');
        props.onAnswered();
      } else {
        setError(describeRefusal(r.error, live.state.value));
      }
    } catch (err) {
      setError(t('error.generic', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card oe-form" aria-labelledby="oa-form-h">
      <h3 id="oa-form-h">{t('oa.form.title')}</h3>
      <div aria-live="polite">
        {chosen.length === 0 ? (
          <p class="hint">{t('oa.form.pick_first')}</p>
        ) : (
          <>
            <p>{t('oa.form.selected', { n: chosen.length })}</p>
            <ul class="list">
              {chosen.map((r) => (
                <li key={r.id} class="row">
                  <span>
                    <strong>{t('oe.ref', { w: r.workshopNumber, r: r.rank })}:</strong>{' '}
                    <span class="oe-prewrap">{r.contribution.text}</span>
                  </span>
                  <button
                    type="button"
                    class="btn btn-quiet"
                    onClick={() => props.onUnselect(r.id)}
                    aria-label={t('oa.form.unselect', { ref: t('oe.ref', { w: r.workshopNumber, r: r.rank }) })}
                  >
                    {t('oa.form.unselect_short')}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('oa.form.kind')}</legend>
          {KINDS.map((k) => (
            <label key={k} class="oe-radio">
              <input type="radio" name="oa-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`oa.kind.${k}`)}
            </label>
          ))}
        </fieldset>
        {kind === 'commitment' && (
          <TermsFields idPrefix="oa-new" terms={terms} minDate={state.details.date} onChange={setTerms} />
        )}
        {kind === 'referred' && (
          <>
            <label for="oa-referred">{t('oe.field.referred_to')}</label>
            <input id="oa-referred" type="text" required value={referredTo}
              onInput={(e) => setReferredTo((e.currentTarget as HTMLInputElement).value)} />
          </>
        )}
        <label for="oa-reason">
          {kind === 'not_adopted' ? t('oe.field.reason') : t('oa.form.reason_optional')}
        </label>
        <textarea id="oa-reason" required={kind === 'not_adopted'} value={reason}
          onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
        <div class="row">
          <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>
            {busy ? t('oe.sending') : t('oa.form.submit')}
          </button>
        </div>
        <div role="alert">{error && <p class="error">{error}</p>}</div>
        <div role="status" aria-live="polite">{done && <p class="ok">{done}</p>}</div>
      </form>
    </section>
  );
}

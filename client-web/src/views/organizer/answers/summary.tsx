// How a proposal was answered, in one line (with the commitment's current terms in brief).
import type { Answer, State } from '../../../core/protocol';
import { t } from '../../../i18n';
import '../../../i18n/organizer-event';
import { formatDate } from '../event/format';
import { currentVersion } from './selectors';

export function AnswerSummary({ state, answer }: { state: State; answer: Answer | null }) {
  if (!answer) {
    return <p class="oe-answer"><span class="badge oe-answer-none">{t('oa.answer.none')}</span></p>;
  }
  const shared = answer.proposal_ids.length > 1 ? ` ${t('oa.answer.shared', { n: answer.proposal_ids.length })}` : '';
  switch (answer.kind) {
    case 'commitment': {
      const k = state.commitments.find((c) => c.id === answer.commitment_id);
      const v = k ? currentVersion(k) : null;
      return (
        <p class="oe-answer">
          <span class="badge oe-answer-commitment">{t('oa.kind.commitment')}</span>{shared}{' '}
          {v && (
            <>
              <span class="oe-prewrap">{v.terms.what}</span>{' '}
              <span class="hint">
                {t('oa.answer.due', { date: formatDate(v.terms.due_date), entity: v.terms.entity })}
                {v.version > 1 ? ` · ${t('oa.commitment.version', { n: v.version })}` : ''}
              </span>
            </>
          )}
        </p>
      );
    }
    case 'not_adopted':
      return (
        <p class="oe-answer">
          <span class="badge oe-answer-not_adopted">{t('oa.kind.not_adopted')}</span>{shared}{' '}
          <span class="oe-prewrap">{answer.reason}</span>
        </p>
      );
    case 'referred':
      return (
        <p class="oe-answer">
          <span class="badge oe-answer-referred">{t('oa.badge.referred')}</span>{shared}{' '}
          {t('oa.answer.referred_to', { to: answer.referred_to })}
          {answer.reason && <> · <span class="oe-prewrap">{answer.reason}</span></>}
        </p>
      );
    default:
      return <p class="oe-answer"><span class="badge">{t('oa.kind.unknown')}</span></p>;
  }
}

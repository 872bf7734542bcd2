// A refused progress report in words: the generic sentence (describeError) with the field named
// in the person's language, plus what to do about it.
import type { ErrorReply } from '../../core/live';
import { t } from '../../i18n';
import { describeError } from '../../i18n/errors';
import '../../i18n/office';
import { fmtDate } from './format';

const FIELDS = new Set(['commitment_id', 'part', 'percent', 'status', 'note', 'evidence_url', 'as_of']);

/** The field's label ("fecha de corte del avance") for a field name of progress.report. */
export function fieldLabel(field: string): string {
  return FIELDS.has(field) ? t(`office.fieldname.${field}`) : field;
}

/** The specific advice for a refusal, or '' when the generic sentence says it all. */
export function refusalDetail(error: ErrorReply, eventDate: string): string {
  const field = error.details?.field ?? error.field ?? '';
  const message = error.message ?? '';
  switch (error.code) {
    case 'wrong_phase':
      return t('office.refusal.wrong_phase');
    case 'not_found':
      return t('office.refusal.not_found');
    case 'forbidden':
    case 'wrong_encuentro':
      return t('office.refusal.forbidden');
    case 'invalid_argument':
      if (field === 'as_of')
        return /future/.test(message)
          ? t('office.problem.as_of_future')
          : /before/.test(message)
            ? t('office.problem.as_of_before', { date: fmtDate(eventDate) })
            : t('office.problem.as_of');
      if (field === 'percent')
        return /fulfilled|100%/.test(message) ? t('office.problem.percent_fulfilled') : t('office.problem.percent');
      if (field === 'evidence_url') return t('office.problem.evidence_url');
      if (field === 'note') return t('office.problem.note');
      if (field === 'status') return t('office.problem.status');
      if (field === 'part') return t('office.problem.part');
      return '';
    default:
      return '';
  }
}

/** The whole sentence shown under the form. */
export function describeRefusal(error: ErrorReply, eventDate: string): string {
  const field = error.details?.field ?? error.field;
  const named: ErrorReply =
    field && FIELDS.has(field)
      ? ({ ...error, details: { ...(error.details ?? {}), field: fieldLabel(field) } } as ErrorReply)
      : error;
  const detail = refusalDetail(error, eventDate);
  const base = describeError(named);
  return detail ? `${base} ${detail}` : base;
}

// A refused moderation, reply or erasure in words: the veeduría's own rule codes first, then the
// sentence every view uses (describeError).
import type { ErrorReply } from '../../core/live';
import { t } from '../../i18n';
import { describeError } from '../../i18n/errors';
import '../../i18n/veeduria';

/** Rule codes the veeduría explains itself. */
const OWN = new Set(['already_replied', 'not_approved', 'not_pending', 'already_erased', 'wrong_phase', 'not_found', 'invalid_argument']);

export function describeObservationRefusal(error: ErrorReply): string {
  if (OWN.has(error.code)) {
    const field = error.details?.field ?? error.field ?? '';
    if (error.code === 'invalid_argument' && field.endsWith('reason')) return t('vd.err.reason');
    if (error.code === 'invalid_argument' && field.endsWith('text')) return t('vd.err.text');
    if (error.code !== 'invalid_argument') return t(`vd.err.${error.code}`);
  }
  return describeError(error);
}

// Turns the server's refusal of a phase, plenary or answer command into a sentence for the
// organizer: the generic text from i18n/errors.ts, plus the specifics in `details` (which
// workshops lack staff, which proposals are unanswered, which field is wrong) in words.
import type { ErrorReply } from '../../../core/live';
import type { State } from '../../../core/protocol';
import { describeError } from '../../../i18n/errors';
import { t } from '../../../i18n';
import '../../../i18n/common';
import '../../../i18n/organizer-event';

/** "Taller 2" for a workshop id (the id itself when unknown). */
export function workshopName(state: State | null, id: string): string {
  const w = state?.workshops.find((x) => x.id === id);
  return w ? t('common.workshop', { n: w.number }) : id;
}

/** "Taller 1, propuesta 2" for a principal proposal id. */
export function proposalRef(state: State | null, id: string): string {
  for (const w of state?.workshops ?? []) {
    const i = w.principal_proposals.indexOf(id);
    if (i >= 0) return t('oe.ref', { w: w.number, r: i + 1 });
  }
  return id;
}

const list = (s: string | undefined): string[] => (s ? s.split(',').filter(Boolean) : []);

/** Fields of commands this area sends, in words (for invalid_argument). */
const FIELD_KEYS = new Set([
  'what',
  'entity',
  'office',
  'due_date',
  'indicator',
  'goal',
  'territory',
  'parts',
  'reason',
  'referred_to',
  'proposal_ids',
  'terms',
  'target',
]);

/** The specific sentence for a rule refusal, or '' when the generic text says it all. */
export function refusalDetail(error: ErrorReply, state: State | null): string {
  const d = error.details ?? {};
  switch (error.code) {
    case 'staff_missing':
      return t('oe.refusal.staff_missing', {
        list: list(d.workshops).map((id) => workshopName(state, id)).join(', '),
      });
    case 'voting_open':
      return d.workshops
        ? t('oe.refusal.voting_open', {
            list: list(d.workshops).map((id) => workshopName(state, id)).join(', '),
          })
        : '';
    case 'workshops_not_formed':
      return t('oe.refusal.workshops_not_formed');
    case 'unanswered_proposals':
      return t('oe.refusal.unanswered', {
        n: list(d.proposals).length,
        list: list(d.proposals).map((id) => proposalRef(state, id)).join('; '),
      });
    case 'phase_skip':
      return d.next ? t('oe.refusal.phase_skip', { next: t(`oe.phase.${d.next}`) }) : '';
    case 'wrong_phase':
      return d.phase ? t('oe.refusal.wrong_phase', { phase: t(`oe.phase.${d.phase}`) }) : '';
    case 'results_published':
      return t('oe.refusal.results_published');
    case 'already_answered':
      return t('oe.refusal.already_answered', { ref: proposalRef(state, d.id ?? '') });
    case 'not_principal':
      return t('oe.refusal.not_principal', { ref: d.id ?? '' });
    case 'not_found':
      return d.id ? t('oe.refusal.not_found', { id: d.id }) : '';
    case 'invalid_argument': {
      const field = d.field ?? '';
      const name = FIELD_KEYS.has(field) ? t(`oe.field.${field}`) : field;
      if (!field) return '';
      const base = t('oe.refusal.invalid', { field: name });
      // R10 on parts: the server says which rule (never remove; none after whole reports).
      const message = error.message ?? '';
      if (field === 'parts' && /remove/.test(message)) return `${base} ${t('oa.problem.parts_removed')}`;
      if (field === 'parts' && /reported/.test(message)) return `${base} ${t('oa.parts.locked')}`;
      return base;
    }
    default:
      return '';
  }
}

/** The full message shown to the organizer. */
export function describeRefusal(error: ErrorReply, state: State | null): string {
  const detail = refusalDetail(error, state);
  if (!detail) return describeError(error);
  // The detail names workshops, proposals and fields in words: leave the raw ids out of the
  // generic sentence.
  const generic = describeError({ ...error, details: {}, field: undefined });
  return `${generic} ${detail}`;
}

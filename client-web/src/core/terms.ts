// A commitment's terms as the views list and compare them. `territory` and `parts` may be left
// out by an older server (core/progress reads them), and `parts` is a list: "what changed" between
// two versions compares it by value.
import type { CommitmentTerms } from './protocol';
import { partsOf, territoryOf } from './progress';

/** The terms, in the order the views list them (`parts` last: it is a list). */
export const TERM_FIELDS = ['what', 'entity', 'office', 'territory', 'due_date', 'indicator', 'goal', 'parts'] as const;
export type TermField = (typeof TERM_FIELDS)[number];

/** A term's value for comparison and display of single-line fields. */
function valueOf(terms: CommitmentTerms, key: TermField): string {
  if (key === 'parts') return JSON.stringify(partsOf(terms));
  if (key === 'territory') return territoryOf(terms);
  return String(terms[key] ?? '');
}

/** The terms whose value differs between two versions (for "what changed"). */
export function changedTerms(before: CommitmentTerms, after: CommitmentTerms): TermField[] {
  return TERM_FIELDS.filter((k) => valueOf(before, k) !== valueOf(after, k));
}

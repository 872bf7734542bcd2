// Pure selectors over State for the answers panel (R9: every principal proposal answered before
// publication; R10: commitments keep every version).
import type {
  Answer,
  CentralPoint,
  Commitment,
  CommitmentTerms,
  CommitmentVersion,
  Contribution,
  State,
} from '../../../core/protocol';
import { partsOf, progressOf, type CommitmentProgress } from '../../../core/progress';
import { changedTerms } from '../../../core/terms';
import { sortedWorkshops, voteTotal } from '../event/selectors';

export { changedTerms };

export interface ProposalRow {
  id: string;
  contribution: Contribution;
  workshopId: string;
  workshopNumber: number;
  rank: number;
  votes: number;
  answer: Answer | null;
}

/** The answer that covers a proposal, if any. */
export function answerFor(state: State, proposalId: string): Answer | null {
  return state.answers.find((a) => a.proposal_ids.includes(proposalId)) ?? null;
}

/** Every principal proposal, by workshop number then rank, with its answer. */
export function principalRows(state: State): ProposalRow[] {
  const answers = new Map<string, Answer>();
  for (const a of state.answers) for (const id of a.proposal_ids) answers.set(id, a);
  const byId = new Map(state.contributions.map((c) => [c.id, c]));
  const rows: ProposalRow[] = [];
  for (const w of sortedWorkshops(state)) {
    w.principal_proposals.forEach((id, i) => {
      const contribution = byId.get(id);
      if (!contribution) return; // not visible to this session (never for the organizer)
      rows.push({
        id,
        contribution,
        workshopId: w.id,
        workshopNumber: w.number,
        rank: i + 1,
        votes: voteTotal(state, id),
        answer: answers.get(id) ?? null,
      });
    });
  }
  return rows;
}

export type Grouping = 'workshop' | 'point';

export interface RowGroup {
  /** workshop id or point id */
  key: string;
  kind: Grouping;
  workshopNumber?: number;
  point?: CentralPoint | null;
  rows: ProposalRow[];
}

/** Rows grouped by workshop (number order) or by central point (plan order; unknown last). */
export function groupRows(state: State, rows: ProposalRow[], by: Grouping): RowGroup[] {
  const groups: RowGroup[] = [];
  const index = new Map<string, RowGroup>();
  const add = (key: string, make: () => RowGroup, row: ProposalRow) => {
    let g = index.get(key);
    if (!g) {
      g = make();
      index.set(key, g);
      groups.push(g);
    }
    g.rows.push(row);
  };
  if (by === 'workshop') {
    for (const r of rows)
      add(r.workshopId, () => ({ key: r.workshopId, kind: 'workshop', workshopNumber: r.workshopNumber, rows: [] }), r);
    return groups;
  }
  const order = new Map(state.points.map((p, i) => [p.id, i]));
  const sorted = [...rows].sort(
    (a, b) =>
      (order.get(a.contribution.point_id) ?? Infinity) - (order.get(b.contribution.point_id) ?? Infinity),
  );
  for (const r of sorted) {
    const pid = r.contribution.point_id;
    add(pid, () => ({ key: pid, kind: 'point', point: state.points.find((p) => p.id === pid) ?? null, rows: [] }), r);
  }
  return groups;
}

export interface AnswerProgress {
  total: number;
  answered: number;
  unanswered: ProposalRow[];
}

export function answerProgress(rows: ProposalRow[]): AnswerProgress {
  const unanswered = rows.filter((r) => r.answer === null);
  return { total: rows.length, answered: rows.length - unanswered.length, unanswered };
}

/** A commitment's version in force (the highest number). */
export function currentVersion(k: Commitment): CommitmentVersion | null {
  let best: CommitmentVersion | null = null;
  for (const v of k.versions) if (!best || v.version > best.version) best = v;
  return best;
}

/** Versions newest first, for the history. */
export function versionsNewestFirst(k: Commitment): CommitmentVersion[] {
  return [...k.versions].sort((a, b) => b.version - a.version);
}

/** A short label for a proposal: "T2·#1" style references are built in the view; this finds the
 *  rows a commitment answers, in display order. */
export function rowsFor(rows: ProposalRow[], ids: string[]): ProposalRow[] {
  const wanted = new Set(ids);
  return rows.filter((r) => wanted.has(r.id));
}

/** Empty terms for a new commitment form; the entity defaults to the first convening entity. */
export function emptyTerms(state: State): CommitmentTerms {
  return {
    what: '',
    entity: state.details.entities[0] ?? '',
    office: '',
    due_date: '',
    indicator: '',
    goal: '',
    territory: '',
    parts: [],
  };
}

type RequiredTerm = 'what' | 'entity' | 'due_date' | 'indicator' | 'goal';

/** Which required terms are blank (the server's check_terms: office and territory are optional). */
export function missingTerms(t: CommitmentTerms): RequiredTerm[] {
  const required: RequiredTerm[] = ['what', 'entity', 'due_date', 'indicator', 'goal'];
  return required.filter((k) => t[k].trim() === '');
}

/** The server's limits on a commitment's parts (server/domain/policy.hpp). */
export const MIN_PARTS = 2;
export const MAX_PARTS = 20;
export const MAX_PART_TEXT = 300;
export const MAX_TERRITORY = 200;

export type PartsProblem = 'parts_one' | 'parts_many' | 'parts_blank' | 'parts_long' | 'parts_removed' | 'territory_long';

/** Code points, as the server counts text. */
function length(text: string): number {
  return [...text].length;
}

/**
 * What is wrong with the territory and the parts before sending (the server decides): none or 2
 * to 20 parts, each a non-blank line of at most 300 characters; a revision keeps the `fixedParts`
 * the terms in force already have (R10: parts are added, never removed).
 */
export function partsProblems(t: CommitmentTerms, fixedParts = 0): PartsProblem[] {
  const out: PartsProblem[] = [];
  if (length(t.territory.trim()) > MAX_TERRITORY) out.push('territory_long');
  const parts = t.parts;
  if (parts.length < fixedParts) out.push('parts_removed');
  if (parts.length === 1) out.push('parts_one');
  if (parts.length > MAX_PARTS) out.push('parts_many');
  if (parts.some((p) => p.trim() === '')) out.push('parts_blank');
  if (parts.some((p) => length(p.trim()) > MAX_PART_TEXT)) out.push('parts_long');
  return out;
}

/** The terms as sent: text trimmed, parts one line each. */
export function termsToSend(t: CommitmentTerms): CommitmentTerms {
  return {
    ...t,
    office: t.office.trim(),
    territory: t.territory.trim().replace(/\s+/g, ' '),
    parts: t.parts.map((p) => p.trim().replace(/\s+/g, ' ')),
  };
}

/** Can a revision give parts to this commitment? Not once progress was reported on it as a whole
 *  (the server refuses: those reports would lose their meaning). */
export function partsAddable(state: Pick<State, 'progress_reports'>, k: Commitment): boolean {
  if (partsOf(currentVersion(k)?.terms).length > 0) return true;
  return !state.progress_reports.some((r) => r.commitment_id === k.id);
}

/** A commitment's progress now (core/progress: its latest report, or the average of its parts). */
export function commitmentProgress(state: Pick<State, 'progress_reports'>, k: Commitment): CommitmentProgress {
  return progressOf(state, k);
}

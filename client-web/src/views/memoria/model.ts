// Pure helpers of the printable memoria: the aggregations and orderings its sections show. No DOM,
// no fetch, no strings of the interface: unit-tested (model.test.ts).
import type { CommitmentView, EncuentroView, PointView, ProposalView, WorkshopView } from '../portal/api';
import type { ProposalRef } from '../portal/model';

/** The memoria's address for an encuentro (the portal links to it). */
export function memoriaHref(id: string): string {
  return `/publico/${encodeURIComponent(id)}/memoria`;
}

/** The portal page an encuentro's memoria comes from. */
export function encuentroHref(id: string): string {
  return `/publico/${encodeURIComponent(id)}`;
}

/** Whole percent of `part` in `total` (0 when the total is not positive). */
export function percentOf(part: number, total: number): number {
  if (!(total > 0) || !(part > 0)) return 0;
  return Math.round((Math.min(part, total) / total) * 100);
}

export interface AttendanceSplit {
  total: number;
  registered: number;
  /** Attendees who came without registering beforehand (never negative). */
  walkIns: number;
  registeredPercent: number;
  walkInsPercent: number;
}

/** Registered beforehand vs. registered at the door, from the public counts. */
export function attendanceSplit(a: EncuentroView['attendance']): AttendanceSplit {
  const total = Math.max(0, a.total);
  const registered = Math.max(0, Math.min(a.registered, total));
  const walkIns = total - registered;
  const registeredPercent = percentOf(registered, total);
  return {
    total,
    registered,
    walkIns,
    registeredPercent,
    walkInsPercent: total > 0 ? 100 - registeredPercent : 0,
  };
}

export interface CountRow {
  key: string;
  count: number;
  /** Whole percent of the rows' sum. */
  percent: number;
}

/**
 * Rows of a breakdown (by value group, by territory) with their share of the sum, largest first
 * (ties keep the API's order). Rows without anyone are dropped.
 */
export function breakdown<T>(rows: T[], key: (r: T) => string, count: (r: T) => number): CountRow[] {
  const kept = rows
    .map((r, i) => ({ key: key(r), count: Math.max(0, count(r)), i }))
    .filter((r) => r.count > 0);
  const sum = kept.reduce((s, r) => s + r.count, 0);
  return kept
    .sort((a, b) => b.count - a.count || a.i - b.i)
    .map(({ key: k, count: c }) => ({ key: k, count: c, percent: percentOf(c, sum) }));
}

/** The sum of a breakdown's counts. */
export function sumOf(rows: { count: number }[]): number {
  return rows.reduce((s, r) => s + r.count, 0);
}

// ---------------------------------------------------------------------------------------------
// Workshops, proposals and answers

export type AnswerKey = 'commitment' | 'not_adopted' | 'referred' | 'other' | 'none';
export const ANSWER_KEYS: readonly AnswerKey[] = ['commitment', 'not_adopted', 'referred', 'other', 'none'];

/** How the principal proposals were answered: by kind, plus those without an answer. */
export function answerCounts(workshops: WorkshopView[]): Record<AnswerKey, number> & { total: number } {
  const counts = { commitment: 0, not_adopted: 0, referred: 0, other: 0, none: 0, total: 0 };
  for (const w of workshops)
    for (const p of w.principal_proposals) {
      counts.total++;
      const kind = p.answer?.kind;
      if (!p.answer) counts.none++;
      else if (kind === 'commitment' || kind === 'not_adopted' || kind === 'referred') counts[kind]++;
      else counts.other++;
    }
  return counts;
}

/** Workshops by number (the API's order is kept for equal numbers). */
export function workshopsInOrder(workshops: WorkshopView[]): WorkshopView[] {
  return workshops.map((w, i) => ({ w, i })).sort((a, b) => a.w.number - b.w.number || a.i - b.i).map((x) => x.w);
}

/** Total votes cast for a workshop's principal proposals. */
export function votesOf(w: WorkshopView): number {
  return w.principal_proposals.reduce((s, p) => s + Math.max(0, p.votes), 0);
}

/** "1", "2"… : each central point's number in the order the encuentro lists them. */
export function pointNumbers(points: PointView[]): Map<string, number> {
  return new Map(points.map((p, i) => [p.id, i + 1]));
}

/** The guide question a proposal answers, when the API names one. */
export function questionOf(points: PointView[], p: ProposalView): string {
  if (!p.question_id) return '';
  for (const point of points) {
    const q = point.questions.find((x) => x.id === p.question_id);
    if (q) return q.text;
  }
  return '';
}

// ---------------------------------------------------------------------------------------------
// Commitments

/** The principal proposals a commitment answers (known ones only), with their workshop numbers. */
export function proposalsOf(c: CommitmentView, index: Map<string, ProposalRef>): ProposalRef[] {
  return c.proposal_ids.flatMap((id) => {
    const ref = index.get(id);
    return ref ? [ref] : [];
  });
}

/**
 * Commitments in the order of the proposals they answer (workshop, then rank), those answering
 * no known proposal last; each keeps its number in that order for the document ("Compromiso 3").
 */
export function commitmentsInOrder(commitments: CommitmentView[], workshops: WorkshopView[]): CommitmentView[] {
  const position = new Map<string, number>();
  let n = 0;
  for (const w of workshopsInOrder(workshops)) for (const p of w.principal_proposals) position.set(p.id, n++);
  const first = (c: CommitmentView) =>
    Math.min(Infinity, ...c.proposal_ids.map((id) => position.get(id) ?? Infinity));
  return commitments
    .map((c, i) => ({ c, i, at: first(c) }))
    .sort((a, b) => (a.at === b.at ? a.i - b.i : a.at < b.at ? -1 : 1))
    .map((x) => x.c);
}

/** The date the current terms took effect, when they were changed after the encuentro. */
export function changedOn(c: CommitmentView): string | null {
  if (c.versions.length < 2) return null;
  const current = c.versions.find((v) => v.version === c.version) ?? c.versions[c.versions.length - 1];
  return current.date || null;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export const CRITERIA = ['organisation', 'methodology', 'participation', 'answers'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** The criteria that have an average, in the form's order. */
export function evaluationRows(averages: EncuentroView['evaluation']['averages']): { key: Criterion; value: number }[] {
  return CRITERIA.flatMap((key) => {
    const v = averages[key];
    return typeof v === 'number' && Number.isFinite(v) ? [{ key, value: Math.max(0, Math.min(5, v)) }] : [];
  });
}

/** The mean of the criteria's averages (two decimals), or null when there is none. */
export function overallAverage(averages: EncuentroView['evaluation']['averages']): number | null {
  const rows = evaluationRows(averages);
  if (!rows.length) return null;
  return Math.round((rows.reduce((s, r) => s + r.value, 0) / rows.length) * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// Dates

/** The local civil date of `now` as "YYYY-MM-DD" (the memoria's "generated on"). */
export function civilDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

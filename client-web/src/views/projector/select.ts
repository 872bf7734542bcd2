// Pure selectors over the projector's State (every room as a citizen of none sees it): live
// counters per workshop, the plenary focus, principal proposals by central point, answers and
// commitments. Also used by the citizen's results view.
import type {
  Answer,
  CentralPoint,
  Commitment,
  CommitmentTerms,
  Contribution,
  PhaseOrUnknown,
  State,
  Workshop,
} from '../../core/protocol';
import { partsOf, progressOf, territoryOf, type CommitmentProgress } from '../../core/progress';

/** What the big screen shows, by phase. */
export type Screen = 'opening' | 'workshops' | 'plenary' | 'commitments' | 'published';

export function screenOf(phase: PhaseOrUnknown): Screen {
  switch (phase) {
    case 'workshops':
      return 'workshops';
    case 'plenary':
      return 'plenary';
    case 'commitments':
      return 'commitments';
    case 'published':
    case 'follow_up':
    case 'closed':
      return 'published';
    default:
      return 'opening';
  }
}

/** Workshops in number order. */
export function workshopsInOrder(s: State): Workshop[] {
  return [...s.workshops].sort((a, b) => a.number - b.number);
}

/** A workshop's contributions as shown on the screen: accepted ones (merged duplicates and
 *  pending or declined proposals excluded), in capture order. */
export function shownContributions(s: State, wid: string): Contribution[] {
  return s.contributions.filter((c) => c.workshop_id === wid && c.status === 'active');
}

/** Votes for one contribution: dots plus hand counts (server: vote_total). */
export function tally(s: State, cid: string): number {
  let n = 0;
  for (const v of s.votes) if (v.contribution_id === cid) n += 1;
  for (const h of s.hand_counts) if (h.contribution_id === cid) n += h.count;
  return n;
}

export interface Counters {
  /** Accepted contributions of every kind. */
  contributions: number;
  /** Accepted proposals (kind `propuesta`). */
  proposals: number;
  /** Dots and hand counts on the workshop's proposals. */
  votes: number;
  members: number;
}

export function countersOf(s: State, w: Workshop): Counters {
  const shown = shownContributions(s, w.id);
  const ids = new Set(s.contributions.filter((c) => c.workshop_id === w.id).map((c) => c.id));
  let votes = 0;
  for (const v of s.votes) if (ids.has(v.contribution_id)) votes += 1;
  for (const h of s.hand_counts) if (ids.has(h.contribution_id)) votes += h.count;
  return {
    contributions: shown.length,
    proposals: shown.filter((c) => c.kind === 'propuesta').length,
    votes,
    members: w.members.length,
  };
}

/** A workshop's principal proposals in their ranked order (those this state holds). */
export function principalsOf(s: State, w: Workshop): Contribution[] {
  const out: Contribution[] = [];
  for (const id of w.principal_proposals) {
    const c = s.contributions.find((k) => k.id === id);
    if (c) out.push(c);
  }
  return out;
}

export interface PrincipalItem {
  proposal: Contribution;
  workshopNumber: number;
  votes: number;
}

export interface PointGroup {
  /** The central point's id; its record is null when the point is no longer in the plan. */
  pointId: string;
  point: CentralPoint | null;
  items: PrincipalItem[];
}

/** Every workshop's principal proposals grouped by central point, in the plan's order of
 *  points, workshops in number order within a point. Points without proposals are left out. */
export function principalsByPoint(s: State): PointGroup[] {
  const groups = new Map<string, PointGroup>();
  for (const p of s.points) groups.set(p.id, { pointId: p.id, point: p, items: [] });
  for (const w of workshopsInOrder(s)) {
    for (const c of principalsOf(s, w)) {
      let g = groups.get(c.point_id);
      if (!g) {
        g = { pointId: c.point_id, point: null, items: [] };
        groups.set(c.point_id, g);
      }
      g.items.push({ proposal: c, workshopNumber: w.number, votes: tally(s, c.id) });
    }
  }
  return [...groups.values()].filter((g) => g.items.length > 0);
}

/** What the plenary shows now, from the organizer's `plenary_focus` ("all" or a workshop id). */
export type Focus =
  | { kind: 'overview' }
  | { kind: 'workshop'; workshop: Workshop }
  | { kind: 'all' };

export function resolveFocus(s: State): Focus {
  const target = s.plenary_focus;
  if (target === 'all') return { kind: 'all' };
  if (target) {
    const workshop = s.workshops.find((w) => w.id === target);
    if (workshop) return { kind: 'workshop', workshop };
  }
  return { kind: 'overview' };
}

/** Every principal proposal id, in workshop order (server: all_principal_proposals). */
export function allPrincipalIds(s: State): string[] {
  return workshopsInOrder(s).flatMap((w) => w.principal_proposals);
}

export function answerFor(s: State, proposalId: string): Answer | null {
  return s.answers.find((a) => a.proposal_ids.includes(proposalId)) ?? null;
}

export function commitmentOf(s: State, a: Answer): Commitment | null {
  if (!a.commitment_id) return null;
  return s.commitments.find((k) => k.id === a.commitment_id) ?? null;
}

/** The terms in force: the latest version's. */
export function currentTerms(k: Commitment): CommitmentTerms | null {
  if (k.versions.length === 0) return null;
  let latest = k.versions[0];
  for (const v of k.versions) if (v.version > latest.version) latest = v;
  return latest.terms;
}

/** Where a commitment applies ("" for the entity's whole territory) and its parts (empty when
 *  none), under the terms in force. */
export function placeAndParts(k: Commitment): { territory: string; parts: string[] } {
  const terms = currentTerms(k);
  return { territory: territoryOf(terms), parts: partsOf(terms) };
}

/** A commitment's progress now (core/progress: its latest report, or the average of its parts);
 *  null before anything was reported on it (the screen then says nothing about progress). */
export function progressShown(s: State, k: Commitment): CommitmentProgress | null {
  const p = progressOf(s, k);
  return p.latest ? p : null;
}

export interface AnswerProgress {
  answered: number;
  total: number;
}

/** How many principal proposals have an answer (R9: all before publication). */
export function answerProgress(s: State): AnswerProgress {
  const ids = allPrincipalIds(s);
  return { answered: ids.filter((id) => answerFor(s, id) !== null).length, total: ids.length };
}

/** Answers newest first, with the proposals they answer (those this state holds). */
export function answersNewestFirst(
  s: State,
): { answer: Answer; proposals: Contribution[]; commitment: Commitment | null }[] {
  // The answers list is in the order they were stated (several may share a millisecond).
  return [...s.answers]
    .reverse()
    .map((answer) => ({
      answer,
      proposals: answer.proposal_ids
        .map((id) => s.contributions.find((c) => c.id === id))
        .filter((c): c is Contribution => c !== undefined),
      commitment: commitmentOf(s, answer),
    }));
}

/** The workshop with this id's number (for "Taller N" labels). */
export function workshopNumber(s: State, wid: string): number | null {
  return s.workshops.find((w) => w.id === wid)?.number ?? null;
}

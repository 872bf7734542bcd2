// Pure selectors over the encuentro's State for the organizer's phase and plenary panels.
// No signals, no DOM: everything here is tested in selectors.test.ts.
import type {
  CentralPoint,
  Contribution,
  Phase,
  PhaseOrUnknown,
  State,
  Workshop,
  WorkshopTimer,
} from '../../../core/protocol';

/** The lifecycle, in order (spec: draft → … → closed). */
export const PHASES: readonly Phase[] = [
  'draft',
  'convened',
  'opening',
  'workshops',
  'plenary',
  'commitments',
  'published',
  'follow_up',
  'closed',
];

/** The phase after `phase`, or null at the end (or for an unknown phase). */
export function nextPhase(phase: PhaseOrUnknown): Phase | null {
  const i = PHASES.indexOf(phase as Phase);
  if (i < 0 || i + 1 >= PHASES.length) return null;
  return PHASES[i + 1];
}

/** Where a phase sits relative to the current one, for the lifecycle list. */
export function phaseStatus(phase: Phase, current: PhaseOrUnknown): 'done' | 'current' | 'todo' {
  const i = PHASES.indexOf(phase);
  const c = PHASES.indexOf(current as Phase);
  if (c < 0) return 'todo';
  if (i < c) return 'done';
  return i === c ? 'current' : 'todo';
}

/** When the encuentro entered each phase it has reached (ms), from phase_history. */
export function phaseEnteredAt(state: State): Partial<Record<Phase, number>> {
  const out: Partial<Record<Phase, number>> = {};
  for (const change of state.phase_history) {
    if (change.phase !== 'unknown') out[change.phase] = change.at;
  }
  return out;
}

/** A condition of the next step, checked on this device before asking the server (which has the
 *  last word). `blocking` ones make the server refuse; the others are warnings. */
export interface Requirement {
  /** i18n key suffix (organizer-event.req.<code>) */
  code:
    | 'convocation'
    | 'workshops_formed'
    | 'staff'
    | 'servants'
    | 'voting_open'
    | 'voting_not_closed'
    | 'synthesis_not_final'
    | 'no_principals'
    | 'answers'
    | 'none';
  met: boolean;
  blocking: boolean;
  /** Workshop numbers or proposal ids concerned, when some are not met. */
  items: string[];
}

function workshopsWhere(state: State, pred: (w: Workshop) => boolean): string[] {
  return sortedWorkshops(state)
    .filter(pred)
    .map((w) => String(w.number));
}

/** What moving to `to` requires, as far as this device can tell. */
export function requirementsFor(state: State, to: Phase): Requirement[] {
  const req = (
    code: Requirement['code'],
    items: string[],
    blocking: boolean,
    met = items.length === 0,
  ): Requirement => ({ code, met, blocking, items });
  switch (to) {
    case 'convened':
      return [req('convocation', [], true, state.convocation_published_on !== null)];
    case 'workshops':
      return [
        req('workshops_formed', [], true, state.workshops.length > 0),
        req('staff', workshopsWhere(state, (w) => !w.facilitator || !w.relator), true),
        req('servants', workshopsWhere(state, (w) => w.servants.length === 0), false),
      ];
    case 'plenary':
      return [
        req('voting_open', workshopsWhere(state, (w) => w.voting.open), true),
        req(
          'voting_not_closed',
          workshopsWhere(state, (w) => !w.voting.open && !w.voting.closed),
          false,
        ),
        req('no_principals', workshopsWhere(state, (w) => w.principal_proposals.length === 0), false),
        req('synthesis_not_final', workshopsWhere(state, (w) => !w.synthesis_final), false),
      ];
    case 'published':
      return [req('answers', unansweredProposalIds(state), true)];
    default:
      return [req('none', [], false, true)];
  }
}

/** Every principal proposal id (workshop order, then rank) with no answer yet (R9). */
export function unansweredProposalIds(state: State): string[] {
  const answered = new Set(state.answers.flatMap((a) => a.proposal_ids));
  return sortedWorkshops(state)
    .flatMap((w) => w.principal_proposals)
    .filter((id) => !answered.has(id));
}

/** Workshops by number. */
export function sortedWorkshops(state: State): Workshop[] {
  return [...state.workshops].sort((a, b) => a.number - b.number);
}

// ---- workshop overview --------------------------------------------------------------------

export type TimerView =
  | { status: 'idle'; allottedMinutes: number }
  | { status: 'running'; remainingMs: number; overdue: boolean }
  | { status: 'paused'; remainingMs: number };

/** What a workshop's timer shows at server time `now` (deadline and remaining are the server's). */
export function timerView(timer: WorkshopTimer, now: number): TimerView {
  switch (timer.status) {
    case 'running': {
      const remaining = timer.deadline - now;
      return { status: 'running', remainingMs: Math.max(0, remaining), overdue: remaining <= 0 };
    }
    case 'paused':
      return { status: 'paused', remainingMs: Math.max(0, timer.remaining_ms) };
    default:
      return { status: 'idle', allottedMinutes: timer.allotted_minutes };
  }
}

export type VotingState = 'not_open' | 'open' | 'closed';

export function votingState(w: Workshop): VotingState {
  if (w.voting.open) return 'open';
  return w.voting.closed ? 'closed' : 'not_open';
}

export type SynthesisState = 'empty' | 'draft' | 'final';

export function synthesisState(w: Workshop): SynthesisState {
  if (w.synthesis_final) return 'final';
  return w.synthesis.trim() === '' ? 'empty' : 'draft';
}

export interface WorkshopOverview {
  id: string;
  number: number;
  members: number;
  timer: TimerView;
  /** The current guide question's text, or null when none is set. */
  question: string | null;
  /** Active contributions (merged, declined and pending ones are not counted). */
  contributions: number;
  /** Citizens' proposals waiting for the relator. */
  pending: number;
  voting: VotingState;
  dotsPerPerson: number;
  principals: number;
  synthesis: SynthesisState;
  facilitator: string | null;
  relator: string | null;
  servants: string[];
  interpreter: string | null;
  speakingQueue: number;
}

export function questionText(state: State, questionId: string | null): string | null {
  if (!questionId) return null;
  for (const p of state.points) {
    const q = p.questions.find((x) => x.id === questionId);
    if (q) return q.text;
  }
  return null;
}

export function workshopOverview(state: State, now: number): WorkshopOverview[] {
  const active = new Map<string, number>();
  const pending = new Map<string, number>();
  for (const c of state.contributions) {
    const into = c.status === 'active' ? active : c.status === 'pending' ? pending : null;
    if (into) into.set(c.workshop_id, (into.get(c.workshop_id) ?? 0) + 1);
  }
  return sortedWorkshops(state).map((w) => ({
    id: w.id,
    number: w.number,
    members: w.members.length,
    timer: timerView(w.timer, now),
    question: questionText(state, w.current_question),
    contributions: active.get(w.id) ?? 0,
    pending: pending.get(w.id) ?? 0,
    voting: votingState(w),
    dotsPerPerson: w.voting.dots_per_person,
    principals: w.principal_proposals.length,
    synthesis: synthesisState(w),
    facilitator: w.facilitator,
    relator: w.relator,
    servants: w.servants,
    interpreter: w.interpreter_id
      ? (state.interpreters.find((i) => i.id === w.interpreter_id)?.name ?? null)
      : null,
    speakingQueue: w.speaking_queue.length,
  }));
}

// ---- plenary ------------------------------------------------------------------------------

/** The plenary's target meaning "every principal proposal by central point". */
export const ALL_TARGET = 'all';

/** The order the plenary walks: each workshop by number, then the overview of all proposals. */
export function plenaryTargets(state: State): string[] {
  return [...sortedWorkshops(state).map((w) => w.id), ALL_TARGET];
}

/** The targets before and after `current` (null at the ends). With no focus yet, "next" is the
 *  first target. */
export function plenaryNeighbours(
  targets: string[],
  current: string | null,
): { previous: string | null; next: string | null; index: number } {
  const index = current === null ? -1 : targets.indexOf(current);
  if (index < 0) return { previous: null, next: targets[0] ?? null, index: -1 };
  return {
    previous: index > 0 ? targets[index - 1] : null,
    next: index + 1 < targets.length ? targets[index + 1] : null,
    index,
  };
}

/** Votes of a proposal: dots cast plus hand counts (as the server ranks them). */
export function voteTotal(state: State, contributionId: string): number {
  let n = 0;
  for (const v of state.votes) if (v.contribution_id === contributionId) n += 1;
  for (const h of state.hand_counts) if (h.contribution_id === contributionId) n += h.count;
  return n;
}

export interface RankedProposal {
  contribution: Contribution;
  workshopNumber: number;
  rank: number; // 1-based, within its workshop
  votes: number;
}

/** A workshop's principal proposals, in their rank order. */
export function workshopPrincipals(state: State, w: Workshop): RankedProposal[] {
  const out: RankedProposal[] = [];
  w.principal_proposals.forEach((id, i) => {
    const contribution = state.contributions.find((c) => c.id === id);
    if (contribution)
      out.push({ contribution, workshopNumber: w.number, rank: i + 1, votes: voteTotal(state, id) });
  });
  return out;
}

export interface PointGroup {
  point: CentralPoint | null; // null: a point no longer in the plan
  pointId: string;
  proposals: RankedProposal[];
}

/** Every principal proposal grouped by central point (plan order), each group by workshop then
 *  rank. Points with no principal proposal are left out. */
export function principalsByPoint(state: State): PointGroup[] {
  const all = sortedWorkshops(state).flatMap((w) => workshopPrincipals(state, w));
  const groups: PointGroup[] = state.points.map((point) => ({
    point,
    pointId: point.id,
    proposals: [],
  }));
  const byId = new Map(groups.map((g) => [g.pointId, g]));
  for (const p of all) {
    let g = byId.get(p.contribution.point_id);
    if (!g) {
      g = { point: null, pointId: p.contribution.point_id, proposals: [] };
      byId.set(g.pointId, g);
      groups.push(g);
    }
    g.proposals.push(p);
  }
  return groups.filter((g) => g.proposals.length > 0);
}

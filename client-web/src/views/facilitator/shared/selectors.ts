// Pure selectors over the State, for the workshop tablets (facilitator, relator, servant).
// No signals, no DOM: every function takes plain data, so vitest checks them directly.
import type { PendingCommand } from '../../../core/live';
import type {
  CentralPoint,
  Contribution,
  ContributionCaptureArgs,
  ContributionKind,
  Participant,
  State,
  Workshop,
} from '../../../core/protocol';

/** The contribution kinds in the order the relator's form offers them (Alt+1..5). */
export const KINDS: readonly ContributionKind[] = [
  'propuesta',
  'sugerencia',
  'observacion',
  'pregunta',
  'queja',
];

/** R7 defaults (server/domain/policy.hpp); the server may be configured narrower. */
export const TIMER_MIN_MINUTES = 60;
export const TIMER_MAX_MINUTES = 90;
/** voting.open accepts 1..10 dots (decide.cpp); 3 is the configured default. */
export const DOTS_MIN = 1;
export const DOTS_MAX = 10;
export const DOTS_DEFAULT = 3;
/** hand_count.record accepts 0..300. */
export const HAND_COUNT_MAX = 300;

export function findWorkshop(state: State | null, id: string | null): Workshop | null {
  if (!state || !id) return null;
  return state.workshops.find((w) => w.id === id) ?? null;
}

/** Participant name by id (staff see names of their workshop's members). */
export function nameOf(state: State, participantId: string): string {
  return state.participants.find((p) => p.id === participantId)?.name ?? participantId;
}

/** The workshop's members as participants, in the workshop's order. */
export function membersOf(state: State, w: Workshop): Participant[] {
  const byId = new Map(state.participants.map((p) => [p.id, p]));
  return w.members.map(
    (id) =>
      byId.get(id) ?? {
        id,
        name: id,
        territory: '',
        value_group: 'unknown',
        needs: { lsc_interpreter: false, guide_interpreter: false, other: '' },
        checked_in_at: 0,
        registrant_id: null,
        workshop_id: w.id,
      },
  );
}

export interface QueueEntry {
  id: string;
  name: string;
  /** 1-based position in the queue. */
  position: number;
  /** Not yet heard in this workshop: the facilitator may prefer them (everyone is heard). */
  firstTime: boolean;
}

/** Raised hands, in the order they were raised. */
export function speakingQueue(state: State, w: Workshop): QueueEntry[] {
  const heard = new Set(w.heard);
  return w.speaking_queue.map((id, i) => ({
    id,
    name: nameOf(state, id),
    position: i + 1,
    firstTime: !heard.has(id),
  }));
}

/** Members who have not had the floor yet (workshop.heard), in member order. */
export function notYetHeard(state: State, w: Workshop): Participant[] {
  const heard = new Set(w.heard);
  return membersOf(state, w).filter((p) => !heard.has(p.id));
}

/** The workshop's contributions that count (not merged away, not declined). */
export function liveContributions(state: State, workshopId: string): Contribution[] {
  return state.contributions.filter(
    (c) => c.workshop_id === workshopId && (c.status === 'active' || c.status === 'pending'),
  );
}

/** Citizens' proposals waiting for the relator (status pending). */
export function pendingProposals(state: State, workshopId: string): Contribution[] {
  return state.contributions.filter((c) => c.workshop_id === workshopId && c.status === 'pending');
}

/** Active contributions of the workshop, complaints apart (R8: referred, never proposals). */
export function activeContributions(state: State, workshopId: string): Contribution[] {
  return state.contributions.filter(
    (c) => c.workshop_id === workshopId && c.status === 'active' && c.kind !== 'queja',
  );
}

/** Complaints (R8): kept out of the proposals, the person is referred to PQRSD. */
export function complaints(state: State, workshopId: string): Contribution[] {
  return state.contributions.filter(
    (c) => c.workshop_id === workshopId && c.status === 'active' && c.kind === 'queja',
  );
}

/** Questions for the servant: active `pregunta` contributions of the workshop. */
export function questionsFor(state: State, workshopId: string): Contribution[] {
  return state.contributions.filter(
    (c) => c.workshop_id === workshopId && c.status === 'active' && c.kind === 'pregunta',
  );
}

export interface PointGroup<T> {
  point: CentralPoint | null;
  pointId: string;
  items: T[];
}

/** Groups items by central point, in the plan's point order; unknown points last. */
export function groupByPoint<T extends { point_id: string }>(
  points: CentralPoint[],
  items: T[],
): PointGroup<T>[] {
  const groups: PointGroup<T>[] = points.map((p) => ({ point: p, pointId: p.id, items: [] }));
  const index = new Map(groups.map((g, i) => [g.pointId, i]));
  for (const item of items) {
    let i = index.get(item.point_id);
    if (i === undefined) {
      i = groups.length;
      groups.push({ point: null, pointId: item.point_id, items: [] });
      index.set(item.point_id, i);
    }
    groups[i].items.push(item);
  }
  return groups.filter((g) => g.items.length > 0);
}

/** Counts per kind (for the facilitator's summary). */
export function countByKind(items: Contribution[]): Record<ContributionKind, number> {
  const out: Record<ContributionKind, number> = {
    propuesta: 0,
    sugerencia: 0,
    observacion: 0,
    pregunta: 0,
    queja: 0,
  };
  for (const c of items) if (c.kind !== 'unknown') out[c.kind] += 1;
  return out;
}

/** A guide question with its point, found by id. */
export function findQuestion(
  points: CentralPoint[],
  questionId: string | null,
): { point: CentralPoint; text: string; id: string } | null {
  if (!questionId) return null;
  for (const point of points) {
    const q = point.questions.find((x) => x.id === questionId);
    if (q) return { point, text: q.text, id: q.id };
  }
  return null;
}

export interface Tally {
  contribution: Contribution;
  /** Dots from phones (vote.cast). */
  dots: number;
  /** Hands counted by the facilitator (hand_count.record), people without phones. */
  hands: number;
  total: number;
  principal: boolean;
}

/** Live dot counts for the workshop's votable proposals (active `propuesta`), ranked as the
 *  server ranks at voting.close: by total, ties to the one captured first. */
export function dotTallies(state: State, w: Workshop): Tally[] {
  const dots = new Map<string, number>();
  for (const v of state.votes) dots.set(v.contribution_id, (dots.get(v.contribution_id) ?? 0) + 1);
  const hands = new Map<string, number>();
  for (const h of state.hand_counts) hands.set(h.contribution_id, h.count);
  const principal = new Set(w.principal_proposals);
  const rows = state.contributions
    .filter((c) => c.workshop_id === w.id && c.kind === 'propuesta' && c.status === 'active')
    .map((c) => {
      const d = dots.get(c.id) ?? 0;
      const h = hands.get(c.id) ?? 0;
      return { contribution: c, dots: d, hands: h, total: d + h, principal: principal.has(c.id) };
    });
  // Array.prototype.sort is stable: equal totals keep capture order.
  return rows.sort((a, b) => b.total - a.total);
}

/** Dots used per participant of the workshop (how many voted, and how many dots are left). */
export function votersSummary(
  state: State,
  w: Workshop,
): { voters: number; dotsUsed: number; dotsAvailable: number } {
  const inWorkshop = new Set(
    state.contributions.filter((c) => c.workshop_id === w.id).map((c) => c.id),
  );
  const voters = new Set<string>();
  let dotsUsed = 0;
  for (const v of state.votes) {
    if (!inWorkshop.has(v.contribution_id)) continue;
    voters.add(v.participant_id);
    dotsUsed += 1;
  }
  return {
    voters: voters.size,
    dotsUsed,
    dotsAvailable: w.members.length * w.voting.dots_per_person,
  };
}

/** Remaining time of a workshop timer at `now` (server ms); null when not started. */
export function timerRemaining(w: Workshop, now: number): number | null {
  const t = w.timer;
  if (t.status === 'running') return Math.max(0, t.deadline - now);
  if (t.status === 'paused') return Math.max(0, t.remaining_ms);
  return null;
}

/** Minutes the timer may still be extended (R7: total at most the max). */
export function maxExtension(w: Workshop, maxMinutes = TIMER_MAX_MINUTES): number {
  return Math.max(0, maxMinutes - w.timer.allotted_minutes);
}

/** A capture waiting in the outbox for this workshop: shown as "por enviar" until acked. */
export interface PendingCapture {
  op: string;
  args: ContributionCaptureArgs;
  createdAt: number;
  status: PendingCommand['status'];
}

export function pendingCaptures(outbox: PendingCommand[], workshopId: string): PendingCapture[] {
  const out: PendingCapture[] = [];
  for (const cmd of outbox) {
    if (cmd.name !== 'contribution.capture') continue;
    const args = cmd.args as ContributionCaptureArgs | null;
    if (!args || args.workshop_id !== workshopId) continue;
    out.push({ op: cmd.op, args, createdAt: cmd.createdAt, status: cmd.status });
  }
  return out;
}

/** Contribution ids that have an edit-like command still waiting in the outbox. */
export function pendingContributionIds(outbox: PendingCommand[]): Set<string> {
  const ids = new Set<string>();
  for (const cmd of outbox) {
    const args = (cmd.args ?? {}) as Record<string, unknown>;
    for (const key of ['contribution_id', 'into_id'] as const) {
      const v = args[key];
      if (typeof v === 'string') ids.add(v);
    }
    const from = args['from_ids'];
    if (Array.isArray(from)) for (const v of from) if (typeof v === 'string') ids.add(v);
  }
  return ids;
}

/** Whether the workshop accepts workshop commands now (R7 etc.: phase `workshops`). */
export function workshopsRunning(state: State | null): boolean {
  return state?.phase === 'workshops';
}

/** Whether results (edits, synthesis, principals) may still change: workshops or plenary. */
export function resultsEditable(state: State | null, w: Workshop | null): boolean {
  return (
    !!w && !w.synthesis_final && (state?.phase === 'workshops' || state?.phase === 'plenary')
  );
}


/** A one-line excerpt of a contribution's text, for accessible names and choices. */
export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

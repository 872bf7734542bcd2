// Pure selectors over a citizen's State: where I sit, my place in the speaking queue, my dots, my
// own proposals, the room's proposals. The server already removed other people's data from this
// State (names, votes' owners, pending proposals): nothing here tries to show it.
import type {
  CentralPoint,
  Contribution,
  GuideQuestion,
  Participant,
  PhaseOrUnknown,
  State,
  Workshop,
} from '../../core/protocol';

/** What the phone shows, by phase. */
export type Stage = 'plan' | 'room' | 'results';

export function stageOf(phase: PhaseOrUnknown): Stage {
  switch (phase) {
    case 'workshops':
      return 'room';
    case 'plenary':
    case 'commitments':
    case 'published':
    case 'follow_up':
    case 'closed':
      return 'results';
    default:
      return 'plan';
  }
}

/** The evaluation is accepted from the plenary until publication (server: SubmitEvaluation). */
export function evaluationOpen(phase: PhaseOrUnknown): boolean {
  return phase === 'plenary' || phase === 'commitments' || phase === 'published';
}

export function participantOf(s: State, pid: string | null): Participant | null {
  if (!pid) return null;
  return s.participants.find((p) => p.id === pid) ?? null;
}

/** The workshop the participant sits in now (their record first; a workshop listing them as a
 *  member otherwise). */
export function workshopOf(s: State, pid: string | null): Workshop | null {
  if (!pid) return null;
  const wid = participantOf(s, pid)?.workshop_id ?? null;
  if (wid) return s.workshops.find((w) => w.id === wid) ?? null;
  return s.workshops.find((w) => w.members.includes(pid)) ?? null;
}

/** 1-based place in the speaking queue; null when the hand is down. */
export function queuePosition(w: Workshop | null, pid: string | null): number | null {
  if (!w || !pid) return null;
  const i = w.speaking_queue.indexOf(pid);
  return i < 0 ? null : i + 1;
}

/** Dots this participant placed on proposals of workshop `wid` (server: dots_used). */
export function dotsUsed(s: State, pid: string, wid: string): number {
  const inWorkshop = new Set(s.contributions.filter((c) => c.workshop_id === wid).map((c) => c.id));
  return s.votes.filter((v) => v.participant_id === pid && inWorkshop.has(v.contribution_id)).length;
}

export function dotsLeft(s: State, w: Workshop, pid: string): number {
  return Math.max(0, w.voting.dots_per_person - dotsUsed(s, pid, w.id));
}

/** Dots this participant placed on one proposal (a person may stack dots). */
export function myDotsOn(s: State, pid: string, cid: string): number {
  return s.votes.filter((v) => v.participant_id === pid && v.contribution_id === cid).length;
}

/** The room's proposals that can be prioritised: active `propuesta`s, in capture order. */
export function roomProposals(s: State, wid: string): Contribution[] {
  return s.contributions.filter(
    (c) => c.workshop_id === wid && c.kind === 'propuesta' && c.status === 'active',
  );
}

/** The room's other visible contributions (suggestions, observations, questions). */
export function roomOtherContributions(s: State, wid: string): Contribution[] {
  return s.contributions.filter(
    (c) =>
      c.workshop_id === wid &&
      c.status === 'active' &&
      c.kind !== 'propuesta' &&
      c.kind !== 'queja',
  );
}

/** My own proposals still waiting for the relator, or declined by them. */
export function myOpenProposals(s: State, pid: string): Contribution[] {
  return s.contributions.filter(
    (c) =>
      c.source === 'citizen' &&
      c.submitted_by === pid &&
      (c.status === 'pending' || c.status === 'declined'),
  );
}

export function findQuestion(
  s: State,
  qid: string | null,
): { point: CentralPoint; question: GuideQuestion } | null {
  if (!qid) return null;
  for (const point of s.points) {
    const question = point.questions.find((q) => q.id === qid);
    if (question) return { point, question };
  }
  return null;
}

export function hasEvaluated(s: State, pid: string): boolean {
  return s.evaluations.some((e) => e.participant_id === pid);
}

/** Milliseconds left on a workshop timer at server time `now`; null when it is not started. */
export function timerRemaining(w: Workshop, now: number): number | null {
  switch (w.timer.status) {
    case 'running':
      return Math.max(0, w.timer.deadline - now);
    case 'paused':
      return Math.max(0, w.timer.remaining_ms);
    default:
      return null;
  }
}

// The veeduría (citizens' follow-up observations on commitments) and the erasure of personal
// data (Ley 1581 de 2012) as the organizer and the office see them: pure selectors and checks
// shared by both views, over the State's `observations` (types in core/protocol.ts). The server
// decides; these only say what it will say first.
import type { Commitment, Observation, State } from './protocol';

// ---- limits the server checks (the forms check them first) -------------------------------------

export const MAX_REPLY = 2000;
export const MAX_REASON = 500;

/** Length as the server counts it: characters (code points), not UTF-16 units. */
export function charCount(text: string): number {
  return [...text].length;
}

/** Control characters other than line breaks and tabs, which the server refuses in texts. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export type TextProblem = 'empty' | 'too_long' | 'control';

/** What is wrong with a required text of at most `max` characters (null: send it). */
export function textProblem(text: string, max: number): TextProblem | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'empty';
  if (charCount(trimmed) > max) return 'too_long';
  if (CONTROL.test(trimmed)) return 'control';
  return null;
}

// ---- selectors -----------------------------------------------------------------------------------

/** A commitment's title: the "what" of its version in force ("" when it has none). */
export function commitmentTitle(commitments: Commitment[], id: string): string {
  const k = commitments.find((c) => c.id === id);
  if (!k) return '';
  let best = k.versions[0];
  for (const v of k.versions) if (v.version > best.version) best = v;
  return best?.terms.what ?? '';
}

export interface ObservationRow extends Observation {
  /** The commitment's title ("" when the state lacks it). */
  commitment: string;
}

export interface ModerationQueues {
  /** Waiting for the organizer, oldest first (the order they arrived). */
  pending: ObservationRow[];
  /** Published; those without the entity's reply first, then newest first. */
  approved: ObservationRow[];
  /** Never published, newest first. */
  rejected: ObservationRow[];
}

/** The organizer's three lists. */
export function moderationQueues(state: State): ModerationQueues {
  const rows = state.observations.map((o, i) => ({
    row: { ...o, commitment: commitmentTitle(state.commitments, o.commitment_id) },
    i,
  }));
  const newestFirst = (a: { row: ObservationRow; i: number }, b: { row: ObservationRow; i: number }) =>
    b.row.at - a.row.at || b.i - a.i;
  const oldestFirst = (a: { row: ObservationRow; i: number }, b: { row: ObservationRow; i: number }) =>
    a.row.at - b.row.at || a.i - b.i;
  const unreplied = (x: { row: ObservationRow }) => (x.row.reply ? 1 : 0);
  return {
    pending: rows.filter((x) => x.row.status === 'pending').sort(oldestFirst).map((x) => x.row),
    approved: rows
      .filter((x) => x.row.status === 'approved')
      .sort((a, b) => unreplied(a) - unreplied(b) || newestFirst(a, b))
      .map((x) => x.row),
    rejected: rows.filter((x) => x.row.status === 'rejected').sort(newestFirst).map((x) => x.row),
  };
}

export interface CommitmentObservations {
  /** Approved ones, oldest first (as the public page lists them). */
  approved: Observation[];
  /** Approved ones still waiting for the entity's reply. */
  unreplied: number;
  /** Waiting for the organizer's moderation. */
  pending: number;
}

/** One commitment's observations as the office follows them. */
export function commitmentObservations(state: State, commitmentId: string): CommitmentObservations {
  const mine = state.observations.filter((o) => o.commitment_id === commitmentId);
  const approved = mine.filter((o) => o.status === 'approved');
  return {
    approved,
    unreplied: approved.filter((o) => o.reply === null).length,
    pending: mine.filter((o) => o.status === 'pending').length,
  };
}

/** Phases in which citizens may leave observations (server/domain/decide.cpp). */
export function observationsOpen(phase: string): boolean {
  return phase === 'published' || phase === 'follow_up';
}

/** Phases in which observations are moderated and answered: from publication on, closed too. */
export function moderationOpen(phase: string): boolean {
  return phase === 'published' || phase === 'follow_up' || phase === 'closed';
}

/** The erasure is allowed from publication on (the server decides). */
export function erasureAllowed(phase: string): boolean {
  return phase === 'published' || phase === 'follow_up' || phase === 'closed';
}

/** What the erasure will clear, to tell the organizer before confirming. */
export function erasureScope(state: State): { registrants: number; participants: number } {
  return { registrants: state.registrants.length, participants: state.participants.length };
}

/** The office's summary line: approved observations without reply, and pending ones. */
export function veeduriaSummary(state: State): { unreplied: number; pending: number } {
  const all = state.observations;
  return {
    unreplied: all.filter((o) => o.status === 'approved' && o.reply === null).length,
    pending: all.filter((o) => o.status === 'pending').length,
  };
}

import { describe, expect, it } from 'vitest';
import type { Commitment, Observation, State } from './protocol';
import { emptyState } from './fold';
import { observation as obs } from './test-fixtures';
import {
  charCount,
  commitmentObservations,
  commitmentTitle,
  erasureAllowed,
  erasureScope,
  moderationQueues,
  textProblem,
  moderationOpen,
  observationsOpen,
  veeduriaSummary,
} from './veeduria';

const terms = (what: string) => ({ what, entity: 'E', office: 'O', due_date: '2026-12-31', indicator: 'i', goal: 'g', territory: '', parts: [] });

function commitment(id: string, ...whats: string[]): Commitment {
  return {
    id,
    proposal_ids: [],
    versions: whats.map((what, i) => ({ version: i + 1, terms: terms(what), at: i, reason: '' })),
  };
}

function withObservations(observations: Observation[], over: Partial<State> = {}): State {
  return {
    ...emptyState('e1'),
    phase: 'follow_up',
    commitments: [commitment('k1', 'Arreglar la vía', 'Arreglar la vía principal'), commitment('k2', 'Parque')],
    ...over,
    observations,
  };
}

describe('veeduría selectors', () => {
  it('names a commitment by the "what" of its version in force', () => {
    const s = withObservations([]);
    expect(commitmentTitle(s.commitments, 'k1')).toBe('Arreglar la vía principal');
    expect(commitmentTitle(s.commitments, 'k9')).toBe('');
  });

  it('puts pending first-come first, unreplied approved first, rejected newest first', () => {
    const s = withObservations([
      obs('o1', { at: 300 }),
      obs('o2', { at: 100 }),
      obs('o3', { status: 'approved', at: 50, reply: { text: 'r', at: 60 } }),
      obs('o4', { status: 'approved', at: 40, commitment_id: 'k2' }),
      obs('o5', { status: 'rejected', at: 10, reason: 'insulto' }),
      obs('o6', { status: 'rejected', at: 20, reason: 'datos' }),
      obs('o7', { status: 'approved', at: 70 }),
    ]);
    const q = moderationQueues(s);
    expect(q.pending.map((o) => o.id)).toEqual(['o2', 'o1']);
    expect(q.approved.map((o) => o.id)).toEqual(['o7', 'o4', 'o3']);
    expect(q.rejected.map((o) => o.id)).toEqual(['o6', 'o5']);
    expect(q.approved[1]!.commitment).toBe('Parque');
    expect(q.pending[0]!.commitment).toBe('Arreglar la vía principal');
  });

  it("gives the office each commitment's approved observations and counts", () => {
    const s = withObservations([
      obs('o1'),
      obs('o2', { status: 'approved', at: 5 }),
      obs('o3', { status: 'approved', at: 1, reply: { text: 'ya', at: 2 } }),
      obs('o4', { status: 'rejected' }),
      obs('o5', { status: 'approved', commitment_id: 'k2' }),
      obs('o6', { commitment_id: 'k2' }),
    ]);
    const k1 = commitmentObservations(s, 'k1');
    expect(k1.approved.map((o) => o.id)).toEqual(['o2', 'o3']);
    expect(k1.unreplied).toBe(1);
    expect(k1.pending).toBe(1);
    expect(commitmentObservations(s, 'k3')).toEqual({ approved: [], unreplied: 0, pending: 0 });
    expect(veeduriaSummary(s)).toEqual({ unreplied: 2, pending: 2 });
  });

  it('checks texts as the server counts them', () => {
    expect(charCount('añ😀')).toBe(3);
    expect(textProblem('   ', 10)).toBe('empty');
    expect(textProblem('😀'.repeat(10), 10)).toBeNull();
    expect(textProblem('x'.repeat(11), 10)).toBe('too_long');
    expect(textProblem('  hola  ', 4)).toBeNull();
    expect(textProblem('a\u0007b', 10)).toBe('control');
    expect(textProblem('línea\nnueva\tcon tab', 100)).toBeNull();
  });

  it('opens the veeduría and the erasure by phase', () => {
    expect(observationsOpen('published')).toBe(true);
    expect(observationsOpen('follow_up')).toBe(true);
    expect(observationsOpen('commitments')).toBe(false);
    expect(observationsOpen('closed')).toBe(false);
    expect(moderationOpen('closed')).toBe(true);
    expect(moderationOpen('commitments')).toBe(false);
    expect(erasureAllowed('commitments')).toBe(false);
    expect(erasureAllowed('published')).toBe(true);
    expect(erasureAllowed('closed')).toBe(true);
  });

  it('counts what the erasure clears', () => {
    const s = withObservations([], { registrants: [{} as never, {} as never], participants: [{} as never] });
    expect(erasureScope(s)).toEqual({ registrants: 2, participants: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import {
  ALL_TARGET,
  nextPhase,
  phaseStatus,
  plenaryNeighbours,
  plenaryTargets,
  principalsByPoint,
  requirementsFor,
  timerView,
  unansweredProposalIds,
  workshopOverview,
} from './selectors';
import { contribution, state, workshop } from './test-fixture';

describe('lifecycle', () => {
  it('moves one phase at a time and ends at closed', () => {
    expect(nextPhase('draft')).toBe('convened');
    expect(nextPhase('commitments')).toBe('published');
    expect(nextPhase('closed')).toBeNull();
    expect(nextPhase('unknown')).toBeNull();
  });
  it('marks phases done, current and to do', () => {
    expect(phaseStatus('opening', 'plenary')).toBe('done');
    expect(phaseStatus('plenary', 'plenary')).toBe('current');
    expect(phaseStatus('published', 'plenary')).toBe('todo');
    expect(phaseStatus('draft', 'unknown')).toBe('todo');
  });
});

describe('requirements of the next step', () => {
  it('workshops need forming and staff (R6); a missing servant only warns', () => {
    const none = requirementsFor(state({ phase: 'opening' }), 'workshops');
    expect(none.find((r) => r.code === 'workshops_formed')?.met).toBe(false);
    const s = state({
      phase: 'opening',
      workshops: [
        workshop('w2', 2, { relator: null }),
        workshop('w1', 1, { servants: [] }),
      ],
    });
    const req = requirementsFor(s, 'workshops');
    expect(req.find((r) => r.code === 'workshops_formed')?.met).toBe(true);
    expect(req.find((r) => r.code === 'staff')).toMatchObject({ met: false, blocking: true, items: ['2'] });
    expect(req.find((r) => r.code === 'servants')).toMatchObject({ met: false, blocking: false, items: ['1'] });
  });
  it('the plenary is blocked by an open vote; unfinished syntheses only warn', () => {
    const s = state({
      phase: 'workshops',
      workshops: [
        workshop('w1', 1, { voting: { open: true, closed: false, dots_per_person: 3 } }),
        workshop('w2', 2, { voting: { open: false, closed: true, dots_per_person: 3 }, synthesis_final: true, principal_proposals: ['c1'] }),
      ],
    });
    const req = requirementsFor(s, 'plenary');
    expect(req.find((r) => r.code === 'voting_open')).toMatchObject({ met: false, blocking: true, items: ['1'] });
    expect(req.find((r) => r.code === 'synthesis_not_final')).toMatchObject({ met: false, blocking: false, items: ['1'] });
    expect(req.find((r) => r.code === 'no_principals')?.items).toEqual(['1']);
  });
  it('publication needs every principal proposal answered (R9)', () => {
    const s = state({
      phase: 'commitments',
      workshops: [workshop('w2', 2, { principal_proposals: ['c9', 'c8'] }), workshop('w1', 1, { principal_proposals: ['c1', 'c2'] })],
      answers: [{ id: 'ans1', proposal_ids: ['c2', 'c9'], kind: 'not_adopted', commitment_id: null, reason: 'r', referred_to: '', at: 1 }],
    });
    expect(unansweredProposalIds(s)).toEqual(['c1', 'c8']);
    expect(requirementsFor(s, 'published')[0]).toMatchObject({ met: false, blocking: true, items: ['c1', 'c8'] });
  });
});

describe('workshop overview', () => {
  const now = 1_000_000;
  it('counts with the server deadline, or shows the paused remainder', () => {
    expect(timerView({ status: 'running', deadline: now + 65_000, remaining_ms: 0, allotted_minutes: 60, started_at: 0 }, now))
      .toEqual({ status: 'running', remainingMs: 65_000, overdue: false });
    expect(timerView({ status: 'running', deadline: now - 5, remaining_ms: 0, allotted_minutes: 60, started_at: 0 }, now))
      .toEqual({ status: 'running', remainingMs: 0, overdue: true });
    expect(timerView({ status: 'paused', deadline: 0, remaining_ms: 30_000, allotted_minutes: 60, started_at: 0 }, now))
      .toEqual({ status: 'paused', remainingMs: 30_000 });
    expect(timerView({ status: 'idle', deadline: 0, remaining_ms: 0, allotted_minutes: 0, started_at: 0 }, now).status).toBe('idle');
  });
  it('summarises every workshop in number order', () => {
    const s = state({
      phase: 'workshops',
      interpreters: [{ id: 'i1', name: 'Ana LSC', kind: 'lsc', workshop_id: 'w1' }],
      workshops: [
        workshop('w2', 2, { synthesis: 'borrador', voting: { open: true, closed: false, dots_per_person: 3 } }),
        workshop('w1', 1, { current_question: 'q2', interpreter_id: 'i1', members: ['a', 'b'], synthesis: 'x', synthesis_final: true }),
      ],
      contributions: [
        contribution('c1', 'w1', 'p1'),
        contribution('c2', 'w1', 'p1', { status: 'merged', merged_into: 'c1' }),
        contribution('c3', 'w1', 'p2', { status: 'pending', source: 'citizen' }),
        contribution('c4', 'w2', 'p2', { kind: 'pregunta' }),
      ],
    });
    const rows = workshopOverview(s, now);
    expect(rows.map((r) => r.number)).toEqual([1, 2]);
    expect(rows[0]).toMatchObject({ question: '¿Pregunta 2?', contributions: 1, pending: 1, members: 2, synthesis: 'final', interpreter: 'Ana LSC', voting: 'not_open' });
    expect(rows[1]).toMatchObject({ question: null, contributions: 1, pending: 0, synthesis: 'draft', voting: 'open', dotsPerPerson: 3 });
  });
});

describe('plenary targets', () => {
  const s = state({
    phase: 'plenary',
    workshops: [workshop('w3', 3), workshop('w1', 1), workshop('w2', 2)],
  });
  it('walks the workshops by number, then all principal proposals', () => {
    expect(plenaryTargets(s)).toEqual(['w1', 'w2', 'w3', ALL_TARGET]);
  });
  it('knows the previous and next target', () => {
    const targets = plenaryTargets(s);
    expect(plenaryNeighbours(targets, null)).toEqual({ previous: null, next: 'w1', index: -1 });
    expect(plenaryNeighbours(targets, 'w1')).toEqual({ previous: null, next: 'w2', index: 0 });
    expect(plenaryNeighbours(targets, 'w3')).toEqual({ previous: 'w2', next: 'all', index: 2 });
    expect(plenaryNeighbours(targets, 'all')).toEqual({ previous: 'w3', next: null, index: 3 });
    expect(plenaryNeighbours(targets, 'gone')).toEqual({ previous: null, next: 'w1', index: -1 });
  });
  it('groups every principal proposal by central point, in plan order', () => {
    const t = state({
      workshops: [workshop('w2', 2, { principal_proposals: ['c3'] }), workshop('w1', 1, { principal_proposals: ['c2', 'c1'] })],
      contributions: [contribution('c1', 'w1', 'p1'), contribution('c2', 'w1', 'p2'), contribution('c3', 'w2', 'p1')],
      votes: [{ contribution_id: 'c2', participant_id: 'a' }],
      hand_counts: [{ contribution_id: 'c2', count: 4 }],
    });
    const groups = principalsByPoint(t);
    expect(groups.map((g) => g.pointId)).toEqual(['p1', 'p2']);
    expect(groups[0].proposals.map((p) => [p.contribution.id, p.workshopNumber, p.rank])).toEqual([['c1', 1, 2], ['c3', 2, 1]]);
    expect(groups[1].proposals[0].votes).toBe(5);
  });
});

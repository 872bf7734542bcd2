import { describe, expect, it } from 'vitest';
import { emptyState } from '../../../core/fold';
import type { PendingCommand } from '../../../core/live';
import type { Participant, State, Workshop } from '../../../core/protocol';
import {
  activeContributions,
  complaints,
  countByKind,
  dotTallies,
  excerpt,
  findQuestion,
  groupByPoint,
  maxExtension,
  notYetHeard,
  pendingCaptures,
  pendingContributionIds,
  pendingProposals,
  questionsFor,
  speakingQueue,
  timerRemaining,
  votersSummary,
} from './selectors';
import { contribution } from '../../../core/test-fixtures';

function person(id: string, name: string, workshop = 'w1'): Participant {
  return {
    id,
    name,
    territory: 'Comuna 1',
    value_group: 'ciudadania',
    needs: { lsc_interpreter: false, guide_interpreter: false, other: '' },
    checked_in_at: 1,
    registrant_id: null,
    workshop_id: workshop,
  };
}


function workshop(over: Partial<Workshop> = {}): Workshop {
  return {
    id: 'w1',
    number: 1,
    members: ['a', 'b', 'c', 'd'],
    heard: [],
    speaking_queue: [],
    speaker: null,
    current_question: null,
    facilitator: 'F',
    relator: 'R',
    servants: [],
    interpreter_id: null,
    principal_proposals: [],
    synthesis: '',
    synthesis_final: false,
    timer: { status: 'idle', allotted_minutes: 0, deadline: 0, remaining_ms: 0, started_at: 0 },
    voting: { open: false, closed: false, dots_per_person: 0 },
    ...over,
  };
}

function state(w: Workshop, over: Partial<State> = {}): State {
  return {
    ...emptyState('e1'),
    phase: 'workshops',
    participants: [person('a', 'Ana'), person('b', 'Beto'), person('c', 'Carla'), person('d', 'Dora')],
    points: [
      { id: 'p1', title: 'Información', description: '', questions: [{ id: 'q1', text: '¿Cómo?' }] },
      { id: 'p2', title: 'Participación', description: '', questions: [{ id: 'q2', text: '¿Dónde?' }] },
    ],
    workshops: [w],
    ...over,
  };
}

describe('speaking queue and not-yet-heard', () => {
  it('keeps the order hands were raised and marks who has not spoken', () => {
    const w = workshop({ speaking_queue: ['c', 'a'], heard: ['a'] });
    const q = speakingQueue(state(w), w);
    expect(q.map((e) => [e.name, e.position, e.firstTime])).toEqual([
      ['Carla', 1, true],
      ['Ana', 2, false],
    ]);
  });

  it('lists members without the floor, in member order', () => {
    const w = workshop({ heard: ['b', 'd'] });
    expect(notYetHeard(state(w), w).map((p) => p.name)).toEqual(['Ana', 'Carla']);
  });

  it('shows an id when a member has no visible name', () => {
    const w = workshop({ members: ['a', 'zz'] });
    expect(notYetHeard(state(w), w).map((p) => p.name)).toEqual(['Ana', 'zz']);
  });
});

describe('contributions', () => {
  const w = workshop();
  const s = state(w, {
    contributions: [
      contribution('c1'),
      contribution('c2', { kind: 'queja' }),
      contribution('c3', { kind: 'pregunta', point_id: 'p2' }),
      contribution('c4', { status: 'pending', source: 'citizen' }),
      contribution('c5', { status: 'merged', merged_into: 'c1' }),
      contribution('c6', { workshop_id: 'w2' }),
      contribution('c7', { status: 'declined' }),
    ],
  });

  it('separates active, complaints (R8), pending proposals and questions', () => {
    expect(activeContributions(s, 'w1').map((c) => c.id)).toEqual(['c1', 'c3']);
    expect(complaints(s, 'w1').map((c) => c.id)).toEqual(['c2']);
    expect(pendingProposals(s, 'w1').map((c) => c.id)).toEqual(['c4']);
    expect(questionsFor(s, 'w1').map((c) => c.id)).toEqual(['c3']);
  });

  it('groups by central point in plan order, unknown points last', () => {
    const groups = groupByPoint(s.points, [
      contribution('x', { point_id: 'p2' }),
      contribution('y', { point_id: 'p9' }),
      contribution('z', { point_id: 'p1' }),
    ]);
    expect(groups.map((g) => [g.pointId, g.items.map((c) => c.id)])).toEqual([
      ['p1', ['z']],
      ['p2', ['x']],
      ['p9', ['y']],
    ]);
    expect(groups[2].point).toBeNull();
  });

  it('counts by kind', () => {
    expect(countByKind(s.contributions)).toMatchObject({ propuesta: 5, queja: 1, pregunta: 1 });
  });

  it('finds a guide question with its point', () => {
    expect(findQuestion(s.points, 'q2')?.point.id).toBe('p2');
    expect(findQuestion(s.points, null)).toBeNull();
    expect(findQuestion(s.points, 'nope')).toBeNull();
  });
});

describe('dot tallies', () => {
  it('adds phone dots and hand counts and ranks like the server (ties: captured first)', () => {
    const w = workshop({ principal_proposals: ['p-b'] });
    const s = state(w, {
      contributions: [
        contribution('p-a'),
        contribution('p-b'),
        contribution('p-c'),
        contribution('q', { kind: 'pregunta' }),
        contribution('other', { workshop_id: 'w2' }),
      ],
      votes: [
        { participant_id: 'a', contribution_id: 'p-b' },
        { participant_id: 'b', contribution_id: 'p-b' },
        { participant_id: 'a', contribution_id: 'p-c' },
        { participant_id: 'x', contribution_id: 'other' },
      ],
      hand_counts: [{ contribution_id: 'p-a', count: 2 }],
    });
    const rows = dotTallies(s, w);
    expect(rows.map((r) => [r.contribution.id, r.dots, r.hands, r.total, r.principal])).toEqual([
      ['p-a', 0, 2, 2, false],
      ['p-b', 2, 0, 2, true],
      ['p-c', 1, 0, 1, false],
    ]);
    w.voting = { open: true, closed: false, dots_per_person: 3 };
    expect(votersSummary(s, w)).toEqual({ voters: 2, dotsUsed: 3, dotsAvailable: 12 });
  });
});

describe('timer', () => {
  it('counts down from the deadline while running and freezes while paused', () => {
    const running = workshop({
      timer: { status: 'running', allotted_minutes: 75, deadline: 10_000, remaining_ms: 0, started_at: 0 },
    });
    expect(timerRemaining(running, 4_000)).toBe(6_000);
    expect(timerRemaining(running, 20_000)).toBe(0);
    const paused = workshop({
      timer: { status: 'paused', allotted_minutes: 80, deadline: 0, remaining_ms: 1234, started_at: 0 },
    });
    expect(timerRemaining(paused, 99_999)).toBe(1234);
    expect(timerRemaining(workshop(), 5)).toBeNull();
    expect(maxExtension(paused)).toBe(10);
    expect(maxExtension(workshop({ timer: { ...paused.timer, allotted_minutes: 90 } }))).toBe(0);
  });
});

describe('outbox', () => {
  const cmd = (name: PendingCommand['name'], args: unknown, op: string = name): PendingCommand => ({
    op,
    encuentro: 'e1',
    name,
    args,
    createdAt: 5,
    attempts: 0,
    status: 'queued',
  });

  it('shows this workshop’s captures waiting to be sent', () => {
    const outbox = [
      cmd('contribution.capture', { workshop_id: 'w1', kind: 'propuesta', point_id: 'p1', text: 'uno' }, 'o1'),
      cmd('contribution.capture', { workshop_id: 'w2', kind: 'propuesta', point_id: 'p1', text: 'dos' }, 'o2'),
      cmd('timer.pause', { workshop_id: 'w1' }, 'o3'),
    ];
    expect(pendingCaptures(outbox, 'w1').map((p) => [p.op, p.args.text])).toEqual([['o1', 'uno']]);
  });

  it('knows which contributions have changes waiting', () => {
    const ids = pendingContributionIds([
      cmd('contribution.edit', { contribution_id: 'c1', point_id: 'p1', text: 'x' }),
      cmd('contribution.merge', { into_id: 'c2', from_ids: ['c3', 'c4'] }),
    ]);
    expect([...ids].sort()).toEqual(['c1', 'c2', 'c3', 'c4']);
  });
});

describe('excerpt', () => {
  it('flattens and shortens', () => {
    expect(excerpt('a\n  b')).toBe('a b');
    expect(excerpt('x'.repeat(70), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

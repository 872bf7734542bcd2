import { describe, expect, it } from 'vitest';
import { emptyState, emptyWorkshop } from '../../core/fold';
import type { State } from '../../core/protocol';
import {
  dotsLeft,
  dotsUsed,
  evaluationOpen,
  findQuestion,
  hasEvaluated,
  myDotsOn,
  myOpenProposals,
  queuePosition,
  roomOtherContributions,
  roomProposals,
  stageOf,
  timerRemaining,
  workshopOf,
} from './select';
import { contribution } from '../../core/test-fixtures';


function room(): State {
  const s = emptyState('e1');
  const w1 = { ...emptyWorkshop('w1', 1), members: ['me', 'x1', 'x2'], speaking_queue: ['x1', 'me'] };
  const w2 = { ...emptyWorkshop('w2', 2), members: ['y1'] };
  w1.voting = { open: true, closed: false, dots_per_person: 3 };
  return {
    ...s,
    phase: 'workshops',
    points: [{ id: 'p1', title: 'Eje', description: '', questions: [{ id: 'q1', text: '¿Qué?' }] }],
    workshops: [w1, w2],
    participants: [
      { id: 'me', registrant_id: null, name: 'Yo', territory: 'C1', value_group: 'juventud',
        needs: { lsc_interpreter: false, guide_interpreter: false, other: '' }, checked_in_at: 1,
        workshop_id: 'w1' },
    ],
    contributions: [
      contribution('c1'),
      contribution('c2', { kind: 'pregunta' }),
      contribution('c3', { source: 'citizen', submitted_by: 'me', status: 'pending' }),
      contribution('c4', { source: 'citizen', submitted_by: 'me', status: 'declined', decline_reason: 'no' }),
      contribution('c5', { status: 'merged', merged_into: 'c1' }),
      contribution('c6', { workshop_id: 'w2' }),
      contribution('c7', { kind: 'queja' }),
      contribution('c8', { source: 'citizen', submitted_by: 'me', status: 'active' }),
    ],
    votes: [
      { participant_id: 'me', contribution_id: 'c1' },
      { participant_id: 'me', contribution_id: 'c1' },
      { participant_id: '', contribution_id: 'c1' },
      { participant_id: 'me', contribution_id: 'c6' },
    ],
  };
}

describe('citizen selectors', () => {
  it('maps phases to stages', () => {
    expect(stageOf('convened')).toBe('plan');
    expect(stageOf('opening')).toBe('plan');
    expect(stageOf('workshops')).toBe('room');
    expect(stageOf('plenary')).toBe('results');
    expect(stageOf('closed')).toBe('results');
    expect(evaluationOpen('plenary')).toBe(true);
    expect(evaluationOpen('published')).toBe(true);
    expect(evaluationOpen('workshops')).toBe(false);
    expect(evaluationOpen('follow_up')).toBe(false);
  });

  it('finds my workshop and my place in the queue', () => {
    const s = room();
    expect(workshopOf(s, 'me')?.id).toBe('w1');
    expect(workshopOf(s, 'y1')?.id).toBe('w2'); // by membership when the record is anonymous
    expect(workshopOf(s, null)).toBeNull();
    expect(queuePosition(s.workshops[0], 'me')).toBe(2);
    expect(queuePosition(s.workshops[0], 'x2')).toBeNull();
    expect(queuePosition(null, 'me')).toBeNull();
  });

  it('counts my dots in my workshop only', () => {
    const s = room();
    expect(dotsUsed(s, 'me', 'w1')).toBe(2);
    expect(dotsLeft(s, s.workshops[0], 'me')).toBe(1);
    expect(myDotsOn(s, 'me', 'c1')).toBe(2);
    expect(myDotsOn(s, 'me', 'c8')).toBe(0);
    const full = { ...s, votes: [...s.votes, ...s.votes] };
    expect(dotsLeft(full, s.workshops[0], 'me')).toBe(0);
  });

  it('lists the room proposals and my own open ones', () => {
    const s = room();
    expect(roomProposals(s, 'w1').map((c) => c.id)).toEqual(['c1', 'c8']);
    expect(roomOtherContributions(s, 'w1').map((c) => c.id)).toEqual(['c2']);
    expect(myOpenProposals(s, 'me').map((c) => c.id)).toEqual(['c3', 'c4']);
    expect(myOpenProposals(s, 'x1')).toEqual([]);
  });

  it('finds questions, evaluations and timers', () => {
    const s = room();
    expect(findQuestion(s, 'q1')?.point.id).toBe('p1');
    expect(findQuestion(s, 'nope')).toBeNull();
    expect(hasEvaluated(s, 'me')).toBe(false);
    const w = s.workshops[0];
    expect(timerRemaining(w, 0)).toBeNull();
    const running = { ...w, timer: { ...w.timer, status: 'running' as const, deadline: 10_000 } };
    expect(timerRemaining(running, 4_000)).toBe(6_000);
    expect(timerRemaining(running, 20_000)).toBe(0);
    const paused = { ...w, timer: { ...w.timer, status: 'paused' as const, remaining_ms: 5_000 } };
    expect(timerRemaining(paused, 99_999)).toBe(5_000);
  });
});

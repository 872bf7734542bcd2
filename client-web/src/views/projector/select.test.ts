import { describe, expect, it } from 'vitest';
import { emptyState, emptyWorkshop } from '../../core/fold';
import type { Contribution, State } from '../../core/protocol';
import {
  answerFor,
  answerProgress,
  answersNewestFirst,
  countersOf,
  currentTerms,
  principalsByPoint,
  principalsOf,
  resolveFocus,
  screenOf,
  shownContributions,
  tally,
  placeAndParts,
  progressShown,
} from './select';
import { contribution as aContribution } from '../../core/test-fixtures';

const contribution = (id: string, over: Partial<Contribution> = {}): Contribution =>
  aContribution(id, { text: id, ...over });

const terms = (what: string) => ({
  what, entity: 'Alcaldía', office: 'Secretaría', due_date: '2026-12-31', indicator: 'i', goal: 'g', territory: '', parts: [] as string[],
});

function plenary(): State {
  const s = emptyState('e1');
  return {
    ...s,
    phase: 'plenary',
    points: [
      { id: 'p1', title: 'Uno', description: '', questions: [] },
      { id: 'p2', title: 'Dos', description: '', questions: [] },
      { id: 'p3', title: 'Tres', description: '', questions: [] },
    ],
    // Listed out of number order on purpose.
    workshops: [
      { ...emptyWorkshop('w2', 2), principal_proposals: ['c5'], members: ['a'] },
      { ...emptyWorkshop('w1', 1), principal_proposals: ['c3', 'c1'], members: ['b', 'c'] },
    ],
    contributions: [
      contribution('c1'),
      contribution('c2', { kind: 'pregunta' }),
      contribution('c3', { point_id: 'p2' }),
      contribution('c4', { status: 'merged', merged_into: 'c1' }),
      contribution('c5', { workshop_id: 'w2', point_id: 'p1' }),
      contribution('c6', { point_id: 'gone' }),
    ],
    votes: [
      { participant_id: '', contribution_id: 'c1' },
      { participant_id: '', contribution_id: 'c1' },
      { participant_id: '', contribution_id: 'c5' },
    ],
    hand_counts: [{ contribution_id: 'c3', count: 7 }],
  };
}

describe('projector selectors', () => {
  it('maps phases to screens', () => {
    expect(screenOf('convened')).toBe('opening');
    expect(screenOf('opening')).toBe('opening');
    expect(screenOf('workshops')).toBe('workshops');
    expect(screenOf('plenary')).toBe('plenary');
    expect(screenOf('commitments')).toBe('commitments');
    expect(screenOf('follow_up')).toBe('published');
  });

  it('counts each workshop’s contributions, proposals and votes', () => {
    const s = plenary();
    const w1 = s.workshops[1];
    expect(shownContributions(s, 'w1').map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c6']);
    expect(countersOf(s, w1)).toEqual({ contributions: 4, proposals: 3, votes: 9, members: 2 });
    expect(tally(s, 'c1')).toBe(2);
    expect(tally(s, 'c3')).toBe(7);
  });

  it('resolves the plenary focus', () => {
    const s = plenary();
    expect(resolveFocus(s)).toEqual({ kind: 'overview' });
    expect(resolveFocus({ ...s, plenary_focus: 'all' })).toEqual({ kind: 'all' });
    const f = resolveFocus({ ...s, plenary_focus: 'w2' });
    expect(f.kind === 'workshop' && f.workshop.number).toBe(2);
    expect(resolveFocus({ ...s, plenary_focus: 'w9' })).toEqual({ kind: 'overview' });
  });

  it('groups principal proposals by point, workshops in order', () => {
    const s = plenary();
    expect(principalsOf(s, s.workshops[1]).map((c) => c.id)).toEqual(['c3', 'c1']);
    const groups = principalsByPoint({
      ...s,
      workshops: [...s.workshops, { ...emptyWorkshop('w3', 3), principal_proposals: ['c6'] }],
      contributions: [...s.contributions.filter((c) => c.id !== 'c6'), contribution('c6', { workshop_id: 'w3', point_id: 'gone' })],
    });
    expect(groups.map((g) => g.pointId)).toEqual(['p1', 'p2', 'gone']);
    expect(groups[0].items.map((i) => [i.proposal.id, i.workshopNumber, i.votes])).toEqual([
      ['c1', 1, 2],
      ['c5', 2, 1],
    ]);
    expect(groups[2].point).toBeNull();
  });

  it('follows answers and commitments', () => {
    const s: State = {
      ...plenary(),
      phase: 'commitments',
      answers: [
        { id: 'a1', proposal_ids: ['c1', 'c3'], kind: 'commitment', commitment_id: 'k1', reason: '', referred_to: '', at: 10 },
        { id: 'a2', proposal_ids: ['c5'], kind: 'not_adopted', commitment_id: null, reason: 'no', referred_to: '', at: 20 },
      ],
      commitments: [
        { id: 'k1', proposal_ids: ['c1', 'c3'], versions: [
          { version: 1, terms: terms('v1'), at: 10, reason: '' },
          { version: 2, terms: terms('v2'), at: 30, reason: 'ajuste' },
        ] },
      ],
    };
    expect(answerFor(s, 'c3')?.id).toBe('a1');
    expect(answerFor(s, 'c2')).toBeNull();
    expect(answerProgress(s)).toEqual({ answered: 3, total: 3 });
    expect(answerProgress(plenary())).toEqual({ answered: 0, total: 3 });
    const list = answersNewestFirst(s);
    expect(list.map((x) => x.answer.id)).toEqual(['a2', 'a1']);
    expect(list[1].proposals.map((c) => c.id)).toEqual(['c1', 'c3']);
    expect(list[1].commitment && currentTerms(list[1].commitment)?.what).toBe('v2');
  });

  it('shows where a commitment applies, its parts and their average progress', () => {
    const k = { id: 'k1', proposal_ids: ['c1'], versions: [
      { version: 1, terms: { ...terms('v1'), territory: 'Barrio Pueblo Nuevo', parts: ['a', 'b', 'c'] }, at: 10, reason: '' },
    ] };
    const report = (part: number, percent: number, status: 'cumplido' | 'en_ejecucion') => ({
      id: `g${part}`, commitment_id: 'k1', part, percent, status, note: '', evidence_url: '', as_of: '2026-09-01', reported_at: part,
    });
    const s: State = { ...plenary(), phase: 'follow_up', commitments: [k], progress_reports: [] };
    expect(placeAndParts(k)).toEqual({ territory: 'Barrio Pueblo Nuevo', parts: ['a', 'b', 'c'] });
    expect(progressShown(s, k)).toBeNull();
    const p = progressShown({ ...s, progress_reports: [report(1, 100, 'cumplido'), report(2, 40, 'en_ejecucion')] }, k);
    expect([p?.percent, p?.status]).toEqual([47, 'en_ejecucion']);
  });
});

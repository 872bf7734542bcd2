import { describe, expect, it } from 'vitest';
import type { CommitmentView, PointView, ProposalView, WorkshopView } from '../portal/api';
import { proposalIndex } from '../portal/model';
import {
  answerCounts, attendanceSplit, breakdown, changedOn, civilDate, commitmentsInOrder, encuentroHref, evaluationRows,
  memoriaHref, overallAverage, percentOf, pointNumbers, proposalsOf, questionOf, sumOf, votesOf, workshopsInOrder,
} from './model';

const terms = (due: string) => ({ what: 'Hacer', entity: 'Alcaldía', office: 'Oficina', due_date: due, indicator: 'i', goal: 'g' });

function commitment(id: string, over: Partial<CommitmentView> = {}): CommitmentView {
  return {
    id, proposal_ids: [], version: 1, terms: terms('2026-10-25'),
    versions: [{ version: 1, terms: terms('2026-10-25'), date: '2026-07-17', reason: '' }],
    status: 'pendiente', percent: 0, overdue: false, reports: [], cuts: [], ...over,
  };
}

function proposal(id: string, votes: number, answer?: ProposalView['answer'], over: Partial<ProposalView> = {}): ProposalView {
  return { id, text: `Propuesta ${id}`, kind: 'propuesta', point_id: 'p1', votes, answer, ...over };
}

function workshop(id: string, number: number, proposals: ProposalView[]): WorkshopView {
  return { id, number, participants: 10, synthesis: '', principal_proposals: proposals };
}

const commit = (k: string) => ({ kind: 'commitment', reason: '', referred_to: '', commitment_id: k });

describe('links', () => {
  it('escapes the id', () => {
    expect(memoriaHref('e-cascajal-2026')).toBe('/publico/e-cascajal-2026/memoria');
    expect(memoriaHref('a/b c')).toBe('/publico/a%2Fb%20c/memoria');
    expect(encuentroHref('a/b')).toBe('/publico/a%2Fb');
  });
});

describe('attendance', () => {
  it('splits registered and walk-ins, never negative, with whole percents that add up', () => {
    expect(attendanceSplit({ total: 72, registered: 70, by_value_group: [], by_territory: [] }))
      .toEqual({ total: 72, registered: 70, walkIns: 2, registeredPercent: 97, walkInsPercent: 3 });
    // More registered than attended (inconsistent data) is clamped.
    expect(attendanceSplit({ total: 5, registered: 9, by_value_group: [], by_territory: [] }))
      .toEqual({ total: 5, registered: 5, walkIns: 0, registeredPercent: 100, walkInsPercent: 0 });
    expect(attendanceSplit({ total: 0, registered: 0, by_value_group: [], by_territory: [] }))
      .toEqual({ total: 0, registered: 0, walkIns: 0, registeredPercent: 0, walkInsPercent: 0 });
  });

  it('computes whole percents', () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(2, 3)).toBe(67);
    expect(percentOf(5, 0)).toBe(0);
    expect(percentOf(-1, 10)).toBe(0);
    expect(percentOf(12, 10)).toBe(100);
  });

  it('orders a breakdown by count (ties keep their order), drops empty rows, gives shares of the sum', () => {
    const rows = [
      { territory: 'A', count: 2 },
      { territory: 'B', count: 5 },
      { territory: 'C', count: 0 },
      { territory: 'D', count: 2 },
      { territory: 'E', count: 1 },
    ];
    const b = breakdown(rows, (r) => r.territory, (r) => r.count);
    expect(b).toEqual([
      { key: 'B', count: 5, percent: 50 },
      { key: 'A', count: 2, percent: 20 },
      { key: 'D', count: 2, percent: 20 },
      { key: 'E', count: 1, percent: 10 },
    ]);
    expect(sumOf(b)).toBe(10);
    expect(breakdown([], (r: { k: string }) => r.k, () => 1)).toEqual([]);
  });
});

describe('workshops and answers', () => {
  const ws = [
    workshop('w2', 2, [proposal('c3', 10, commit('k2')), proposal('c4', 4, { kind: 'referred', reason: '', referred_to: 'Gobernación' })]),
    workshop('w1', 1, [proposal('c1', 12, commit('k1')), proposal('c2', 3, { kind: 'not_adopted', reason: 'No', referred_to: '' }), proposal('c5', 1)]),
  ];

  it('counts proposals by the kind of answer, and those without one', () => {
    expect(answerCounts(ws)).toEqual({ commitment: 2, not_adopted: 1, referred: 1, other: 0, none: 1, total: 5 });
    expect(answerCounts([workshop('w', 1, [proposal('x', 1, { kind: 'mystery', reason: '', referred_to: '' })])]).other).toBe(1);
  });

  it('orders workshops by number and sums their votes', () => {
    expect(workshopsInOrder(ws).map((w) => w.id)).toEqual(['w1', 'w2']);
    expect(votesOf(ws[0])).toBe(14);
  });

  it('numbers central points and finds a proposal\'s guide question', () => {
    const points: PointView[] = [
      { id: 'p1', title: 'Uno', description: '', questions: [{ id: 'q1', text: '¿Qué?' }] },
      { id: 'p2', title: 'Dos', description: '', questions: [{ id: 'q2', text: '¿Cómo?' }] },
    ];
    expect([...pointNumbers(points)]).toEqual([['p1', 1], ['p2', 2]]);
    expect(questionOf(points, proposal('x', 1, null, { question_id: 'q2' }))).toBe('¿Cómo?');
    expect(questionOf(points, proposal('x', 1, null, { question_id: 'nope' }))).toBe('');
    expect(questionOf(points, proposal('x', 1))).toBe('');
  });

  it('orders commitments by the workshop and rank of the first proposal they answer', () => {
    const cs = [
      commitment('k9'),
      commitment('k2', { proposal_ids: ['c3'] }),
      commitment('k1', { proposal_ids: ['c4', 'c1'] }),
    ];
    expect(commitmentsInOrder(cs, ws).map((c) => c.id)).toEqual(['k1', 'k2', 'k9']);
  });

  it('lists the known proposals a commitment answers, with their workshop', () => {
    const index = proposalIndex({ workshops: ws } as Parameters<typeof proposalIndex>[0]);
    const refs = proposalsOf(commitment('k', { proposal_ids: ['c3', 'gone', 'c1'] }), index);
    expect(refs.map((r) => [r.proposal.id, r.workshop])).toEqual([['c3', 2], ['c1', 1]]);
  });

  it('tells when the current terms changed after the encuentro', () => {
    expect(changedOn(commitment('k'))).toBeNull();
    const v2 = commitment('k', {
      version: 2,
      versions: [
        { version: 1, terms: terms('2026-10-25'), date: '2026-07-17', reason: '' },
        { version: 2, terms: terms('2026-12-25'), date: '2026-09-01', reason: 'Lluvias' },
      ],
    });
    expect(changedOn(v2)).toBe('2026-09-01');
  });
});

describe('evaluation', () => {
  it('keeps the criteria that have an average, in the form\'s order, clamped to 0..5', () => {
    const rows = evaluationRows({ organisation: 4.5, methodology: null, participation: 7, answers: 3.5 });
    expect(rows).toEqual([
      { key: 'organisation', value: 4.5 },
      { key: 'participation', value: 5 },
      { key: 'answers', value: 3.5 },
    ]);
  });

  it('averages the criteria (two decimals), or null when none', () => {
    expect(overallAverage({ organisation: 4.5, methodology: 3.95, participation: 4.5, answers: 3.5 })).toBe(4.11);
    expect(overallAverage({ organisation: null, methodology: null, participation: null, answers: null })).toBeNull();
  });
});

describe('dates', () => {
  it('gives the local civil date', () => {
    expect(civilDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(civilDate(new Date(2026, 11, 31, 0, 1))).toBe('2026-12-31');
  });
});

import { describe, expect, it } from 'vitest';
import type { Commitment } from '../../../core/protocol';
import { contribution, state, workshop } from '../event/test-fixture';
import {
  answerProgress,
  changedTerms,
  currentVersion,
  groupRows,
  missingTerms,
  principalRows,
  versionsNewestFirst,
} from './selectors';

const terms = { what: 'w', entity: 'e', office: '', due_date: '2026-09-01', indicator: 'i', goal: 'g' };

const s = state({
  phase: 'commitments',
  workshops: [
    workshop('w2', 2, { principal_proposals: ['c4'] }),
    workshop('w1', 1, { principal_proposals: ['c2', 'c1'] }),
  ],
  contributions: [
    contribution('c1', 'w1', 'p2'),
    contribution('c2', 'w1', 'p1'),
    contribution('c3', 'w1', 'p1'),
    contribution('c4', 'w2', 'p1'),
  ],
  answers: [
    { id: 'ans1', proposal_ids: ['c2', 'c4'], kind: 'commitment', commitment_id: 'k1', reason: '', referred_to: '', at: 1 },
  ],
});

describe('principal proposals and their answers', () => {
  it('lists principal proposals by workshop and rank, with the answer covering each', () => {
    const rows = principalRows(s);
    expect(rows.map((r) => [r.id, r.workshopNumber, r.rank, r.answer?.id ?? null])).toEqual([
      ['c2', 1, 1, 'ans1'],
      ['c1', 1, 2, null],
      ['c4', 2, 1, 'ans1'],
    ]);
  });
  it('says what is still unanswered (R9)', () => {
    const p = answerProgress(principalRows(s));
    expect(p.total).toBe(3);
    expect(p.answered).toBe(2);
    expect(p.unanswered.map((r) => r.id)).toEqual(['c1']);
  });
  it('groups by workshop or by central point', () => {
    const rows = principalRows(s);
    expect(groupRows(s, rows, 'workshop').map((g) => [g.key, g.rows.map((r) => r.id)])).toEqual([
      ['w1', ['c2', 'c1']],
      ['w2', ['c4']],
    ]);
    expect(groupRows(s, rows, 'point').map((g) => [g.key, g.rows.map((r) => r.id)])).toEqual([
      ['p1', ['c2', 'c4']],
      ['p2', ['c1']],
    ]);
  });
});

describe('commitment versions (R10)', () => {
  const k: Commitment = {
    id: 'k1',
    proposal_ids: ['c2'],
    versions: [
      { version: 1, terms, at: 1, reason: '' },
      { version: 2, terms: { ...terms, due_date: '2026-12-01', goal: 'g2' }, at: 2, reason: 'más tiempo' },
    ],
  };
  it('uses the highest version and lists history newest first', () => {
    expect(currentVersion(k)?.version).toBe(2);
    expect(versionsNewestFirst(k).map((v) => v.version)).toEqual([2, 1]);
    expect(currentVersion({ ...k, versions: [] })).toBeNull();
  });
  it('says which terms changed and which required ones are blank', () => {
    expect(changedTerms(k.versions[0].terms, k.versions[1].terms)).toEqual(['due_date', 'goal']);
    expect(missingTerms({ ...terms, what: ' ', office: '' })).toEqual(['what']);
  });
});

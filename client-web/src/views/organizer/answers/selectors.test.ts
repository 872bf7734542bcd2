import { describe, expect, it } from 'vitest';
import type { Commitment } from '../../../core/protocol';
import { contribution, state, workshop } from '../event/test-fixture';
import {
  answerProgress,
  changedTerms,
  commitmentProgress,
  currentVersion,
  groupRows,
  missingTerms,
  partsAddable,
  partsProblems,
  principalRows,
  termsToSend,
  versionsNewestFirst,
} from './selectors';

const terms = { what: 'w', entity: 'e', office: '', due_date: '2026-09-01', indicator: 'i', goal: 'g', territory: '', parts: [] as string[] };

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

describe('territory and parts of the terms', () => {
  const k = (parts: string[]): Commitment => ({
    id: 'k1',
    proposal_ids: ['c2'],
    versions: [{ version: 1, terms: { ...terms, parts }, at: 1, reason: '' }],
  });
  const report = (commitment_id: string, part = 0) => ({
    id: 'g1', commitment_id, part, percent: 10, status: 'en_ejecucion' as const, note: '', evidence_url: '',
    as_of: '2026-09-01', reported_at: 5,
  });

  it('compares parts by value and names territory and parts as changed', () => {
    expect(changedTerms({ ...terms, parts: ['a', 'b'] }, { ...terms, parts: ['a', 'b'] })).toEqual([]);
    expect(changedTerms({ ...terms, parts: ['a', 'b'] }, { ...terms, parts: ['a', 'b', 'c'] })).toEqual(['parts']);
    expect(changedTerms(terms, { ...terms, territory: 'Barrio Pueblo Nuevo' })).toEqual(['territory']);
  });
  it('allows none or 2 to 20 non-blank parts, and never fewer than the ones in force', () => {
    expect(partsProblems(terms)).toEqual([]);
    expect(partsProblems({ ...terms, parts: ['a'] })).toEqual(['parts_one']);
    expect(partsProblems({ ...terms, parts: ['a', ' '] })).toEqual(['parts_blank']);
    expect(partsProblems({ ...terms, parts: Array.from({ length: 20 }, (_, i) => `p${i}`) })).toEqual([]);
    expect(partsProblems({ ...terms, parts: Array.from({ length: 21 }, (_, i) => `p${i}`) })).toEqual(['parts_many']);
    expect(partsProblems({ ...terms, parts: ['a', 'x'.repeat(301)] })).toEqual(['parts_long']);
    expect(partsProblems({ ...terms, parts: ['a', 'b'] }, 3)).toEqual(['parts_removed']);
    expect(partsProblems({ ...terms, parts: ['a', 'b', 'c', 'd'] }, 3)).toEqual([]);
    expect(partsProblems({ ...terms, territory: 'x'.repeat(201) })).toEqual(['territory_long']);
  });
  it('sends the terms trimmed, one line each', () => {
    expect(termsToSend({ ...terms, office: ' O ', territory: ' Isla  del\nCascajal ', parts: [' a ', 'b\n c'] })).toEqual({
      ...terms, office: 'O', territory: 'Isla del Cascajal', parts: ['a', 'b c'],
    });
  });
  it('gives parts only to a commitment not reported on as a whole', () => {
    expect(partsAddable({ progress_reports: [] }, k([]))).toBe(true);
    expect(partsAddable({ progress_reports: [report('k1')] }, k([]))).toBe(false);
    expect(partsAddable({ progress_reports: [report('k2')] }, k([]))).toBe(true);
    expect(partsAddable({ progress_reports: [report('k1', 1)] }, k(['a', 'b']))).toBe(true);
  });
  it('shows the progress as the average of the parts', () => {
    const p = commitmentProgress({ progress_reports: [report('k1', 1), { ...report('k1', 2), percent: 41 }] }, k(['a', 'b', 'c']));
    expect([p.percent, p.status, p.parts.map((x) => x.percent)]).toEqual([17, 'en_ejecucion', [10, 41, 0]]);
  });
});

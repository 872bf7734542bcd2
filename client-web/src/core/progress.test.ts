import { describe, expect, it } from 'vitest';
import { terms } from './test-fixtures';
import type { Commitment, ProgressReport } from './protocol';
import {
  isOverdue,
  partOf,
  partsOf,
  progressFromReports,
  progressOf,
  termsInForce,
  territoryOf,
  type ReportLike,
} from './progress';

let seq = 0;
function report(as_of: string, percent: number, status: ProgressReport['status'], part = 0, id = 'k1'): ProgressReport {
  seq++;
  return {
    id: `g${seq}`,
    commitment_id: id,
    percent,
    status,
    note: '',
    evidence_url: '',
    as_of,
    reported_at: 1000 + seq,
    part,
  };
}

const THREE = ['Convocatoria', 'Jornadas en los barrios', 'Informe público'];

describe('progress without parts', () => {
  it('is pendiente at 0 % without reports', () => {
    expect(progressFromReports([], [])).toEqual({ percent: 0, status: 'pendiente', latest: null, parts: [] });
  });

  it('is the latest report by as_of, ties broken by the order of reporting', () => {
    const a = report('2026-08-01', 30, 'en_ejecucion');
    const b = report('2026-09-01', 50, 'en_ejecucion');
    const c = report('2026-08-15', 90, 'en_ejecucion'); // reported later, but as of before b
    expect(progressFromReports([a, b, c], []).latest).toBe(b);
    const d = report('2026-09-01', 60, 'en_ejecucion'); // same as_of as b, reported after it
    const p = progressFromReports([a, b, c, d], []);
    expect(p.latest).toBe(d);
    expect(p.percent).toBe(60);
  });

  it('takes only the reports as of a cut date', () => {
    const a = report('2026-08-01', 30, 'en_ejecucion');
    const b = report('2026-09-01', 100, 'cumplido');
    expect(progressFromReports([a, b], [], '2026-08-31')).toMatchObject({ percent: 30, status: 'en_ejecucion', latest: a });
    expect(progressFromReports([a, b], [], '2026-07-31')).toMatchObject({ percent: 0, status: 'pendiente', latest: null });
    expect(progressFromReports([a, b], [], '2026-09-01')).toMatchObject({ percent: 100, status: 'cumplido' });
  });

  it('ignores reports on parts the terms do not have', () => {
    expect(progressFromReports([report('2026-08-01', 40, 'en_ejecucion', 2)], [])).toMatchObject({ percent: 0, latest: null });
  });
});

describe('progress with parts', () => {
  it('averages the parts (never sums them): the demo k3 at (100 + 40 + 0) / 3 = 47 %', () => {
    const p1 = report('2026-08-01', 100, 'cumplido', 1);
    const p2 = report('2026-09-01', 40, 'en_ejecucion', 2);
    const p = progressFromReports([p1, p2], THREE);
    expect(p.percent).toBe(47);
    expect(p.status).toBe('en_ejecucion');
    expect(p.latest).toBe(p2);
    expect(p.parts).toEqual([
      { part: 1, what: 'Convocatoria', percent: 100, status: 'cumplido', report: p1 },
      { part: 2, what: 'Jornadas en los barrios', percent: 40, status: 'en_ejecucion', report: p2 },
      { part: 3, what: 'Informe público', percent: 0, status: 'pendiente', report: null },
    ]);
    // Part 3 at 60 %: (100 + 40 + 60) / 3 = 66.7 → 67 %.
    expect(progressFromReports([p1, p2, report('2026-09-02', 60, 'en_ejecucion', 3)], THREE).percent).toBe(67);
  });

  it('rounds the average half up, in integers', () => {
    const two = ['a', 'b'];
    expect(progressFromReports([report('2026-08-01', 25, 'en_ejecucion', 1)], two).percent).toBe(13); // 12.5
    expect(progressFromReports([report('2026-08-01', 1, 'en_ejecucion', 1)], two).percent).toBe(1); // 0.5
    expect(progressFromReports([report('2026-08-01', 1, 'en_ejecucion', 1)], THREE).percent).toBe(0); // 0.33
    expect(progressFromReports([report('2026-08-01', 50, 'en_ejecucion', 1)], THREE).percent).toBe(17); // 16.7
    const four = ['a', 'b', 'c', 'd'];
    expect(progressFromReports([report('2026-08-01', 2, 'en_ejecucion', 1)], four).percent).toBe(1); // 0.5
  });

  it('uses each part\'s latest report', () => {
    const old = report('2026-08-01', 80, 'en_ejecucion', 1);
    const fresh = report('2026-09-01', 20, 'en_ejecucion', 1); // parts may go down too
    const tie = report('2026-09-01', 30, 'en_ejecucion', 1); // same day, reported later
    expect(progressFromReports([old, fresh], ['a', 'b']).parts[0].percent).toBe(20);
    expect(progressFromReports([old, fresh, tie], ['a', 'b']).parts[0].report).toBe(tie);
    expect(progressFromReports([old, fresh, tie], ['a', 'b']).percent).toBe(15);
  });

  it('is cumplido only when every part is', () => {
    const all = [report('2026-08-01', 100, 'cumplido', 1), report('2026-08-02', 100, 'cumplido', 2)];
    expect(progressFromReports(all, ['a', 'b'])).toMatchObject({ percent: 100, status: 'cumplido' });
    expect(progressFromReports(all, ['a', 'b', 'c'])).toMatchObject({ percent: 67, status: 'en_ejecucion' });
  });

  it('is no_cumplido when every part is closed and one is not fulfilled', () => {
    const closed = [report('2026-08-01', 100, 'cumplido', 1), report('2026-08-02', 30, 'no_cumplido', 2)];
    expect(progressFromReports(closed, ['a', 'b'])).toMatchObject({ percent: 65, status: 'no_cumplido' });
    const none = [report('2026-08-01', 0, 'no_cumplido', 1), report('2026-08-02', 0, 'no_cumplido', 2)];
    expect(progressFromReports(none, ['a', 'b'])).toMatchObject({ percent: 0, status: 'no_cumplido' });
  });

  it('is en_ejecucion once any part moved, else pendiente', () => {
    expect(progressFromReports([], ['a', 'b'])).toMatchObject({ percent: 0, status: 'pendiente', latest: null });
    expect(progressFromReports([report('2026-08-01', 0, 'pendiente', 1)], ['a', 'b']).status).toBe('pendiente');
    expect(progressFromReports([report('2026-08-01', 0, 'en_ejecucion', 1)], ['a', 'b']).status).toBe('en_ejecucion');
    expect(progressFromReports([report('2026-08-01', 10, 'pendiente', 1)], ['a', 'b']).status).toBe('en_ejecucion');
    // One part fulfilled, the other not closed: in progress.
    expect(progressFromReports([report('2026-08-01', 100, 'cumplido', 1)], ['a', 'b']).status).toBe('en_ejecucion');
    // One part failed, the other untouched: not every part is closed, none moved.
    expect(progressFromReports([report('2026-08-01', 0, 'no_cumplido', 1)], ['a', 'b']).status).toBe('pendiente');
  });

  it('counts only the reports as of a cut date', () => {
    const p1 = report('2026-08-01', 100, 'cumplido', 1);
    const p2 = report('2026-09-01', 40, 'en_ejecucion', 2);
    expect(progressFromReports([p1, p2], THREE, '2026-08-31')).toMatchObject({ percent: 33, latest: p1 });
    expect(progressFromReports([p1, p2], THREE, '2026-07-31')).toMatchObject({ percent: 0, status: 'pendiente', latest: null });
  });

  it('ignores whole-commitment reports and parts beyond the terms', () => {
    const whole = report('2026-08-01', 90, 'en_ejecucion', 0);
    const beyond = report('2026-08-01', 90, 'en_ejecucion', 3);
    expect(progressFromReports([whole, beyond], ['a', 'b'])).toMatchObject({ percent: 0, status: 'pendiente' });
  });

  it('picks the latest report of any part by as_of, then reported_at (or list order)', () => {
    const a = report('2026-09-01', 10, 'en_ejecucion', 2);
    const b = report('2026-09-01', 20, 'en_ejecucion', 1);
    expect(progressFromReports([a, b], ['a', 'b']).latest).toBe(b);
    const pub: ReportLike[] = [
      { part: 2, percent: 10, status: 'en_ejecucion', as_of: '2026-09-01' },
      { part: 1, percent: 20, status: 'en_ejecucion', as_of: '2026-09-01' },
    ];
    expect(progressFromReports(pub, ['a', 'b']).latest).toBe(pub[1]);
  });
});

describe('progress in State', () => {
  const k: Commitment = {
    id: 'k3',
    proposal_ids: ['p1'],
    versions: [
      { version: 1, terms: terms(), at: Date.UTC(2026, 6, 17, 15), reason: '' },
      { version: 2, terms: terms({ parts: THREE }), at: Date.UTC(2026, 7, 20, 15), reason: 'por partes' },
    ],
  };
  const reports = [report('2026-08-25', 100, 'cumplido', 1, 'k3'), report('2026-08-26', 40, 'en_ejecucion', 2, 'k3'),
    report('2026-08-26', 99, 'en_ejecucion', 0, 'other')];

  it('judges by the current terms and this commitment\'s reports', () => {
    const p = progressOf({ progress_reports: reports }, k);
    expect(p.percent).toBe(47);
    expect(p.parts.map((x) => x.percent)).toEqual([100, 40, 0]);
  });

  it('judges a cut by the terms then in force', () => {
    const bogota = (at: number) => new Date(at - 5 * 3_600_000).toISOString().slice(0, 10);
    expect(termsInForce(k, '2026-08-19', bogota)).toBe(k.versions[0].terms);
    expect(termsInForce(k, '2026-08-20', bogota)).toBe(k.versions[1].terms);
    const before = progressOf({ progress_reports: reports }, k, '2026-08-19', termsInForce(k, '2026-08-19', bogota));
    expect(before).toMatchObject({ percent: 0, status: 'pendiente', parts: [] });
  });
});

describe('small helpers', () => {
  it('read parts, territory and part, absent or not', () => {
    expect(partsOf(terms())).toEqual([]);
    expect(partsOf(null)).toEqual([]);
    expect(partsOf(terms({ parts: ['a', 'b'] }))).toEqual(['a', 'b']);
    expect(territoryOf(terms())).toBe('');
    expect(territoryOf(terms({ territory: ' Barrio Pueblo Nuevo ' }))).toBe('Barrio Pueblo Nuevo');
    expect(partOf({ percent: 0, status: 'pendiente', as_of: '2026-08-01' })).toBe(0);
    expect(partOf({ part: 2, percent: 0, status: 'pendiente', as_of: '2026-08-01' })).toBe(2);
  });

  it('R11: overdue past the due date unless fulfilled', () => {
    expect(isOverdue('2026-10-01', 'en_ejecucion', '2026-10-01')).toBe(false);
    expect(isOverdue('2026-10-01', 'en_ejecucion', '2026-10-02')).toBe(true);
    expect(isOverdue('2026-10-01', 'no_cumplido', '2026-10-02')).toBe(true);
    expect(isOverdue('2026-10-01', 'cumplido', '2026-10-02')).toBe(false);
    expect(isOverdue('', 'pendiente', '2026-10-02')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { CommitmentView, EncuentroSummary, EncuentroView, ProgressStatus, Report, Terms } from './api';
import {
  barLengths, changedTerms, commitmentFiltersFromQuery, commitmentQuery, cutDates, dayNumber, entityOptions,
  filterCommitments, filterEncuentros, fold, listFiltersFromQuery, listQuery, partsOfView, pathOf, pointsOf,
  progressChart, progressSeries, proposalIndex, safeHttpUrl, stateAt, statusCounts, territoryOptions,
} from './model';

function summary(id: string, over: Partial<EncuentroSummary> = {}, by: Partial<Record<ProgressStatus, number>> = {}, overdue = 0): EncuentroSummary {
  const byStatus = { pendiente: 0, en_ejecucion: 0, cumplido: 0, no_cumplido: 0, ...by };
  return {
    id,
    title: `Encuentro ${id}`,
    entities: ['Alcaldía'],
    date: '2026-07-17',
    venue: 'Salón',
    phase: 'follow_up',
    counts: {
      workshops: 1, participants: 10, principal_proposals: 2,
      commitments: Object.values(byStatus).reduce((a, b) => a + b, 0),
      commitments_by_status: byStatus, commitments_overdue: overdue,
    },
    ...over,
  };
}

const terms = (due: string) => ({ what: 'Hacer', entity: 'Alcaldía', office: 'Oficina', due_date: due, indicator: 'i', goal: 'g' });

function commitment(id: string, over: Partial<CommitmentView> = {}): CommitmentView {
  return {
    id, proposal_ids: [], version: 1, terms: terms('2026-10-25'),
    versions: [{ version: 1, terms: terms('2026-10-25'), date: '2026-07-17', reason: '' }],
    status: 'pendiente', percent: 0, overdue: false, reports: [], cuts: [], ...over,
  };
}

describe('list filters', () => {
  const list = [
    summary('a', { title: 'Diálogo en Cascajal', entities: ['Alcaldía Local Isla del Cascajal'] }, { cumplido: 1, en_ejecucion: 2 }, 1),
    summary('b', { title: 'Instancias de Itagüí', entities: ['Alcaldía de Itagüí', 'Personería'] }, { pendiente: 3 }),
    summary('c', { title: 'Sin compromisos', entities: ['Personería'] }),
  ];

  it('reads and writes the URL query, dropping empty and unknown values', () => {
    expect(listFiltersFromQuery({ entidad: 'Personería', estado: 'cumplido', q: 'itagüí' }))
      .toEqual({ entity: 'Personería', status: 'cumplido', q: 'itagüí' });
    expect(listFiltersFromQuery({ estado: 'bogus' }).status).toBe('');
    expect(listFiltersFromQuery({ estado: 'vencido' }).status).toBe('vencido');
    expect(listQuery({ entity: '', status: '', q: '  ' })).toBe('');
    const q = listQuery({ entity: 'Alcaldía de Itagüí', status: 'pendiente', q: 'x y' });
    expect(listFiltersFromQuery(Object.fromEntries(new URLSearchParams(q.slice(1)))))
      .toEqual({ entity: 'Alcaldía de Itagüí', status: 'pendiente', q: 'x y' });
  });

  it('filters by entity, by a status some commitment has, by overdue and by text without accents', () => {
    expect(filterEncuentros(list, { entity: 'Personería', status: '', q: '' }).map((e) => e.id)).toEqual(['b', 'c']);
    expect(filterEncuentros(list, { entity: '', status: 'cumplido', q: '' }).map((e) => e.id)).toEqual(['a']);
    expect(filterEncuentros(list, { entity: '', status: 'no_cumplido', q: '' })).toEqual([]);
    expect(filterEncuentros(list, { entity: '', status: 'vencido', q: '' }).map((e) => e.id)).toEqual(['a']);
    expect(filterEncuentros(list, { entity: '', status: '', q: 'DIALOGO cascajal' }).map((e) => e.id)).toEqual(['a']);
    expect(filterEncuentros(list, { entity: '', status: '', q: 'itagui' }).map((e) => e.id)).toEqual(['b']);
    expect(filterEncuentros(list, { entity: '', status: '', q: '' })).toHaveLength(3);
  });

  it('lists each entity once, sorted', () => {
    expect(entityOptions(list)).toEqual(['Alcaldía de Itagüí', 'Alcaldía Local Isla del Cascajal', 'Personería']);
    expect(fold('  Ñandú ÁÉ ')).toBe('nandu ae');
  });
});

describe('monitoring cuts', () => {
  const k1 = commitment('k1', {
    status: 'cumplido', percent: 100, reports: [{ id: 'g1', percent: 100, status: 'cumplido', note: '', evidence_url: '', as_of: '2026-09-10' }],
    cuts: [
      { date: '2026-09-30', percent: 100, status: 'cumplido', reported: true, overdue: false },
      { date: '2026-12-31', percent: 100, status: 'cumplido', reported: true, overdue: false },
    ],
  });
  const k2 = commitment('k2', {
    status: 'en_ejecucion', percent: 20, overdue: true,
    cuts: [
      { date: '2026-09-30', percent: 20, status: 'en_ejecucion', reported: true, overdue: false },
      { date: '2026-12-31', percent: 20, status: 'en_ejecucion', reported: true, overdue: true },
    ],
  });
  const k3 = commitment('k3', { cuts: [{ date: '2026-12-31', percent: 0, status: 'pendiente', reported: false, overdue: false }] });
  const all = [k1, k2, k3];

  it('collects the cut dates newest first, once', () => {
    expect(cutDates(all)).toEqual(['2026-12-31', '2026-09-30']);
    expect(cutDates([])).toEqual([]);
  });

  it('gives the state today or at a cut (null when the commitment has none that day)', () => {
    expect(stateAt(k2, '')).toEqual({ status: 'en_ejecucion', percent: 20, overdue: true, reported: false });
    expect(stateAt(k2, '2026-09-30')).toEqual({ status: 'en_ejecucion', percent: 20, overdue: false, reported: true });
    expect(stateAt(k3, '2026-09-30')).toBeNull();
  });

  it('counts by status and overdue at a cut', () => {
    expect(statusCounts(all, '')).toEqual({ pendiente: 1, en_ejecucion: 1, cumplido: 1, no_cumplido: 0, overdue: 1, none: 0 });
    expect(statusCounts(all, '2026-09-30')).toEqual({ pendiente: 0, en_ejecucion: 1, cumplido: 1, no_cumplido: 0, overdue: 0, none: 1 });
  });
});

describe('commitment filters', () => {
  const view = {
    workshops: [
      { id: 'w1', number: 1, participants: 5, synthesis: '', principal_proposals: [
        { id: 'c1', text: 'a', kind: 'propuesta', point_id: 'p1', votes: 3 },
        { id: 'c2', text: 'b', kind: 'propuesta', point_id: 'p2', votes: 2 },
      ] },
      { id: 'w2', number: 2, participants: 5, synthesis: '', principal_proposals: [
        { id: 'c3', text: 'c', kind: 'propuesta', point_id: 'p2', votes: 1 },
      ] },
    ],
  } as unknown as EncuentroView;
  const index = proposalIndex(view);
  const k1 = commitment('k1', { proposal_ids: ['c1', 'c3'], status: 'cumplido', percent: 100,
    cuts: [{ date: '2026-09-30', percent: 40, status: 'en_ejecucion', reported: true, overdue: false }] });
  const k2 = commitment('k2', { proposal_ids: ['c2'], status: 'en_ejecucion', overdue: true,
    cuts: [{ date: '2026-09-30', percent: 0, status: 'pendiente', reported: false, overdue: false }] });

  it('maps commitments to central points through their proposals', () => {
    expect(index.get('c3')?.workshop).toBe(2);
    expect(pointsOf(k1, index)).toEqual(['p1', 'p2']);
    expect(pointsOf(k2, index)).toEqual(['p2']);
  });

  it('reads and writes the query', () => {
    const f = commitmentFiltersFromQuery({ estado: 'cumplido', eje: 'p2', vencidos: '1', corte: '2026-09-30' });
    expect(f).toEqual({ status: 'cumplido', point: 'p2', territory: '', overdue: true, cut: '2026-09-30' });
    expect(commitmentQuery(f)).toBe('?estado=cumplido&eje=p2&vencidos=1&corte=2026-09-30');
    expect(commitmentQuery({ ...f, territory: 'Barrio Pueblo Nuevo' }))
      .toBe('?estado=cumplido&eje=p2&territorio=Barrio+Pueblo+Nuevo&vencidos=1&corte=2026-09-30');
    expect(commitmentFiltersFromQuery({ territorio: 'Barrio Pueblo Nuevo' }).territory).toBe('Barrio Pueblo Nuevo');
    expect(commitmentFiltersFromQuery({ corte: 'junio', estado: 'x' }))
      .toEqual({ status: '', point: '', territory: '', overdue: false, cut: '' });
  });

  it('filters by status, point and overdue, judged at the chosen cut', () => {
    const base = { status: '', point: '', territory: '', overdue: false, cut: '' } as const;
    const ids = (f: Parameters<typeof filterCommitments>[1]) => filterCommitments([k1, k2], f, index).map((c) => c.id);
    expect(ids(base)).toEqual(['k1', 'k2']);
    expect(ids({ ...base, status: 'cumplido' })).toEqual(['k1']);
    expect(ids({ ...base, status: 'cumplido', cut: '2026-09-30' })).toEqual([]);
    expect(ids({ ...base, status: 'en_ejecucion', cut: '2026-09-30' })).toEqual(['k1']);
    expect(ids({ ...base, overdue: true })).toEqual(['k2']);
    expect(ids({ ...base, overdue: true, cut: '2026-09-30' })).toEqual([]);
    expect(ids({ ...base, point: 'p1' })).toEqual(['k1']);
    expect(ids({ ...base, point: 'p2' })).toEqual(['k1', 'k2']);
  });

  it('filters by the territory the terms name', () => {
    const island = commitment('k3', { terms: { ...terms('2026-10-25'), territory: 'Isla del Cascajal' } });
    const barrio = commitment('k4', { terms: { ...terms('2026-10-25'), territory: ' Barrio Pueblo Nuevo ' } });
    const all = [k1, island, barrio, commitment('k5', { terms: { ...terms('2026-10-25'), territory: 'Isla del Cascajal' } })];
    expect(territoryOptions(all)).toEqual(['Barrio Pueblo Nuevo', 'Isla del Cascajal']);
    const base = { status: '', point: '', territory: '', overdue: false, cut: '' } as const;
    const ids = (territory: string) => filterCommitments(all, { ...base, territory }, index).map((c) => c.id);
    expect(ids('')).toEqual(['k1', 'k3', 'k4', 'k5']);
    expect(ids('Isla del Cascajal')).toEqual(['k3', 'k5']);
    expect(ids('Barrio Pueblo Nuevo')).toEqual(['k4']);
    expect(ids('Otro')).toEqual([]);
  });
});

describe('commitments with parts', () => {
  const report = (id: string, as_of: string, percent: number, status: ProgressStatus, part = 0): Report => ({
    id, part, percent, status, note: '', evidence_url: '', as_of,
  });
  const parts = ['Convocatoria', 'Jornadas en los barrios', 'Informe público'];
  const k3 = commitment('k3', {
    terms: { ...terms('2026-12-31'), parts },
    parts: [
      { part: 1, what: 'Convocatoria', percent: 100, status: 'cumplido' },
      { part: 2, what: 'Jornadas en los barrios', percent: 40, status: 'en_ejecucion' },
      { part: 3, what: 'Informe público', percent: 0, status: 'pendiente' },
    ],
    reports: [
      report('g1', '2026-08-01', 60, 'en_ejecucion', 1),
      report('g2', '2026-08-15', 100, 'cumplido', 1),
      report('g3', '2026-08-15', 40, 'en_ejecucion', 2),
    ],
  });

  it('reads the parts (none from an older server)', () => {
    expect(partsOfView(k3).map((p) => p.percent)).toEqual([100, 40, 0]);
    expect(partsOfView(commitment('k1'))).toEqual([]);
  });
  it('charts the average of the parts at each report date, never one part alone', () => {
    expect(progressSeries(k3).map((r) => [r.as_of, r.percent, r.status])).toEqual([
      ['2026-08-01', 20, 'en_ejecucion'],
      ['2026-08-15', 47, 'en_ejecucion'],
    ]);
    const plain = commitment('k1', { reports: [report('g9', '2026-08-01', 30, 'en_ejecucion')] });
    expect(progressSeries(plain)).toEqual(plain.reports);
  });
  it('says the parts changed only when they did', () => {
    const before = { ...terms('2026-12-31'), parts: ['a', 'b'] };
    expect(changedTerms(before, { ...before, parts: ['a', 'b'] })).toEqual([]);
    expect(changedTerms(before, { ...before, parts: ['a', 'b', 'c'] })).toEqual(['parts']);
    expect(changedTerms<Terms>(terms('2026-12-31'), { ...terms('2026-12-31'), territory: '', parts: [] })).toEqual([]);
    expect(changedTerms<Terms>(terms('2026-12-31'), { ...terms('2026-12-31'), territory: 'Isla' })).toEqual(['territory']);
  });
});

describe('chart scaling', () => {
  it('scales bars to the largest value or a given maximum, clamped to 0..100', () => {
    expect(barLengths([5, 10, 0])).toEqual([50, 100, 0]);
    expect(barLengths([3.5, 5], 5)).toEqual([70, 100]);
    expect(barLengths([0, 0])).toEqual([0, 0]);
    expect(barLengths([])).toEqual([]);
    expect(barLengths([7], 5)).toEqual([100]);
  });

  it('counts days of civil dates', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2026-09-30') - dayNumber('2026-07-17')).toBe(75);
    expect(dayNumber('30/09/2026')).toBeNaN();
  });

  it('draws percent as steps from the encuentro to today, with the due date inside', () => {
    const reports: Report[] = [
      { id: 'g2', percent: 100, status: 'cumplido', note: '', evidence_url: '', as_of: '2026-09-10' },
      { id: 'g1', percent: 20, status: 'en_ejecucion', note: '', evidence_url: '', as_of: '2026-08-16' },
    ];
    // 2026-07-17 .. 2026-11-24 is 130 days; width 130 makes one unit a day.
    const c = progressChart(reports, '2026-07-17', '2026-11-24', '2026-09-15', 130, 100);
    expect(c.marks.map((m) => [m.report.id, m.x, m.y])).toEqual([['g1', 30, 80], ['g2', 55, 0]]);
    expect(c.points).toEqual([
      { x: 0, y: 100 }, { x: 30, y: 100 }, { x: 30, y: 80 }, { x: 55, y: 80 }, { x: 55, y: 0 }, { x: 130, y: 0 },
    ]);
    expect(c.due).toBe(60);
    expect([c.from, c.to]).toEqual(['2026-07-17', '2026-11-24']);
    expect(pathOf(c.points.slice(0, 3))).toBe('M0 100 L30 100 L30 80');
  });

  it('keeps a due date outside the span out, and stretches the span to reports outside it', () => {
    const c = progressChart([{ id: 'g', percent: 50, status: 'en_ejecucion', note: '', evidence_url: '', as_of: '2026-12-01' }],
      '2026-07-17', '2026-11-24', '2027-05-03', 100, 100);
    expect(c.due).toBeNull();
    expect(c.to).toBe('2026-12-01');
    expect(c.marks[0].x).toBe(100);
    const empty = progressChart([], '2026-07-17', '2026-07-17', '', 100, 100);
    expect(empty.points).toEqual([{ x: 0, y: 100 }, { x: 100, y: 100 }]);
  });
});

describe('links and versions', () => {
  it('keeps only http(s) evidence links', () => {
    expect(safeHttpUrl('https://example.org/e/1')).toBe('https://example.org/e/1');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHttpUrl('carpeta/evidencia.pdf')).toBeNull();
  });

  it('names the terms a version changed', () => {
    expect(changedTerms(undefined, terms('2026-10-25'))).toEqual([]);
    expect(changedTerms(terms('2026-10-25'), { ...terms('2026-12-31'), office: 'Otra' })).toEqual(['office', 'due_date']);
  });
});

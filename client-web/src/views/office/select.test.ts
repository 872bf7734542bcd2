import { describe, expect, it } from 'vitest';
import { terms } from '../../core/test-fixtures';
import type { Commitment, CommitmentTerms, ProgressReport, State } from '../../core/protocol';
import { emptyState } from '../../core/fold';
import { allKeys, t } from '../../i18n';
import '../../i18n/office';
import '../../i18n/errors';
import {
  NO_OFFICE,
  STATUSES,
  bogotaToday,
  commitmentRows,
  countRows,
  draftProblems,
  filterRows,
  groupRows,
  isHttpUrl,
  isOverdue,
  latestReport,
  newDraft,
  officesOf,
  pendingReports,
  reportArgs,
  reportsNewestFirst,
  withPart,
  type ReportDraft,
} from './select';
import { describeRefusal } from './refusal';
import { TERM_FIELDS } from '../../core/terms';

function commitment(id: string, ...versions: Partial<CommitmentTerms>[]): Commitment {
  return {
    id,
    proposal_ids: ['p1'],
    versions: versions.map((v, i) => ({ version: i + 1, terms: terms(v), at: 1_000 + i, reason: i ? 'cambio' : '' })),
  };
}

let seq = 0;
function report(commitment_id: string, as_of: string, percent: number, status: ProgressReport['status'], part = 0): ProgressReport {
  seq++;
  return { id: `g${seq}`, commitment_id, percent, status, note: '', evidence_url: '', as_of, reported_at: seq, part };
}

function stateWith(commitments: Commitment[], reports: ProgressReport[]): State {
  const s = emptyState('e-1') as State;
  return {
    ...s,
    phase: 'follow_up',
    details: { ...s.details, date: '2026-07-17' },
    commitments,
    progress_reports: reports,
  };
}

describe('bogotaToday', () => {
  it('is the civil date at UTC−5', () => {
    expect(bogotaToday(Date.UTC(2026, 10, 22, 4, 59))).toBe('2026-11-21');
    expect(bogotaToday(Date.UTC(2026, 10, 22, 5, 0))).toBe('2026-11-22');
    expect(bogotaToday(Date.UTC(2027, 0, 1, 3, 0))).toBe('2026-12-31');
  });
});

describe('latestReport and history', () => {
  const reports = [
    report('k1', '2026-09-30', 40, 'en_ejecucion'),
    report('k1', '2026-08-31', 20, 'en_ejecucion'),
    report('k2', '2026-12-01', 100, 'cumplido'),
    report('k1', '2026-09-30', 45, 'en_ejecucion'),
  ];
  it('is the latest as_of, ties won by the later report', () => {
    expect(latestReport(reports, 'k1')?.percent).toBe(45);
    expect(latestReport(reports, 'k2')?.status).toBe('cumplido');
    expect(latestReport(reports, 'k3')).toBeNull();
  });
  it('can be taken as of a date (reports after it do not count)', () => {
    expect(latestReport(reports, 'k1', '2026-09-01')?.percent).toBe(20);
    expect(latestReport(reports, 'k2', '2026-11-30')).toBeNull();
  });
  it('lists the reports newest first, ties later-reported first', () => {
    expect(reportsNewestFirst(reports, 'k1').map((r) => r.percent)).toEqual([45, 40, 20]);
  });
});

describe('isOverdue (R11)', () => {
  it('is false up to and on the due date', () => {
    expect(isOverdue('2026-10-01', 'pendiente', '2026-09-30')).toBe(false);
    expect(isOverdue('2026-10-01', 'en_ejecucion', '2026-10-01')).toBe(false);
  });
  it('is true the day after, when not fulfilled (or never reported)', () => {
    expect(isOverdue('2026-10-01', 'pendiente', '2026-10-02')).toBe(true);
    expect(isOverdue('2026-10-01', 'en_ejecucion', '2026-10-02')).toBe(true);
    expect(isOverdue('2026-10-01', 'no_cumplido', '2026-10-02')).toBe(true);
  });
  it('is false when the commitment is fulfilled', () => {
    expect(isOverdue('2026-10-01', 'cumplido', '2027-01-01')).toBe(false);
  });
});

describe('commitmentRows', () => {
  const ks = [
    commitment('k1', { office: 'Oficina B', due_date: '2026-09-15' }),
    commitment('k2', { office: 'Oficina A', due_date: '2026-10-25' }, { office: 'Oficina C', due_date: '2027-03-01' }),
    commitment('k3', { office: '', due_date: '2026-08-01' }),
    commitment('k4', { office: 'Oficina A', due_date: '2027-05-01' }),
  ];
  const reports = [
    report('k1', '2026-09-10', 100, 'cumplido'),
    report('k2', '2026-09-30', 20, 'en_ejecucion'),
    report('k4', '2026-11-01', 30, 'en_ejecucion'),
    // A report dated after today does not decide today's state.
    report('k4', '2026-12-31', 90, 'en_ejecucion'),
  ];
  const today = '2026-11-22';
  const rows = commitmentRows(stateWith(ks, reports), today);

  it('takes the terms of the version in force', () => {
    const k2 = rows.find((r) => r.id === 'k2')!;
    expect(k2.version).toBe(2);
    expect(k2.office).toBe('Oficina C');
    expect(k2.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(k2.overdue).toBe(false); // the new due date is later
  });
  it('is pendiente at 0 % without reports, and overdue by the calendar', () => {
    const k3 = rows.find((r) => r.id === 'k3')!;
    expect([k3.status, k3.percent, k3.latest, k3.overdue]).toEqual(['pendiente', 0, null, true]);
  });
  it('uses the latest report as of today', () => {
    const k1 = rows.find((r) => r.id === 'k1')!;
    expect([k1.status, k1.percent, k1.overdue]).toEqual(['cumplido', 100, false]);
    const k4 = rows.find((r) => r.id === 'k4')!;
    expect(k4.percent).toBe(30);
    expect(k4.reports.map((r) => r.percent)).toEqual([90, 30]);
  });
  it('lists the offices, filters and groups', () => {
    expect(officesOf(rows)).toEqual(['Oficina A', 'Oficina B', 'Oficina C']);
    expect(filterRows(rows, { office: 'Oficina A', status: '' }).map((r) => r.id)).toEqual(['k4']);
    expect(filterRows(rows, { office: NO_OFFICE, status: '' }).map((r) => r.id)).toEqual(['k3']);
    expect(filterRows(rows, { office: '', status: 'vencido' }).map((r) => r.id)).toEqual(['k3']);
    expect(filterRows(rows, { office: '', status: 'en_ejecucion' }).map((r) => r.id)).toEqual(['k2', 'k4']);
    expect(groupRows(rows, 'office').map((g) => [g.key, g.rows.map((r) => r.id)])).toEqual([
      ['Oficina A', ['k4']],
      ['Oficina B', ['k1']],
      ['Oficina C', ['k2']],
      ['', ['k3']],
    ]);
    expect(groupRows(rows, 'status').map((g) => g.key)).toEqual(['vencido', 'en_ejecucion', 'cumplido']);
    expect(groupRows(rows, 'none')).toHaveLength(1);
    expect(groupRows([], 'none')).toEqual([]);
    expect(countRows(rows)).toEqual({ pendiente: 1, en_ejecucion: 2, cumplido: 1, no_cumplido: 0, vencido: 1 });
  });
});

describe('commitmentRows with parts', () => {
  const parts = { parts: ['Convocatoria', 'Jornadas en los barrios', 'Informe público'], territory: 'Barrio Pueblo Nuevo' };
  const ks = [
    commitment('k3', { due_date: '2026-12-31', ...parts }),
    commitment('k5', { due_date: '2026-10-01', parts: ['a', 'b'] }),
  ];
  const reports = [
    report('k3', '2026-08-01', 100, 'cumplido', 1),
    report('k3', '2026-09-01', 40, 'en_ejecucion', 2),
    report('k5', '2026-09-01', 100, 'cumplido', 1),
    report('k5', '2026-09-02', 100, 'cumplido', 2),
  ];
  const today = '2026-11-22';
  const rows = commitmentRows(stateWith(ks, reports), today);

  it('averages the parts (never sums them), each at its latest report', () => {
    const k3 = rows.find((r) => r.id === 'k3')!;
    expect([k3.percent, k3.status, k3.overdue, k3.territory]).toEqual([47, 'en_ejecucion', false, 'Barrio Pueblo Nuevo']);
    expect(k3.parts.map((p) => [p.part, p.what, p.percent, p.status])).toEqual([
      [1, 'Convocatoria', 100, 'cumplido'],
      [2, 'Jornadas en los barrios', 40, 'en_ejecucion'],
      [3, 'Informe público', 0, 'pendiente'],
    ]);
    expect(k3.latest?.percent).toBe(40);
  });
  it('is fulfilled (so never overdue) when every part is', () => {
    const k5 = rows.find((r) => r.id === 'k5')!;
    expect([k5.percent, k5.status, k5.overdue]).toEqual([100, 'cumplido', false]);
    const half = commitmentRows(stateWith(ks, reports.slice(0, 3)), today).find((r) => r.id === 'k5')!;
    expect([half.percent, half.status, half.overdue]).toEqual([50, 'en_ejecucion', true]);
  });
  it('drafts a report on a part: chosen first, then from that part\'s state', () => {
    const k3 = rows.find((r) => r.id === 'k3')!;
    const d = newDraft(k3, today);
    expect([d.part, d.percent, d.status]).toEqual(['', '0', 'en_ejecucion']);
    expect(draftProblems(d, today, '2026-07-17', 3)).toEqual(['part']);
    const on2 = withPart({ ...d, note: 'sigue' }, k3.parts, '2');
    expect([on2.part, on2.percent, on2.status, on2.note]).toEqual(['2', '40', 'en_ejecucion', 'sigue']);
    expect(withPart(d, k3.parts, '1').status).toBe('cumplido');
    expect(newDraft(k3, today, 2).percent).toBe('40');
    expect(draftProblems(on2, today, '2026-07-17', 3)).toEqual([]);
    expect(draftProblems({ ...on2, part: '4' }, today, '2026-07-17', 3)).toEqual(['part']);
    expect(draftProblems({ ...on2, part: '0' }, today, '2026-07-17', 3)).toEqual(['part']);
    expect(reportArgs('k3', { ...on2, percent: '60' })).toEqual({
      commitment_id: 'k3', part: 2, percent: 60, status: 'en_ejecucion', note: 'sigue', evidence_url: '', as_of: today,
    });
    const pending = pendingReports([{ op: 'o1', name: 'progress.report', args: reportArgs('k3', on2) }], 'k3');
    expect(pending.map((p) => p.part)).toEqual([2]);
  });
});

describe('the report form', () => {
  const ok: ReportDraft = { part: '', percent: '40', status: 'en_ejecucion', note: '', evidence_url: '', as_of: '2026-11-22' };
  const today = '2026-11-22';
  const event = '2026-07-17';

  it('starts from the current state and today', () => {
    expect(newDraft({ status: 'pendiente', percent: 0 }, today)).toEqual({
      part: '', percent: '0', status: 'en_ejecucion', note: '', evidence_url: '', as_of: today,
    });
    expect(newDraft({ status: 'cumplido', percent: 100 }, today).status).toBe('cumplido');
  });
  it('accepts a valid draft and builds the command', () => {
    expect(draftProblems(ok, today, event)).toEqual([]);
    expect(reportArgs('k1', { ...ok, note: '  hecho \n', evidence_url: ' https://x.gov.co/a ' })).toEqual({
      commitment_id: 'k1', percent: 40, status: 'en_ejecucion', note: 'hecho', evidence_url: 'https://x.gov.co/a', as_of: today,
    });
  });
  it('checks the percent', () => {
    for (const p of ['', '-1', '101', '4.5', 'abc', '1e2'])
      expect(draftProblems({ ...ok, percent: p }, today, event)).toEqual(['percent']);
    expect(draftProblems({ ...ok, percent: '100' }, today, event)).toEqual([]);
    expect(draftProblems({ ...ok, status: 'cumplido', percent: '90' }, today, event)).toEqual(['percent_fulfilled']);
  });
  it('checks the evidence link: http(s) only', () => {
    expect(isHttpUrl('')).toBe(true);
    expect(isHttpUrl('https://datos.gov.co/x?y=1')).toBe(true);
    expect(isHttpUrl('http://example.org')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'ftp://x.org', 'www.x.org', 'HTTPS://x.org', 'https://', 'https://a b.org'])
      expect(isHttpUrl(bad), bad).toBe(false);
    expect(draftProblems({ ...ok, evidence_url: 'javascript:alert(1)' }, today, event)).toEqual(['evidence_url']);
  });
  it('checks the as-of date: real, not in the future, not before the encuentro', () => {
    expect(draftProblems({ ...ok, as_of: '2026-11-23' }, today, event)).toEqual(['as_of_future']);
    expect(draftProblems({ ...ok, as_of: '2026-07-16' }, today, event)).toEqual(['as_of_before']);
    expect(draftProblems({ ...ok, as_of: '2026-02-30' }, today, event)).toEqual(['as_of']);
    expect(draftProblems({ ...ok, as_of: '' }, today, event)).toEqual(['as_of']);
    expect(draftProblems({ ...ok, as_of: event }, today, event)).toEqual([]);
  });
  it('checks the note length', () => {
    expect(draftProblems({ ...ok, note: 'á'.repeat(2000) }, today, event)).toEqual([]);
    expect(draftProblems({ ...ok, note: 'á'.repeat(2001) }, today, event)).toEqual(['note_long']);
  });
  it('finds the reports waiting in the outbox', () => {
    const outbox = [
      { op: 'o1', name: 'progress.report', args: reportArgs('k1', ok) },
      { op: 'o2', name: 'commitment.revise', args: { commitment_id: 'k1' } },
      { op: 'o3', name: 'progress.report', args: reportArgs('k2', ok) },
    ];
    expect(pendingReports(outbox, 'k1').map((p) => [p.op, p.percent, p.as_of])).toEqual([['o1', 40, today]]);
  });
});

describe('refusals and dictionary', () => {
  it('names the field and says what to do', () => {
    const future = describeRefusal(
      {
        type: 'error', category: 'rule', code: 'invalid_argument', message: 'as_of: cannot be in the future',
        details: { field: 'as_of' },
      } as never,
      '2026-07-17',
    );
    expect(future).toContain(t('office.fieldname.as_of'));
    expect(future).toContain(t('office.problem.as_of_future'));
    const phase = describeRefusal(
      { type: 'error', category: 'rule', code: 'wrong_phase', message: 'x', details: { phase: 'closed' } } as never,
      '2026-07-17',
    );
    expect(phase).toContain('cerrado');
    expect(phase).toContain(t('office.refusal.wrong_phase'));
  });
  it('has every key in both languages, including the ones built at run time', () => {
    const { es, en } = allKeys();
    const esKeys = es.filter((k) => k.startsWith('office.')).sort();
    expect(en.filter((k) => k.startsWith('office.')).sort()).toEqual(esKeys);
    const dynamic = [
      ...STATUSES.map((s) => `office.status.${s}`),
      ...TERM_FIELDS.map((k) => `office.terms.${k}`),
      ...['part', 'percent', 'percent_fulfilled', 'status', 'evidence_url', 'as_of', 'as_of_future', 'as_of_before', 'note_long']
        .map((p) => `office.problem.${p}`),
      ...['commitment_id', 'part', 'percent', 'status', 'note', 'evidence_url', 'as_of'].map((f) => `office.fieldname.${f}`),
    ];
    expect(dynamic.filter((k) => !esKeys.includes(k))).toEqual([]);
  });
});

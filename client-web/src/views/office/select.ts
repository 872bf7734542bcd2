// Pure selectors for the office's follow-up view: the commitment in force, its progress (as the
// server's progress_of: its latest report, or the average of its parts), the overdue rule (R11: by
// the calendar alone, in Bogotá time), grouping and filtering, and the checks of a progress report
// before it is sent (the server decides).
import type {
  Commitment,
  CommitmentTerms,
  CommitmentVersion,
  ProgressReport,
  State,
} from '../../core/protocol';
import {
  currentVersion,
  isOverdue,
  progressOf,
  territoryOf,
  type PartProgress,
} from '../../core/progress';

export { currentVersion, isOverdue };

export type Status = 'pendiente' | 'en_ejecucion' | 'cumplido' | 'no_cumplido';
export const STATUSES: Status[] = ['pendiente', 'en_ejecucion', 'cumplido', 'no_cumplido'];

/** Colombia's offset from UTC in minutes (no daylight saving). */
export const BOGOTA_UTC_OFFSET_MINUTES = -5 * 60;

/** The civil date ("YYYY-MM-DD") in Bogotá at instant `nowMs`. */
export function bogotaToday(nowMs: number): string {
  return new Date(nowMs + BOGOTA_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** Versions newest first (R10: every version stays visible). */
export function versionsNewestFirst(k: Commitment): CommitmentVersion[] {
  return [...k.versions].sort((a, b) => b.version - a.version);
}

/** A commitment's reports, newest first: by `as_of`, then later reported first (the order the
 *  server keeps them in breaks ties, as its `latest_report` does). */
export function reportsNewestFirst(reports: ProgressReport[], commitmentId: string): ProgressReport[] {
  return reports
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.commitment_id === commitmentId)
    .sort((a, b) => (a.r.as_of === b.r.as_of ? b.i - a.i : a.r.as_of < b.r.as_of ? 1 : -1))
    .map(({ r }) => r);
}

/** The latest report of a commitment (any part) as of a date (every report when `asOf` is null):
 *  the one with the latest `as_of`, ties broken by the order of reporting (later wins). */
export function latestReport(
  reports: ProgressReport[],
  commitmentId: string,
  asOf: string | null = null,
): ProgressReport | null {
  let best: ProgressReport | null = null;
  for (const r of reports) {
    if (r.commitment_id !== commitmentId) continue;
    if (asOf !== null && r.as_of > asOf) continue;
    if (!best || r.as_of >= best.as_of) best = r;
  }
  return best;
}

export interface CommitmentRow {
  commitment: Commitment;
  id: string;
  terms: CommitmentTerms | null;
  version: number;
  /** "" when the terms name no office. */
  office: string;
  /** Where it applies; "" for the entity's whole territory. */
  territory: string;
  /** The latest report counted (any part); null when none. */
  latest: ProgressReport | null;
  /** The commitment's state: with parts, the average of theirs. */
  status: Status;
  percent: number;
  /** Each part's state (empty when the commitment has no parts). */
  parts: PartProgress[];
  overdue: boolean;
  reports: ProgressReport[];
  versions: CommitmentVersion[];
}

/** Every commitment with its current terms, state as of today (core/progress: its latest report,
 *  or the average of its parts; `pendiente`, 0 % when nothing was reported) and R11 mark, in the
 *  order they were stated. */
export function commitmentRows(state: State, today: string): CommitmentRow[] {
  return state.commitments.map((k) => {
    const v = currentVersion(k);
    const progress = progressOf(state, k, today, v?.terms ?? null);
    return {
      commitment: k,
      id: k.id,
      terms: v?.terms ?? null,
      version: v?.version ?? 0,
      office: v?.terms.office.trim() ?? '',
      territory: territoryOf(v?.terms),
      latest: progress.latest,
      status: progress.status,
      percent: progress.percent,
      parts: progress.parts,
      overdue: v ? isOverdue(v.terms.due_date, progress.status, today) : false,
      reports: reportsNewestFirst(state.progress_reports, k.id),
      versions: versionsNewestFirst(k),
    };
  });
}

/** The offices named in the commitments' current terms, sorted (Spanish collation). */
export function officesOf(rows: CommitmentRow[]): string[] {
  return [...new Set(rows.map((r) => r.office).filter((o) => o !== ''))].sort((a, b) =>
    a.localeCompare(b, 'es'),
  );
}

export interface Filters {
  /** '' for every office; NO_OFFICE for the commitments without one. */
  office: string;
  /** '' for every status; 'vencido' for the overdue ones. */
  status: Status | 'vencido' | '';
}

export const NO_OFFICE = '\u0000none';

export function filterRows(rows: CommitmentRow[], f: Filters): CommitmentRow[] {
  return rows.filter((r) => {
    if (f.office === NO_OFFICE ? r.office !== '' : f.office && r.office !== f.office) return false;
    if (f.status === 'vencido') return r.overdue;
    if (f.status && r.status !== f.status) return false;
    return true;
  });
}

export type Grouping = 'office' | 'status' | 'none';

export interface RowGroup {
  /** The office ("" for none), the status, or "all". */
  key: string;
  rows: CommitmentRow[];
}

/** Rows grouped by office (alphabetical, commitments without office last), by status (overdue
 *  first, then pendiente, en ejecución, no cumplido, cumplido), or in one group. */
export function groupRows(rows: CommitmentRow[], by: Grouping): RowGroup[] {
  if (by === 'none') return rows.length ? [{ key: 'all', rows }] : [];
  const keyOf = (r: CommitmentRow) => (by === 'office' ? r.office : r.overdue ? 'vencido' : r.status);
  const groups = new Map<string, CommitmentRow[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  const order =
    by === 'office'
      ? (k: string) => k
      : (k: string) => String(['vencido', 'pendiente', 'en_ejecucion', 'no_cumplido', 'cumplido'].indexOf(k));
  return [...groups.entries()]
    .map(([key, list]) => ({ key, rows: list }))
    .sort((a, b) => {
      if (by === 'office' && (a.key === '' || b.key === '')) return a.key === '' ? 1 : -1;
      return order(a.key).localeCompare(order(b.key), 'es');
    });
}

/** Counts for the summary line. */
export function countRows(rows: CommitmentRow[]): Record<Status | 'vencido', number> {
  const c: Record<Status | 'vencido', number> = {
    pendiente: 0,
    en_ejecucion: 0,
    cumplido: 0,
    no_cumplido: 0,
    vencido: 0,
  };
  for (const r of rows) {
    c[r.status]++;
    if (r.overdue) c.vencido++;
  }
  return c;
}

// ---- the progress report form ----------------------------------------------------------------

export interface ReportDraft {
  /** The part reported on ("1".."n"); "" for a commitment without parts (or none chosen yet). */
  part: string;
  percent: string;
  status: Status;
  note: string;
  evidence_url: string;
  as_of: string;
}

/** A new draft: the commitment's current state (its part's, for a commitment with parts: none
 *  chosen yet unless `part` says which), no note, today. */
export function newDraft(
  row: Pick<CommitmentRow, 'status' | 'percent'> & { parts?: PartProgress[] },
  today: string,
  part = 0,
): ReportDraft {
  const chosen = row.parts?.find((p) => p.part === part);
  const from = row.parts?.length ? (chosen ?? { status: 'pendiente' as Status, percent: 0 }) : row;
  return {
    part: chosen ? String(chosen.part) : '',
    percent: String(from.percent),
    status: from.status === 'pendiente' ? 'en_ejecucion' : from.status,
    note: '',
    evidence_url: '',
    as_of: today,
  };
}

/** The draft with another part chosen: its percent and status start from that part's state;
 *  what was written (note, link, date) stays. */
export function withPart(draft: ReportDraft, parts: PartProgress[], part: string): ReportDraft {
  const p = parts.find((x) => String(x.part) === part);
  if (!p) return { ...draft, part };
  return {
    ...draft,
    part,
    percent: String(p.percent),
    status: p.status === 'pendiente' ? 'en_ejecucion' : p.status,
  };
}

export type DraftProblem =
  | 'part'
  | 'percent'
  | 'percent_fulfilled'
  | 'status'
  | 'evidence_url'
  | 'as_of'
  | 'as_of_future'
  | 'as_of_before'
  | 'note_long';

/** The server's limits that the form checks first (server/domain/decide.cpp). */
export const MAX_NOTE = 2000;
export const MAX_URL = 500;

/** http(s) links only (as the server requires); "" is allowed (no evidence). */
export function isHttpUrl(url: string): boolean {
  const s = url.trim();
  if (s === '') return true;
  if (s.length > MAX_URL || /\s/.test(s)) return false;
  // The server accepts exactly these prefixes (lower case).
  if (!s.startsWith('https://') && !s.startsWith('http://')) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** What is wrong with a draft before sending it (empty: send it). `eventDate` is the
 *  encuentro's date (a report cannot be as of before it); `parts` how many parts the commitment
 *  has (then one of them must be chosen). */
export function draftProblems(d: ReportDraft, today: string, eventDate: string, parts = 0): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (parts > 0) {
    const n = /^\d{1,2}$/.test(d.part) ? Number(d.part) : NaN;
    if (!(n >= 1 && n <= parts)) out.push('part');
  }
  const p = d.percent.trim();
  const n = /^\d{1,3}$/.test(p) ? Number(p) : NaN;
  if (!(n >= 0 && n <= 100)) out.push('percent');
  else if (d.status === 'cumplido' && n !== 100) out.push('percent_fulfilled');
  if (!STATUSES.includes(d.status)) out.push('status');
  if (!isHttpUrl(d.evidence_url)) out.push('evidence_url');
  if (!isDate(d.as_of)) out.push('as_of');
  else if (d.as_of > today) out.push('as_of_future');
  else if (eventDate && d.as_of < eventDate) out.push('as_of_before');
  if ([...d.note].length > MAX_NOTE) out.push('note_long');
  return out;
}

/** The command's arguments from a valid draft (`part` only when the commitment has parts). */
export function reportArgs(commitmentId: string, d: ReportDraft) {
  const part = Number(d.part);
  return {
    commitment_id: commitmentId,
    ...(part > 0 ? { part } : {}),
    percent: Number(d.percent.trim()),
    status: d.status,
    note: d.note.trim(),
    evidence_url: d.evidence_url.trim(),
    as_of: d.as_of,
  };
}

/** A report still in the outbox (sent from this device, not acknowledged yet). */
export interface PendingReport {
  op: string;
  commitment_id: string;
  /** 0: the whole commitment. */
  part: number;
  percent: number;
  status: string;
  note: string;
  evidence_url: string;
  as_of: string;
}

/** The progress reports in the outbox, for one commitment (oldest first). */
export function pendingReports(
  outbox: { op: string; name: string; args: unknown }[],
  commitmentId: string,
): PendingReport[] {
  const out: PendingReport[] = [];
  for (const c of outbox) {
    if (c.name !== 'progress.report') continue;
    const a = c.args as Partial<PendingReport> | null;
    if (!a || a.commitment_id !== commitmentId) continue;
    out.push({
      op: c.op,
      commitment_id: commitmentId,
      part: Number(a.part ?? 0) || 0,
      percent: Number(a.percent ?? 0),
      status: String(a.status ?? ''),
      note: String(a.note ?? ''),
      evidence_url: String(a.evidence_url ?? ''),
      as_of: String(a.as_of ?? ''),
    });
  }
  return out;
}

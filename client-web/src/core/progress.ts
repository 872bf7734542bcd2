// A commitment's progress, in one place: a port of the server's progress_of
// (server/domain/encuentro.cpp). Every view that works out a commitment's state from State (the
// office, the organizer, the projector) and the portal's chart of percent over time use it.
//
// Without parts: the commitment's latest report (latest `as_of`, ties broken by the order of
// reporting: the later wins), or pendiente at 0 %. With parts (its terms list 2..20 of them,
// part n is parts[n-1]): each part's latest report (pendiente at 0 % when none); the commitment's
// percent is the AVERAGE of its parts' percents rounded half up ((sum + n/2) / n in integers),
// never their sum; its status is cumplido when every part is cumplido, no_cumplido when every
// part is closed (cumplido or no_cumplido) and not all are cumplido, en_ejecucion when any part
// has moved (percent > 0, en_ejecucion or cumplido), else pendiente.
import type { Commitment, CommitmentTerms, CommitmentVersion, ProgressReport, State } from './protocol';

export type ProgressStatusName = 'pendiente' | 'en_ejecucion' | 'cumplido' | 'no_cumplido';
export const PROGRESS_STATUSES: readonly ProgressStatusName[] = ['pendiente', 'en_ejecucion', 'cumplido', 'no_cumplido'];

/** What progress_of needs of a report: the state's reports and the public API's both fit. */
export interface ReportLike {
  /** 0 (or absent): the whole commitment; n: its part n. */
  part?: number | null;
  percent: number;
  status: string;
  as_of: string;
  /** When it was reported (ms); the order of the list stands in for it when absent. */
  reported_at?: number;
}

export interface PartProgress<R extends ReportLike = ProgressReport> {
  /** 1..n */
  part: number;
  /** The part's description (parts[part-1]). */
  what: string;
  percent: number;
  status: ProgressStatusName;
  /** The part's latest report; null when none. */
  report: R | null;
}

export interface CommitmentProgress<R extends ReportLike = ProgressReport> {
  percent: number;
  status: ProgressStatusName;
  /** The latest report counted (any part); null when none. */
  latest: R | null;
  /** Empty when the commitment has no parts. */
  parts: PartProgress<R>[];
}

/** A commitment's parts under `terms` (an older server leaves the field out). */
export function partsOf(terms: CommitmentTerms | null | undefined): string[] {
  const parts = (terms as { parts?: string[] | null } | null | undefined)?.parts;
  return Array.isArray(parts) ? parts : [];
}

/** Where a commitment applies ("" for the entity's whole territory). */
export function territoryOf(terms: CommitmentTerms | null | undefined): string {
  const territory = (terms as { territory?: string | null } | null | undefined)?.territory;
  return typeof territory === 'string' ? territory.trim() : '';
}

/** The part a report is on (0: the whole commitment). */
export function partOf(r: ReportLike): number {
  return typeof r.part === 'number' ? r.part : 0;
}

function asStatus(s: string): ProgressStatusName {
  return (PROGRESS_STATUSES as readonly string[]).includes(s) ? (s as ProgressStatusName) : 'pendiente';
}

/** The latest report on `part` as of a date (every report when `asOf` is null): latest `as_of`,
 *  ties broken by the order of the list (later wins), as the server. */
function latestOfPart<R extends ReportLike>(reports: readonly R[], part: number, asOf: string | null): R | null {
  let best: R | null = null;
  for (const r of reports) {
    if (partOf(r) !== part) continue;
    if (asOf !== null && r.as_of > asOf) continue;
    if (!best || r.as_of >= best.as_of) best = r;
  }
  return best;
}

/**
 * A commitment's progress from its own reports (in the order they were reported) under terms
 * naming `parts` (empty: none), as of a date ("YYYY-MM-DD"; null: every report).
 */
export function progressFromReports<R extends ReportLike>(
  reports: readonly R[],
  parts: readonly string[],
  asOf: string | null = null,
): CommitmentProgress<R> {
  if (parts.length === 0) {
    const latest = latestOfPart(reports, 0, asOf);
    return latest
      ? { percent: latest.percent, status: asStatus(latest.status), latest, parts: [] }
      : { percent: 0, status: 'pendiente', latest: null, parts: [] };
  }
  const order = new Map<R, number>(reports.map((r, i) => [r, i]));
  const laterThan = (a: R, b: R): boolean => {
    if (a.as_of !== b.as_of) return a.as_of > b.as_of;
    if (typeof a.reported_at === 'number' && typeof b.reported_at === 'number') return a.reported_at >= b.reported_at;
    return (order.get(a) ?? 0) >= (order.get(b) ?? 0);
  };
  let latest: R | null = null;
  let sum = 0;
  let fulfilled = 0;
  let closed = 0;
  let moved = false;
  const out: PartProgress<R>[] = parts.map((what, i) => {
    const part = i + 1;
    const report = latestOfPart(reports, part, asOf);
    const percent = report ? report.percent : 0;
    const status: ProgressStatusName = report ? asStatus(report.status) : 'pendiente';
    if (report && (!latest || laterThan(report, latest))) latest = report;
    sum += percent;
    if (status === 'cumplido') fulfilled++;
    if (status === 'cumplido' || status === 'no_cumplido') closed++;
    if (percent > 0 || status === 'en_ejecucion' || status === 'cumplido') moved = true;
    return { part, what, percent, status, report };
  });
  const n = parts.length;
  const status: ProgressStatusName =
    fulfilled === n ? 'cumplido' : closed === n ? 'no_cumplido' : moved ? 'en_ejecucion' : 'pendiente';
  // The average, rounded half up (integers, as the server).
  return { percent: Math.floor((sum + Math.floor(n / 2)) / n), status, latest, parts: out };
}

/** A commitment's version in force (the highest number); null for one with none. */
export function currentVersion(k: Commitment): CommitmentVersion | null {
  let best: CommitmentVersion | null = null;
  for (const v of k.versions) if (!best || v.version > best.version) best = v;
  return best;
}

/** The reports on one commitment, in the order they were reported. */
export function reportsOf(state: Pick<State, 'progress_reports'>, commitmentId: string): ProgressReport[] {
  return state.progress_reports.filter((r) => r.commitment_id === commitmentId);
}

/** A commitment's progress in State as of a date (null: every report), under `terms` (the terms
 *  then in force; its current ones when left out). */
export function progressOf(
  state: Pick<State, 'progress_reports'>,
  k: Commitment,
  asOf: string | null = null,
  terms: CommitmentTerms | null = currentVersion(k)?.terms ?? null,
): CommitmentProgress {
  return progressFromReports(reportsOf(state, k.id), partsOf(terms), asOf);
}

/** R11: past the due date (today, in Bogotá, is after it) and not fulfilled, by the calendar
 *  alone. */
export function isOverdue(dueDate: string, status: ProgressStatusName, today: string): boolean {
  if (!dueDate || today <= dueDate) return false;
  return status !== 'cumplido';
}

/** The terms in force on a civil date (R10: the first version is the promise made at the
 *  event; a later one counts from the day it was made, `dayOf` its civil date). */
export function termsInForce(k: Commitment, date: string, dayOf: (at: number) => string): CommitmentTerms | null {
  const versions = [...k.versions].sort((a, b) => a.version - b.version);
  if (versions.length === 0) return null;
  let inForce = versions[0];
  for (const v of versions.slice(1)) if (dayOf(v.at) <= date) inForce = v;
  return inForce.terms;
}

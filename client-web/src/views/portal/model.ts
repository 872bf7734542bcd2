// Pure helpers of the public portal: filters (kept in the URL query so links can be shared), the
// state of commitments at a monitoring cut, and chart scaling. No DOM, no fetch: unit-tested.
import type {
  CommitmentView, Cut, EncuentroSummary, EncuentroView, PartView, ProgressStatus, ProposalView, Report,
} from './api';
import { STATUSES } from './api';
import { progressFromReports } from '../../core/progress';

// ---------------------------------------------------------------------------------------------
// Text

/** Lowercase without accents, for forgiving search ("dialogo" finds "Diálogo"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

function isStatus(value: string | undefined): value is ProgressStatus {
  return !!value && (STATUSES as readonly string[]).includes(value);
}

/** Builds "?a=1&b=2" from the non-empty entries (or "" when none). */
export function toQuery(entries: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(entries)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

// ---------------------------------------------------------------------------------------------
// The list of encuentros

/** A status filter on the list: a progress status, or "vencido" (has an overdue commitment). */
export type ListStatus = ProgressStatus | 'vencido' | '';

export interface ListFilters {
  entity: string;
  status: ListStatus;
  q: string;
}

export function listFiltersFromQuery(query: Record<string, string | undefined>): ListFilters {
  const status = query.estado;
  return {
    entity: query.entidad ?? '',
    status: isStatus(status) || status === 'vencido' ? status : '',
    q: query.q ?? '',
  };
}

export function listQuery(f: ListFilters): string {
  return toQuery({ entidad: f.entity, estado: f.status, q: f.q.trim() });
}

/** Every entity that convened a published encuentro, sorted, once. */
export function entityOptions(list: EncuentroSummary[]): string[] {
  const set = new Set<string>();
  for (const e of list) for (const name of e.entities) if (name.trim()) set.add(name.trim());
  return [...set].sort((a, b) => a.localeCompare(b, 'es'));
}

export function filterEncuentros(list: EncuentroSummary[], f: ListFilters): EncuentroSummary[] {
  const words = fold(f.q).split(/\s+/).filter(Boolean);
  return list.filter((e) => {
    if (f.entity && !e.entities.some((n) => n.trim() === f.entity)) return false;
    if (f.status === 'vencido' && e.counts.commitments_overdue <= 0) return false;
    if (isStatus(f.status) && (e.counts.commitments_by_status[f.status] ?? 0) <= 0) return false;
    if (words.length) {
      const hay = fold([e.title, e.venue, e.id, ...e.entities].join(' '));
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Proposals and points

export interface ProposalRef {
  proposal: ProposalView;
  workshop: number;
}

/** Every principal proposal by id, with its workshop's number. */
export function proposalIndex(view: EncuentroView): Map<string, ProposalRef> {
  const map = new Map<string, ProposalRef>();
  for (const w of view.workshops)
    for (const p of w.principal_proposals) map.set(p.id, { proposal: p, workshop: w.number });
  return map;
}

/** The central points a commitment touches (through the proposals it answers), in order. */
export function pointsOf(c: CommitmentView, index: Map<string, ProposalRef>): string[] {
  const ids: string[] = [];
  for (const pid of c.proposal_ids) {
    const point = index.get(pid)?.proposal.point_id;
    if (point && !ids.includes(point)) ids.push(point);
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Monitoring cuts

/** Every cut date of the encuentro's commitments, newest first. */
export function cutDates(commitments: CommitmentView[]): string[] {
  const set = new Set<string>();
  for (const c of commitments) for (const cut of c.cuts) set.add(cut.date);
  return [...set].sort().reverse();
}

export interface StateAt {
  status: ProgressStatus;
  percent: number;
  overdue: boolean;
  /** False when nothing had been reported by then (status is then "pendiente"). */
  reported: boolean;
}

/** The commitment's state today (cut "") or at a cut date; null when it has no state that day. */
export function stateAt(c: CommitmentView, cut: string): StateAt | null {
  if (!cut) return { status: c.status, percent: c.percent, overdue: c.overdue, reported: c.reports.length > 0 };
  const found: Cut | undefined = c.cuts.find((x) => x.date === cut);
  return found
    ? { status: found.status, percent: found.percent, overdue: found.overdue, reported: found.reported }
    : null;
}

export interface StatusCounts {
  pendiente: number;
  en_ejecucion: number;
  cumplido: number;
  no_cumplido: number;
  overdue: number;
  /** Commitments without a state at that cut. */
  none: number;
}

export function statusCounts(commitments: CommitmentView[], cut: string): StatusCounts {
  const counts: StatusCounts = { pendiente: 0, en_ejecucion: 0, cumplido: 0, no_cumplido: 0, overdue: 0, none: 0 };
  for (const c of commitments) {
    const s = stateAt(c, cut);
    if (!s) {
      counts.none++;
      continue;
    }
    counts[s.status]++;
    if (s.overdue) counts.overdue++;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Filters of the commitments of one encuentro

export interface CommitmentFilters {
  status: ProgressStatus | '';
  point: string;
  /** A territory named by the commitments' terms, or "" for every one. */
  territory: string;
  overdue: boolean;
  /** A cut date, or "" for today. */
  cut: string;
}

export function commitmentFiltersFromQuery(query: Record<string, string | undefined>): CommitmentFilters {
  return {
    status: isStatus(query.estado) ? query.estado : '',
    point: query.eje ?? '',
    territory: query.territorio ?? '',
    overdue: query.vencidos === '1',
    cut: /^\d{4}-\d{2}-\d{2}$/.test(query.corte ?? '') ? (query.corte as string) : '',
  };
}

export function commitmentQuery(f: CommitmentFilters): string {
  return toQuery({ estado: f.status, eje: f.point, territorio: f.territory, vencidos: f.overdue ? '1' : '', corte: f.cut });
}

/** The commitments that pass the filters, judged by their state at the chosen cut. */
export function filterCommitments(
  commitments: CommitmentView[],
  f: CommitmentFilters,
  index: Map<string, ProposalRef>,
): CommitmentView[] {
  return commitments.filter((c) => {
    const s = stateAt(c, f.cut);
    if ((f.status || f.overdue) && !s) return false;
    if (f.status && s?.status !== f.status) return false;
    if (f.overdue && !s?.overdue) return false;
    if (f.point && !pointsOf(c, index).includes(f.point)) return false;
    if (f.territory && territoryOfView(c) !== f.territory) return false;
    return true;
  });
}

/** Where a commitment applies ("" for the entity's whole territory). */
export function territoryOfView(c: CommitmentView): string {
  return (c.terms.territory ?? '').trim();
}

/** The territories the commitments name, sorted (Spanish collation), once. */
export function territoryOptions(commitments: CommitmentView[]): string[] {
  const set = new Set(commitments.map(territoryOfView).filter(Boolean));
  return [...set].sort((a, b) => a.localeCompare(b, 'es'));
}

/** A commitment's parts with their state (empty when it has none). */
export function partsOfView(c: CommitmentView): PartView[] {
  return Array.isArray(c.parts) ? c.parts : [];
}

/**
 * The commitment's percent after each report date, for the chart of percent over time: each
 * report as it was for a commitment without parts; with parts, one point per date at the
 * average of the parts as of that date (core/progress, as the server), so the line never jumps
 * to one part's figure.
 */
export function progressSeries(c: CommitmentView): Report[] {
  const parts = c.terms.parts ?? [];
  if (parts.length === 0) return c.reports.filter((r) => !r.part);
  const dates = [...new Set(c.reports.map((r) => r.as_of))].sort();
  return dates.map((date) => {
    const p = progressFromReports(c.reports, parts, date);
    return {
      id: `${c.id}@${date}`,
      part: 0,
      percent: p.percent,
      status: p.status,
      note: '',
      evidence_url: '',
      as_of: date,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Charts

/** Bar lengths in percent of the track for `values`, against `max` (default: the largest). */
export function barLengths(values: number[], max?: number): number[] {
  const top = max ?? Math.max(0, ...values);
  if (!(top > 0)) return values.map(() => 0);
  return values.map((v) => Math.max(0, Math.min(100, (v / top) * 100)));
}

/** Whole days since 1970-01-01 of a "YYYY-MM-DD" date (NaN when it is not one). */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

export interface Point2 {
  x: number;
  y: number;
}

export interface ProgressChart {
  /** The step line from the first day (0 %) to the last, in chart units. */
  points: Point2[];
  /** Where each report sits (same order as the reports sorted by date). */
  marks: (Point2 & { report: Report })[];
  /** x of the due date when it falls inside the chart, else null. */
  due: number | null;
  from: string;
  to: string;
}

/**
 * Percent over time as steps: it starts at 0 % on `from` (the encuentro's date), each report
 * sets the level from its `as_of`, and the line runs on to `to` (today, or the last report).
 * x spans [0, width], y spans [height (0 %), 0 (100 %)].
 */
export function progressChart(
  reports: Report[],
  from: string,
  to: string,
  due: string,
  width: number,
  height: number,
): ProgressChart {
  const sorted = [...reports].sort((a, b) => a.as_of.localeCompare(b.as_of));
  let start = dayNumber(from);
  let end = dayNumber(to);
  const days = sorted.map((r) => dayNumber(r.as_of)).filter((d) => !Number.isNaN(d));
  if (Number.isNaN(start)) start = days.length ? Math.min(...days) : 0;
  if (Number.isNaN(end)) end = days.length ? Math.max(...days) : start;
  start = Math.min(start, ...days);
  end = Math.max(end, ...days);
  const span = Math.max(1, end - start);
  const x = (day: number) => ((day - start) / span) * width;
  const y = (pct: number) => height - (Math.max(0, Math.min(100, pct)) / 100) * height;

  const points: Point2[] = [{ x: 0, y: y(0) }];
  const marks: ProgressChart['marks'] = [];
  let level = 0;
  for (const r of sorted) {
    const px = x(dayNumber(r.as_of));
    points.push({ x: px, y: y(level) });
    level = r.percent;
    points.push({ x: px, y: y(level) });
    marks.push({ x: px, y: y(level), report: r });
  }
  points.push({ x: width, y: y(level) });
  const dueDay = dayNumber(due);
  const dueX = Number.isNaN(dueDay) || dueDay < start || dueDay > end ? null : x(dueDay);
  const day = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
  return { points, marks, due: dueX, from: day(start), to: day(end) };
}

/** An SVG path ("M x y L x y …") through the points, rounded to 0.1. */
export function pathOf(points: Point2[]): string {
  const r = (n: number) => Math.round(n * 10) / 10;
  return points.map((p, i) => `${i ? 'L' : 'M'}${r(p.x)} ${r(p.y)}`).join(' ');
}

// ---------------------------------------------------------------------------------------------
// Links

/** The URL if it is an absolute http(s) address (evidence links are shown only then). */
export function safeHttpUrl(url: string): string | null {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Fields that differ between two versions' terms (lists, like the parts, by value; a field an
 *  older version lacks counts as empty). */
export function changedTerms<T extends object>(before: T | undefined, after: T): (keyof T)[] {
  if (!before) return [];
  const value = (x: unknown) => (Array.isArray(x) ? JSON.stringify(x) : x === undefined || x === null ? '' : String(x));
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])] as (keyof T)[];
  return keys.filter((k) => {
    const a = before[k];
    const b = after[k];
    if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) !== JSON.stringify(b ?? []);
    return value(a) !== value(b);
  });
}

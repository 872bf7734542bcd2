// The public read API (shared/README.md, "Public HTTP API"): its shapes and a tiny loader. Same
// origin, no login, no WebSocket. Caching is the server's (ETag + Cache-Control), so nothing here
// keeps responses beyond the page that asked for them.
import { useEffect, useState } from 'preact/hooks';

export type ProgressStatus = 'pendiente' | 'en_ejecucion' | 'cumplido' | 'no_cumplido';
export const STATUSES: readonly ProgressStatus[] = ['pendiente', 'en_ejecucion', 'cumplido', 'no_cumplido'];

export interface Counts {
  workshops: number;
  participants: number;
  principal_proposals: number;
  commitments: number;
  commitments_by_status: Record<ProgressStatus, number>;
  commitments_overdue: number;
}

export interface EncuentroSummary {
  id: string;
  title: string;
  entities: string[];
  date: string;
  venue: string;
  phase: string;
  counts: Counts;
}

export interface EncuentroList {
  as_of: string;
  encuentros: EncuentroSummary[];
}

export interface Terms {
  what: string;
  entity: string;
  office: string;
  due_date: string;
  indicator: string;
  goal: string;
  /** Where it applies; "" for the entity's whole territory (absent from an older server). */
  territory?: string;
  /** Its parts (part n is parts[n-1]); empty when none (absent from an older server). */
  parts?: string[];
}

export interface Report {
  id: string;
  /** 0 (or absent): the whole commitment; n: its part n. */
  part?: number;
  percent: number;
  status: ProgressStatus;
  note: string;
  evidence_url: string;
  as_of: string;
}

export interface Cut {
  date: string;
  percent: number;
  status: ProgressStatus;
  reported: boolean;
  overdue: boolean;
}

/** A citizen's follow-up observation as the portal publishes it (approved ones only). */
export interface PublicObservation {
  id: string;
  text: string;
  /** "" for an anonymous one. */
  alias: string;
  date: string;
  reply: { text: string; date: string } | null;
}

/** One part of a commitment with its state (its latest report; pendiente at 0 % when none). */
export interface PartView {
  part: number;
  what: string;
  percent: number;
  status: ProgressStatus;
}

export interface CommitmentView {
  id: string;
  proposal_ids: string[];
  version: number;
  terms: Terms;
  versions: { version: number; terms: Terms; date: string; reason: string }[];
  /** With parts: the average of theirs (core/progress). */
  status: ProgressStatus;
  percent: number;
  /** Each part's state; empty when the commitment has none (absent from an older server). */
  parts?: PartView[];
  overdue: boolean;
  latest_report?: Report | null;
  reports: Report[];
  cuts: Cut[];
  /** Approved observations, oldest first (absent from an older server). */
  observations?: PublicObservation[];
}

export interface ProposalView {
  id: string;
  text: string;
  kind: string;
  point_id: string;
  question_id?: string | null;
  votes: number;
  answer?: { kind: string; reason: string; referred_to: string; commitment_id?: string | null } | null;
}

export interface WorkshopView {
  id: string;
  number: number;
  participants: number;
  synthesis: string;
  principal_proposals: ProposalView[];
}

export interface PointView {
  id: string;
  title: string;
  description: string;
  questions: { id: string; text: string }[];
}

export interface EncuentroView {
  id: string;
  as_of: string;
  details: {
    title: string;
    entities: string[];
    objective: string;
    report_summary: string;
    methodology: string;
    venue: string;
    date: string;
    start_time: string;
    end_time: string;
    phase: string;
    published_on?: string | null;
  };
  counts: Counts;
  points: PointView[];
  workshops: WorkshopView[];
  commitments: CommitmentView[];
  attendance: {
    total: number;
    registered: number;
    by_value_group: { value_group: string; count: number }[];
    by_territory: { territory: string; count: number }[];
  };
  evaluation: {
    count: number;
    averages: Record<'organisation' | 'methodology' | 'participation' | 'answers', number | null>;
  };
}

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'not_found' }
  | { status: 'error'; message: string };

export const listUrl = () => '/api/public/encuentros';
export const encuentroUrl = (id: string) => `/api/public/encuentros/${encodeURIComponent(id)}`;
export const observationsUrl = (id: string, cid: string) =>
  `${encuentroUrl(id)}/commitments/${encodeURIComponent(cid)}/observations`;

/** GETs JSON from the public API; a 404 is "not published or does not exist". */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<Loaded<T>> {
  try {
    const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
    if (res.status === 404) return { status: 'not_found' };
    if (!res.ok) return { status: 'error', message: `HTTP ${res.status}` };
    return { status: 'ok', data: (await res.json()) as T };
  } catch (e) {
    return { status: 'error', message: (e as Error).message || String(e) };
  }
}

/** Loads `url` (again when it changes, or when `retry` is called). */
export function useJson<T>(url: string): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: 'loading' });
    void getJson<T>(url, ctl.signal).then((r) => {
      if (!ctl.signal.aborted) setState(r);
    });
    return () => ctl.abort();
  }, [url, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}

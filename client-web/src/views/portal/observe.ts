// A citizen's follow-up observation on a commitment (veeduría), sent without login to the public
// API: POST …/commitments/{cid}/observations {op, text, alias}. The op id is made once per draft
// and kept for every retry of that draft, so a retry after a lost answer never makes a second
// observation; editing the draft makes a new one. What the server answers becomes an Outcome,
// and each Outcome a sentence. Pure but for fetch (passed in) and the storage (passed in).
import { randomId } from '../../core/ids';
import { t } from '../../i18n';
import { observationsUrl } from './api';

/** The server's limits (characters, as code points). */
export const MAX_TEXT = 1000;
export const MAX_ALIAS = 60;

export interface ObservationDraft {
  text: string;
  alias: string;
  /** The op id of this draft's sends (null until the first one). */
  op: string | null;
}

export const emptyDraft = (): ObservationDraft => ({ text: '', alias: '', op: null });

/** Characters as the server counts them. */
export function chars(text: string): number {
  return [...text].length;
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const OP = /^[A-Za-z0-9_-]{8,64}$/;

export type DraftProblem = 'text_empty' | 'text_long' | 'text_control' | 'alias_long' | 'alias_control';

/** What is wrong with a draft before sending it (empty: send it). */
export function draftProblems(d: ObservationDraft): DraftProblem[] {
  const out: DraftProblem[] = [];
  const text = d.text.trim();
  const alias = d.alias.trim();
  if (text === '') out.push('text_empty');
  else if (chars(text) > MAX_TEXT) out.push('text_long');
  else if (CONTROL.test(text)) out.push('text_control');
  if (chars(alias) > MAX_ALIAS) out.push('alias_long');
  else if (CONTROL.test(alias) || /[\r\n\t]/.test(alias)) out.push('alias_control');
  return out;
}

/** A new op id: 8 to 64 of [A-Za-z0-9_-] (crypto.getRandomValues works on plain http too). */
export function newObservationOp(): string {
  return randomId('obs-');
}

/** The draft after an edit: a changed text or alias is a new observation (a new op id). */
export function editDraft(d: ObservationDraft, patch: Partial<Pick<ObservationDraft, 'text' | 'alias'>>): ObservationDraft {
  const next = { ...d, ...patch };
  const changed = next.text !== d.text || next.alias !== d.alias;
  return changed ? { ...next, op: null } : d;
}

/** The draft ready to send: it keeps its op id, or gets its first one. */
export function withOp(d: ObservationDraft): ObservationDraft & { op: string } {
  return { ...d, op: d.op && OP.test(d.op) ? d.op : newObservationOp() };
}

export function requestBody(d: ObservationDraft & { op: string }): { op: string; text: string; alias: string } {
  return { op: d.op, text: d.text.trim(), alias: d.alias.trim() };
}

// ---- the answer ----------------------------------------------------------------------------------

export type Outcome =
  | { kind: 'received'; id: string }
  | { kind: 'rate_limited'; retryAfterS: number }
  | { kind: 'refused'; status: number; code: string; field: string; message: string }
  | { kind: 'server'; status: number }
  | { kind: 'offline'; message: string };

interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

type ErrorBody = {
  error?: { code?: unknown; message?: unknown; field?: unknown; retry_after_s?: unknown };
  retry_after_s?: unknown;
};

/** What a response means for the person. */
export async function outcomeOf(res: ResponseLike): Promise<Outcome> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (res.status >= 200 && res.status < 300) {
    const id = (body as { id?: unknown } | null)?.id;
    return { kind: 'received', id: typeof id === 'string' ? id : '' };
  }
  const b = (body ?? {}) as ErrorBody;
  if (res.status === 429) {
    const fromBody = Number(b.error?.retry_after_s ?? b.retry_after_s);
    const fromHeader = Number(res.headers.get('Retry-After'));
    const wait = fromBody > 0 ? fromBody : fromHeader > 0 ? fromHeader : 60;
    return { kind: 'rate_limited', retryAfterS: Math.ceil(wait) };
  }
  if (res.status >= 400 && res.status < 500) {
    const e = b.error ?? {};
    return {
      kind: 'refused',
      status: res.status,
      code: typeof e.code === 'string' ? e.code : String(res.status),
      field: typeof e.field === 'string' ? e.field : '',
      message: typeof e.message === 'string' ? e.message : '',
    };
  }
  return { kind: 'server', status: res.status };
}

export type FetchLike = (url: string, init: RequestInit) => Promise<ResponseLike>;

/** Sends the draft (with its op id); a network failure is `offline`, never a throw. */
export async function postObservation(
  encuentro: string,
  commitment: string,
  draft: ObservationDraft & { op: string },
  fetchImpl: FetchLike = (url, init) => fetch(url, init),
): Promise<Outcome> {
  try {
    const res = await fetchImpl(observationsUrl(encuentro, commitment), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(requestBody(draft)),
      credentials: 'omit',
      cache: 'no-store',
    });
    return await outcomeOf(res);
  } catch (e) {
    return { kind: 'offline', message: e instanceof Error ? e.message : String(e) };
  }
}

/** Whether the draft is done with (received) or kept for a retry or an edit. */
export function keepsDraft(o: Outcome): boolean {
  return o.kind !== 'received';
}

/** Whether the next send of the same draft must get a new op id (the server refused this one). */
export function needsNewOp(o: Outcome): boolean {
  return o.kind === 'refused' && o.field === 'op';
}

/** "30 segundos", "2 minutos". */
export function waitText(seconds: number): string {
  if (seconds > 60) return t('portal.obs.wait.minutes', { n: Math.ceil(seconds / 60) });
  if (seconds >= 60) return t('portal.obs.wait.minute');
  const n = Math.max(1, Math.ceil(seconds));
  return n === 1 ? t('portal.obs.wait.second') : t('portal.obs.wait.seconds', { n });
}

/** The sentence for an outcome, in the person's language. */
export function outcomeText(o: Outcome): string {
  switch (o.kind) {
    case 'received':
      return t('portal.obs.received');
    case 'rate_limited':
      return t('portal.obs.err.rate_limited', { wait: waitText(o.retryAfterS) });
    case 'offline':
      return t('portal.obs.err.offline');
    case 'server':
      return t('portal.obs.err.server');
    case 'refused':
      if (o.code === 'wrong_phase') return t('portal.obs.err.wrong_phase');
      if (o.code === 'too_many_pending') return t('portal.obs.err.too_many_pending');
      if (o.code === 'not_found' || o.status === 404) return t('portal.obs.err.not_found');
      if (o.field === 'text' || o.code === 'too_large') return t('portal.obs.err.text', { max: MAX_TEXT });
      if (o.field === 'alias') return t('portal.obs.err.alias', { max: MAX_ALIAS });
      if (o.status === 400) return t('portal.obs.err.invalid');
      return t('portal.obs.err.refused', { code: o.code });
  }
}

// ---- the draft survives a reload of the page (this tab only) ----------------------------------

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const draftKey = (encuentro: string, commitment: string) =>
  `encuentro.observation.${encuentro}.${commitment}`;

export function loadDraft(storage: StorageLike | null, key: string): ObservationDraft {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return emptyDraft();
    const d = JSON.parse(raw) as Partial<ObservationDraft>;
    return {
      text: typeof d.text === 'string' ? d.text : '',
      alias: typeof d.alias === 'string' ? d.alias : '',
      op: typeof d.op === 'string' && OP.test(d.op) ? d.op : null,
    };
  } catch {
    return emptyDraft();
  }
}

export function saveDraft(storage: StorageLike | null, key: string, d: ObservationDraft): void {
  try {
    if (d.text === '' && d.alias === '') storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(d));
  } catch {
    // a full or disabled storage only costs the draft after a reload
  }
}

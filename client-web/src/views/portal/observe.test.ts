import { describe, expect, it, vi } from 'vitest';
import '../../i18n/portal';
import { lang } from '../../i18n';
import {
  MAX_ALIAS,
  MAX_TEXT,
  draftKey,
  draftProblems,
  editDraft,
  emptyDraft,
  keepsDraft,
  loadDraft,
  needsNewOp,
  outcomeOf,
  outcomeText,
  postObservation,
  requestBody,
  saveDraft,
  waitText,
  withOp,
  type Outcome,
} from './observe';

function response(status: number, body: unknown, headers: Record<string, string> = {}) {
  return {
    status,
    headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
    json: async () => {
      if (body === undefined) throw new SyntaxError('no body');
      return body;
    },
  };
}

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    map,
  };
}

describe('the observation draft', () => {
  it('checks the text and the alias as the server counts them', () => {
    expect(draftProblems({ text: '  ', alias: '', op: null })).toEqual(['text_empty']);
    expect(draftProblems({ text: 'x'.repeat(MAX_TEXT), alias: 'a'.repeat(MAX_ALIAS), op: null })).toEqual([]);
    expect(draftProblems({ text: '😀'.repeat(MAX_TEXT), alias: '', op: null })).toEqual([]);
    expect(draftProblems({ text: 'x'.repeat(MAX_TEXT + 1), alias: 'a'.repeat(MAX_ALIAS + 1), op: null }))
      .toEqual(['text_long', 'alias_long']);
    expect(draftProblems({ text: 'con \u0007 campana', alias: 'dos\nlíneas', op: null }))
      .toEqual(['text_control', 'alias_control']);
    expect(draftProblems({ text: 'Varias\nlíneas\tcon tab', alias: '', op: null })).toEqual([]);
  });

  it('keeps one op id per draft: retries reuse it, an edit makes a new one', () => {
    const first = withOp({ text: 'hola', alias: '', op: null });
    expect(first.op).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(withOp(first).op).toBe(first.op);
    expect(editDraft(first, { text: 'hola' })).toBe(first);
    expect(editDraft(first, { text: 'hola!' }).op).toBeNull();
    expect(editDraft(first, { alias: 'Ana' }).op).toBeNull();
    expect(withOp({ ...first, op: 'bad op!' }).op).not.toBe('bad op!');
    expect(withOp(emptyDraft()).op).not.toBe(first.op);
  });

  it('sends the trimmed text and alias with the op id', () => {
    expect(requestBody({ text: '  ojo \n', alias: ' Ana ', op: 'obs-12345678' }))
      .toEqual({ op: 'obs-12345678', text: 'ojo', alias: 'Ana' });
  });

  it('survives a reload in the tab storage, and forgets an empty draft', () => {
    const storage = memoryStorage();
    const key = draftKey('e1', 'k1');
    expect(loadDraft(storage, key)).toEqual(emptyDraft());
    saveDraft(storage, key, { text: 'ojo', alias: '', op: 'obs-12345678' });
    expect(loadDraft(storage, key)).toEqual({ text: 'ojo', alias: '', op: 'obs-12345678' });
    saveDraft(storage, key, emptyDraft());
    expect(storage.map.size).toBe(0);
    storage.setItem(key, '{not json');
    expect(loadDraft(storage, key)).toEqual(emptyDraft());
    storage.setItem(key, JSON.stringify({ text: 5, alias: 'x', op: '<script>' }));
    expect(loadDraft(storage, key)).toEqual({ text: '', alias: 'x', op: null });
    expect(loadDraft(null, key)).toEqual(emptyDraft());
  });
});

describe("the server's answer", () => {
  it('reads 202 as received', async () => {
    expect(await outcomeOf(response(202, { id: 'o3', status: 'pending' }))).toEqual({ kind: 'received', id: 'o3' });
  });

  it('reads 429 with the wait from the body, else the header, else a minute', async () => {
    expect(await outcomeOf(response(429, { error: { code: 'rate_limited' }, retry_after_s: 12 }, { 'retry-after': '30' })))
      .toEqual({ kind: 'rate_limited', retryAfterS: 12 });
    // As the server sends it: inside the error object.
    expect(await outcomeOf(response(429, { error: { code: 'rate_limited', message: 'm', retry_after_s: 97 } }, { 'retry-after': '97' })))
      .toEqual({ kind: 'rate_limited', retryAfterS: 97 });
    expect(await outcomeOf(response(429, undefined, { 'retry-after': '30' }))).toEqual({ kind: 'rate_limited', retryAfterS: 30 });
    expect(await outcomeOf(response(429, {}))).toEqual({ kind: 'rate_limited', retryAfterS: 60 });
  });

  it('reads 4xx as refused with the code and field, 5xx as the server', async () => {
    expect(await outcomeOf(response(400, { error: { code: 'invalid_field', message: 'text: too long', field: 'text' } })))
      .toEqual({ kind: 'refused', status: 400, code: 'invalid_field', field: 'text', message: 'text: too long' });
    expect(await outcomeOf(response(409, { error: { code: 'wrong_phase', message: 'closed' } })))
      .toMatchObject({ kind: 'refused', code: 'wrong_phase', field: '' });
    expect(await outcomeOf(response(404, undefined))).toMatchObject({ kind: 'refused', status: 404, code: '404' });
    expect(await outcomeOf(response(503, undefined))).toEqual({ kind: 'server', status: 503 });
  });

  it('posts JSON to the commitment and turns a network failure into offline', async () => {
    const fetchImpl = vi.fn(async () => response(202, { id: 'o1', status: 'pending' }));
    const d = withOp({ text: ' ojo ', alias: '', op: null });
    expect(await postObservation('e 1', 'k/1', d, fetchImpl)).toEqual({ kind: 'received', id: 'o1' });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/public/encuentros/e%201/commitments/k%2F1/observations');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual({ op: d.op, text: 'ojo', alias: '' });
    const down = await postObservation('e1', 'k1', d, async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(down).toEqual({ kind: 'offline', message: 'Failed to fetch' });
    expect(keepsDraft(down)).toBe(true);
    expect(keepsDraft({ kind: 'received', id: 'o1' })).toBe(false);
  });

  it('asks for a new op id only when the server refused the op', () => {
    expect(needsNewOp({ kind: 'refused', status: 400, code: 'invalid_field', field: 'op', message: '' })).toBe(true);
    expect(needsNewOp({ kind: 'refused', status: 400, code: 'invalid_field', field: 'text', message: '' })).toBe(false);
    expect(needsNewOp({ kind: 'offline', message: '' })).toBe(false);
  });

  it('says each outcome in Spanish', () => {
    lang.value = 'es';
    const says = (o: Outcome) => outcomeText(o);
    const refused = (code: string, field = '', status = 409): Outcome => ({ kind: 'refused', status, code, field, message: 'x' });
    expect(says({ kind: 'received', id: 'o1' })).toBe('Recibida: se publicará cuando la revise el organizador.');
    expect(says({ kind: 'rate_limited', retryAfterS: 30 })).toMatch(/Intenta de nuevo en 30 segundos/);
    expect(says({ kind: 'rate_limited', retryAfterS: 90 })).toMatch(/en 2 minutos/);
    expect(says({ kind: 'offline', message: '' })).toMatch(/No hay conexión/);
    expect(says({ kind: 'server', status: 500 })).toMatch(/servidor no pudo/);
    expect(says(refused('wrong_phase'))).toMatch(/ya no recibe observaciones/);
    expect(says(refused('too_many_pending'))).toMatch(/esperando la revisión/);
    expect(says(refused('not_found', '', 404))).toMatch(/no está publicado o ya no existe/);
    expect(says(refused('invalid_field', 'text', 400))).toMatch(/no puede estar vacía ni pasar de 1000/);
    expect(says(refused('invalid_field', 'alias', 400))).toMatch(/hasta 60 caracteres/);
    expect(says(refused('bad_json', '', 400))).toMatch(/formato esperado/);
    expect(says(refused('invalid_argument', 'text', 400))).toMatch(/no puede estar vacía/);
    expect(says(refused('too_large', '', 413))).toMatch(/no puede estar vacía ni pasar de 1000/);
    expect(says(refused('something_new'))).toMatch(/\(something_new\)/);
    expect(waitText(0.2)).toBe('1 segundo');
    expect(waitText(60)).toBe('1 minuto');
  });
});

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Live, SESSION_KEY, type SocketLike } from './live';
import { Store } from './outbox';
import { emptyState } from './fold';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.readyState = 3;
  }
  receive(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  commands() {
    return this.sent.filter((m) => m.type === 'command');
  }
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
let n = 0;

function setup() {
  const sockets: FakeSocket[] = [];
  const storage = new Map<string, string>();
  storage.set(SESSION_KEY, JSON.stringify({
    token: 't1', role: 'relator', encuentro: 'e1', workshop: 'w1', participant: null, expiresAt: null,
  }));
  const name = `live-${++n}`;
  const live = new Live({
    url: () => 'ws://test/live',
    socket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    store: () => Store.open(name),
    storage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
  });
  return { live, sockets, storage };
}

const welcome = {
  type: 'welcome', protocol: 1, server: 'x', role: 'relator', encuentro: 'e1', workshop: 'w1',
  participant: null, time: Date.now() + 5000,
  limits: { max_message_bytes: 262144, messages_per_second: 20, burst: 60 },
};

async function connected() {
  const t = setup();
  expect(await t.live.resume()).toBe(true);
  const ws = t.sockets[0]!;
  ws.open();
  await tick();
  ws.receive(welcome);
  ws.receive({ type: 'snapshot', encuentro: 'e1', seq: 10, state: { ...emptyState('e1'), seq: 10 } });
  return { ...t, ws };
}

describe('Live', () => {
  it('says hello with the stored token and the encuentro', async () => {
    const { live, ws } = await connected();
    expect(ws.sent[0]).toEqual({ type: 'hello', protocol: 1, token: 't1', encuentro: 'e1' });
    expect(live.connection.value).toBe('syncing');
    expect(Math.round(live.clockOffsetMs.value / 1000)).toBe(5);
    ws.receive({ type: 'synced', encuentro: 'e1', seq: 10 });
    expect(live.connection.value).toBe('online');
    expect(live.seq.value).toBe(10);
  });

  it('folds events, ignoring those at or below the current seq', async () => {
    const { live, ws } = await connected();
    const event = { type: 'event', encuentro: 'e1', seq: 12, at: 1, name: 'plenary.focused', data: { target: 'all' } };
    ws.receive(event);
    ws.receive({ ...event, seq: 11, data: { target: 'w1' } });
    expect(live.state.value?.plenary_focus).toBe('all');
    expect(live.seq.value).toBe(12);
  });

  it('keeps commands until synced, then replays them in order; pairs acks and errors by op', async () => {
    const { live, ws } = await connected();
    const a = live.send('synthesis.write', { workshop_id: 'w1', text: 'a' });
    const b = live.send('synthesis.write', { workshop_id: 'w1', text: 'b' });
    const c = live.send('synthesis.write', { workshop_id: 'w1', text: 'c' });
    await tick(20);
    expect(ws.commands()).toHaveLength(0);
    expect(live.pendingCount.value).toBe(3);
    ws.receive({ type: 'synced', encuentro: 'e1', seq: 10 });
    const sent = ws.commands();
    expect(sent.map((m) => (m.args as { text: string }).text)).toEqual(['a', 'b', 'c']);
    ws.receive({ type: 'ack', op: sent[0]!.op, encuentro: 'e1', first_seq: 11, seq: 11, duplicate: false });
    ws.receive({ type: 'error', op: sent[1]!.op, category: 'rule', code: 'synthesis_final', message: 'final' });
    ws.receive({ type: 'ack', op: sent[2]!.op, encuentro: 'e1', first_seq: 12, seq: 12, duplicate: true });
    expect(await a).toMatchObject({ ok: true, seq: 11, duplicate: false });
    expect(await b).toMatchObject({ ok: false, error: { code: 'synthesis_final' } });
    expect(await c).toMatchObject({ ok: true, duplicate: true });
    expect(live.lastError.value?.code).toBe('synthesis_final');
    await tick(20);
    expect(live.pendingCount.value).toBe(0);
  });

  it('sends a rate-limited command again, with the same op', async () => {
    const { live, ws } = await connected();
    ws.receive({ type: 'synced', encuentro: 'e1', seq: 10 });
    const p = live.send('synthesis.finalize', { workshop_id: 'w1' });
    await tick(20);
    const [first] = ws.commands();
    ws.receive({ type: 'error', op: first!.op, category: 'limit', code: 'rate_limited', message: '', retry_after_ms: 30 });
    await tick(80);
    const again = ws.commands();
    expect(again).toHaveLength(2);
    expect(again[1]!.op).toBe(first!.op);
    ws.receive({ type: 'ack', op: first!.op, encuentro: 'e1', first_seq: 11, seq: 11, duplicate: false });
    expect(await p).toMatchObject({ ok: true });
  });

  it('follows again after the rate limit refused the subscribe', async () => {
    const { live, ws } = await connected();
    ws.receive({ type: 'synced', encuentro: 'e1', seq: 10 });
    live.follow('e2');
    await tick();
    const subscribes = () => ws.sent.filter((m) => m.type === 'subscribe');
    expect(subscribes()).toHaveLength(1);
    ws.receive({ type: 'error', category: 'limit', code: 'rate_limited', message: '', retry_after_ms: 30 });
    await tick(80);
    expect(subscribes()).toHaveLength(2);
    expect(subscribes()[1]).toMatchObject({ type: 'subscribe', encuentro: 'e2' });
    ws.receive({ type: 'synced', encuentro: 'e2', seq: 3 });
    expect(live.connection.value).toBe('online');
  });

  it('pairs request replies by ref', async () => {
    const { live, ws } = await connected();
    const list = live.request<{ type: string }>({ type: 'access.list' });
    await tick();
    const req = ws.sent.at(-1)!;
    expect(req.type).toBe('access.list');
    ws.receive({ type: 'access.codes', ref: req.ref, codes: [] });
    expect((await list).type).toBe('access.codes');
    const bad = live.request({ type: 'access.revoke', code_id: 'k' });
    await tick();
    ws.receive({ type: 'error', ref: ws.sent.at(-1)!.ref, category: 'access', code: 'not_found', message: '' });
    await expect(bad).rejects.toMatchObject({ code: 'not_found' });
  });

  it('forgets a session the server no longer knows', async () => {
    const t = setup();
    await t.live.resume();
    const ws = t.sockets[0]!;
    ws.open();
    await tick();
    ws.receive({ type: 'error', category: 'access', code: 'expired', message: '' });
    await tick(20);
    expect(t.live.connection.value).toBe('idle');
    expect(t.live.session.value).toBeNull();
    expect(t.storage.has(SESSION_KEY)).toBe(false);
  });

  it('reconnects after the socket drops and resumes with since', async () => {
    const { live, ws, sockets } = await connected();
    ws.receive({ type: 'synced', encuentro: 'e1', seq: 10 });
    ws.onclose?.({ code: 1006, reason: '' });
    expect(live.connection.value).toBe('offline');
    await tick(600);
    const again = sockets[1]!;
    expect(again).toBeDefined();
    again.open();
    await tick();
    expect(again.sent[0]).toMatchObject({ type: 'hello', token: 't1', encuentro: 'e1', since: 10 });
  });
});

import { describe, expect, it } from 'vitest';
import { errorAction, isSessionGone, routeOf, Waiters } from './replies';
import { backoffDelay, TokenBucket } from './backoff';
import type { ErrorReply } from './live';

const err = (category: string, code: string, extra: object = {}) =>
  ({ type: 'error', category, code, message: '', ...extra }) as unknown as ErrorReply;

describe('routeOf', () => {
  it('pairs acks and command errors by op, other replies by ref', () => {
    expect(routeOf({ type: 'ack', op: 'o1' })).toEqual({ kind: 'command', op: 'o1' });
    expect(routeOf({ type: 'error', op: 'o1', ref: 'r' })).toEqual({ kind: 'command', op: 'o1' });
    expect(routeOf({ type: 'error', ref: 'r1' })).toEqual({ kind: 'request', ref: 'r1' });
    expect(routeOf({ type: 'access.minted', ref: 'r2' })).toEqual({ kind: 'request', ref: 'r2' });
    expect(routeOf({ type: 'pong', ref: 'r3' })).toEqual({ kind: 'request', ref: 'r3' });
    expect(routeOf({ type: 'event' })).toEqual({ kind: 'stream' });
    expect(routeOf({ type: 'error' })).toEqual({ kind: 'unpaired' });
  });
});

describe('errorAction', () => {
  it('drops final errors and retries limit/storage/internal ones', () => {
    for (const c of ['protocol', 'access', 'authorization', 'rule']) {
      expect(errorAction(err(c, 'x'), 0)).toEqual({ action: 'drop' });
    }
    expect(errorAction(err('limit', 'rate_limited', { retry_after_ms: 800 }), 0)).toEqual({ action: 'retry', afterMs: 800 });
    expect(errorAction(err('storage', 'storage_unavailable'), 1)).toEqual({ action: 'retry', afterMs: 2000 });
    expect(errorAction(err('internal', 'internal'), 10)).toEqual({ action: 'retry', afterMs: 30000 });
  });

  it('knows which hello errors end the session', () => {
    expect(isSessionGone(err('access', 'expired'))).toBe(true);
    expect(isSessionGone(err('access', 'invalid_code'))).toBe(false);
  });
});

describe('Waiters', () => {
  it('settles each key once', async () => {
    const w = new Waiters<number>();
    const p = w.wait('a');
    expect(w.resolve('a', 1)).toBe(true);
    expect(w.resolve('a', 2)).toBe(false);
    await expect(p).resolves.toBe(1);
    const q = w.wait('b');
    w.rejectAll((k) => new Error(k));
    await expect(q).rejects.toThrow('b');
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter and caps near 8 s', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 1)).toBe(4000);
    expect(backoffDelay(10, () => 1)).toBe(8000);
    expect(backoffDelay(50, () => 0)).toBe(4000);
  });

  it('paces messages with a token bucket', () => {
    const b = new TokenBucket(10, 3, 0);
    expect([b.take(0), b.take(0), b.take(0)]).toEqual([0, 0, 0]);
    expect(b.take(0)).toBe(100);
    expect(b.take(100)).toBe(0);
  });
});

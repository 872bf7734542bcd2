// Pairs the server's replies with what was asked: `ack`/`error` with `op` go to the command;
// other replies (and errors) with `ref` go to the request. Pure bookkeeping, no network.
import type { Error as ErrorReply } from './protocol';

/** What a server message answers. */
export type Route =
  | { kind: 'command'; op: string }
  | { kind: 'request'; ref: string }
  | { kind: 'stream' } // welcome, snapshot, event, synced
  | { kind: 'unpaired' }; // an error (or reply) that names neither op nor ref

const STREAM = new Set(['welcome', 'snapshot', 'event', 'synced']);

/** Where a server message goes. */
export function routeOf(message: { type: string; op?: string; ref?: string }): Route {
  if (STREAM.has(message.type)) return { kind: 'stream' };
  if ((message.type === 'ack' || message.type === 'error') && typeof message.op === 'string') {
    return { kind: 'command', op: message.op };
  }
  if (typeof message.ref === 'string') return { kind: 'request', ref: message.ref };
  return { kind: 'unpaired' };
}

/** What to do with a command the server refused. */
export type ErrorAction =
  | { action: 'drop' } // final: nothing was written, sending it again gives the same answer
  | { action: 'retry'; afterMs: number }; // keep it in the outbox and send again (same op)

/** The protocol README's table: protocol/access/authorization/rule errors are final; limit,
 *  storage and internal ones are retried (after `retry_after_ms` when given). */
export function errorAction(error: ErrorReply, attempts: number): ErrorAction {
  switch (error.category) {
    case 'limit':
    case 'storage':
    case 'internal': {
      const fallback = Math.min(30_000, 1000 * 2 ** Math.min(attempts, 5));
      return { action: 'retry', afterMs: error.retry_after_ms ?? fallback };
    }
    default:
      return { action: 'drop' };
  }
}

/** Access errors in answer to hello that mean the stored session is gone for good. */
export function isSessionGone(error: ErrorReply): boolean {
  return (
    error.category === 'access' &&
    (error.code === 'unknown_token' || error.code === 'expired' || error.code === 'revoked')
  );
}

/** Waiters keyed by a string (op or ref), each settled at most once. */
export class Waiters<T> {
  private readonly map = new Map<
    string,
    { resolve: (value: T) => void; reject: (reason: unknown) => void }
  >();

  wait(key: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.map.set(key, { resolve, reject });
    });
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  resolve(key: string, value: T): boolean {
    const w = this.map.get(key);
    if (!w) return false;
    this.map.delete(key);
    w.resolve(value);
    return true;
  }

  reject(key: string, reason: unknown): boolean {
    const w = this.map.get(key);
    if (!w) return false;
    this.map.delete(key);
    w.reject(reason);
    return true;
  }

  rejectAll(reason: (key: string) => unknown): void {
    const entries = [...this.map.entries()];
    this.map.clear();
    for (const [key, w] of entries) w.reject(reason(key));
  }
}

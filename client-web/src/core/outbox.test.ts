import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Store } from './outbox';
import { emptyState } from './fold';
import type { PendingCommand } from './live';
import { newOp, randomId } from './ids';

let n = 0;
const dbName = () => `test-${++n}`;

function command(op: string, createdAt: number): PendingCommand {
  return { op, encuentro: 'e1', name: 'point.add', args: { title: op }, createdAt, attempts: 0, status: 'queued' };
}

describe('Store (outbox)', () => {
  it('lists commands in creation order, and deletes by op', async () => {
    const store = await Store.open(dbName());
    await store.put(command('b', 2000));
    await store.put(command('a', 1000));
    await store.put(command('c', 2000));
    expect((await store.list()).map((c) => c.op)).toEqual(['a', 'b', 'c']);
    await store.delete('b');
    expect((await store.list()).map((c) => c.op)).toEqual(['a', 'c']);
    store.close();
  });

  it('keeps a command in its place when it is updated', async () => {
    const store = await Store.open(dbName());
    await store.put(command('a', 1000));
    await store.put(command('b', 1001));
    await store.put({ ...command('a', 1000), attempts: 3, status: 'sent' });
    const list = await store.list();
    expect(list.map((c) => c.op)).toEqual(['a', 'b']);
    expect(list[0]).toEqual({ ...command('a', 1000), attempts: 3, status: 'sent' });
    store.close();
  });

  it('survives reopening (durable)', async () => {
    const name = dbName();
    const first = await Store.open(name);
    await first.put(command('x', 5));
    first.close();
    const second = await Store.open(name);
    expect((await second.list()).map((c) => c.op)).toEqual(['x']);
    second.close();
  });

  it('caches the last state and seq per encuentro', async () => {
    const store = await Store.open(dbName());
    expect(await store.loadState('e1')).toBeUndefined();
    await store.saveState('e1', 42, { ...emptyState('e1'), seq: 42 });
    const cached = await store.loadState('e1');
    expect(cached?.seq).toBe(42);
    expect(cached?.state.id).toBe('e1');
    await store.clearStates();
    expect(await store.loadState('e1')).toBeUndefined();
    store.close();
  });
});

describe('ids', () => {
  it('makes distinct visible-ASCII op ids', () => {
    const a = newOp();
    expect(a).toMatch(/^op-[0-9a-f]{32}$/);
    expect(a).not.toBe(newOp());
    expect(randomId('x')).toHaveLength(33);
  });
});

// The device's durable storage (IndexedDB, through `idb`): the outbox of commands not yet
// acknowledged, and the last state seen of each encuentro (so a reload while offline still
// shows the workshop and resumes with `since`).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { PendingCommand, State } from './live';

/** An outbox row: the command plus its place in creation order. */
interface OutboxRow extends PendingCommand {
  order: number;
}

/** The last state of one encuentro as this device saw it. */
export interface CachedState {
  encuentro: string;
  seq: number;
  state: State;
  savedAt: number;
}

interface Schema extends DBSchema {
  outbox: { key: string; value: OutboxRow; indexes: { order: number } };
  cache: { key: string; value: CachedState };
}

const VERSION = 1;
let counter = 0;

/** Creation order: the device clock, with a counter for commands made in the same ms. */
function nextOrder(createdAt: number): number {
  counter = (counter + 1) % 1000;
  return createdAt * 1000 + counter;
}

function strip(row: OutboxRow): PendingCommand {
  const { order: _order, ...command } = row;
  return command;
}

export class Store {
  private constructor(private readonly db: IDBPDatabase<Schema>) {}

  /** Opens (or creates) the database. Rejects where IndexedDB is unavailable. */
  static async open(name = 'encuentro'): Promise<Store> {
    const db = await openDB<Schema>(name, VERSION, {
      upgrade(database) {
        const outbox = database.createObjectStore('outbox', { keyPath: 'op' });
        outbox.createIndex('order', 'order');
        database.createObjectStore('cache', { keyPath: 'encuentro' });
      },
    });
    return new Store(db);
  }

  /** Adds a command, or updates it (same op) keeping its place in the order. */
  async put(command: PendingCommand): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const old = await tx.store.get(command.op);
    const order = old ? old.order : nextOrder(command.createdAt);
    await tx.store.put({ ...command, order });
    await tx.done;
  }

  /** Every pending command, oldest first. */
  async list(): Promise<PendingCommand[]> {
    const rows = await this.db.getAllFromIndex('outbox', 'order');
    return rows.map(strip);
  }

  async delete(op: string): Promise<void> {
    await this.db.delete('outbox', op);
  }

  async clearOutbox(): Promise<void> {
    await this.db.clear('outbox');
  }

  async saveState(encuentro: string, seq: number, state: State): Promise<void> {
    await this.db.put('cache', { encuentro, seq, state, savedAt: Date.now() });
  }

  async loadState(encuentro: string): Promise<CachedState | undefined> {
    return this.db.get('cache', encuentro);
  }

  async clearStates(): Promise<void> {
    await this.db.clear('cache');
  }

  close(): void {
    this.db.close();
  }
}

// The one live-protocol client every view shares (shared/protocol/README.md).
//
// CONTRACT (for the views): this file's exported names and signatures are fixed; the core
// implementation fills the bodies. Views read signals and call methods; they never touch the
// WebSocket, IndexedDB or the fold directly.
import { signal, computed, type ReadonlySignal } from '@preact/signals';
import type {
  CommandMessage1,
  CommandName,
  Error as ErrorReply,
  Role,
  State,
  Welcome,
} from './protocol';

export type { ErrorReply, Role, State, Welcome, CommandName };

/** The arguments object of each command, from the generated schema types. */
export type CommandArgs<N extends CommandName> = NonNullable<
  Extract<CommandMessage1, { name?: N }>['args']
>;

/** What the connection indicator shows. */
export type Connection =
  | 'idle' // no session yet (nothing to connect to)
  | 'connecting' // opening the socket / saying hello
  | 'syncing' // welcomed, receiving catch-up (snapshot or missed events)
  | 'online' // synced: live events arrive as they happen
  | 'offline'; // the socket is down; reconnecting with backoff; commands wait in the outbox

/** The device's session, kept in localStorage so a reload or restart resumes it. */
export interface Session {
  token: string;
  role: Role;
  encuentro: string | null;
  workshop: string | null;
  participant: string | null;
  expiresAt: number | null;
}

/** A command in the durable outbox (IndexedDB): kept until the server acks or refuses it. */
export interface PendingCommand {
  op: string;
  encuentro: string | null;
  name: CommandName;
  args: unknown;
  createdAt: number; // ms, device clock
  attempts: number;
  status: 'queued' | 'sent';
}

/** How a command ended. `ok: false` means nothing was written; `error` says why. */
export type CommandResult =
  | { ok: true; op: string; seq: number; duplicate: boolean }
  | { ok: false; op: string; error: ErrorReply };

export class Live {
  /** Connection state for the indicator every view shows. */
  readonly connection = signal<Connection>('idle');
  /** The current session (null before joining). */
  readonly session = signal<Session | null>(null);
  /** The encuentro as this session may see it: snapshot + events folded (core/fold.ts). A new
   *  object on every change (arrays touched by an event are copied), so views can compare. */
  readonly state = signal<State | null>(null);
  /** The last seq applied. */
  readonly seq = signal(0);
  /** Commands not yet acknowledged (durable; survive reloads). */
  readonly outbox = signal<PendingCommand[]>([]);
  /** The last refusal of a command sent from this device (to show the person). */
  readonly lastError = signal<ErrorReply | null>(null);
  /** serverTime - deviceTime, from welcome.time and pong.time. */
  readonly clockOffsetMs = signal(0);
  /** Pending count, handy for badges. */
  readonly pendingCount: ReadonlySignal<number> = computed(() => this.outbox.value.length);

  /** Server time now (ms since epoch): Date.now() corrected by the offset. Use for timers. */
  serverNow(): number {
    return Date.now() + this.clockOffsetMs.value;
  }

  /** Redeems an access code, public citizen code or organizer secret; stores the session and
   *  connects. Rejects with the server's ErrorReply (e.g. invalid_code, locked_out). */
  join(_code: string): Promise<Welcome> {
    throw new Error('not implemented');
  }

  /** Resumes the stored session (if any) and connects; false when there is none. */
  resume(): Promise<boolean> {
    throw new Error('not implemented');
  }

  /** Follows an encuentro (organizer with the server secret; public viewers). */
  follow(_encuentro: string): void {
    throw new Error('not implemented');
  }

  /** Sends a command through the durable outbox. Resolves when the server acks it or refuses
   *  it; while offline it waits (the promise may outlive a reload: the command does not). */
  send<N extends CommandName>(_name: N, _args: CommandArgs<N>): Promise<CommandResult> {
    throw new Error('not implemented');
  }

  /** A request/reply message that is not a command (access.*, participant.link,
   *  encuentros.list): needs a connection; resolves with the reply or rejects with the error. */
  request<T = unknown>(_message: Record<string, unknown>): Promise<T> {
    throw new Error('not implemented');
  }

  /** Ends the session on the server and forgets it here. */
  logout(): Promise<void> {
    throw new Error('not implemented');
  }
}

/** The page's one client. */
export const live = new Live();

// The one live-protocol client every view shares (shared/protocol/README.md).
//
// CONTRACT (for the views): this file's exported names and signatures are fixed; the core
// implementation fills the bodies. Views read signals and call methods; they never touch the
// WebSocket, IndexedDB or the fold directly.
import { signal, computed, batch, type ReadonlySignal } from '@preact/signals';
import type {
  CommandMessage1,
  CommandName,
  Error as ErrorReply,
  EventMessage,
  Role,
  Snapshot,
  State,
  Welcome,
} from './protocol';
import { applyEvent, emptyState } from './fold';
import { Store } from './outbox';
import { newOp, newRef } from './ids';
import { backoffDelay, TokenBucket } from './backoff';
import { errorAction, isSessionGone, routeOf, Waiters } from './replies';

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
  | { ok: true; op: string; encuentro: string; seq: number; duplicate: boolean }
  | { ok: false; op: string; error: ErrorReply };

// ---- storage keys and tuning -----------------------------------------------------------------

/** localStorage: the session. */
export const SESSION_KEY = 'encuentro.session';
/** localStorage: the encuentro the organizer (server secret) or a public viewer follows. */
export const FOLLOW_KEY = 'encuentro.follow';

const PING_EVERY_MS = 15_000;
const PONG_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;
const CONNECT_WAIT_MS = 10_000;
const CACHE_SAVE_DELAY_MS = 400;
/** Client-side pace for commands: below the server's 20/s, burst 60. */
const SEND_RATE = 15;
const SEND_BURST = 40;

/** Closing codes from the server (protocol README, "Closing"). */
const CLOSE_NORMAL = 1000;
const CLOSE_POLICY = 1008;

/** A minimal WebSocket, so tests can give a fake one. */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

/** Where Live connects and keeps things; the defaults are the browser's. */
export interface LiveOptions {
  url?: () => string;
  socket?: (url: string) => SocketLike;
  store?: () => Promise<Store>;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
}

/** A server message as this client reads it. */
type Incoming = { type: string; op?: string; ref?: string } & Record<string, unknown>;

/** A locally made error (no connection, no reply in time), shaped like the server's. */
export function localError(code: 'offline' | 'timeout', message: string): ErrorReply {
  return { type: 'error', category: 'internal', code, message } as unknown as ErrorReply;
}

function defaultUrl(): string {
  const secure = location.protocol === 'https:';
  return `${secure ? 'wss' : 'ws'}://${location.host}/live`;
}

function defaultStorage(): LiveOptions['storage'] {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null;
  }
}

function isErrorReply(value: unknown): value is ErrorReply {
  return typeof value === 'object' && value !== null && (value as Incoming).type === 'error';
}

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
  /** The encuentro this client follows (from the session, or follow()). */
  readonly following = signal<string | null>(null);
  /** The last welcome (role, scope, limits). */
  readonly welcome = signal<Welcome | null>(null);

  private readonly options: Required<Omit<LiveOptions, 'storage'>> & {
    storage: LiveOptions['storage'];
  };
  private storePromise: Promise<Store | null> | null = null;
  private socket: SocketLike | null = null;
  private greeted = false;
  /** The encuentro the current connection is subscribed to (after its catch-up started). */
  private subscribed: string | null = null;
  /** A code to redeem in the next hello (join). */
  private pendingCode: string | null = null;
  private joinWaiter: { resolve: (w: Welcome) => void; reject: (e: unknown) => void } | null =
    null;
  private readonly commandWaiters = new Waiters<CommandResult>();
  private readonly requestWaiters = new Waiters<unknown>();
  /** Ops sent on the current connection and not answered yet. */
  private readonly inFlight = new Set<string>();
  /** Ops to hold back until a time (rate limited, storage errors). */
  private readonly retryAt = new Map<string, number>();
  private bucket = new TokenBucket(SEND_RATE, SEND_BURST, Date.now());
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private pumpTimer: ReturnType<typeof setTimeout> | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private pumping = false;
  private outboxLoaded: Promise<void> | null = null;
  private listening = false;

  constructor(options: LiveOptions = {}) {
    this.options = {
      url: options.url ?? defaultUrl,
      socket: options.socket ?? ((url) => new WebSocket(url) as unknown as SocketLike),
      store: options.store ?? (() => Store.open()),
      storage: options.storage === undefined ? defaultStorage() : options.storage,
    };
  }

  /** Server time now (ms since epoch): Date.now() corrected by the offset. Use for timers. */
  serverNow(): number {
    return Date.now() + this.clockOffsetMs.value;
  }

  /** Redeems an access code, public citizen code or organizer secret; stores the session and
   *  connects. Rejects with the server's ErrorReply (e.g. invalid_code, locked_out). */
  join(code: string): Promise<Welcome> {
    this.listenToBrowser();
    this.joinWaiter?.reject(localError('offline', 'replaced by another join'));
    const result = new Promise<Welcome>((resolve, reject) => {
      this.joinWaiter = { resolve, reject };
    });
    this.pendingCode = code.trim();
    void this.loadOutbox();
    this.disconnect();
    this.attempt = 0;
    this.connect();
    return result;
  }

  /** Resumes the stored session (if any) and connects; false when there is none. */
  async resume(): Promise<boolean> {
    this.listenToBrowser();
    const session = this.readSession();
    if (!session) return false;
    this.session.value = session;
    const follow = session.encuentro ?? this.options.storage?.getItem(FOLLOW_KEY) ?? null;
    await this.loadOutbox();
    if (follow && follow !== this.following.value) {
      this.following.value = follow;
      await this.loadCache(follow);
      const busy = this.connection.value === 'syncing';
      if (this.greeted && !busy && this.subscribed !== follow) this.subscribe(follow);
    }
    if (!this.socket) this.connect();
    return true;
  }

  /** Follows an encuentro (organizer with the server secret; public viewers). */
  follow(encuentro: string): void {
    this.listenToBrowser();
    if (encuentro === this.following.value) return;
    batch(() => {
      this.following.value = encuentro;
      this.state.value = null;
      this.seq.value = 0;
    });
    this.options.storage?.setItem(FOLLOW_KEY, encuentro);
    void this.loadCache(encuentro).then(() => {
      if (this.following.value !== encuentro) return;
      if (this.greeted && this.subscribed !== encuentro) this.subscribe(encuentro);
      else if (!this.socket && this.connection.value === 'idle') this.connect();
    });
  }

  /** Sends a command through the durable outbox. Resolves when the server acks it or refuses
   *  it; while offline it waits (the promise may outlive a reload: the command does not). */
  async send<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult> {
    const command: PendingCommand = {
      op: newOp(),
      encuentro: name === 'encuentro.create' ? null : this.following.value,
      name,
      args,
      createdAt: Date.now(),
      attempts: 0,
      status: 'queued',
    };
    const result = this.commandWaiters.wait(command.op);
    this.outbox.value = [...this.outbox.value, command];
    const store = await this.store();
    await store?.put(command).catch(() => undefined);
    this.pump();
    return result;
  }

  /** A request/reply message that is not a command (access.*, participant.link,
   *  encuentros.list): needs a connection; resolves with the reply or rejects with the error. */
  async request<T = unknown>(message: Record<string, unknown>): Promise<T> {
    await this.whenGreeted();
    const ref = typeof message.ref === 'string' ? message.ref : newRef();
    const reply = this.requestWaiters.wait(ref);
    const timer = setTimeout(
      () => this.requestWaiters.reject(ref, localError('timeout', 'no reply in time')),
      REQUEST_TIMEOUT_MS,
    );
    this.transmit({ ...message, ref });
    try {
      return (await reply) as T;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the session on the server and forgets it here. */
  async logout(): Promise<void> {
    if (this.greeted) {
      await this.request({ type: 'logout' }).catch(() => undefined);
    }
    await this.forget();
  }

  // ---- extra API (beyond the contract) --------------------------------------------------------

  /** Drops a pending command from the outbox without sending it (e.g. the person cancels it). */
  async discard(op: string): Promise<void> {
    await this.removeFromOutbox(op);
    this.commandWaiters.reject(op, localError('offline', 'discarded'));
  }

  /** Forces a reconnection now (e.g. a "retry" button). */
  reconnect(): void {
    if (!this.readSession() && !this.pendingCode && !this.following.value) return;
    this.disconnect();
    this.attempt = 0;
    this.connect();
  }

  // ---- connection ---------------------------------------------------------------------------

  private listenToBrowser(): void {
    if (this.listening || typeof window === 'undefined') return;
    this.listening = true;
    window.addEventListener('online', () => {
      if (this.connection.value === 'offline') this.reconnect();
    });
    window.addEventListener('offline', () => {
      if (this.socket) {
        this.disconnect();
        this.connection.value = 'offline';
        this.scheduleReconnect();
      }
    });
  }

  private connect(): void {
    this.clearReconnect();
    this.connection.value = 'connecting';
    let ws: SocketLike;
    try {
      ws = this.options.socket(this.options.url());
    } catch {
      this.connectionLost();
      return;
    }
    this.socket = ws;
    this.greeted = false;
    this.subscribed = null;
    this.inFlight.clear();
    ws.onopen = () => {
      if (ws === this.socket) void this.sayHello();
    };
    ws.onmessage = (ev) => {
      if (ws !== this.socket || typeof ev.data !== 'string') return;
      let message: Incoming;
      try {
        message = JSON.parse(ev.data) as Incoming;
      } catch {
        return;
      }
      this.receive(message);
    };
    ws.onclose = (ev) => {
      if (ws === this.socket) this.closed(ev.code);
    };
    ws.onerror = () => undefined; // onclose follows
  }

  private async sayHello(): Promise<void> {
    const hello: Record<string, unknown> = { type: 'hello', protocol: 1 };
    if (this.pendingCode) {
      hello.code = this.pendingCode;
    } else {
      const session = this.session.value ?? this.readSession();
      if (session) hello.token = session.token;
    }
    const follow = this.pendingCode ? null : this.following.value;
    if (follow) {
      hello.encuentro = follow;
      if (this.state.value?.id === follow && this.seq.value > 0) hello.since = this.seq.value;
    }
    this.transmit(hello);
  }

  private subscribe(encuentro: string): void {
    this.subscribed = null;
    this.connection.value = 'syncing';
    const message: Record<string, unknown> = { type: 'subscribe', encuentro };
    if (this.state.value?.id === encuentro && this.seq.value > 0) message.since = this.seq.value;
    this.transmit(message);
  }

  /** Closes the socket on purpose (no reconnection from its close event). */
  private disconnect(): void {
    this.clearReconnect();
    this.stopPing();
    const ws = this.socket;
    this.socket = null;
    this.greeted = false;
    this.subscribed = null;
    this.inFlight.clear();
    if (ws) {
      ws.onopen = ws.onmessage = ws.onerror = null;
      ws.onclose = null;
      try {
        ws.close(CLOSE_NORMAL);
      } catch {
        // already closed
      }
    }
  }

  private closed(code: number): void {
    this.socket = null;
    this.greeted = false;
    this.subscribed = null;
    this.inFlight.clear();
    this.stopPing();
    if (this.joinWaiter && this.pendingCode) {
      // The socket closed before the code was redeemed: keep trying, join() is still waiting.
      this.connectionLost();
      return;
    }
    if (code === CLOSE_POLICY) {
      void this.forget(); // revoked, or logged out elsewhere
      return;
    }
    if (code === CLOSE_NORMAL && !this.readSession()) {
      this.connection.value = 'idle';
      return;
    }
    this.connectionLost();
  }

  private connectionLost(): void {
    this.socket = null;
    this.connection.value = 'offline';
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.clearReconnect();
    const delay = backoffDelay(this.attempt);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private clearReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private startPing(): void {
    this.stopPing();
    this.pingTimer = setInterval(() => this.ping(), PING_EVERY_MS);
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pingTimer = this.pongTimer = null;
  }

  private ping(): void {
    if (!this.greeted || this.pongTimer) return;
    const sentAt = Date.now();
    const ref = newRef();
    this.pongTimer = setTimeout(() => {
      // No pong: the socket is dead even if the browser has not noticed.
      this.pongTimer = null;
      this.requestWaiters.reject(ref, localError('timeout', 'no pong'));
      this.disconnect();
      this.connectionLost();
    }, PONG_TIMEOUT_MS);
    this.requestWaiters
      .wait(ref)
      .then((pong) => {
        const time = (pong as { time?: number }).time;
        if (typeof time === 'number') {
          const now = Date.now();
          this.clockOffsetMs.value = time - (sentAt + now) / 2;
        }
      })
      .catch(() => undefined)
      .finally(() => {
        if (this.pongTimer) clearTimeout(this.pongTimer);
        this.pongTimer = null;
      });
    this.transmit({ type: 'ping', ref });
  }

  private transmit(message: Record<string, unknown>): boolean {
    const ws = this.socket;
    if (!ws || ws.readyState !== 1) return false;
    try {
      ws.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  }

  private whenGreeted(): Promise<void> {
    if (this.greeted) return Promise.resolve();
    const state = this.connection.value;
    if (state !== 'connecting' && state !== 'syncing') {
      return Promise.reject(localError('offline', 'not connected'));
    }
    return new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        if (this.greeted) resolve();
        else if (Date.now() - started > CONNECT_WAIT_MS || this.connection.value === 'idle')
          reject(localError('offline', 'not connected'));
        else setTimeout(check, 100);
      };
      check();
    });
  }

  // ---- incoming -----------------------------------------------------------------------------

  private receive(message: Incoming): void {
    const route = routeOf(message);
    switch (message.type) {
      case 'welcome':
        return this.onWelcome(message as unknown as Welcome);
      case 'snapshot':
        return this.onSnapshot(message as unknown as Snapshot);
      case 'event':
        return this.onEvent(message as unknown as EventMessage);
      case 'synced':
        return this.onSynced(message as unknown as { encuentro: string; seq: number });
      case 'ack':
        if (route.kind === 'command') this.onAck(route.op, message);
        return;
      case 'error':
        return this.onError(message as unknown as ErrorReply, route.kind);
      case 'linked':
        this.onLinked(message as unknown as { participant: string; workshop: string | null });
        break;
      case 'pong':
        if (typeof message.time === 'number' && route.kind !== 'request') {
          this.clockOffsetMs.value = message.time - Date.now();
        }
        break;
    }
    if (route.kind === 'request') this.requestWaiters.resolve(route.ref, message);
  }

  private onWelcome(welcome: Welcome): void {
    this.greeted = true;
    this.attempt = 0;
    this.clockOffsetMs.value = welcome.time - Date.now();
    this.welcome.value = welcome;
    const previous = this.session.value ?? this.readSession();
    const token = welcome.token ?? previous?.token;
    if (token && welcome.role !== 'public') {
      const session: Session = {
        token,
        role: welcome.role,
        encuentro: welcome.token ? (welcome.encuentro ?? null) : (previous?.encuentro ?? null),
        workshop: welcome.workshop,
        participant: welcome.participant,
        expiresAt: welcome.expires_at ?? previous?.expiresAt ?? null,
      };
      this.writeSession(session);
    }
    const redeemed = this.pendingCode !== null;
    this.pendingCode = null;
    if (redeemed) this.startedNewSession(welcome);
    this.startPing();
    if (welcome.encuentro) {
      this.subscribed = null;
      if (this.following.value !== welcome.encuentro) this.following.value = welcome.encuentro;
      this.connection.value = 'syncing';
    } else if (this.following.value) {
      this.subscribe(this.following.value);
    } else {
      this.connection.value = 'online';
      this.pump();
    }
    this.joinWaiter?.resolve(welcome);
    this.joinWaiter = null;
  }

  /** A code was redeemed: what this device knew belongs to the old session. */
  private startedNewSession(welcome: Welcome): void {
    this.options.storage?.removeItem(FOLLOW_KEY);
    batch(() => {
      this.following.value = welcome.encuentro ?? null;
      this.state.value = null;
      this.seq.value = 0;
    });
    void this.store().then((store) => store?.clearStates().catch(() => undefined));
  }

  private onSnapshot(snapshot: Snapshot): void {
    if (snapshot.encuentro !== this.following.value) return;
    this.subscribed = snapshot.encuentro;
    batch(() => {
      this.state.value = snapshot.state;
      this.seq.value = snapshot.seq;
    });
    this.scheduleSave();
  }

  private onEvent(event: EventMessage): void {
    if (event.encuentro !== this.following.value) return;
    this.subscribed = event.encuentro;
    if (event.seq <= this.seq.value) return;
    const base = this.state.value ?? emptyState(event.encuentro);
    batch(() => {
      this.state.value = applyEvent(base, event);
      this.seq.value = event.seq;
    });
    this.scheduleSave();
  }

  private onSynced(synced: { encuentro: string; seq: number }): void {
    if (synced.encuentro !== this.following.value) return;
    this.subscribed = synced.encuentro;
    if (!this.state.value) {
      // Nothing visible yet (e.g. a public viewer): an empty state at the server's seq.
      this.state.value = emptyState(synced.encuentro);
    }
    if (synced.seq > this.seq.value) this.seq.value = synced.seq;
    this.connection.value = 'online';
    this.pump();
  }

  private onLinked(linked: { participant: string; workshop: string | null }): void {
    const session = this.session.value;
    if (!session) return;
    this.writeSession({ ...session, participant: linked.participant, workshop: linked.workshop });
  }

  private onAck(op: string, ack: Incoming): void {
    this.inFlight.delete(op);
    this.retryAt.delete(op);
    void this.removeFromOutbox(op);
    this.commandWaiters.resolve(op, {
      ok: true,
      op,
      encuentro: String(ack.encuentro ?? ''),
      seq: Number(ack.seq),
      duplicate: ack.duplicate === true,
    });
  }

  private onError(error: ErrorReply, kind: ReturnType<typeof routeOf>['kind']): void {
    if (kind === 'command' && error.op) return this.onCommandError(error.op, error);
    if (kind === 'request' && error.ref) {
      this.requestWaiters.reject(error.ref, error);
      return;
    }
    if (!this.greeted) return this.onHelloError(error);
    this.onSubscribeError(error);
  }

  private onCommandError(op: string, error: ErrorReply): void {
    this.inFlight.delete(op);
    const command = this.outbox.value.find((c) => c.op === op);
    const decision = errorAction(error, command?.attempts ?? 0);
    if (decision.action === 'retry') {
      this.retryAt.set(op, Date.now() + decision.afterMs);
      this.schedulePump(decision.afterMs);
      return;
    }
    this.retryAt.delete(op);
    void this.removeFromOutbox(op);
    this.lastError.value = error;
    this.commandWaiters.resolve(op, { ok: false, op, error });
  }

  private onHelloError(error: ErrorReply): void {
    const joining = this.joinWaiter !== null && this.pendingCode !== null;
    if (joining && error.category === 'limit') {
      // Codes are paced per connection: try again once allowed.
      setTimeout(() => void this.sayHello(), error.retry_after_ms ?? 1000);
      return;
    }
    if (joining) {
      this.pendingCode = null;
      this.joinWaiter?.reject(error);
      this.joinWaiter = null;
      this.disconnect();
      // A failed code leaves an earlier session as it was.
      if (this.readSession()) this.connect();
      else this.connection.value = 'idle';
      return;
    }
    this.lastError.value = error;
    if (isSessionGone(error) || error.category === 'access') {
      void this.forget(); // the token is no good any more: ask the person for a new code
      return;
    }
    this.disconnect();
    if (error.category === 'protocol') this.connection.value = 'idle'; // retrying cannot help
    else this.connectionLost();
  }

  private onSubscribeError(error: ErrorReply): void {
    this.lastError.value = error;
    const follow = this.following.value;
    // The database was busy, or this connection sent too much at once: follow again once allowed.
    if ((error.category === 'storage' || error.category === 'limit') && follow) {
      setTimeout(() => {
        if (this.greeted && this.following.value === follow) this.subscribe(follow);
      }, error.retry_after_ms ?? 1000);
      return;
    }
    // Nothing to follow (unknown_encuentro, wrong_encuentro): the connection itself is fine.
    if (this.connection.value === 'syncing') this.connection.value = 'online';
  }

  // ---- outbox ---------------------------------------------------------------------------------

  private store(): Promise<Store | null> {
    if (!this.storePromise) {
      this.storePromise = this.options.store().catch(() => null);
    }
    return this.storePromise;
  }

  private loadOutbox(): Promise<void> {
    if (!this.outboxLoaded) {
      this.outboxLoaded = this.store().then(async (store) => {
        const stored = (await store?.list().catch(() => [])) ?? [];
        const known = new Set(this.outbox.value.map((c) => c.op));
        const merged = [...stored.filter((c) => !known.has(c.op)), ...this.outbox.value];
        this.outbox.value = merged;
      });
    }
    return this.outboxLoaded;
  }

  private async removeFromOutbox(op: string): Promise<void> {
    this.outbox.value = this.outbox.value.filter((c) => c.op !== op);
    const store = await this.store();
    await store?.delete(op).catch(() => undefined);
  }

  /** Whether a command may go out on this connection now. */
  private sendable(c: PendingCommand, now: number): boolean {
    if (this.inFlight.has(c.op)) return false;
    if ((this.retryAt.get(c.op) ?? 0) > now) return false;
    // A command goes only to the encuentro it was made for: the server applies it to the one
    // the connection follows.
    return c.encuentro === null || c.encuentro === this.subscribed;
  }

  private schedulePump(afterMs: number): void {
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    this.pumpTimer = setTimeout(() => {
      this.pumpTimer = null;
      this.pump();
    }, afterMs);
  }

  /** Sends the outbox in creation order, paced under the server's rate limit. */
  private pump(): void {
    if (this.pumping || this.connection.value !== 'online' || !this.greeted) return;
    this.pumping = true;
    try {
      for (;;) {
        const now = Date.now();
        const next = this.outbox.value.find((c) => this.sendable(c, now));
        if (!next) break;
        const wait = this.bucket.take(now);
        if (wait > 0) {
          this.schedulePump(wait);
          break;
        }
        if (!this.transmitCommand(next)) break;
      }
      this.scheduleRetries();
    } finally {
      this.pumping = false;
    }
  }

  private scheduleRetries(): void {
    const now = Date.now();
    const waits = [...this.retryAt.values()].map((t) => t - now).filter((ms) => ms > 0);
    if (waits.length && !this.pumpTimer) this.schedulePump(Math.min(...waits));
  }

  private transmitCommand(command: PendingCommand): boolean {
    const sent = this.transmit({
      type: 'command',
      op: command.op,
      name: command.name,
      args: command.args,
    });
    if (!sent) return false;
    this.inFlight.add(command.op);
    this.retryAt.delete(command.op);
    const updated: PendingCommand = {
      ...command,
      attempts: command.attempts + 1,
      status: 'sent',
    };
    this.outbox.value = this.outbox.value.map((c) => (c.op === command.op ? updated : c));
    void this.store().then((store) => store?.put(updated).catch(() => undefined));
    return true;
  }

  // ---- cache and session ----------------------------------------------------------------------

  private async loadCache(encuentro: string): Promise<void> {
    const store = await this.store();
    const cached = await store?.loadState(encuentro).catch(() => undefined);
    if (!cached || this.following.value !== encuentro) return;
    if (cached.seq <= this.seq.value) return; // something fresher arrived meanwhile
    batch(() => {
      this.state.value = cached.state;
      this.seq.value = cached.seq;
    });
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      const state = this.state.value;
      if (!state || !state.id) return;
      const seq = this.seq.value;
      void this.store().then((store) =>
        store?.saveState(state.id, seq, state).catch(() => undefined),
      );
    }, CACHE_SAVE_DELAY_MS);
  }

  private readSession(): Session | null {
    const raw = this.options.storage?.getItem(SESSION_KEY);
    if (!raw) return null;
    try {
      const session = JSON.parse(raw) as Session;
      return typeof session.token === 'string' ? session : null;
    } catch {
      return null;
    }
  }

  private writeSession(session: Session): void {
    this.session.value = session;
    this.options.storage?.setItem(SESSION_KEY, JSON.stringify(session));
  }

  /** Forgets the session and everything this device kept for it. */
  private async forget(): Promise<void> {
    this.disconnect();
    this.pendingCode = null;
    this.options.storage?.removeItem(SESSION_KEY);
    this.options.storage?.removeItem(FOLLOW_KEY);
    const pending = this.outbox.value.map((c) => c.op);
    batch(() => {
      this.session.value = null;
      this.state.value = null;
      this.seq.value = 0;
      this.following.value = null;
      this.welcome.value = null;
      this.outbox.value = [];
      this.connection.value = 'idle';
    });
    this.retryAt.clear();
    for (const op of pending) this.commandWaiters.reject(op, localError('offline', 'logged out'));
    const store = await this.store();
    await store?.clearOutbox().catch(() => undefined);
    await store?.clearStates().catch(() => undefined);
  }
}

/** The page's one client. */
export const live = new Live();

// Browser tests and consoles inspect the client through window.encuentroLive.
declare global {
  interface Window {
    encuentroLive?: Live;
  }
}
if (typeof window !== 'undefined') window.encuentroLive = live;

export { isErrorReply };

// Reconnection delays and the client-side pacing of messages under the server's rate limit.

/** Delay before reconnection attempt `attempt` (0-based): exponential from `baseMs`, capped at
 *  `capMs`, with "equal jitter" (half fixed, half random) so a venue's phones do not all come
 *  back in the same millisecond after the server restarts. */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 500,
  capMs = 8000,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** A token bucket: `ratePerSecond` tokens a second, at most `burst` at once. The server allows
 *  20 messages a second, 60 at once; the client stays below that so pings and requests still
 *  fit while the outbox is replayed. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.last);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    this.last = now;
  }

  /** Takes one token if there is one (returns 0), else returns the ms to wait for the next. */
  take(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond);
  }
}

// Server time for timers. Timers count down from the server's `deadline` (running) or show the
// `remaining_ms` the server froze (paused); the device clock is corrected by live.clockOffsetMs.
import { useEffect, useState } from 'preact/hooks';
import type { WorkshopTimer } from './protocol';
import { live } from './live';

/** The server's time now, re-rendering the component every `intervalMs`. The time is read at
 *  each render, not kept from the last tick: a render caused by an event (a timer just started)
 *  must not count from a clock up to `intervalMs` old (it showed 75:01 for a 75-minute start). */
export function useServerNow(intervalMs = 1000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  // Reading the offset signal here re-renders when the clock is corrected.
  void live.clockOffsetMs.value;
  return live.serverNow();
}

/** "mm:ss" for a duration in ms, rounded up to the second (never negative). Over an hour the
 *  minutes keep counting ("75:00"): workshop timers run 60 to 90 minutes. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** What is left of a workshop timer at server time `now`: from the deadline while running, the
 *  frozen remainder while paused, 0 when idle. */
export function remainingMs(timer: WorkshopTimer, now: number): number {
  switch (timer.status) {
    case 'running':
      return Math.max(0, timer.deadline - now);
    case 'paused':
      return Math.max(0, timer.remaining_ms);
    default:
      return 0;
  }
}

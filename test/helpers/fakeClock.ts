import type { Clock } from '../../electron/core/clock';

/** A clock that moves only when told to (or by `step` ms on every read). */
export function fakeClock(start = Date.UTC(2026, 8, 1, 9, 0, 0), step = 1): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => (now += step),
    advance: (ms) => {
      now += ms;
    },
  };
}

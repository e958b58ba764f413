import { useEffect, useState, useSyncExternalStore } from 'react';
import { StatusThrottle } from './statusThrottle';

/** A live region's text, held back by a StatusThrottle and released by a timer when due. */
class ThrottledText {
  private readonly throttle: StatusThrottle;
  private text = '';
  private wanted: { text: string; kind: string } = { text: '', kind: '' };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(everyMs: number) {
    this.throttle = new StatusThrottle(everyMs);
  }

  offer(text: string, kind: string): void {
    this.wanted = { text, kind };
    clearTimeout(this.timer);
    this.timer = undefined;
    const decision = this.throttle.offer(text, kind, performance.now());
    if (decision.text !== this.text) {
      this.text = decision.text;
      for (const listener of [...this.listeners]) listener();
    }
    if (decision.retryInMs !== null) this.timer = setTimeout(() => this.offer(this.wanted.text, this.wanted.kind), decision.retryInMs + 1);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): string => this.text;
}

/** The text for a polite live region: changes of `kind` at once, other changes at most every `everyMs`. */
export function useThrottledStatus(text: string, kind: string, everyMs = 5000): string {
  const [live] = useState(() => new ThrottledText(everyMs));
  useEffect(() => live.offer(text, kind), [live, text, kind]);
  useEffect(() => () => live.dispose(), [live]);
  return useSyncExternalStore(live.subscribe, live.get);
}

import type { LecternEvent, LecternEventListener } from '../contract';

/** The single stream of events from core to whichever front end is attached. */
export class EventHub {
  private readonly listeners = new Set<LecternEventListener>();

  subscribe(listener: LecternEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: LecternEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

import { useCallback, useSyncExternalStore } from 'react';
import type { AiEvent, AiStartInput, LecternEvent } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { initialAiJob, isFinished, reduceAiJob, type AiJobState } from './aiJobReducer';

const isAiEvent = (event: LecternEvent): event is AiEvent => event.type.startsWith('ai.');
/** Finished jobs nobody is watching are forgotten beyond this many. */
const KEEP_FINISHED = 20;

/**
 * Every AI job's state, fed by the one event subscription. Events are reduced as they arrive (a
 * token costs one small object), but listeners hear about changes at most once per frame, so 200
 * tokens a second never means 200 renders a second. A job's end is announced straight away.
 */
class AiJobStore {
  private readonly jobs = new Map<string, AiJobState>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly dirty = new Set<string>();
  private frame: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | undefined;

  /** Must run before `ai.start`: the job's first events can beat the reply. */
  private ensureSubscribed(): void {
    this.unsubscribe ??= lectern().events.on((event) => {
      if (isAiEvent(event)) this.apply(event);
    });
  }

  apply(event: AiEvent): void {
    const before = this.jobs.get(event.jobId);
    const after = reduceAiJob(before, event);
    if (after === before) return;
    this.jobs.set(event.jobId, after);
    this.dirty.add(event.jobId);
    if (isFinished(after)) {
      this.flush();
      this.forgetOldJobs();
    } else {
      this.schedule();
    }
  }

  async start(input: AiStartInput): Promise<{ jobId: string; interactionId: string }> {
    this.ensureSubscribed();
    const started = await unwrap(lectern().ai.start(input));
    if (!this.jobs.has(started.jobId)) this.jobs.set(started.jobId, initialAiJob(started.jobId, started.interactionId));
    return started;
  }

  async cancel(jobId: string): Promise<void> {
    await unwrap(lectern().jobs.cancel({ jobId }));
  }

  /** Resolves with the job's final state once it has ended. */
  whenFinished(jobId: string): Promise<AiJobState> {
    return new Promise((resolve) => {
      const check = () => {
        const job = this.jobs.get(jobId);
        if (!job || !isFinished(job)) return false;
        off();
        resolve(job);
        return true;
      };
      const off = this.subscribe(jobId, () => void check());
      check();
    });
  }

  get(jobId: string): AiJobState | undefined {
    return this.jobs.get(jobId);
  }

  subscribe(jobId: string, listener: () => void): () => void {
    this.ensureSubscribed();
    let set = this.listeners.get(jobId);
    if (!set) this.listeners.set(jobId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(jobId);
    };
  }

  private schedule(): void {
    if (this.frame !== undefined || this.timer !== undefined) return;
    // rAF pauses in a hidden window; the timer keeps state moving there (and in tests) all the same.
    this.frame = requestAnimationFrame(() => this.flush());
    this.timer = setTimeout(() => this.flush(), 100);
  }

  private flush(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.frame = undefined;
    this.timer = undefined;
    const ids = [...this.dirty];
    this.dirty.clear();
    for (const id of ids) for (const listener of [...(this.listeners.get(id) ?? [])]) listener();
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((j) => isFinished(j) && !this.listeners.has(j.jobId));
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(job.jobId);
  }
}

export const aiJobs = new AiJobStore();

/** The state of one job (undefined before its first event), re-rendering at most once a frame. */
export function useAiJob(jobId: string | undefined): AiJobState | undefined {
  const subscribe = useCallback((listener: () => void) => (jobId ? aiJobs.subscribe(jobId, listener) : () => {}), [jobId]);
  const snapshot = useCallback(() => (jobId ? aiJobs.get(jobId) : undefined), [jobId]);
  return useSyncExternalStore(subscribe, snapshot);
}

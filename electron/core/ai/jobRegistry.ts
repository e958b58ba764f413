import { randomUUID } from 'node:crypto';
import type { JobInfo } from '../../contract';
import { CancelAbort } from './aiErrors';

interface RunningJob {
  info: JobInfo;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Long-running work in core. Each job has an AbortController; `cancel` aborts it with a
 * CancelAbort reason so the job can tell a teacher's Stop from a timeout.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, RunningJob>();

  constructor(private readonly now: () => number) {}

  start(meta: Omit<JobInfo, 'jobId' | 'startedAt'>, run: (signal: AbortSignal, jobId: string) => Promise<void>): { jobId: string; done: Promise<void> } {
    const jobId = randomUUID();
    const controller = new AbortController();
    const info: JobInfo = { ...meta, jobId, startedAt: this.now() };
    // The job reports its own outcome through events; `done` only tells waiters it has ended.
    const done = Promise.resolve()
      .then(() => run(controller.signal, jobId))
      .finally(() => this.jobs.delete(jobId));
    this.jobs.set(jobId, { info, controller, done });
    return { jobId, done };
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.controller.signal.aborted) return false;
    job.controller.abort(new CancelAbort());
    return true;
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((j) => j.info);
  }

  /** Resolves when the job has ended (or at once if it is unknown): for tests, the bench and shutdown. */
  async wait(jobId: string): Promise<void> {
    await this.jobs.get(jobId)?.done;
  }

  cancelAll(): void {
    for (const id of this.jobs.keys()) this.cancel(id);
  }
}

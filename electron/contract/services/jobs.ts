import { z } from 'zod';
import { method } from '../method';

export const JobInfoSchema = z.object({
  jobId: z.string(),
  kind: z.enum(['ai']),
  /** For AI jobs: the action id and the recorded interaction. */
  action: z.string(),
  interactionId: z.string().nullable(),
  documentId: z.string().nullable(),
  startedAt: z.number().int().nonnegative(),
});
export type JobInfo = z.infer<typeof JobInfoSchema>;

export const jobsContract = {
  cancel: method(
    'Stop a running job at once. What already arrived is kept (an AI job ends with ai.completed, status cancelled).',
    z.object({ jobId: z.string().min(1).max(100) }).strict(),
    z.object({ cancelled: z.boolean() }),
  ),
  list: method('Jobs still running (for example after the window reloads).', z.object({}).strict(), z.array(JobInfoSchema)),
};

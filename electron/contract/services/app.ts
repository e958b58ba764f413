import { z } from 'zod';
import { method } from '../method';

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** `electron` in the desktop app, `web-harness` in the development and test harness. */
  host: z.enum(['electron', 'web-harness']),
  schemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const appContract = {
  info: method('Describe the running app.', z.object({}).strict(), AppInfoSchema),
  closeReady: method(
    'The renderer has saved everything after a close request and the window may close.',
    z.object({}).strict(),
    z.object({ closing: z.boolean() }),
  ),
};

import type { AiEvent, AiStartInput, LecternEvent } from '../../../electron/contract';
import { createCore, type AppConfig, type LecternCore } from '../../../electron/core/app';
import type { Logger } from '../../../electron/core/log';
import { MemorySecretStore } from '../../../electron/core/secrets';
import { fakeClock } from '../../helpers/fakeClock';
import { tempDir } from '../../helpers/tempDir';
import { FakeOpenAiServer } from '../../fake-openai/server';

export const TEST_KEY = 'sk-lectern-test-0123456789abcdef';

/** A logger that keeps every line, so tests can check what was (and was not) logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) => lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}

export interface AiHarness {
  core: LecternCore;
  server: FakeOpenAiServer;
  events: LecternEvent[];
  sleeps: number[];
  log: Logger & { lines: string[] };
  dataDir: string;
  /** Starts an action and waits until its job has ended; returns that job's events. */
  run(input: AiStartInput): Promise<{ jobId: string; interactionId: string; events: AiEvent[] }>;
  jobEvents(jobId: string): AiEvent[];
  dispose(): Promise<void>;
}

/**
 * Core on a real SQLite file in a temp folder, talking to the fake server over loopback through
 * the real openai SDK. Backoff sleeps are recorded and skipped, so no test waits for real time.
 */
export async function aiHarness(options: {
  server?: FakeOpenAiServer;
  env?: AppConfig['env'] | 'none';
  ai?: AppConfig['ai'];
  secrets?: MemorySecretStore;
} = {}): Promise<AiHarness> {
  const server = options.server ?? new FakeOpenAiServer();
  await server.start();
  const dir = tempDir('lectern-ai-');
  const sleeps: number[] = [];
  const log = recordingLogger();
  const env =
    options.env === 'none'
      ? {}
      : (options.env ?? { LECTERN_AI_BASE_URL: server.baseURL, LECTERN_AI_MODEL: 'fake-model', LECTERN_AI_API_KEY: TEST_KEY });
  const core = createCore({
    dataDir: dir.path,
    host: 'web-harness',
    version: 'test',
    clock: fakeClock(),
    log,
    secrets: options.secrets ?? new MemorySecretStore(),
    env,
    ai: {
      sleep: async (ms, signal) => {
        sleeps.push(ms);
        if (signal.aborted) throw signal.reason;
      },
      random: () => 0.5,
      previewIntervalMs: 0,
      ...options.ai,
    },
  });
  const events: LecternEvent[] = [];
  core.events.subscribe((e) => events.push(e));
  const jobEvents = (jobId: string) => events.filter((e): e is AiEvent => e.type.startsWith('ai.') && (e as AiEvent).jobId === jobId);
  return {
    core,
    server,
    events,
    sleeps,
    log,
    dataDir: dir.path,
    jobEvents,
    async run(input) {
      const { jobId, interactionId } = await core.ai.start(input);
      await core.ai.jobs.wait(jobId);
      return { jobId, interactionId, events: jobEvents(jobId) };
    },
    async dispose() {
      core.close();
      await server.stop();
      dir.dispose();
    },
  };
}

export function lastOf<T extends AiEvent['type']>(events: AiEvent[], type: T): Extract<AiEvent, { type: T }> | undefined {
  return events.filter((e): e is Extract<AiEvent, { type: T }> => e.type === type).at(-1);
}

export const deltasText = (events: AiEvent[]) =>
  events
    .filter((e): e is Extract<AiEvent, { type: 'ai.delta' }> => e.type === 'ai.delta')
    .map((e) => e.text)
    .join('');

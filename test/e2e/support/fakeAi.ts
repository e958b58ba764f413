import { FakeOpenAiServer, type FakeAnswer, type FakeServerOptions, type RecordedRequest } from '../../fake-openai/server';

export type { FakeAnswer };

/** The fake OpenAI-compatible server, in the test's own process, and the env that points core at it. */
export interface FakeAi {
  server: FakeOpenAiServer;
  baseURL: string;
  /** LECTERN_AI_* variables for startHarnessProcess. */
  env: Record<string, string>;
  /** Answers for the next requests, in order; unscripted requests get a valid sample. */
  script(...answers: FakeAnswer[]): void;
  /** Time between streamed chunks, in ms (0 streams as fast as possible). */
  setTokenInterval(ms: number): void;
  /** Generation requests received so far (chat completions and Responses). */
  generations(): RecordedRequest[];
  stop(): Promise<void>;
}

export async function startFakeAi(options: FakeServerOptions & { env?: boolean } = {}): Promise<FakeAi> {
  const server = new FakeOpenAiServer(options);
  const baseURL = await server.start();
  return {
    server,
    baseURL,
    env: options.env === false ? {} : { LECTERN_AI_BASE_URL: baseURL, LECTERN_AI_MODEL: 'fake-model' },
    script: (...answers) => void server.enqueue(...answers),
    setTokenInterval: (ms) => {
      server.tokenIntervalMs = ms;
    },
    generations: () => server.requests.filter((r) => r.route === '/chat/completions' || r.route === '/responses'),
    stop: () => server.stop(),
  };
}

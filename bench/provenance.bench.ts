/**
 * What an audit trail that proves itself costs (issue 7 §6): one append with and without the
 * keyed checkpoint (an HMAC and a file rename per append), recording one interaction (start and
 * finish, each with its row digest), and provenance.verify over a large record.
 */
import { createCore, type LecternCore } from '../electron/core/app';
import { MemorySecretStore } from '../electron/core/secrets';
import { tempDir } from '../test/helpers/tempDir';
import { writeResults } from './writeResults';

const round = (ms: number) => Math.round(ms * 1000) / 1000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function open(dataDir: string, withKey: boolean): Promise<LecternCore> {
  const core = createCore({ dataDir, host: 'web-harness', version: 'bench', library: { background: false }, ...(withKey ? { secrets: new MemorySecretStore() } : {}) });
  await core.provenance.ready;
  return core;
}

function appendMs(core: LecternCore, n: number): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    core.provenance.audit.append('ai.settings.changed', null, { fields: ['classList'] });
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Timed until the checkpoint has followed (its write runs once the recording transaction has ended). */
async function recordInteractions(core: LecternCore, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = `bench-${i}`;
    const request = { endpoint: '/chat/completions', body: { model: 'm', messages: [{ role: 'user', content: `Rewrite this for [PUPIL_1], ${'lorem ipsum '.repeat(40)}` }] } };
    const t0 = performance.now();
    core.provenance.recordStart(
      { id, documentId: null, action: 'rewrite', provider: 'compatible', model: 'm', parameters: {}, request, redactions: [], createdAt: i },
      { action: 'rewrite' },
    );
    core.provenance.recordFinish(
      id,
      {
        status: 'completed',
        documentId: null,
        request,
        response: 'An answer. '.repeat(60),
        inputTokens: 100,
        outputTokens: 200,
        latencyMs: 1000,
        firstTokenMs: 100,
        errorCode: null,
        errorMessage: null,
        moderation: null,
        finishedAt: i + 1,
      },
      { status: 'completed' },
    );
    await new Promise((resolve) => setImmediate(resolve));
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function run(): Promise<void> {
  const figures: Record<string, unknown> = {};
  for (const withKey of [false, true]) {
    const dir = tempDir();
    try {
      const core = await open(dir.path, withKey);
      figures[withKey ? 'append_median_ms_with_checkpoint' : 'append_median_ms_without_checkpoint'] = round(appendMs(core, 2000));
      core.close();
    } finally {
      dir.dispose();
    }
  }
  const dir = tempDir();
  try {
    const core = await open(dir.path, true);
    figures.record_interaction_median_ms = round(await recordInteractions(core, 10_000));
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const result = await core.ai.verify();
      runs.push(performance.now() - t0);
      if (!result.ok) throw new Error(result.message);
      figures.verify_entries = result.checkedRows;
      figures.verify_interactions = result.checkedInteractions;
    }
    figures.verify_median_ms = Math.round(median(runs));
    core.close();
  } finally {
    dir.dispose();
  }
  console.log(figures);
  writeResults('provenance', figures);
}

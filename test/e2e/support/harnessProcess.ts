import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface HarnessProcess {
  url: string;
  origin: string;
  token: string;
  /** Stops the harness the way Ctrl+C does, and waits for it to close the library. */
  stop(): Promise<void>;
  /** Calls a contract method over HTTP, as the page does. */
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** Test hooks: inject a fault into a method, clear faults, emit an event, pick the next import file. */
  hook(path: 'fault' | 'clear-faults' | 'emit' | 'choose-import', body?: unknown): Promise<void>;
}

/**
 * Starts `npm run web` in a child process (as a developer would) on a data folder, and resolves
 * once it has printed its LECTERN_URL line. The renderer must already be built (global setup).
 */
export async function startHarnessProcess(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<HarnessProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/harness/cli.ts', '--data-dir', dataDir, '--test-hooks', '--no-build'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`harness did not start in 60 s:\n${stderr}`)), 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      if (line.startsWith('LECTERN_URL=')) resolveUrl(line.slice('LECTERN_URL='.length));
      else reject(new Error(`harness's first line was not LECTERN_URL: ${line}\n${stderr}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited with ${code}:\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token')!;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    url,
    origin: parsed.origin,
    token,
    stop: () => stopChild(child),
    async call<T>(method: string, input: unknown = {}) {
      const response = await fetch(`${parsed.origin}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
      const result = (await response.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
      if (!result.ok) throw new Error(`${method} failed: ${result.error?.code} ${result.error?.message}`);
      return result.value as T;
    },
    async hook(path, body = {}) {
      const response = await fetch(`${parsed.origin}/__test/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      if (response.status !== 200) throw new Error(`test hook ${path} answered ${response.status}`);
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

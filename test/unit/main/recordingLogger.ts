import type { Logger } from '../../../electron/core/log';

/** A logger that keeps every line, so tests can check what was (and was not) written. */
export function recordingLogger(): Logger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[]; text(): string } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, string | number | boolean>) => {
    lines.push(fields ? { level, message, fields } : { level, message });
  };
  return {
    lines,
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    text: () => lines.map((line) => `${line.level} ${line.message} ${JSON.stringify(line.fields ?? {})}`).join('\n'),
  };
}

import { describe, expect, it } from 'vitest';
import type { AiEvent, TipTapNode } from '../../../electron/contract';
import { reduceAiJob, reuseEqualPrefix, type AiJobState } from '../../../renderer/src/features/ai/aiJobReducer';
import { firstChangedIndex } from '../../../renderer/src/features/ai/replaceTail';

const ids = { jobId: 'job-1', interactionId: 'int-1' };
const para = (text: string): TipTapNode => ({ type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'aiOrigin', attrs: { interactionId: 'int-1' } }] }] });
const moderation = { level: 'none' as const, categories: [], checkedBy: ['local' as const] };

function run(events: AiEvent[], from?: AiJobState): AiJobState {
  return events.reduce<AiJobState | undefined>((s, e) => reduceAiJob(s, e), from)!;
}

describe('the AI job reducer', () => {
  it('starts a job from whichever event comes first, even before ai.start has answered', () => {
    const state = run([{ type: 'ai.delta', ...ids, attempt: 1, index: 0, text: 'Plants ' }]);
    expect(state).toMatchObject({ jobId: 'job-1', phase: 'running', chars: 7, deltas: 1 });
    const started = reduceAiJob(state, { type: 'ai.started', ...ids, action: 'simplify', documentId: null, output: 'text' });
    expect(started).toMatchObject({ action: 'simplify', output: 'text', chars: 7 });
  });

  it('replaces only the tail of the answer on each preview and keeps the identity of the nodes before it', () => {
    const a = para('A');
    const b1 = para('B');
    const s1 = run([{ type: 'ai.preview', ...ids, attempt: 1, replaceFrom: 0, nodes: [a, b1] }]);
    const b2 = para('B grows');
    const c = para('C');
    const s2 = reduceAiJob(s1, { type: 'ai.preview', ...ids, attempt: 1, replaceFrom: 1, nodes: [b2, c] });
    expect(s2.nodes).toEqual([a, b2, c]);
    expect(s2.nodes[0]).toBe(a);
    expect(firstChangedIndex(s1.nodes, s2.nodes)).toBe(1);
    expect(firstChangedIndex(s2.nodes, s2.nodes)).toBe(-1);
    expect(firstChangedIndex(s2.nodes, [a])).toBe(1);
    expect(firstChangedIndex([], s2.nodes)).toBe(0);
  });

  it('notes a retry with its wait, and forgets it once text arrives', () => {
    const retrying = run([{ type: 'ai.progress', ...ids, stage: 'retrying', attempt: 1, retryInMs: 2000, reason: 'AI_RATE_LIMITED' }]);
    expect(retrying.retry).toEqual({ inMs: 2000, reason: 'AI_RATE_LIMITED' });
    const streaming = run([{ type: 'ai.progress', ...ids, stage: 'streaming', attempt: 1 }, { type: 'ai.delta', ...ids, attempt: 1, index: 0, text: 'x' }], retrying);
    expect(streaming.retry).toBeNull();
    expect(streaming.stage).toBe('streaming');
  });

  it('starts again from nothing on a repair attempt and ignores late events of the first attempt', () => {
    const first = run([
      { type: 'ai.delta', ...ids, attempt: 1, index: 0, text: '{"title": "Bro' },
      { type: 'ai.preview', ...ids, attempt: 1, replaceFrom: 0, nodes: [para('Bro')] },
    ]);
    const repairing = reduceAiJob(first, { type: 'ai.progress', ...ids, stage: 'repairing', attempt: 2 });
    expect(repairing).toMatchObject({ attempt: 2, chars: 0, nodes: [] });
    const stale = reduceAiJob(repairing, { type: 'ai.delta', ...ids, attempt: 1, index: 5, text: 'ken' });
    expect(stale).toBe(repairing);
    const fresh = reduceAiJob(stale, { type: 'ai.delta', ...ids, attempt: 2, index: 0, text: '{"ti' });
    expect(fresh.chars).toBe(4);
  });

  it('ends with the final answer, reusing the nodes already shown, and then ignores everything', () => {
    const a = para('A');
    const shown = run([{ type: 'ai.preview', ...ids, attempt: 1, replaceFrom: 0, nodes: [a] }]);
    const content = { type: 'doc' as const, content: [para('A'), para('B')] };
    const done = reduceAiJob(shown, { type: 'ai.completed', ...ids, status: 'completed', partial: false, text: 'A\n\nB', content, documentId: null, moderation });
    expect(done.phase).toBe('completed');
    expect(done.nodes[0]).toBe(a);
    expect(done.nodes[1]).toEqual(para('B'));
    expect(reduceAiJob(done, { type: 'ai.delta', ...ids, attempt: 1, index: 9, text: 'late' })).toBe(done);
    expect(reuseEqualPrefix([para('x')], [para('y')])[0]).toEqual(para('y'));
  });

  it('keeps guidance categories for a banner, and shows nothing of a blocked or failed answer', () => {
    const guided = run([
      { type: 'ai.preview', ...ids, attempt: 1, replaceFrom: 0, nodes: [para('The Holocaust')] },
      { type: 'ai.moderation', ...ids, level: 'guidance', categories: ['upsetting'] },
    ]);
    expect(guided.guidance).toEqual(['upsetting']);
    const blocked = reduceAiJob(guided, {
      type: 'ai.failed',
      ...ids,
      status: 'blocked',
      error: { code: 'AI_BLOCKED', message: 'blocked' },
      moderation: { level: 'severe', categories: ['harmful-instructions'], checkedBy: ['local'] },
    });
    expect(blocked).toMatchObject({ phase: 'blocked', nodes: [], error: { code: 'AI_BLOCKED', categories: ['harmful-instructions'] } });
    const failed = reduceAiJob(guided, { type: 'ai.failed', ...ids, status: 'failed', error: { code: 'AI_STREAM_CUT', message: 'cut' }, moderation: null });
    expect(failed).toMatchObject({ phase: 'failed', nodes: [], error: { code: 'AI_STREAM_CUT', categories: [] } });
  });
});

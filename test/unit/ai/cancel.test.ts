import { afterEach, describe, expect, it } from 'vitest';
import type { AiEvent } from '../../../electron/contract';
import { textNodes } from '../../../electron/core/ai/tiptap/build';
import { sampleLessonPlan } from '../../fake-openai/fixtures';
import { aiHarness, deltasText, lastOf, type AiHarness } from './aiTestCore';

/** Resolves when the job has delivered `count` deltas. */
function afterDeltas(h: AiHarness, jobIdRef: { id?: string }, count: number): Promise<void> {
  return new Promise((resolve) => {
    const off = h.core.events.subscribe((e) => {
      if (e.type === 'ai.delta' && (!jobIdRef.id || e.jobId === jobIdRef.id) && e.index + 1 >= count) {
        off();
        resolve();
      }
    });
  });
}

describe('cancelling a job', () => {
  let h: AiHarness;
  afterEach(async () => h?.dispose());

  it('stops at once, keeps what arrived and records it as cancelled', async () => {
    h = await aiHarness();
    h.server.tokenIntervalMs = 20;
    h.server.enqueue({ kind: 'text', text: 'word '.repeat(400), chunkSize: 5 });
    const ref: { id?: string } = {};
    const reached = afterDeltas(h, ref, 3);
    const { jobId, interactionId } = await h.core.ai.start({ action: 'rewrite', selection: { text: 'Plants need light.' }, params: {} });
    ref.id = jobId;
    await reached;
    expect(await h.core.dispatch('jobs.cancel', { jobId })).toEqual({ ok: true, value: { cancelled: true } });
    await h.core.ai.jobs.wait(jobId);
    const events = h.jobEvents(jobId);
    const done = lastOf(events, 'ai.completed')!;
    expect(done).toMatchObject({ status: 'cancelled', partial: true, documentId: null });
    expect(done.text).toBe(deltasText(events));
    expect(done.text.length).toBeGreaterThan(0);
    expect(done.text.length).toBeLessThan(2000);
    const record = h.core.ai.getInteraction(interactionId);
    expect(record.status).toBe('cancelled');
    expect(record.response).toBe(done.text);
    // The AI text that was kept is still marked as AI-written.
    for (const node of textNodes(done.content)) {
      if (node.text?.startsWith('Incomplete')) continue;
      expect(node.marks).toContainEqual({ type: 'aiOrigin', attrs: { interactionId } });
    }
    expect(h.core.ai.jobs.list()).toEqual([]);
    expect(await h.core.dispatch('jobs.cancel', { jobId })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('saves a half-generated lesson as a new document marked incomplete', async () => {
    h = await aiHarness();
    h.server.tokenIntervalMs = 5;
    h.server.enqueue({ kind: 'text', text: JSON.stringify(sampleLessonPlan), chunkSize: 8 });
    const ref: { id?: string } = {};
    const reached = new Promise<void>((resolve) => {
      const off = h.core.events.subscribe((e: AiEvent | { type: string }) => {
        if (e.type === 'ai.delta' && (e as AiEvent & { text: string }).jobId === ref.id && deltasText(h.jobEvents(ref.id!)).includes('keyLearningPoints')) {
          off();
          resolve();
        }
      });
    });
    const { jobId, interactionId } = await h.core.ai.start({
      action: 'generate-lesson',
      params: { subject: 'Science', keyStage: 'KS3', topic: 'Photosynthesis' },
    });
    ref.id = jobId;
    await reached;
    h.core.ai.jobs.cancel(jobId);
    await h.core.ai.jobs.wait(jobId);
    const done = lastOf(h.jobEvents(jobId), 'ai.completed')!;
    expect(done.status).toBe('cancelled');
    const saved = h.core.documents.get(done.documentId!);
    expect(saved.title).toBe(sampleLessonPlan.title);
    const text = JSON.stringify(saved.content);
    expect(text).toContain('Incomplete: the AI was stopped before it finished.');
    expect(text).toContain('Learning outcome');
    expect(text).not.toContain('Exit quiz');
    expect(h.core.ai.getInteraction(interactionId)).toMatchObject({ status: 'cancelled', documentId: done.documentId });
  });

  it('cancels during a retry wait without sending again', async () => {
    let release: (() => void) | undefined;
    h = await aiHarness({
      ai: {
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            release = () => reject(signal.reason as Error);
            signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
          }),
      },
    });
    h.server.enqueue({ kind: 'error', status: 503 });
    const { jobId, interactionId } = await h.core.ai.start({ action: 'rewrite', selection: { text: 'x y z' }, params: {} });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (release) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    h.core.ai.jobs.cancel(jobId);
    await h.core.ai.jobs.wait(jobId);
    expect(lastOf(h.jobEvents(jobId), 'ai.completed')).toMatchObject({ status: 'cancelled', text: '' });
    expect(h.server.generationBodies()).toHaveLength(1);
    expect(h.core.ai.getInteraction(interactionId)).toMatchObject({ status: 'cancelled', response: null });
  });
});

import { describe, expect, it } from 'vitest';
import { Autosaver, type SaveState } from '../../../renderer/src/features/editor/autosaver';

/** Manual timers: the test decides when time passes. */
function manualTimers() {
  let next = 1;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  return {
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      pending.set(id, { fn, ms });
      return id;
    },
    clearTimer: (id: unknown) => void pending.delete(id as number),
    delays: () => [...pending.values()].map((t) => t.ms),
    fire() {
      const all = [...pending.entries()];
      pending.clear();
      for (const [, t] of all) t.fn();
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function harness(saveImpl: (content: string) => Promise<void>) {
  const timers = manualTimers();
  const states: SaveState['kind'][] = [];
  const saved: string[] = [];
  const saver = new Autosaver<string>({
    save: async (c) => {
      await saveImpl(c);
      saved.push(c);
    },
    onState: (s) => states.push(s.kind),
    idleMs: 800,
    firstRetryMs: 1000,
    maxRetryMs: 8000,
    ...timers,
  });
  return { saver, timers, states, saved };
}

describe('Autosaver', () => {
  it('saves once typing pauses, with only the latest content', async () => {
    const { saver, timers, saved, states } = harness(async () => {});
    saver.change(() => 'a');
    saver.change(() => 'ab');
    saver.change(() => 'abc');
    expect(timers.delays()).toEqual([800]);
    timers.fire();
    await settle();
    expect(saved).toEqual(['abc']);
    expect(states.at(-1)).toBe('saved');
    expect(saver.hasUnsavedChanges).toBe(false);
  });

  it('reads the content only when a save starts', async () => {
    let reads = 0;
    const { saver, timers } = harness(async () => {});
    for (let i = 0; i < 100; i++) saver.change(() => (reads++, `v${i}`));
    expect(reads).toBe(0);
    timers.fire();
    await settle();
    expect(reads).toBe(1);
  });

  it('keeps a failed change and retries with growing delays until it lands', async () => {
    let failures = 3;
    const { saver, timers, saved, states } = harness(async () => {
      if (failures-- > 0) throw new Error('disk full');
    });
    saver.change(() => 'lesson');
    timers.fire();
    await settle();
    expect(states.at(-1)).toBe('retrying');
    expect(saver.hasUnsavedChanges).toBe(true);
    expect(timers.delays()).toEqual([1000]);
    timers.fire();
    await settle();
    expect(timers.delays()).toEqual([2000]);
    saver.change(() => 'lesson, edited while failing');
    expect(timers.delays()).toEqual([2000]);
    timers.fire();
    await settle();
    expect(timers.delays()).toEqual([4000]);
    timers.fire();
    await settle();
    expect(saved).toEqual(['lesson, edited while failing']);
    expect(states.at(-1)).toBe('saved');
  });

  it('caps the retry delay', async () => {
    const { saver, timers } = harness(async () => {
      throw new Error('still failing');
    });
    saver.change(() => 'x');
    for (let i = 0; i < 8; i++) {
      timers.fire();
      await settle();
    }
    expect(timers.delays()).toEqual([8000]);
  });

  it('saves a change made during a save right after it', async () => {
    let release!: () => void;
    const { saver, timers, saved } = harness((c) => (c === 'first' ? new Promise<void>((r) => (release = r)) : Promise.resolve()));
    saver.change(() => 'first');
    timers.fire();
    saver.change(() => 'second');
    release();
    await settle();
    timers.fire();
    await settle();
    expect(saved).toEqual(['first', 'second']);
  });

  it('flush saves now and reports whether everything is stored', async () => {
    let fail = true;
    const { saver, saved } = harness(async () => {
      if (fail) throw new Error('nope');
    });
    saver.change(() => 'now');
    expect(await saver.flush()).toBe(false);
    expect(saver.hasUnsavedChanges).toBe(true);
    fail = false;
    expect(await saver.flush()).toBe(true);
    expect(saved).toEqual(['now']);
  });
});

/**
 * AI rendering in the real renderer (harness + headless Chromium). The fake server streams 2,000
 * tokens at 200 tokens a second (one 4-character chunk every 5 ms) while a 20-page lesson is open;
 * the AI panel shows the answer as it streams ("continue writing" on the last paragraph), then the
 * answer is inserted into the 20-page lesson. In the same run, alternating, the bench itself
 * consumes the same stream bare (fetch + SSE parsing, no app), so the figures compare like with like.
 *
 * Measured in the page: time from clicking "Ask AI" to the first and to the last word being on
 * screen, the longest main-thread stall (Long Tasks API, and the longest gap between animation
 * frames) while streaming, and the time from clicking "Accept all in this suggestion" (the answer is already in the lesson as suggested changes) until the answer is
 * in the lesson. Nothing here asserts on time; it prints figures and writes bench/results/ai-render.json.
 */
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import type { LecternDocument, TipTapNode } from '../electron/contract';
import { startFakeAi } from '../test/e2e/support/fakeAi';
import { launchBrowser } from '../test/e2e/support/browser';
import { startHarnessProcess } from '../test/e2e/support/harnessProcess';
import { buildRenderer } from '../test/harness/buildRenderer';
import { tempDir } from '../test/helpers/tempDir';
import { writeResults } from './writeResults';

const TOKENS = 2_000;
const TOKEN_INTERVAL_MS = 5;
const CHUNK = 4;
const RUNS = 3;
const SENTINEL = 'Zebrafinch';

/** Exactly TOKENS chunks of CHUNK characters: sentences in paragraphs, ending with the sentinel. */
function answerText(): string {
  const words = ['plants', 'use', 'light', 'energy', 'to', 'make', 'glucose', 'from', 'carbon', 'dioxide', 'and', 'water'];
  let text = '';
  let n = 0;
  const end = ` ${SENTINEL}.`;
  while (text.length < TOKENS * CHUNK - end.length) {
    const word = words[n % words.length]!;
    n++;
    text += n % 60 === 0 ? `${word}.\n\n` : n % 12 === 0 ? `${word}. ` : `${word} `;
  }
  text = text.slice(0, TOKENS * CHUNK - end.length).replace(/\s+$/, (s) => 'x'.repeat(s.length));
  return text + end;
}

/** About 20 A4 pages: 400 paragraphs of 25 words under 40 headings (roughly 10,000 words). */
function twentyPages(): { content: { type: 'doc'; content: TipTapNode[] }; words: number } {
  const content: TipTapNode[] = [];
  let words = 0;
  for (let section = 1; section <= 40; section++) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Part ${section}: the water cycle and weather` }] });
    for (let p = 0; p < 10; p++) {
      const text = `Paragraph ${section}.${p + 1}. Water evaporates from seas and lakes, rises as vapour, cools and condenses into clouds, then falls again as rain or snow on hills and fields.`;
      words += text.split(' ').length;
      content.push({ type: 'paragraph', content: [{ type: 'text', text }] });
    }
  }
  return { content: { type: 'doc', content }, words };
}

const round = (x: number) => Math.round(x * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The bench process reads the same stream as the app would, with no app in between. */
async function bareStream(baseURL: string): Promise<{ firstMs: number; totalMs: number; chunks: number }> {
  const t0 = performance.now();
  const response = await fetch(`${baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body: JSON.stringify({ model: 'fake-model', stream: true, messages: [{ role: 'user', content: 'Continue.' }] }),
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let first = -1;
  let chunks = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      if (!frame.startsWith('data: ') || frame === 'data: [DONE]') continue;
      const delta = (JSON.parse(frame.slice(6)) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content;
      if (delta) {
        if (first < 0) first = performance.now() - t0;
        chunks++;
      }
    }
  }
  return { firstMs: first, totalMs: performance.now() - t0, chunks };
}

/**
 * The page-side probes: long tasks, frame times, and when text first and last appears. Kept as a
 * string because tsx would otherwise wrap the functions in a helper the page does not have.
 */
const PROBES = `(() => {
  const sentinel = ${JSON.stringify(SENTINEL)};
  const bench = { clickAt: -1, firstAt: -1, doneAt: -1, insertClickAt: -1, insertedAt: -1, longTasks: [], frames: [], running: true };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: false });
  document.addEventListener('click', (event) => {
    const name = event.target.closest('button')?.textContent;
    if (name === 'Ask AI') bench.clickAt = performance.now();
    if (name === 'Accept all in this suggestion') bench.insertClickAt = performance.now();
  }, true);
  const tick = (now) => {
    bench.frames.push(now);
    const view = document.querySelector('[aria-label="AI suggestion"] .ProseMirror');
    if (view && bench.clickAt >= 0) {
      if (bench.firstAt < 0 && (view.firstElementChild?.textContent ?? '') !== '') bench.firstAt = now;
      if (bench.doneAt < 0 && view.lastElementChild?.textContent?.includes(sentinel)) bench.doneAt = now;
    }
    if (bench.insertClickAt >= 0 && bench.insertedAt < 0) {
      const last = document.querySelector('[aria-label="Lesson content"]')?.lastElementChild;
      if (last?.textContent?.includes(sentinel) || last?.previousElementSibling?.textContent?.includes(sentinel)) bench.insertedAt = now;
    }
    if (bench.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

async function installProbes(page: Page): Promise<void> {
  await page.evaluate(PROBES);
}

interface AppRun {
  /** A deliberate 80 ms busy loop before the run was seen by the long-task probe. */
  probeSawBusyLoop: boolean;
  firstVisibleMs: number;
  wholeAnswerVisibleMs: number;
  longestLongTaskMs: number;
  longTasks: number;
  longestFrameGapMs: number;
  insertMs: number;
  longestLongTaskDuringInsertMs: number;
  /** Including the autosave of the 20-page lesson that the insertion sets off. */
  longestLongTaskUntilSavedMs: number;
}

/** An edit was made: wait for the autosave to start and finish. */
async function waitSaved(page: Page): Promise<void> {
  const status = page.locator('.save-status').getByRole('status');
  await status.filter({ hasText: /^(Unsaved changes|Saving…)$/ }).waitFor({ timeout: 30_000 });
  await status.filter({ hasText: /^Saved$/ }).waitFor({ timeout: 30_000 });
}

async function appRun(page: Page): Promise<AppRun> {
  await installProbes(page);
  // A real 80 ms task (scheduled by the page, not run by the debugger) proves the probe sees stalls.
  await page.evaluate('new Promise((resolve) => setTimeout(() => { const t = performance.now(); while (performance.now() - t < 80) {} setTimeout(resolve, 100); }, 0))');
  const panel = page.getByRole('complementary', { name: 'AI assistant panel' });
  await panel.getByRole('button', { name: 'Ask AI' }).click();
  await panel.getByRole('button', { name: 'Accept all in this suggestion' }).waitFor({ timeout: 120_000 });
  await page.waitForFunction('window.__bench.doneAt >= 0', undefined, { timeout: 30_000 });
  await panel.getByRole('button', { name: 'Accept all in this suggestion' }).click();
  await page.waitForFunction('window.__bench.insertedAt >= 0', undefined, { timeout: 30_000 });
  await waitSaved(page);
  const b = (await page.evaluate('(() => { window.__bench.running = false; return window.__bench; })()')) as {
    clickAt: number;
    firstAt: number;
    doneAt: number;
    insertClickAt: number;
    insertedAt: number;
    longTasks: Array<{ start: number; duration: number }>;
    frames: number[];
  };
  const during = b.longTasks.filter((t) => t.start >= b.clickAt && t.start <= b.doneAt);
  const duringInsert = b.longTasks.filter((t) => t.start >= b.insertClickAt && t.start <= b.insertedAt);
  const untilSaved = b.longTasks.filter((t) => t.start >= b.insertClickAt);
  const frames = b.frames.filter((f) => f >= b.clickAt && f <= b.doneAt);
  let gap = 0;
  for (let i = 1; i < frames.length; i++) gap = Math.max(gap, frames[i]! - frames[i - 1]!);
  // Put the lesson back to its 20 pages for the next run.
  await page.getByRole('textbox', { name: 'Lesson content' }).press('Control+z');
  await waitSaved(page);
  return {
    probeSawBusyLoop: b.longTasks.some((t) => t.start < b.clickAt && t.duration >= 75),
    firstVisibleMs: round(b.firstAt - b.clickAt),
    wholeAnswerVisibleMs: round(b.doneAt - b.clickAt),
    longestLongTaskMs: round(Math.max(0, ...during.map((t) => t.duration))),
    longTasks: during.length,
    longestFrameGapMs: round(gap),
    insertMs: round(b.insertedAt - b.insertClickAt),
    longestLongTaskDuringInsertMs: round(Math.max(0, ...duringInsert.map((t) => t.duration))),
    longestLongTaskUntilSavedMs: round(Math.max(0, ...untilSaved.map((t) => t.duration))),
  };
}

export async function run(): Promise<void> {
  // Always a fresh build (buildRenderer makes the production bundle teachers run).
  await buildRenderer();
  const answer = answerText();
  const fake = await startFakeAi({ tokenIntervalMs: TOKEN_INTERVAL_MS });
  const dir = tempDir('lectern-bench-render-');
  const harness = await startHarnessProcess(dir.path, fake.env);
  const browser = await launchBrowser();
  try {
    const lesson = twentyPages();
    const doc = await harness.call<LecternDocument>('documents.create', { title: 'Twenty pages', content: lesson.content });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(harness.url);
    await page.getByRole('list', { name: 'Lessons, most recently edited first' }).getByRole('button', { name: /^Twenty pages/ }).click();
    const body = page.getByRole('textbox', { name: 'Lesson content' });
    await body.getByText('Paragraph 40.10.').waitFor();
    // Select the last paragraph and ask the AI to continue it.
    await body.click();
    await body.press('Control+End');
    await body.press('Shift+Home');
    await page.getByRole('button', { name: 'AI assistant', exact: true }).click();
    await page.getByRole('complementary', { name: 'AI assistant panel' }).getByRole('combobox', { name: 'What should the AI do?' }).selectOption('continue-writing');

    const bare: Array<{ firstMs: number; totalMs: number; chunks: number }> = [];
    const app: AppRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      fake.script({ kind: 'text', text: answer, chunkSize: CHUNK });
      bare.push(await bareStream(fake.baseURL));
      fake.script({ kind: 'text', text: answer, chunkSize: CHUNK });
      // The selection survives the undo of the previous run's insertion.
      app.push(await appRun(page));
      console.log(`run ${i + 1}: bare ${round(bare[i]!.totalMs)} ms, app ${JSON.stringify(app[i])}`);
    }
    const stored = await harness.call<LecternDocument>('documents.get', { id: doc.id });
    const figures = {
      tokens: TOKENS,
      chunkChars: CHUNK,
      tokenIntervalMs: TOKEN_INTERVAL_MS,
      nominalTokensPerSecond: 1000 / TOKEN_INTERVAL_MS,
      measuredTokensPerSecond: round(TOKENS / (median(bare.map((b) => b.totalMs)) / 1000)),
      runs: RUNS,
      document: { topLevelNodes: lesson.content.content.length, words: lesson.words, approxA4Pages: Math.round(lesson.words / 500) },
      bareStream: {
        firstTokenMsMedian: round(median(bare.map((b) => b.firstMs))),
        totalMsMedian: round(median(bare.map((b) => b.totalMs))),
        chunksPerRun: bare[0]!.chunks,
      },
      app: {
        firstVisibleMsMedian: median(app.map((a) => a.firstVisibleMs)),
        wholeAnswerVisibleMsMedian: median(app.map((a) => a.wholeAnswerVisibleMs)),
        wholeAnswerVisibleMsMax: Math.max(...app.map((a) => a.wholeAnswerVisibleMs)),
        addedToWholeAnswerMsMedian: round(median(app.map((a, i) => a.wholeAnswerVisibleMs - bare[i]!.totalMs))),
        longestLongTaskWhileStreamingMs: Math.max(...app.map((a) => a.longestLongTaskMs)),
        longTasksWhileStreamingPerRun: app.map((a) => a.longTasks),
        longestFrameGapWhileStreamingMs: Math.max(...app.map((a) => a.longestFrameGapMs)),
        insertIntoTwentyPagesMsMedian: median(app.map((a) => a.insertMs)),
        longestLongTaskDuringInsertMs: Math.max(...app.map((a) => a.longestLongTaskDuringInsertMs)),
        longestLongTaskUntilAutosavedMs: Math.max(...app.map((a) => a.longestLongTaskUntilSavedMs)),
        longTaskProbeVerified: app.every((a) => a.probeSawBusyLoop),
      },
      perRun: app.map((a, i) => ({ bareTotalMs: round(bare[i]!.totalMs), ...a })),
      lessonIntactAfterUndo: JSON.stringify(stored.content).length > 0 && errors.length === 0,
      pageErrors: errors,
    };
    console.log(JSON.stringify(figures.app, null, 2));
    writeResults('ai-render', figures);
  } finally {
    await browser.close();
    await harness.stop();
    await fake.stop();
    dir.dispose();
  }
}

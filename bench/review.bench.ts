/**
 * Review benchmarks (issue 8). In one run, each against its baseline:
 * - applying a 2,000-word suggestion (every eighth word changed, a paragraph split) into a
 *   100-page lesson, against inserting the same answer whole (insertAnswer);
 * - typing in a 100-page lesson holding 200 pending changes, in a real TipTap editor in headless
 *   Chromium, p95 per keystroke (edit, DOM update and layout), against the same lesson without them;
 * - accept all on 500 pending changes.
 * Nothing asserts on time; figures are printed and written to bench/results/review.json.
 */
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { register } from 'node:module';
import { getSchema } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import type { TipTapDoc, TipTapNode } from '../electron/contract';
import { launchBrowser, chromiumAvailable } from '../test/e2e/support/browser';
import { writeResults } from './writeResults';

// Editor extensions import stylesheets: load those as empty modules before importing the editor code.
register(new URL('./review/cssHook.mjs', import.meta.url));
const { lessonExtensions } = await import('../renderer/src/features/editor/extensions');
const { insertAnswer } = await import('../renderer/src/features/ai/insertAnswer');
const { suggestionTransaction } = await import('../renderer/src/features/review/applyAnswerAsSuggestions');
const { resolveChanges } = await import('../renderer/src/features/review/resolveChanges');
const { listChanges } = await import('../renderer/src/features/review/listChanges');
const schema = getSchema(lessonExtensions());
const WORDS = ['water', 'evaporates', 'from', 'seas', 'and', 'lakes', 'rises', 'as', 'vapour', 'cools', 'condenses', 'into', 'clouds', 'then', 'falls', 'again'];
const round = (x: number) => Math.round(x * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

function sentence(n: number, words: number, change = false): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(change && i % 8 === 3 ? 'rain' : WORDS[(n + i) % WORDS.length]!);
  return out.join(' ') + '.';
}

/** About 100 A4 pages: 2,000 paragraphs of 25 words under 200 headings (roughly 50,000 words). */
function hundredPages(): TipTapNode[] {
  const content: TipTapNode[] = [];
  for (let section = 0; section < 200; section++) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Part ${section + 1}` }] });
    for (let p = 0; p < 10; p++) content.push({ type: 'paragraph', content: [{ type: 'text', text: sentence(section * 10 + p, 25) }] });
  }
  return content;
}

const stateOf = (content: TipTapNode[]) => EditorState.create({ schema, doc: schema.nodeFromJSON({ type: 'doc', content }) });
const ai = (text: string): TipTapNode => ({ type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'aiOrigin', attrs: { interactionId: 'bench' } }] }] });
const meta = { interactionId: 'bench', action: 'simplify', model: 'bench-model' };

/** Pending suggestions on `count` paragraphs spread over the lesson (two changes each). */
function withSuggestions(content: TipTapNode[], count: number): EditorState {
  let state = stateOf(content);
  const every = Math.floor(state.doc.childCount / count);
  for (let i = 0; i < count; i++) {
    const index = i * every + 1;
    let pos = 0;
    for (let c = 0; c < index; c++) pos += state.doc.child(c).nodeSize;
    const node = state.doc.child(index);
    if (node.type.name !== 'paragraph') continue;
    const text = node.textContent.replace(/\bfrom\b/, 'out of').replace(/\bclouds\b/, 'mist');
    state = state.apply(suggestionTransaction(state, { from: pos + 1, to: pos + node.nodeSize - 1 }, [ai(text)], meta).tr);
  }
  return state;
}

export async function run(): Promise<void> {
  const lesson = hundredPages();
  const base = stateOf(lesson);

  // 1. Apply a 2,000-word suggestion: 80 paragraphs of 25 words replaced by an answer with every eighth word changed and one paragraph split.
  let from = 0;
  for (let c = 0; c < 1001; c++) from += base.doc.child(c).nodeSize;
  let to = from;
  for (let c = 1001; c < 1089; c++) to += base.doc.child(c).nodeSize;
  const answer: TipTapNode[] = [];
  for (let c = 1001; c < 1089; c++) {
    const node = base.doc.child(c);
    if (node.type.name === 'heading') answer.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: node.textContent }] });
    else answer.push(ai(sentence(c, 25, true)));
  }
  answer.splice(10, 1, ai(sentence(1, 12, true)), ai(sentence(2, 13, true)));
  const range = { from: from + 1, to: to - 1 };
  const applyMs: number[] = [];
  const insertMs: number[] = [];
  let changes = 0;
  for (let r = 0; r < 7; r++) {
    let t = performance.now();
    const applied = suggestionTransaction(base, range, answer, meta);
    base.apply(applied.tr);
    applyMs.push(performance.now() - t);
    changes = applied.changeIds.length;
    t = performance.now();
    base.apply(insertAnswer(base, range, answer, 'replace'));
    insertMs.push(performance.now() - t);
  }
  const answerWords = answer.reduce((n, b) => n + (b.content?.[0]?.text?.split(' ').length ?? 0), 0);
  console.log(`apply a ${answerWords}-word suggestion (${changes} changes) into a 100-page lesson: median ${round(median(applyMs))} ms (insert whole: ${round(median(insertMs))} ms)`);

  // 3. Accept all on 500 changes.
  const pending500 = withSuggestions(lesson, 278);
  const pendingCount = listChanges(pending500.doc).length;
  const acceptMs: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    pending500.apply(resolveChanges(pending500, 'accept', () => true));
    acceptMs.push(performance.now() - t);
  }
  console.log(`accept all on ${pendingCount} changes: median ${round(median(acceptMs))} ms`);

  // 2. Typing with 200 pending changes, in a real editor in Chromium.
  let typing: Record<string, number> | string = 'Chromium not found: typing not measured';
  if (chromiumAvailable()) {
    const pending200 = withSuggestions(lesson, 111);
    const docWith = pending200.doc.toJSON() as TipTapDoc;
    const docWithout = base.doc.toJSON() as TipTapDoc;
    const bundle = await build({ entryPoints: [new URL('./review/typingPage.ts', import.meta.url).pathname], bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent', loader: { '.css': 'empty' } });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.setContent('<!doctype html><html lang="en-GB"><body></body></html>');
      await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
      const KEYS = 300;
      const withTimes: number[] = [];
      const withoutTimes: number[] = [];
      // Alternate, so both see the same machine state.
      for (let r = 0; r < 3; r++) {
        withoutTimes.push(...(await page.evaluate(([d, n]) => window.benchTyping(d, n), [docWithout, KEYS] as const)).slice(20));
        withTimes.push(...(await page.evaluate(([d, n]) => window.benchTyping(d, n), [docWith, KEYS] as const)).slice(20));
      }
      typing = { pendingChanges: listChanges(pending200.doc).length, p95WithMs: round(p95(withTimes)), p95WithoutMs: round(p95(withoutTimes)), medianWithMs: round(median(withTimes)), medianWithoutMs: round(median(withoutTimes)), ratioP95: round(p95(withTimes) / p95(withoutTimes)) };
      console.log(`typing in a 100-page lesson with ${typing.pendingChanges} pending changes: p95 ${typing.p95WithMs} ms per keystroke (without: ${typing.p95WithoutMs} ms, ratio ${typing.ratioP95})`);
    } finally {
      await browser.close();
    }
  }

  writeResults('review', {
    apply: { answerWords, changes, medianMs: round(median(applyMs)), insertWholeMedianMs: round(median(insertMs)), runs: applyMs.map(round) },
    acceptAll: { changes: pendingCount, medianMs: round(median(acceptMs)), runs: acceptMs.map(round) },
    typing,
  });
}

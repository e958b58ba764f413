/**
 * Libraries made the ways the app makes them, and snapshots to compare them by: shared by the
 * round-trip property test and the CLI's integration test.
 */
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import type { InputOf, KeyStage, MethodName, OutputOf, TemplateId, TipTapDoc, TipTapMark, TipTapNode } from '../../../electron/contract';
import { createCore, type AppConfig, type LecternCore } from '../../../electron/core/app';
import type { LibraryFileChooser } from '../../../electron/core/library/handlers';
import { contentJson } from '../../../electron/core/library/contentJson';
import { MemorySecretStore } from '../../../electron/core/secrets';
import { sampleLessonPlan, sampleQuiz, sampleRubric } from '../../fake-openai/fixtures';
import type { FakeOpenAiServer } from '../../fake-openai/server';
import { fakeClock } from '../../helpers/fakeClock';
import { TEST_KEY } from '../ai/aiTestCore';

// ---- content ------------------------------------------------------------------------------

/** What Word leaves in pasted text, and Unicode that trips up naive code. */
const WORD_PASTE = ['\u00ad', '\u00a0', '\u200b', '\u200d', '\ufeff', '“', '”', '‘', '’', '–', '—', '…', '\t', '•', '\u2028', '\r\n'];
const ODD = ['é', 'e\u0301', 'Zoë', 'ß', 'ﬁ', '👩🏽‍🏫', '🇬🇧', 'שלום', '\u202e', '한', '\ud800', '\udfff', '\u0000', '"', '\\', '</p>', '__proto__', '💩'];

const piece = fc.oneof(
  fc.string({ minLength: 1, maxLength: 10 }),
  fc.constantFrom(...WORD_PASTE, ...ODD),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
);
export const textArb = fc.array(piece, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));

const markArb: fc.Arbitrary<TipTapMark> = fc.oneof(
  fc.constantFrom<TipTapMark>({ type: 'bold' }, { type: 'italic' }, { type: 'underline' }, { type: 'strike' }),
  fc
    .record({ href: fc.webUrl(), target: fc.constantFrom('_blank', null), rel: fc.constant('noopener noreferrer nofollow'), class: fc.constant(null) })
    .map((attrs) => ({ type: 'link', attrs })),
  fc.uuid().map((interactionId) => ({ type: 'aiOrigin', attrs: { interactionId } })),
  fc.constantFrom('word', 'web', null).map((source) => ({ type: 'pasted', attrs: { source } })),
  fc.constantFrom('#fff59d', null).map((color) => ({ type: 'highlight', attrs: { color } })),
);

const textNode: fc.Arbitrary<TipTapNode> = fc
  .record({ text: textArb, marks: fc.uniqueArray(markArb, { selector: (m) => m.type, maxLength: 3 }) })
  .map(({ text, marks }) => (marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text }));

const inline = fc.oneof({ weight: 6, arbitrary: textNode }, { weight: 1, arbitrary: fc.constant<TipTapNode>({ type: 'hardBreak' }) });

const paragraph: fc.Arbitrary<TipTapNode> = fc
  .array(inline, { maxLength: 4 })
  .map((content) => (content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' }));

const heading: fc.Arbitrary<TipTapNode> = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.array(textNode, { minLength: 1, maxLength: 2 }))
  .map(([level, content]) => ({ type: 'heading', attrs: { level }, content }));

const cell: fc.Arbitrary<TipTapNode> = fc
  .tuple(
    fc.constantFrom('tableCell', 'tableHeader'),
    paragraph,
    fc.integer({ min: 1, max: 2 }),
    fc.oneof(fc.constant(null), fc.tuple(fc.integer({ min: 20, max: 400 })).map((w) => w)),
  )
  .map(([type, p, colspan, colwidth]) => ({ type, attrs: { colspan, rowspan: 1, colwidth }, content: [p] }));

const table: fc.Arbitrary<TipTapNode> = fc
  .array(fc.array(cell, { minLength: 1, maxLength: 3 }).map((cells) => ({ type: 'tableRow', content: cells })), { minLength: 1, maxLength: 3 })
  .map((rows) => ({ type: 'table', content: rows }));

const list: fc.Arbitrary<TipTapNode> = fc
  .tuple(fc.constantFrom('bulletList', 'orderedList'), fc.array(paragraph, { minLength: 1, maxLength: 3 }))
  .map(([type, items]) => ({
    type,
    ...(type === 'orderedList' ? { attrs: { start: 1 } } : {}),
    content: items.map((p) => ({ type: 'listItem', content: [p] })),
  }));

/** A node of a kind the editor does not know, with nested attrs: any JSON value must survive. */
const custom: fc.Arbitrary<TipTapNode> = fc
  .record({ b: fc.jsonValue({ maxDepth: 2 }), a: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }) })
  .map((attrs) => ({ type: 'callout', attrs, content: [{ type: 'paragraph' }] }));

const block = fc.oneof({ weight: 5, arbitrary: paragraph }, heading, table, list, custom);

/**
 * Rebuilds every object with its keys in an order picked by `seed`, as the many builders of
 * documents (editor, templates, AI converters, zod) each order them differently.
 */
export function reorderKeys<T>(value: T, seed: number): T {
  if (Array.isArray(value)) return value.map((v: unknown) => reorderKeys(v, seed)) as T;
  if (value === null || typeof value !== 'object') return value;
  const rank = (key: string) => {
    let h = 2166136261 ^ seed;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
    return h >>> 0;
  };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort((a, b) => rank(a) - rank(b))) {
    Object.defineProperty(out, key, { value: reorderKeys((value as Record<string, unknown>)[key], seed), enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}

export const docArb: fc.Arbitrary<TipTapDoc> = fc
  .tuple(fc.array(block, { minLength: 1, maxLength: 5 }), fc.integer())
  .map(([content, seed]) => reorderKeys({ type: 'doc' as const, content }, seed));

// ---- what a teacher does ------------------------------------------------------------------

const TEMPLATES: TemplateId[] = ['lesson-plan', 'worksheet', 'quiz', 'rubric'];
const KEY_STAGES: KeyStage[] = ['EYFS', 'KS1', 'KS2', 'KS3', 'KS4', 'KS5'];
const titleArb = fc.oneof(fc.constantFrom('', 'Week 2', 'Zoë’s “group”'), fc.string({ unit: 'grapheme', maxLength: 30 }));

export type Op =
  | { op: 'create'; via: 'editor' | 'store'; title: string; content: TipTapDoc; tags: string[]; folder: string | null }
  | { op: 'save'; via: 'editor' | 'store'; target: number; content: TipTapDoc }
  | { op: 'template'; templateId: TemplateId; keyStage: KeyStage; title: string }
  | { op: 'ai-document'; kind: 'lesson' | 'quiz' | 'rubric'; title: string; text: string }
  | { op: 'ai-edit'; target: number; action: 'rewrite' | 'summarise'; answer: string }
  | { op: 'advance'; ms: number }
  | { op: 'named'; target: number; label: string }
  | { op: 'restore'; target: number; which: number }
  | { op: 'rename'; target: number; title: string }
  | { op: 'trash'; target: number }
  | { op: 'untrash'; which: number }
  | { op: 'purge'; which: number }
  | { op: 'reimport' };

const MINUTE = 60_000;

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('create' as const), via: fc.constantFrom('editor' as const, 'store' as const), title: titleArb, content: docArb, tags: fc.uniqueArray(fc.constantFrom('ks3', 'Outdoor', 'año'), { maxLength: 2 }), folder: fc.constantFrom(null, 'Year 7/Autumn') }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('save' as const), via: fc.constantFrom('editor' as const, 'store' as const), target: fc.nat(), content: docArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('template' as const), templateId: fc.constantFrom(...TEMPLATES), keyStage: fc.constantFrom(...KEY_STAGES), title: titleArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('ai-document' as const), kind: fc.constantFrom('lesson' as const, 'quiz' as const, 'rubric' as const), title: textArb, text: textArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('ai-edit' as const), target: fc.nat(), action: fc.constantFrom('rewrite' as const, 'summarise' as const), answer: textArb }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.oneof(fc.integer({ min: 1, max: 10 * MINUTE }), fc.integer({ min: 1, max: 3 * 24 * 60 * MINUTE })) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('named' as const), target: fc.nat(), label: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('restore' as const), target: fc.nat(), which: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rename' as const), target: fc.nat(), title: titleArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('trash' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('untrash' as const), which: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('purge' as const), which: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ op: 'reimport' as const }) },
);

/** Answers the file dialogs with whatever was set last. */
export function fileChooser(): LibraryFileChooser & { next: string } {
  const files = { next: '', chooseExportFile: async () => files.next, chooseImportFile: async () => files.next };
  return files;
}

export interface AppLibrary {
  core: LecternCore;
  clock: ReturnType<typeof fakeClock>;
  files: ReturnType<typeof fileChooser>;
  call<N extends MethodName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
}

/** Core as the app builds it, with AI through the fake server and no background work. */
export function openAppLibrary(dataDir: string, server: FakeOpenAiServer | undefined, extra: Partial<AppConfig> = {}): AppLibrary {
  const clock = fakeClock();
  const files = fileChooser();
  const core = createCore({
    dataDir,
    host: 'web-harness',
    version: 'test',
    clock,
    files,
    secrets: new MemorySecretStore(),
    env: server ? { LECTERN_AI_BASE_URL: server.baseURL, LECTERN_AI_MODEL: 'fake-model', LECTERN_AI_API_KEY: TEST_KEY } : {},
    ai: { sleep: async () => {}, random: () => 0.5, previewIntervalMs: 0 },
    library: { background: false },
    ...extra,
  });
  return {
    core,
    clock,
    files,
    async call(name, input) {
      const result = await core.dispatch(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
  };
}

const pick = <T>(items: readonly T[], i: number): T | undefined => (items.length === 0 ? undefined : items[i % items.length]);

/** Carries out one step the way the app would; `scratch` is a file path for re-imports. */
export async function apply(lib: AppLibrary, server: FakeOpenAiServer | undefined, op: Op, scratch: string): Promise<void> {
  const live = () => lib.core.documents.list();
  switch (op.op) {
    case 'create':
      if (op.via === 'editor') await lib.call('documents.create', { title: op.title, kind: 'note', content: op.content, tags: op.tags, folder: op.folder });
      else lib.core.documents.create({ title: op.title, kind: 'note', content: op.content, tags: op.tags, folder: op.folder });
      return;
    case 'save': {
      const target = pick(live(), op.target);
      if (!target) return;
      if (op.via === 'editor') await lib.call('documents.save', { id: target.id, content: op.content });
      else lib.core.documents.save(target.id, op.content);
      return;
    }
    case 'template':
      await lib.call('templates.create', { templateId: op.templateId, keyStage: op.keyStage, title: op.title });
      return;
    case 'ai-document': {
      if (!server) return;
      // Quizzes and rubrics are made from a lesson; with none, the AI plans one.
      const from = op.kind === 'lesson' ? undefined : live()[0];
      const kind = from ? op.kind : 'lesson';
      const answer =
        kind === 'lesson'
          ? { ...sampleLessonPlan, title: op.title, learningOutcome: op.text }
          : kind === 'quiz'
            ? { ...sampleQuiz, title: op.title, instructions: op.text }
            : { ...sampleRubric, title: op.title, task: op.text };
      server.enqueue({ kind: 'text', text: JSON.stringify(answer), chunkSize: 7 });
      const action = kind === 'lesson' ? 'generate-lesson' : kind === 'quiz' ? 'generate-quiz' : 'generate-rubric';
      const params =
        kind === 'lesson' ? { subject: 'Science', keyStage: 'KS3', topic: 'Photosynthesis' } : kind === 'quiz' ? { topic: 'Photosynthesis' } : { task: 'An explanation' };
      const { jobId } = await lib.core.ai.start({ action, params, ...(from ? { documentId: from.id } : {}) });
      await lib.core.ai.jobs.wait(jobId);
      return;
    }
    case 'ai-edit': {
      const target = pick(live(), op.target);
      if (!target || !server) return;
      server.enqueue({ kind: 'text', text: op.answer });
      const { jobId } = await lib.core.ai.start({ action: op.action, documentId: target.id, selection: { text: 'Some text' }, params: {} });
      await lib.core.ai.jobs.wait(jobId);
      return;
    }
    case 'advance':
      lib.clock.advance(op.ms);
      return;
    case 'named': {
      const target = pick(live(), op.target);
      if (target) await lib.call('revisions.create', { documentId: target.id, label: op.label });
      return;
    }
    case 'restore': {
      const target = pick(live(), op.target);
      if (!target) return;
      const revision = pick(lib.core.library.revisions.list(target.id), op.which);
      if (revision) await lib.call('revisions.restore', { id: revision.id });
      return;
    }
    case 'rename': {
      const target = pick(live(), op.target);
      if (target) lib.core.documents.rename(target.id, op.title);
      return;
    }
    case 'trash': {
      const target = pick(live(), op.target);
      if (target) await lib.call('documents.delete', { id: target.id });
      return;
    }
    case 'untrash': {
      const trashed = pick(await lib.call('trash.list', {}), op.which);
      if (trashed) await lib.call('trash.restore', { id: trashed.id });
      return;
    }
    case 'purge': {
      const trashed = pick(await lib.call('trash.list', {}), op.which);
      if (trashed) await lib.call('trash.empty', { ids: [trashed.id] });
      return;
    }
    case 'reimport': {
      lib.files.next = scratch;
      await lib.call('library.exportLibrary', {});
      const preview = await lib.call('library.inspectImport', {});
      await lib.call('library.importLibrary', { importId: preview.importId });
      return;
    }
  }
}

// ---- comparing libraries -------------------------------------------------------------------

const rows = (db: Database, sql: string) => db.prepare(sql).all() as Array<Record<string, unknown>>;

/**
 * What an export carries: documents out of the trash with their tags and history, and every AI
 * interaction, each row as stored (content as stored bytes).
 */
export function portableSnapshot(db: Database) {
  return {
    documents: rows(
      db,
      `SELECT id, title, kind, subject, key_stage, year_group, folder, created_at, updated_at, content, plain_text
       FROM documents WHERE deleted_at IS NULL ORDER BY id`,
    ),
    tags: rows(db, 'SELECT t.document_id, t.tag FROM document_tags t JOIN documents d ON d.id = t.document_id WHERE d.deleted_at IS NULL ORDER BY 1, 2'),
    revisions: rows(db, 'SELECT r.* FROM revisions r JOIN documents d ON d.id = r.document_id WHERE d.deleted_at IS NULL ORDER BY r.id'),
    interactions: rows(db, 'SELECT * FROM ai_interactions ORDER BY id'),
  };
}

/** Everything a teacher has: the trash and the editable lists too. */
export function fullSnapshot(db: Database) {
  return {
    documents: rows(db, 'SELECT * FROM documents ORDER BY id').map(({ seq: _seq, ...row }) => row),
    tags: rows(db, 'SELECT * FROM document_tags ORDER BY 1, 2'),
    revisions: rows(db, 'SELECT * FROM revisions ORDER BY id'),
    interactions: rows(db, 'SELECT * FROM ai_interactions ORDER BY id'),
    lists: rows(db, 'SELECT * FROM library_lists ORDER BY 1, 2'),
  };
}

/** Stored content that is not in the one canonical form, from any table. */
export function nonCanonicalContent(db: Database): string[] {
  const found: string[] = [];
  for (const row of rows(db, "SELECT 'document ' || id AS what, content FROM documents UNION ALL SELECT 'revision ' || id, content FROM revisions")) {
    const content = row.content as string;
    if (contentJson(JSON.parse(content)) !== content) found.push(row.what as string);
  }
  return found;
}

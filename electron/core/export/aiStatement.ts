import { enGB, format } from '../../contract/i18n/en-GB';
import { allBlocks, blockRuns, runsText, type Block } from './model';

/** What the provenance store knows of one interaction, for the statement. */
export interface InteractionFacts {
  model: string;
  provider: string;
  createdAt: number;
}

export interface AiStatement {
  /** Sections (the nearest heading above) holding AI-written text, in document order. */
  sections: Array<{ section: string; words: number }>;
  models: Array<{ model: string; provider: string; interactions: number }>;
  interactionIds: string[];
  aiWords: number;
  totalWords: number;
  reviewedBy: string | null;
  exportedAt: number;
}

const words = (text: string): number => (text.match(/\S+/g) ?? []).length;

/**
 * Which parts of a document were written by AI, from the `aiOrigin` marks: text the teacher typed
 * over lost its mark (it is theirs), so what is counted is what the AI wrote and the teacher kept.
 * Review records (who accepted what, when) come from the review issue once it lands; until then the
 * reviewer is the teacher exporting, and the statement says so.
 */
export function buildAiStatement(
  blocks: readonly Block[],
  lookup: (interactionId: string) => InteractionFacts | undefined,
  author: string | null,
  now: number,
): AiStatement {
  const sections = new Map<string, number>();
  const ids = new Set<string>();
  let current = enGB.exportFile.untitledSection;
  let aiWords = 0;
  let totalWords = 0;
  for (const b of allBlocks(blocks)) {
    if (b.kind === 'heading') current = runsText(b.runs).trim() || current;
    for (const run of blockRuns(b)) {
      const n = words(run.text);
      totalWords += n;
      if (!run.ai) continue;
      aiWords += n;
      ids.add(run.ai);
      sections.set(current, (sections.get(current) ?? 0) + n);
    }
  }
  const models = new Map<string, { model: string; provider: string; interactions: number }>();
  for (const id of ids) {
    const facts = lookup(id);
    const key = facts ? `${facts.provider}\u0000${facts.model}` : '';
    const entry = models.get(key) ?? { model: facts?.model ?? enGB.exportFile.unknownModel, provider: facts?.provider ?? '', interactions: 0 };
    entry.interactions += 1;
    models.set(key, entry);
  }
  return {
    sections: [...sections].map(([section, n]) => ({ section, words: n })),
    models: [...models.values()],
    interactionIds: [...ids],
    aiWords,
    totalWords,
    reviewedBy: author,
    exportedAt: now,
  };
}

const longDate = (ms: number): string => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(ms) + ' UTC';

/** The statement as blocks every format prints after the document's own content. */
export function statementBlocks(s: AiStatement): Block[] {
  const t = enGB.exportFile;
  const p = (text: string): Block => ({ kind: 'paragraph', runs: [{ text }] });
  const out: Block[] = [{ kind: 'rule' }, { kind: 'heading', level: 2, runs: [{ text: t.statementHeading }] }];
  if (s.aiWords === 0) {
    out.push(p(t.statementNone));
  } else {
    out.push(p(format(t.statementSummary, { ai: s.aiWords, total: s.totalWords })));
    out.push({
      kind: 'list',
      style: 'bullet',
      start: 1,
      items: s.sections.map((x) => ({ blocks: [p(format(t.statementSection, { section: x.section, words: x.words }))] })),
    });
    const models = s.models.map((m) => (m.provider ? `${m.model} (${m.provider})` : m.model)).join(', ');
    out.push(p(format(t.statementModels, { models, count: s.interactionIds.length })));
  }
  out.push(p(s.reviewedBy ? format(t.statementReviewed, { name: s.reviewedBy, when: longDate(s.exportedAt) }) : format(t.statementExported, { when: longDate(s.exportedAt) })));
  out.push(p(t.statementMethod));
  return out;
}

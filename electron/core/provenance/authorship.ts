import type { Authorship, AuthorshipRequest, InteractionSummary, TipTapDoc, TipTapMark, TipTapNode } from '../../contract';

/**
 * Who wrote a lesson (issue 8, §5): every character of its text is counted once, by the marks it
 * carries, so the figures come from the document itself and need nothing but its JSON and the
 * recorded interactions its AI text names.
 *
 * - `aiOrigin` text is the AI's. It is "edited" when the teacher has typed inside the same
 *   paragraph (or heading, or cell): the editor strips `aiOrigin` from anything typed, so a
 *   textblock that mixes AI text with the teacher's own text is AI text the teacher has changed.
 *   Text the teacher only deleted leaves no trace in the document, so it cannot be counted.
 * - `pasted` text came from the clipboard; `imported` text (mark, or an `imported` attribute on
 *   a block) came in from a file.
 * - Text proposed by a pending suggestion (`suggestionInsert`) is not the lesson's yet: it is
 *   counted apart, as pending, and in no share.
 * - Everything else was written in Lectern by the teacher (typed, or laid out by a template).
 */

type Origin = 'teacher' | 'ai' | 'pasted' | 'imported' | 'pending';

interface Run {
  origin: Origin;
  interactionId: string | null;
  chars: number;
}

function has(marks: readonly TipTapMark[] | undefined, type: string): TipTapMark | undefined {
  return marks?.find((m) => m.type === type);
}

function originOf(node: TipTapNode, importedBlock: boolean): Run {
  const marks = node.marks;
  const chars = [...(node.text ?? '')].length;
  if (has(marks, 'suggestionInsert')) return { origin: 'pending', interactionId: null, chars };
  if (has(marks, 'pasted')) return { origin: 'pasted', interactionId: null, chars };
  if (has(marks, 'imported') || importedBlock) return { origin: 'imported', interactionId: null, chars };
  const ai = has(marks, 'aiOrigin');
  if (ai) {
    const id = ai.attrs?.interactionId;
    return { origin: 'ai', interactionId: typeof id === 'string' && id.length > 0 ? id : null, chars };
  }
  return { origin: 'teacher', interactionId: null, chars };
}

function isImportedBlock(node: TipTapNode): boolean {
  const value = node.attrs?.imported;
  return value !== undefined && value !== null && value !== false;
}

/** The runs of each textblock (a node whose children include text), in document order. */
function collectBlocks(root: TipTapNode | TipTapDoc): Run[][] {
  const blocks: Run[][] = [];
  const walk = (node: TipTapNode, imported: boolean) => {
    const inImported = imported || isImportedBlock(node);
    const children = node.content ?? [];
    if (children.some((c) => c.type === 'text')) {
      blocks.push(children.filter((c) => c.type === 'text' && c.text).map((c) => originOf(c, inImported || isImportedBlock(c))));
      for (const child of children) if (child.type !== 'text') walk(child, inImported);
      return;
    }
    for (const child of children) walk(child, inImported);
  };
  walk(root as TipTapNode, false);
  return blocks;
}

/**
 * The authorship of a document. `interactions` gives what is on record for an interaction id
 * (undefined when the document names one this library does not hold, as after an import).
 */
export function computeAuthorship(doc: TipTapDoc, interactions: (id: string) => InteractionSummary | undefined): Authorship {
  const totals = { teacher: 0, aiUnchanged: 0, aiEdited: 0, pasted: 0, imported: 0, pending: 0 };
  const perRequest = new Map<string, { unchanged: number; edited: number }>();
  let unknownAi = 0;
  for (const runs of collectBlocks(doc)) {
    const teacherTyped = runs.some((r) => r.origin === 'teacher' && r.chars > 0);
    for (const run of runs) {
      if (run.origin !== 'ai') {
        totals[run.origin] += run.chars;
        continue;
      }
      if (teacherTyped) totals.aiEdited += run.chars;
      else totals.aiUnchanged += run.chars;
      if (run.interactionId === null) {
        unknownAi += run.chars;
        continue;
      }
      const entry = perRequest.get(run.interactionId) ?? { unchanged: 0, edited: 0 };
      if (teacherTyped) entry.edited += run.chars;
      else entry.unchanged += run.chars;
      perRequest.set(run.interactionId, entry);
    }
  }
  const requests: AuthorshipRequest[] = [...perRequest.entries()].map(([interactionId, counts]) => {
    const record = interactions(interactionId);
    return {
      interactionId,
      recorded: record !== undefined,
      action: record?.action ?? null,
      provider: record?.provider ?? null,
      model: record?.model ?? null,
      askedAt: record?.createdAt ?? null,
      unchangedChars: counts.unchanged,
      editedChars: counts.edited,
    };
  });
  // Oldest request first; those not on record (unknown time) last, in document order.
  requests.sort((a, b) => (a.askedAt ?? Number.MAX_SAFE_INTEGER) - (b.askedAt ?? Number.MAX_SAFE_INTEGER));
  const counted = totals.teacher + totals.aiUnchanged + totals.aiEdited + totals.pasted + totals.imported;
  const parts = { teacher: totals.teacher, aiUnchanged: totals.aiUnchanged, aiEdited: totals.aiEdited, pasted: totals.pasted, imported: totals.imported };
  return {
    totalChars: counted,
    shares: largestRemainder(parts, counted),
    teacherChars: totals.teacher,
    aiUnchangedChars: totals.aiUnchanged,
    aiEditedChars: totals.aiEdited,
    pastedChars: totals.pasted,
    importedChars: totals.imported,
    pendingSuggestionChars: totals.pending,
    unattributedAiChars: unknownAi,
    requests,
  };
}

/** Whole percentages that add up to 100 (largest remainder), so a printed summary never shows 101 %. */
function largestRemainder<K extends string>(parts: Record<K, number>, total: number): Record<K, number> {
  const keys = Object.keys(parts) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  if (total === 0) return out;
  const exact = keys.map((k) => ({ k, v: (parts[k] * 100) / total }));
  let given = 0;
  for (const { k, v } of exact) {
    out[k] = Math.floor(v);
    given += out[k];
  }
  exact.sort((a, b) => b.v - Math.floor(b.v) - (a.v - Math.floor(a.v)));
  for (const { k } of exact) {
    if (given >= 100) break;
    out[k] += 1;
    given += 1;
  }
  return out;
}

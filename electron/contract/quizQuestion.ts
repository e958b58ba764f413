import type { TipTapNode } from './tiptap';

/**
 * The structured quiz question, as stored in TipTap JSON. The editor (renderer/src/features/editor/
 * nodes/quizQuestion.ts), the AI builders (core/ai/tiptap) and the exporters (core/export) all
 * read and write this one shape:
 *
 *   quizQuestion  content: quizPrompt quizAnswer+ quizFeedback?
 *   quizPrompt    inline text: the question
 *   quizAnswer    inline text, attrs { correct: boolean }: one option
 *   quizFeedback  inline text: why the answer is right (teacher version only)
 *
 * Text stays as ordinary text nodes, so `aiOrigin` and every other mark work inside a question.
 */
export const QUIZ_NODE = {
  question: 'quizQuestion',
  prompt: 'quizPrompt',
  answer: 'quizAnswer',
  feedback: 'quizFeedback',
} as const;

export interface QuizQuestionParts {
  prompt: TipTapNode[];
  answers: Array<{ content: TipTapNode[]; correct: boolean }>;
  feedback: TipTapNode[];
}

/** Builds the node from its parts; empty inline content stays empty (ProseMirror forbids empty text nodes). */
export function quizQuestionNode(parts: QuizQuestionParts): TipTapNode {
  const block = (type: string, content: TipTapNode[], attrs?: Record<string, unknown>): TipTapNode => ({
    type,
    ...(attrs ? { attrs } : {}),
    ...(content.length > 0 ? { content } : {}),
  });
  const content: TipTapNode[] = [block(QUIZ_NODE.prompt, parts.prompt)];
  for (const answer of parts.answers) content.push(block(QUIZ_NODE.answer, answer.content, { correct: answer.correct }));
  if (parts.feedback.length > 0) content.push(block(QUIZ_NODE.feedback, parts.feedback));
  return { type: QUIZ_NODE.question, content };
}

/** Reads a stored node back into its parts, tolerating a missing prompt or answers. */
export function quizQuestionParts(node: TipTapNode): QuizQuestionParts {
  const parts: QuizQuestionParts = { prompt: [], answers: [], feedback: [] };
  for (const child of node.content ?? []) {
    if (child.type === QUIZ_NODE.prompt) parts.prompt.push(...(child.content ?? []));
    else if (child.type === QUIZ_NODE.answer) parts.answers.push({ content: child.content ?? [], correct: child.attrs?.correct === true });
    else if (child.type === QUIZ_NODE.feedback) parts.feedback.push(...(child.content ?? []));
  }
  return parts;
}

import type { TipTapNode } from '../../../contract';
import type { LessonPlan, MultipleChoiceQuestion } from '../schemas/lessonPlan';
import { KEY_STAGE_LABELS, lessonHeadings } from '../../templates/headings';
import { bullets, heading, lines, orderedList, paragraph, paragraphs, table, text, bulletList, type Ink } from './build';

/** What arrives mid-stream: any field may be missing or cut short. */
export type DeepPartial<T> = T extends string | number | boolean ? T : T extends Array<infer U> ? Array<DeepPartial<U>> : { [K in keyof T]?: DeepPartial<T[K]> };

/** Where the correct answer goes among the options: fixed per question, so re-rendering is stable. */
function answerSlot(question: string, optionCount: number): number {
  let h = 0;
  for (const ch of question) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return optionCount > 0 ? h % optionCount : 0;
}

export function quizItems(questions: ReadonlyArray<DeepPartial<MultipleChoiceQuestion>> | undefined, ink: Ink, showAnswers: boolean): TipTapNode | undefined {
  const items = (questions ?? []).filter((q) => q.question);
  if (items.length === 0) return undefined;
  return orderedList(
    items.map((q) => {
      const distractors = (q.distractors ?? []).filter((d): d is string => Boolean(d));
      const options = [...distractors];
      if (q.correctAnswer) options.splice(answerSlot(q.question!, distractors.length + 1), 0, q.correctAnswer);
      const children: TipTapNode[] = [paragraph(lines(q.question, ink))];
      if (options.length > 0) {
        children.push(
          bulletList(
            options.map((o) =>
              showAnswers && o === q.correctAnswer ? [paragraph([...text(o, ink, [{ type: 'bold' }]), ...text(' ✓', ink, [{ type: 'bold' }])])] : [paragraph(text(o, ink))],
            ),
          ),
        );
      }
      return children;
    }),
  );
}

/**
 * A lesson plan as a document: headings for each section, lists, tables for misconceptions and
 * keywords, quizzes as numbered questions with the correct answer ticked. Pure, and tolerant of a
 * partial plan so that the same function renders the stream preview and the final document.
 */
export function lessonPlanToTipTap(plan: DeepPartial<LessonPlan>, ink: Ink): TipTapNode[] {
  const h = lessonHeadings(plan.keyStage);
  const out: TipTapNode[] = [];
  const push = (...nodes: Array<TipTapNode | undefined>) => nodes.forEach((n) => n && out.push(n));
  if (plan.title) push(heading(1, plan.title, ink));
  const facts = [plan.keyStage ? KEY_STAGE_LABELS[plan.keyStage] : undefined, plan.subject].filter((v): v is string => Boolean(v));
  if (facts.length > 0) push(paragraph(text(facts.join(' · '), ink, [{ type: 'italic' }])));
  if (plan.learningOutcome) push(heading(2, h.learningOutcome, ink), paragraph(lines(plan.learningOutcome, ink)));
  const prior = bullets(plan.priorKnowledge, ink);
  if (prior) push(heading(2, h.priorKnowledge, ink), prior);
  const points = bullets(plan.keyLearningPoints, ink);
  if (points) push(heading(2, h.keyLearningPoints, ink), points);
  const misconceptions = (plan.misconceptions ?? []).filter((m) => m.misconception);
  if (misconceptions.length > 0) {
    push(heading(2, h.misconceptions, ink), table([h.misconception, h.correction], misconceptions.map((m) => [m.misconception, m.correction]), ink));
  }
  const keywords = (plan.keywords ?? []).filter((k) => k.keyword);
  if (keywords.length > 0) push(heading(2, h.keywords, ink), table([h.keyword, h.definition], keywords.map((k) => [k.keyword, k.definition]), ink));
  const starter = quizItems(plan.starterQuiz, ink, true);
  if (starter) push(heading(2, h.starterQuiz, ink), starter);
  (plan.learningCycles ?? []).forEach((cycle, i) => {
    push(heading(2, cycle.title ? `${h.learningCycle} ${i + 1}: ${cycle.title}` : `${h.learningCycle} ${i + 1}`, ink));
    if (cycle.explanation) push(heading(3, h.explanation, ink), ...paragraphs(cycle.explanation, ink));
    const checks = bullets(cycle.checksForUnderstanding, ink);
    if (checks) push(heading(3, h.checksForUnderstanding, ink), checks);
    if (cycle.practice) push(heading(3, h.practice, ink), ...paragraphs(cycle.practice, ink));
    if (cycle.feedback) push(heading(3, h.feedback, ink), ...paragraphs(cycle.feedback, ink));
  });
  const exit = quizItems(plan.exitQuiz, ink, true);
  if (exit) push(heading(2, h.exitQuiz, ink), exit);
  if (plan.additionalMaterials?.trim()) push(heading(2, h.additionalMaterials, ink), ...paragraphs(plan.additionalMaterials, ink));
  return out;
}

import type { TipTapNode } from '../../../contract';
import type { Quiz } from '../schemas/quiz';
import { heading, lines, orderedList, paragraph, paragraphs, text, type Ink } from './build';
import { quizItems, type DeepPartial } from './lessonPlanToTipTap';

/** Questions for pupils first (no ticks), then an answer key with explanations for the teacher. */
export function quizToTipTap(quiz: DeepPartial<Quiz>, ink: Ink): TipTapNode[] {
  const out: TipTapNode[] = [];
  if (quiz.title) out.push(heading(1, quiz.title, ink));
  out.push(...paragraphs(quiz.instructions, ink));
  const questions = quizItems(quiz.questions, ink, false);
  if (questions) out.push(questions);
  const answered = (quiz.questions ?? []).filter((q) => q.question && q.correctAnswer);
  if (answered.length > 0) {
    out.push(heading(2, 'Answer key', ink));
    out.push(
      orderedList(
        answered.map((q) => [paragraph([...text(q.correctAnswer, ink, [{ type: 'bold' }]), ...(q.explanation ? text(` — ${q.explanation}`, ink) : [])])]),
      ),
    );
  }
  return out.length > 0 ? out : [paragraph(lines('', ink))];
}

import type { ExportVersion } from '../../contract/services/export';
import { enGB, format } from '../../contract/i18n/en-GB';
import { answerLetter, type QuizBlock, type Run } from './model';

export interface QuizOptionView {
  letter: string;
  runs: Run[];
  /** Set in the teacher version only. */
  correct: boolean;
}

export interface QuizView {
  label: string;
  prompt: Run[];
  options: QuizOptionView[];
  /** Teacher version: "Answer: B" and the feedback. Empty for pupils. */
  answer: string | null;
  feedback: Run[];
}

/** How a question reads in print: lettered options for pupils, the answer key for the teacher. */
export function quizView(q: QuizBlock, version: ExportVersion): QuizView {
  const teacher = version === 'teacher';
  const options = q.answers.map((a, i) => ({ letter: answerLetter(i), runs: a.runs, correct: teacher && a.correct }));
  const letters = options.filter((o) => o.correct).map((o) => o.letter);
  return {
    label: `${q.number}.`,
    prompt: q.prompt,
    options,
    answer: teacher && letters.length > 0 ? format(enGB.exportFile.answer, { letters: letters.join(', ') }) : null,
    feedback: teacher ? q.feedback : [],
  };
}

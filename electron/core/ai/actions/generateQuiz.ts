import { z } from 'zod';
import { QuizSchema } from '../schemas/quiz';
import { quizToTipTap } from '../tiptap/quizToTipTap';
import { defineAction } from './defineAction';

export default defineAction({
  id: 'generate-quiz',
  labelKey: 'generateQuiz',
  kind: 'generate-document',
  output: 'structured',
  source: 'document',
  documentKind: 'quiz',
  params: z.object({
    topic: z.string().trim().max(300).optional(),
    questionCount: z.number().int().min(3).max(20).default(10),
  }),
  prompt: {
    system:
      'Write a multiple-choice quiz. Each question has one correct answer, plausible distractors that reflect real misconceptions, and a short explanation for the answer key.',
    user: ['Write a quiz with {questionCount} questions.', 'Topic: {topic}', 'Base it on this lesson:', '{source}'].join('\n'),
  },
  structured: { name: 'quiz', schema: QuizSchema, toTipTap: quizToTipTap, title: (q) => q.title },
});

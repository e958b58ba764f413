import { z } from 'zod';
import { MultipleChoiceQuestionSchema } from './lessonPlan';

export const QuizSchema = z.strictObject({
  title: z.string().min(1),
  instructions: z.string().describe('What pupils are told before they start.'),
  questions: z
    .array(MultipleChoiceQuestionSchema.extend({ explanation: z.string().min(1).describe('Why the answer is right, for the answer key.') }))
    .min(3)
    .max(20),
});
export type Quiz = z.infer<typeof QuizSchema>;

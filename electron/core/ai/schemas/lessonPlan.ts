import { z } from 'zod';
import { KeyStageSchema } from '../../../contract';

const Text = z.string().min(1);

export const MultipleChoiceQuestionSchema = z.strictObject({
  question: Text,
  correctAnswer: Text,
  distractors: z.array(Text).min(2).max(4).describe('Plausible wrong answers, each reflecting a real misconception where possible.'),
});
export type MultipleChoiceQuestion = z.infer<typeof MultipleChoiceQuestionSchema>;

export const LearningCycleSchema = z.strictObject({
  title: Text,
  explanation: Text.describe('What the teacher explains or models.'),
  checksForUnderstanding: z.array(Text).min(1).max(4),
  practice: Text.describe('What pupils do independently.'),
  feedback: Text.describe('How the teacher gives feedback on the practice, with model answers.'),
});

/** A lesson plan in the shape UK teachers know from Oak National Academy's lesson structure. */
export const LessonPlanSchema = z.strictObject({
  title: Text,
  keyStage: KeyStageSchema,
  subject: Text,
  learningOutcome: Text.describe('One sentence, starting "I can".'),
  priorKnowledge: z.array(Text).min(1).max(6),
  keyLearningPoints: z.array(Text).min(2).max(6),
  misconceptions: z.array(z.strictObject({ misconception: Text, correction: Text })).min(1).max(4),
  keywords: z.array(z.strictObject({ keyword: Text, definition: Text })).min(2).max(8),
  starterQuiz: z.array(MultipleChoiceQuestionSchema).min(3).max(6),
  learningCycles: z.array(LearningCycleSchema).min(2).max(3),
  exitQuiz: z.array(MultipleChoiceQuestionSchema).min(3).max(6),
  additionalMaterials: z.string().describe('Resources, adaptations or notes for the teacher; may be empty.'),
});
export type LessonPlan = z.infer<typeof LessonPlanSchema>;

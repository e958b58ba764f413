import { z } from 'zod';
import { KeyStageSchema } from '../../../contract';
import { LessonPlanSchema } from '../schemas/lessonPlan';
import { lessonPlanToTipTap } from '../tiptap/lessonPlanToTipTap';
import { defineAction } from './defineAction';

export default defineAction({
  id: 'generate-lesson',
  labelKey: 'generateLesson',
  kind: 'generate-document',
  output: 'structured',
  source: 'none',
  documentKind: 'lesson-plan',
  params: z.object({
    subject: z.string().trim().min(1).max(100),
    keyStage: KeyStageSchema,
    yearGroup: z.string().trim().max(40).optional(),
    topic: z.string().trim().min(1).max(300),
    lessonLengthMinutes: z.number().int().min(15).max(180).default(60),
    learningObjectives: z.string().trim().max(2000).optional(),
    classNotes: z.string().trim().max(2000).optional(),
  }),
  prompt: {
    system: [
      'Plan one lesson. Use 2 or 3 learning cycles, each with an explanation, checks for understanding, practice and feedback.',
      'The learning outcome is one sentence starting "I can". Quizzes are multiple choice with one correct answer and plausible distractors that reflect real misconceptions.',
      'Fit the activities to the lesson length.',
    ].join(' '),
    user: [
      'Write a lesson plan.',
      'Subject: {subject}',
      'Key stage: {keyStageLabel}',
      'Year group: {yearGroup}',
      'Topic: {topic}',
      'Lesson length: {lessonLengthMinutes} minutes',
      'Learning objectives from the teacher: {learningObjectives}',
      'Notes about the class: {classNotes}',
    ].join('\n'),
  },
  structured: {
    name: 'lesson_plan',
    schema: LessonPlanSchema,
    toTipTap: lessonPlanToTipTap,
    title: (plan) => plan.title,
  },
});

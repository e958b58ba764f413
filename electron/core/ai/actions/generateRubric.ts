import { z } from 'zod';
import { RubricSchema } from '../schemas/rubric';
import { rubricToTipTap } from '../tiptap/rubricToTipTap';
import { defineAction } from './defineAction';

export default defineAction({
  id: 'generate-rubric',
  labelKey: 'generateRubric',
  kind: 'generate-document',
  output: 'structured',
  source: 'document',
  documentKind: 'rubric',
  params: z.object({
    task: z.string().trim().max(1000).optional(),
    levelCount: z.number().int().min(3).max(5).default(3),
  }),
  prompt: {
    system:
      'Write a marking rubric: criteria as rows and achievement levels as columns, lowest first, with one clear, observable descriptor per criterion and level. Use language pupils can understand.',
    user: ['Write a rubric with {levelCount} levels.', 'The task being assessed: {task}', 'Base it on this lesson:', '{source}'].join('\n'),
  },
  structured: { name: 'rubric', schema: RubricSchema, toTipTap: rubricToTipTap, title: (r) => r.title },
});

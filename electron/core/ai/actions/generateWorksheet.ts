import { z } from 'zod';
import { KeyStageSchema } from '../../../contract';
import { defineAction } from './defineAction';

export default defineAction({
  id: 'generate-worksheet',
  labelKey: 'generateWorksheet',
  kind: 'generate-document',
  output: 'text',
  source: 'document',
  documentKind: 'worksheet',
  params: z.object({
    topic: z.string().trim().max(300).optional(),
    keyStage: KeyStageSchema.optional(),
    questionCount: z.number().int().min(3).max(30).default(8),
  }),
  prompt: {
    system:
      'Write a pupil worksheet in Markdown: a title (# heading), short instructions, then sections (## headings) with numbered tasks that build from recall to application. Leave space for answers with a line of underscores. Do not include answers.',
    user: ['Make a worksheet with about {questionCount} tasks.', 'Topic: {topic}', 'Key stage: {keyStageLabel}', 'Base it on this lesson:', '{source}'].join('\n'),
  },
  title: (p) => (p.topic ? `Worksheet: ${p.topic}` : 'Worksheet'),
});

import { z } from 'zod';
import { defineAction } from './defineAction';

export default defineAction({
  id: 'generate-exit-ticket',
  labelKey: 'generateExitTicket',
  kind: 'generate-document',
  output: 'text',
  source: 'document',
  documentKind: 'quiz',
  params: z.object({ questionCount: z.number().int().min(1).max(5).default(3) }),
  prompt: {
    system:
      'Write an exit ticket in Markdown: a title (# heading) and short questions pupils answer in the last minutes of the lesson, checking the key learning. Finish with an "Answers" section (## heading) for the teacher.',
    user: ['Write an exit ticket with {questionCount} questions for this lesson:', '{source}'].join('\n'),
  },
  title: () => 'Exit ticket',
});

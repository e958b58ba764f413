import { z } from 'zod';
import { defineAction } from './defineAction';

/** Welsh first (bilingual schools in Wales), then the home languages most common in UK classrooms. */
export const TRANSLATE_LANGUAGES = [
  'Welsh',
  'Polish',
  'Romanian',
  'Urdu',
  'Punjabi',
  'Bengali',
  'Arabic',
  'Portuguese',
  'Spanish',
  'Somali',
  'Lithuanian',
  'Ukrainian',
  'Turkish',
  'Gujarati',
  'Tamil',
  'Chinese (Simplified)',
  'French',
  'German',
  'Italian',
  'Irish',
  'Scottish Gaelic',
] as const;

export default defineAction({
  id: 'translate',
  labelKey: 'translate',
  kind: 'transform-selection',
  output: 'text',
  source: 'selection',
  params: z.object({ language: z.enum(TRANSLATE_LANGUAGES).default('Welsh') }),
  prompt: {
    system:
      'Translate the text faithfully, at the same reading level, keeping any Markdown structure. For Welsh use standard modern Welsh as used in Welsh-medium schools. Answer with the translation only.',
    user: ['Translate this into {language}:', '{selection}'].join('\n'),
  },
});

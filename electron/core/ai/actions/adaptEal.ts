import { z } from 'zod';
import { defineAction } from './defineAction';

export default defineAction({
  id: 'adapt-eal',
  labelKey: 'adaptEal',
  kind: 'transform-selection',
  output: 'text',
  source: 'selection',
  params: z.object({
    proficiency: z.enum(['new to English', 'early acquisition', 'developing competence', 'competent']).default('early acquisition'),
    homeLanguage: z.string().trim().max(60).optional(),
  }),
  prompt: {
    system:
      'Adapt the material for pupils learning English as an additional language (EAL): simpler sentence structures, key vocabulary with short definitions, sentence starters and visual cues described in words, with the same learning goal. Answer in Markdown with the adapted material only.',
    user: ['Adapt this for EAL pupils ({proficiency}).', 'Their home language: {homeLanguage}', '{selection}'].join('\n'),
  },
});

import { z } from 'zod';

export const RubricSchema = z
  .strictObject({
    title: z.string().min(1),
    task: z.string().min(1).describe('The piece of work being assessed.'),
    levels: z.array(z.string().min(1)).min(3).max(5).describe('Level names from lowest to highest, e.g. Working towards, Expected, Greater depth.'),
    criteria: z
      .array(z.strictObject({ criterion: z.string().min(1), descriptors: z.array(z.string().min(1)).min(3).max(5) }))
      .min(2)
      .max(8),
  })
  .superRefine((rubric, ctx) => {
    rubric.criteria.forEach((c, i) => {
      if (c.descriptors.length !== rubric.levels.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', i, 'descriptors'],
          message: `needs exactly one descriptor per level (${rubric.levels.length}), found ${c.descriptors.length}`,
        });
      }
    });
  });
export type Rubric = z.infer<typeof RubricSchema>;

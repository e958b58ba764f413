import type { TipTapNode } from '../../../contract';
import type { Rubric } from '../schemas/rubric';
import { heading, paragraphs, table, type Ink } from './build';
import type { DeepPartial } from './lessonPlanToTipTap';

/** A marking grid: one row per criterion, one column per level. */
export function rubricToTipTap(rubric: DeepPartial<Rubric>, ink: Ink): TipTapNode[] {
  const out: TipTapNode[] = [];
  if (rubric.title) out.push(heading(1, rubric.title, ink));
  out.push(...paragraphs(rubric.task, ink));
  const levels = (rubric.levels ?? []).filter((l): l is string => Boolean(l));
  const criteria = (rubric.criteria ?? []).filter((c) => c.criterion);
  if (levels.length > 0 && criteria.length > 0) {
    out.push(table(['Criterion', ...levels], criteria.map((c) => [c.criterion, ...levels.map((_, i) => c.descriptors?.[i])]), ink));
  }
  return out;
}

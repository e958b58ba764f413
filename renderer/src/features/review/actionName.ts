import { strings } from '../../i18n';

/** An AI action's name as the teacher knows it, from its id (simplify → "Simplify"). */
export const actionName = (id: string): string => {
  const labels = strings.ai.actions as Record<string, string>;
  const camel = id.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  return labels[id] ?? labels[camel] ?? id;
};

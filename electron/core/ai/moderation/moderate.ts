import type { ModerationCategory, ModerationLevel, ModerationSummary } from '../../../contract';
import type { ProviderModerationResult } from '../provider';
import type { LocalFinding } from './localModeration';

/**
 * OpenAI moderation categories mapped to school content guidance. Threats, hate, sexual content
 * and self-harm intent or instructions are severe; depictions of violence (a history of war) are
 * guidance only.
 */
const PROVIDER_MAP: Record<string, { category: ModerationCategory; level: 'guidance' | 'severe' }> = {
  harassment: { category: 'discriminatory', level: 'guidance' },
  'harassment/threatening': { category: 'violence', level: 'severe' },
  hate: { category: 'discriminatory', level: 'severe' },
  'hate/threatening': { category: 'discriminatory', level: 'severe' },
  illicit: { category: 'harmful-instructions', level: 'guidance' },
  'illicit/violent': { category: 'harmful-instructions', level: 'severe' },
  'self-harm': { category: 'self-harm', level: 'guidance' },
  'self-harm/intent': { category: 'self-harm', level: 'severe' },
  'self-harm/instructions': { category: 'self-harm', level: 'severe' },
  sexual: { category: 'sexual', level: 'severe' },
  'sexual/minors': { category: 'sexual', level: 'severe' },
  violence: { category: 'violence', level: 'guidance' },
  'violence/graphic': { category: 'upsetting', level: 'guidance' },
};

export interface Finding {
  category: ModerationCategory;
  level: 'guidance' | 'severe';
}

export function providerFindings(results: readonly ProviderModerationResult[]): Finding[] {
  const out: Finding[] = [];
  for (const result of results) {
    for (const [name, flagged] of Object.entries(result.categories)) {
      const mapped = PROVIDER_MAP[name];
      if (flagged && mapped) out.push(mapped);
    }
  }
  return out;
}

export function summarise(findings: ReadonlyArray<Finding | LocalFinding>, checkedBy: ModerationSummary['checkedBy']): ModerationSummary {
  const severe = findings.filter((f) => f.level === 'severe');
  const relevant = severe.length > 0 ? severe : findings;
  const level: ModerationLevel = severe.length > 0 ? 'severe' : findings.length > 0 ? 'guidance' : 'none';
  const categories = [...new Set(relevant.map((f) => f.category))].sort();
  return { level, categories, checkedBy };
}

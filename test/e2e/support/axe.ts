import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0–2.2 A and AA rules, without axe's best-practice extras. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe-core's serious and critical violations inside `selector`, each as "rule: help [targets]".
 * Every rule runs unless `tags` narrows it. axe is evaluated through the debugging protocol:
 * the app's CSP (script-src 'self') rightly refuses an inline script tag.
 */
export async function seriousAxeViolations(page: Page, selector: string, tags?: readonly string[]): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ selector, tags }) => {
      type Violation = { id: string; impact: string; help: string; nodes: Array<{ target: unknown }> };
      const axe = (window as unknown as { axe: { run(context: string, options: object): Promise<{ violations: Violation[] }> } }).axe;
      const options = tags ? { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] } : { resultTypes: ['violations'] };
      const result = await axe.run(selector, options);
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    },
    { selector, tags: tags ? [...tags] : null },
  );
}

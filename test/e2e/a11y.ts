// Accessibility helpers for the end-to-end tests: axe-core run in the page (WCAG 2.x A and AA and
// axe's best practices, through open shadow roots), where keyboard focus is (inside shadow roots
// too), and Tab until a control is reached, as a keyboard-only customer would.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** The page's axe violations (WCAG A/AA and best practices), each with the nodes at fault. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(c: Document, o: RunOptions): Promise<AxeResults> } }).axe;
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  }, AXE_TAGS);
}

/** Fails with axe's findings when the page in this state has any. */
export async function assertAccessible(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe, ${state}:\n${JSON.stringify(violations, null, 2)}`);
}

export interface Focused {
  tag: string;
  id: string;
  part: string;
  text: string;
  /** The tag of the shadow host it is in, if any. */
  host: string;
}

/** The element with keyboard focus, followed into shadow roots. */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let element = document.activeElement;
    let host = '';
    while (element?.shadowRoot?.activeElement) {
      host = element.tagName.toLowerCase();
      element = element.shadowRoot.activeElement;
    }
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      id: element?.id ?? '',
      part: element?.getAttribute('part') ?? '',
      text: (element?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      host,
    };
  });
}

/** Presses Tab (Shift+Tab with `back`) until `wanted` holds for the focused element; fails after `max` presses. */
export async function tabTo(
  page: Page,
  wanted: (focus: Focused) => boolean,
  { back = false, max = 40 }: { back?: boolean; max?: number } = {},
): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focus = await focused(page);
    if (wanted(focus)) return focus;
  }
  assert.fail(`no focusable element matched within ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

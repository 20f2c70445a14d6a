// What the shopper's-walk tests share: the two viewports every walk is taken on, axe with its
// best-practice rules, where keyboard focus is (through shadow roots), and reading the shelf.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { Shop } from './harness.ts';

export interface Viewport {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly mobile: boolean;
}

/** A desktop and a 375 × 812 phone (touch, mobile viewport), as the shopper's walk was taken. */
export const VIEWPORTS: readonly Viewport[] = [
  { name: 'desktop', width: 1280, height: 860, mobile: false },
  { name: 'phone', width: 375, height: 812, mobile: true },
];

/** The demo shop on `viewport`, its shelf loaded. `query` is added to the shop's URL (`?shop=bootic`). */
export async function openShop(shop: Shop, viewport: Viewport, query = ''): Promise<Page> {
  const page = await shop.browser.newPage({
    viewport: { width: viewport.width, height: viewport.height },
    isMobile: viewport.mobile,
    hasTouch: viewport.mobile,
  });
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(shop.shopUrl + query);
  await page.locator('till-product-list [part=product]').first().waitFor();
  return page;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe on the whole page (into open shadow roots) with WCAG 2.1 A/AA and the best-practice rules,
 * and fails with each violation's rule and elements.
 */
export async function assertAccessible(page: Page, state: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<AxeResults> } })
      .axe;
    interface AxeResults {
      violations: { id: string; help: string; nodes: { target: unknown; failureSummary?: string }[] }[];
    }
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return results.violations.map(
      (v) =>
        `${v.id} (${v.help}): ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('; ')}`,
    );
  });
  assert.deepEqual(violations, [], `axe, ${state}`);
}

/** The focused element, through shadow roots: its host's tag (if in one), id, classes and text. */
export function focused(
  page: Page,
): Promise<{ host: string; id: string; tag: string; className: string; text: string }> {
  return page.evaluate(() => {
    let active = document.activeElement;
    let host = '';
    while (active?.shadowRoot?.activeElement) {
      host = active.tagName.toLowerCase();
      active = active.shadowRoot.activeElement;
    }
    return {
      host,
      id: active?.id ?? '',
      tag: active?.tagName.toLowerCase() ?? '',
      className: typeof active?.className === 'string' ? active.className : '',
      text: (active?.textContent ?? '').trim(),
    };
  });
}

/** Waits until the focused element (through shadow roots) has this class, id or text. */
export async function waitForFocus(
  page: Page,
  want: { className?: string; id?: string; text?: string },
): Promise<void> {
  await page
    .waitForFunction((w) => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      if (!active) return false;
      return (
        (w.className === undefined || active.className === w.className) &&
        (w.id === undefined || active.id === w.id) &&
        (w.text === undefined || active.textContent.trim() === w.text)
      );
    }, want)
    .catch(async () => {
      throw new Error(`focus is not on ${JSON.stringify(want)} but on ${JSON.stringify(await focused(page))}`);
    });
}

/** Presses Tab until `done` holds for the focused element; fails after `limit` presses. Returns the count. */
export async function tabUntil(
  page: Page,
  done: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  limit = 60,
  key = 'Tab',
): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press(key);
    if (done(await focused(page))) return presses;
  }
  throw new Error(
    `focus did not get there in ${limit} presses of ${key}; it is on ${JSON.stringify(await focused(page))}`,
  );
}

/** The names on the shelf, in order. */
export const shelfNames = async (page: Page): Promise<string[]> =>
  (await page.locator('till-product-list [part=name]').allTextContents()).map((t) => t.trim());

/** The prices to pay on the shelf, in minor units, in order. */
export const shelfPrices = async (page: Page): Promise<number[]> =>
  (await page.locator('till-product-list [part=price]').allTextContents()).map((t) => Number(t.replace(/\D/g, '')));

/** Waits until the shelf shows exactly `names` (in any order when `sorted`). */
export async function waitForShelf(page: Page, names: readonly string[], sorted = true): Promise<void> {
  const expected = JSON.stringify(sorted ? [...names].sort() : names);
  await page.waitForFunction(
    ([want, sort]) => {
      const list = document.querySelector('till-product-list')?.shadowRoot;
      if (!list || list.querySelector('section')?.getAttribute('aria-busy') !== 'false') return false;
      const shown = [...list.querySelectorAll('[part=name]')].map((n) => n.textContent.trim());
      return JSON.stringify(sort ? shown.sort() : shown) === want;
    },
    [expected, sorted] as const,
  );
}

/** Whether an element lies within the viewport's width (nothing cut at the right or left). */
export const insideViewport = (page: Page, box: { x: number; width: number } | null): boolean =>
  !!box && box.x >= 0 && box.x + box.width <= page.viewportSize()!.width + 0.5;

/** Finds a film by its title with the search box, ticks add-ons and sets the quantity, all by keyboard. */
export async function addByKeyboard(page: Page, title: string, quantity: number, addOns: string[] = []): Promise<void> {
  const list = page.locator('till-product-list');
  await list.locator('#search').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(title);
  await page.keyboard.press('Enter');
  await page.waitForFunction((name) => {
    const names = [...document.querySelector('till-product-list')!.shadowRoot!.querySelectorAll('[part=name]')];
    return names.length === 1 && names[0]!.textContent.trim() === name;
  }, title);
  const card = list.locator('[part=product]');
  if (addOns.length) await card.locator('.add-ons input').first().waitFor();
  for (const addOn of addOns) {
    await card.locator('.add-ons label', { hasText: addOn }).locator('input').focus();
    await page.keyboard.press('Space');
  }
  await card.locator('input[type=number]').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(quantity));
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Add to cart');
  await page.keyboard.press('Enter');
  await card.locator('[role=status]', { hasText: `Added ${title}` }).waitFor();
}

/** Types each value into the field Tab reaches next. */
export async function typeFields(page: Page, values: Record<string, string>): Promise<void> {
  for (const [id, value] of Object.entries(values)) {
    await tabUntil(page, (f) => f.id === id, 3);
    await page.keyboard.type(value);
  }
}

/** The header's cart, then its checkout button, by keyboard: focus on the checkout's heading. */
export async function toCheckout(page: Page): Promise<void> {
  await page.locator('till-cart[compact] [part=toggle]').focus();
  await page.keyboard.press('Enter');
  await tabUntil(page, (f) => f.host === 'till-cart' && f.text === 'Go to checkout', 20);
  await page.keyboard.press('Enter');
  await page.locator('till-checkout #email').waitFor();
  await waitForFocus(page, { id: 'checkout-title' });
}

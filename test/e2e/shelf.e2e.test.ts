// The shelf as a shopper uses it, on a desktop and a phone, with the keyboard where it counts: the
// price sort, every genre from the start, search and genre together (typed quickly or not), the
// search by director and year, and a card's quantity with the cart's one rule.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startShop, type Shop } from './harness.ts';
import { VIEWPORTS, assertAccessible, focused, openShop, shelfNames, shelfPrices, waitForShelf } from './shopper.ts';

interface WireProduct {
  name: string;
  description: string;
  short_description: string;
  price: number;
  final_price: number;
  tags: string[];
  properties: { director?: string; year?: number };
}

let shop: Shop;
let catalogue: WireProduct[];
before(async () => {
  shop = await startShop();
  catalogue = await shop.admin<WireProduct[]>('/products?size=100');
});
after(async () => {
  await shop?.close();
});

const list = (page: Page) => page.locator('till-product-list');
const cents = (amount: number) => Math.round(amount * 100);

/** The names of the catalogue's films matching `test`, sorted. */
const films = (test: (p: WireProduct) => boolean) =>
  catalogue
    .filter(test)
    .map((p) => p.name)
    .sort();

for (const viewport of VIEWPORTS) {
  describe(`the shelf on a ${viewport.name} (${viewport.width} px)`, () => {
    it('sorts "Price: low to high" by the price the customer pays, first page to last', async () => {
      const page = await openShop(shop, viewport);
      await assertAccessible(page, 'the shelf');
      // Keyboard: focus the sort and choose with the arrows, as a select is used without a mouse.
      await list(page).locator('#sort').focus();
      await page.keyboard.press('ArrowDown');
      assert.equal(await list(page).locator('#sort option:checked').textContent(), 'Price: low to high');
      // By the price paid (films of one price may come in any order among themselves).
      const byPaid = [...catalogue].sort((a, b) => a.final_price - b.final_price);
      const firstPage = byPaid.slice(0, 8).map((p) => cents(p.final_price));
      await page.waitForFunction((want) => {
        const root = document.querySelector('till-product-list')!.shadowRoot!;
        const shown = [...root.querySelectorAll('[part=price]')].map((p) => Number(p.textContent.replace(/\D/g, '')));
        return JSON.stringify(shown) === JSON.stringify(want);
      }, firstPage);
      const prices = await shelfPrices(page);
      assert.deepEqual(prices, firstPage, 'the first page holds the cheapest prices to pay, ascending');
      assert.deepEqual(
        (await shelfNames(page)).sort(),
        byPaid
          .slice(0, 8)
          .map((p) => p.name)
          .sort(),
      );
      // The price before discount does not decide: a discounted film comes before a cheaper-listed one.
      const listed = byPaid.slice(0, 8).map((p) => p.price);
      assert.ok(
        listed.some((price, i) => i > 0 && price < listed[i - 1]!),
        'a discount moves a film ahead',
      );
      await list(page).getByRole('button', { name: 'Next' }).click();
      await page.waitForFunction((want) => {
        const root = document.querySelector('till-product-list')!.shadowRoot!;
        return root.querySelector('[part=pager] span')?.textContent === want;
      }, 'Page 2 of 4');
      await waitForShelf(
        page,
        byPaid.slice(8, 16).map((p) => p.name),
      );
      const second = await shelfPrices(page);
      assert.ok(second[0]! >= prices.at(-1)!, 'page 2 goes on from page 1');
      assert.deepEqual(
        second,
        [...second].sort((a, b) => a - b),
      );
      await page.close();
    });

    it('offers every genre of the catalogue from the start, and combines a genre with a search', async () => {
      const page = await openShop(shop, viewport);
      const options = (await list(page).locator('#tag option').allTextContents()).map((t) => t.trim());
      const tags = [...new Set(catalogue.flatMap((p) => p.tags))].filter(
        (tag) => !catalogue.every((p) => p.tags.includes(tag)),
      );
      assert.deepEqual(options, ['All', ...tags.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))]);
      for (const tag of ['thriller', 'horror', 'mystery', '1940s', '1950s', '1960s'])
        assert.ok(options.includes(tag), tag);
      assert.ok(!options.includes('dvd'), 'a tag every film has filters nothing');

      await list(page).locator('#tag').selectOption('thriller');
      await waitForShelf(page, films((p) => p.tags.includes('thriller')).slice(0, 8));
      // The search keeps the genre, and the genre stays chosen.
      await list(page).locator('#search').fill('hitchcock');
      await waitForShelf(page, ['Psycho', 'Rear Window']);
      await list(page).locator('#tag').selectOption('horror');
      await waitForShelf(page, ['Psycho']);
      assert.equal(await list(page).locator('#search').inputValue(), 'hitchcock');
      assert.equal(await list(page).locator('#tag').inputValue(), 'horror');
      await assertAccessible(page, 'a search within a genre');
      await page.close();
    });

    it('never drops a choice made while a search waits: typing, then a genre within a quarter second', async () => {
      const page = await openShop(shop, viewport);
      const requests: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/products')) requests.push(new URL(request.url()).search);
      });
      await list(page).locator('#search').focus();
      await page.keyboard.type('hitch');
      await list(page).locator('#tag').selectOption('mystery'); // well within the search's 250 ms wait
      await waitForShelf(page, ['Rear Window']);
      assert.equal(await list(page).locator('#tag').inputValue(), 'mystery', 'the genre is still chosen');
      assert.equal(await list(page).locator('#search').inputValue(), 'hitch');
      // Typing on, the genre stays; the search follows the text.
      await list(page).locator('#search').press('End');
      await page.keyboard.type('cock');
      await page.keyboard.press('Enter');
      await waitForShelf(page, ['Rear Window']);
      await list(page).locator('#tag').selectOption('');
      await waitForShelf(page, ['Psycho', 'Rear Window']);
      const last = new URLSearchParams(requests.at(-1));
      assert.equal(last.get('query'), 'hitchcock');
      assert.equal(last.get('tags'), null);
      await page.close();
    });

    it('finds films by director and by year, as the search box promises', async () => {
      const page = await openShop(shop, viewport);
      const search = list(page).locator('#search');
      assert.match((await search.getAttribute('placeholder'))!, /director/i);
      await search.fill('Hitchcock');
      await waitForShelf(
        page,
        films((p) => p.properties.director === 'Alfred Hitchcock'),
      );
      assert.deepEqual((await shelfNames(page)).sort(), ['Psycho', 'Rear Window']);
      await search.fill('1994');
      const of1994 = films(
        (p) =>
          p.properties.year === 1994 || [p.name, p.description, p.short_description].some((t) => t.includes('1994')),
      );
      assert.ok(of1994.length <= 8 && of1994.length >= 2, of1994.join(', '));
      await waitForShelf(page, of1994);
      assert.ok((await shelfNames(page)).includes('Pulp Fiction'));
      await assertAccessible(page, 'a search by year');
      await page.close();
    });

    it('takes a card’s quantity by the cart’s rule, in the cart’s words, the limit shown being the limit enforced', async () => {
      const page = await openShop(shop, viewport);
      const card = list(page).locator('[part=product]').nth(1);
      const name = (await card.locator('[part=name]').textContent())!.trim();
      const quantity = card.locator('input[type=number]');
      assert.equal(await quantity.getAttribute('max'), '9999');

      // Keyboard only: type, then Enter on the add button.
      await quantity.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('10000');
      await card.locator('[part=add]').focus();
      await page.keyboard.press('Enter');
      const error = card.locator('.buy + .error');
      await error.waitFor();
      assert.equal((await error.textContent())!.trim(), 'Enter a whole number from 1 to 9999.');
      assert.equal(await quantity.getAttribute('aria-invalid'), 'true');
      assert.equal((await focused(page)).id, await quantity.getAttribute('id'), 'focus is on the field to fix');
      assert.equal(await page.locator('till-cart:not([compact]) [part=line]').count(), 0, 'nothing was added');
      await assertAccessible(page, 'a refused quantity');

      // Emptied, the field stays empty (no "0") and says the same.
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await quantity.blur();
      assert.equal(await quantity.inputValue(), '');
      await card.locator('[part=add]').click();
      assert.equal((await error.textContent())!.trim(), 'Enter a whole number from 1 to 9999.');

      // 150 fits: it is added, exactly.
      await quantity.fill('150');
      await card.locator('[part=add]').click();
      const line = page.locator('till-cart:not([compact]) [part=line]');
      await line.waitFor({ state: 'attached' });
      assert.equal(await line.locator('input[type=number]').inputValue(), '150');
      assert.match((await card.locator('[role=status]').textContent())!, new RegExp(`Added ${name}`));
      assert.equal(await card.locator('.buy + .error').count(), 0);

      // Now 9849 more fit: the field says so, and refuses one more in the same words.
      assert.equal(await quantity.getAttribute('max'), '9849');
      await quantity.fill('9850');
      await card.locator('[part=add]').click();
      assert.equal((await error.textContent())!.trim(), 'Enter a whole number from 1 to 9849.');
      // The cart's own field: the same rule and the same message.
      const cartQuantity = line.locator('input[type=number]');
      await cartQuantity.fill('10000');
      await cartQuantity.blur();
      const cartError = line.locator('.error');
      await cartError.waitFor({ state: 'attached' });
      assert.equal((await cartError.textContent())!.trim(), 'Enter a whole number from 1 to 9999.');
      await page.close();
    });
  });
}

// A product's details, on a desktop and a phone: opened from its title with the keyboard or its
// cover with a pointer, in a dialog that keeps focus, closes with Escape and gives focus back; with
// the full description, the properties, every add-on and a cover described in words; at an address
// of its own in the demo (?product=<id>), which a reload or Back follows.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startShop, type Shop } from './harness.ts';
import { VIEWPORTS, assertAccessible, focused, insideViewport, openShop, waitForFocus } from './shopper.ts';

interface WireProduct {
  _id: { $oid: string };
  name: string;
  description: string;
  price: number;
  final_price: number;
  properties: { director: string; year: number; condition: string; runtime_minutes: number };
  _sub_products: { $oid: string }[];
}

let shop: Shop;
let rearWindow: WireProduct;
let addOns: string[];
before(async () => {
  shop = await startShop();
  [rearWindow] = (await shop.admin<WireProduct[]>('/products/search?query=Rear%20Window')) as [WireProduct];
  addOns = await Promise.all(
    rearWindow._sub_products.map(async ({ $oid }) => (await shop.admin<WireProduct>(`/products/${$oid}`)).name),
  );
});
after(async () => {
  await shop?.close();
});

const list = (page: Page) => page.locator('till-product-list');
const dialog = (page: Page) => list(page).locator('dialog[part=details]');
const isOpen = (page: Page) => dialog(page).evaluate((d: HTMLDialogElement) => d.open);
const productParam = (page: Page) => new URL(page.url()).searchParams.get('product');

/** The shelf narrowed to Rear Window, whose card is then the first. */
async function findRearWindow(page: Page): Promise<void> {
  await list(page).locator('#search').fill('Rear Window');
  await page.waitForFunction(() => {
    const names = [...document.querySelector('till-product-list')!.shadowRoot!.querySelectorAll('[part=name]')];
    return names.length === 1 && names[0]!.textContent.trim() === 'Rear Window';
  });
}

for (const viewport of VIEWPORTS) {
  describe(`product details on a ${viewport.name} (${viewport.width} px)`, () => {
    it('opens from the title with the keyboard, keeps focus inside, adds to the cart, closes with Escape', async () => {
      const page = await openShop(shop, viewport);
      await findRearWindow(page);
      const title = list(page).locator('.title');
      await title.focus();
      await page.keyboard.press('Enter');
      await dialog(page).locator('.details-body').waitFor();
      assert.equal(await isOpen(page), true);
      assert.equal(productParam(page), rearWindow._id.$oid, 'the product has an address of its own');
      assert.equal((await focused(page)).id, 'details-title', 'focus moves into the dialog, to its heading');
      assert.equal((await dialog(page).locator('#details-title').textContent())!.trim(), 'Rear Window');

      // What a shopper reads: the full description, the properties, every add-on, the cover in words.
      assert.equal((await dialog(page).locator('.description').textContent())!.trim(), rearWindow.description);
      const terms = await dialog(page).locator('.properties dt').allTextContents();
      const values = await dialog(page).locator('.properties dd').allTextContents();
      const properties = Object.fromEntries(terms.map((term, i) => [term.trim(), values[i]!.trim()]));
      assert.equal(properties['Director'], 'Alfred Hitchcock');
      assert.equal(properties['Year'], '1954');
      assert.equal(properties['Condition'], rearWindow.properties.condition);
      assert.equal(properties['Running time'], `${rearWindow.properties.runtime_minutes} min`);
      const shownAddOns = await dialog(page).locator('.add-ons label span:not(.price)').allTextContents();
      assert.deepEqual(shownAddOns.map((t) => t.trim()).sort(), [...addOns].sort());
      assert.equal(await dialog(page).locator('.details-cover').getAttribute('alt'), 'Cover of Rear Window');
      assert.equal((await dialog(page).locator('[part=price]').textContent())!.trim(), '€8.99');
      assert.ok(insideViewport(page, await dialog(page).boundingBox()), 'the dialog fits the screen’s width');
      assert.equal(
        await dialog(page).evaluate((d) => d.scrollWidth <= d.clientWidth),
        true,
        'nothing in it scrolls sideways',
      );
      await assertAccessible(page, 'the details open');

      // Focus stays in the dialog: Tab from its last control comes back to its first (the close button).
      const inDialog = () => dialog(page).evaluate((d) => d.contains((d.getRootNode() as ShadowRoot).activeElement));
      const stops = await dialog(page).evaluate(
        (d) =>
          [...d.querySelectorAll('button, input, select, a[href]')].filter((el) => !el.matches(':disabled')).length,
      );
      for (let i = 1; i <= stops; i++) {
        await page.keyboard.press('Tab');
        assert.equal(await inDialog(), true, `Tab ${i} keeps focus in the dialog`);
      }
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).className, 'close', 'Tab from the last control wraps to the first');
      await page.keyboard.press('Shift+Tab');
      assert.equal((await focused(page)).text, 'Add to cart', 'Shift+Tab from the first wraps to the last');

      // Keyboard: tick the gift wrap, two of them, Enter on Add to cart.
      const giftWrap = dialog(page).locator('.add-ons label', { hasText: 'Gift wrap' }).locator('input');
      await giftWrap.focus();
      await page.keyboard.press('Space');
      assert.equal(await giftWrap.isChecked(), true);
      await dialog(page).locator('input[type=number]').focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('2');
      await dialog(page).locator('[part=add]').focus();
      await page.keyboard.press('Enter');
      const line = page.locator('till-cart:not([compact]) [part=line]');
      await line.waitFor({ state: 'attached' });
      assert.match((await line.textContent())!, /Rear Window[\s\S]*with Gift wrap/);
      assert.equal(await line.locator('input[type=number]').inputValue(), '2');
      // (9.99 + 3.50) × 0.9 × 2 = 24.282 → €24.28: the film's discount applies to its add-on too (seed 001)
      assert.equal((await line.locator('[part=line-total]').textContent())!.trim(), '€24.28');
      assert.match((await dialog(page).locator('[role=status]').textContent())!, /Added Rear Window/);

      await page.keyboard.press('Escape');
      await page.waitForFunction(
        () => !document.querySelector('till-product-list')!.shadowRoot!.querySelector('dialog')!.open,
      );
      await waitForFocus(page, { className: 'title', text: 'Rear Window' });
      assert.equal((await focused(page)).host, 'till-product-list', 'focus is back on the title');
      await page.waitForURL((url) => !url.searchParams.has('product')); // the address is the shelf's again
      assert.equal(await list(page).getAttribute('product'), null);
      await assertAccessible(page, 'the details closed');
      await page.close();
    });

    it('opens from the cover with a pointer, closes with its button, and follows the address on reload and Back', async () => {
      const page = await openShop(shop, viewport);
      await findRearWindow(page);
      await list(page).locator('[part=image]').click();
      await dialog(page).locator('.details-body').waitFor();
      await dialog(page).getByRole('button', { name: 'Close' }).click();
      await page.waitForFunction(
        () => !document.querySelector('till-product-list')!.shadowRoot!.querySelector('dialog')!.open,
      );
      await waitForFocus(page, { className: 'title', text: 'Rear Window' }); // the title the cover belongs to

      // A shared link opens the product directly, whether or not the shelf shows it.
      await page.goto(`${shop.shopUrl}?product=${rearWindow._id.$oid}`);
      await dialog(page).locator('.details-body').waitFor();
      assert.equal((await dialog(page).locator('#details-title').textContent())!.trim(), 'Rear Window');
      assert.equal(await list(page).getAttribute('product'), rearWindow._id.$oid);
      await assertAccessible(page, 'the details opened by address');
      await page.keyboard.press('Escape');
      await page.waitForFunction(
        () => !document.querySelector('till-product-list')!.shadowRoot!.querySelector('dialog')!.open,
      );
      await page.waitForURL((url) => !url.searchParams.has('product'));

      // Opened from the shelf, Back closes it.
      await findRearWindow(page);
      await list(page).locator('.title').click();
      await dialog(page).locator('.details-body').waitFor();
      await page.goBack();
      await page.waitForFunction(
        () => !document.querySelector('till-product-list')!.shadowRoot!.querySelector('dialog')!.open,
      );
      await page.waitForURL((url) => !url.searchParams.has('product'));

      // An address for a product the shop does not sell says so.
      await page.goto(`${shop.shopUrl}?product=000000000000000000000000`);
      const heading = dialog(page).locator('#details-title');
      await page.waitForFunction(
        () =>
          document.querySelector('till-product-list')?.shadowRoot?.querySelector('#details-title')?.textContent ===
          'This product is not in the shop.',
      );
      assert.equal(await heading.textContent(), 'This product is not in the shop.');
      await assertAccessible(page, 'an unknown product');
      await page.close();
    });
  });
}

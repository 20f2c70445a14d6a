// The cart in the header and beside the shelf, on a desktop and a phone: one name, no "0" badge, a
// header popup whose lines fit it at 375 px, and a skip link that takes the keyboard past the shelf.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startShop, type Shop } from './harness.ts';
import { VIEWPORTS, assertAccessible, focused, insideViewport, openShop, tabUntil } from './shopper.ts';

let shop: Shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop?.close();
});

const header = (page: Page) => page.locator('till-cart[compact]');
const side = (page: Page) => page.locator('till-cart:not([compact])');

/** Adds the longest-named discounted film with every add-on: the widest line a cart can show. */
async function addWidestLine(page: Page): Promise<void> {
  await page.locator('till-product-list #search').fill('Three Colours');
  const card = page.locator('till-product-list [part=product]').filter({ hasText: 'Three Colours' });
  await card.locator('.add-ons input[type=checkbox]').first().waitFor();
  for (const box of await card.locator('.add-ons input[type=checkbox]').all()) await box.check();
  await card.locator('input[type=number]').fill('12');
  await card.locator('[part=add]').click();
  await side(page).locator('[part=line]').waitFor({ state: 'attached' });
}

for (const viewport of VIEWPORTS) {
  describe(`the cart on a ${viewport.name} (${viewport.width} px)`, () => {
    it('has one name, and no count badge until something is in it', async () => {
      const page = await openShop(shop, viewport);
      assert.equal(await header(page).locator('[part=count]').count(), 0, 'no "0" badge');
      assert.equal(await header(page).locator('[part=toggle]').getAttribute('aria-label'), 'Cart, 0 items');
      assert.equal((await side(page).locator('h2').textContent())!.trim(), 'Your cart');
      assert.equal((await header(page).locator('h2').textContent())!.trim(), 'Your cart');
      await page.locator('till-product-list [part=product] [part=add]').first().click();
      await header(page).locator('[part=count]').waitFor();
      assert.equal((await header(page).locator('[part=count]').textContent())!.trim(), '1');
      await assertAccessible(page, 'a cart with one line');
      await page.close();
    });

    it('fits the header popup’s lines inside it, total and Remove included', async () => {
      const page = await openShop(shop, viewport);
      await addWidestLine(page);
      // Keyboard: the header's cart button opens the popup, and Tab goes into it.
      await header(page).locator('[part=toggle]').focus();
      await page.keyboard.press('Enter');
      const panel = header(page).locator('[popover]');
      await page.waitForFunction(() =>
        document.querySelector('till-cart[compact]')!.shadowRoot!.querySelector('[popover]')!.matches(':popover-open'),
      );
      await tabUntil(page, (f) => f.host === 'till-cart' && f.className.includes('remove'), 12);

      const overflow = await panel.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      assert.ok(
        overflow.scroll <= overflow.client,
        `no horizontal overflow in the popup (${JSON.stringify(overflow)})`,
      );
      const box = (await panel.boundingBox())!;
      assert.ok(insideViewport(page, box), 'the popup is inside the screen');
      const line = panel.locator('[part=line]');
      for (const part of [line, line.locator('[part=line-total]'), line.locator('.remove'), line.locator('.stepper')]) {
        const inner = (await part.boundingBox())!;
        assert.ok(
          inner.x >= box.x && inner.x + inner.width <= box.x + box.width,
          `${await part.evaluate((el) => el.className || el.getAttribute('part'))} lies inside the popup`,
        );
      }
      assert.equal((await line.locator('[part=line-total]').textContent())!.trim(), '€393.88');
      assert.ok(
        (await page.evaluate(() => document.documentElement.scrollWidth)) <= viewport.width,
        'the page does not scroll sideways',
      );
      await assertAccessible(page, 'the header popup open');
      await page.keyboard.press('Escape');
      await page.waitForFunction(
        () =>
          !document
            .querySelector('till-cart[compact]')!
            .shadowRoot!.querySelector('[popover]')!
            .matches(':popover-open'),
      );
      await page.close();
    });

    it('has a skip link past the shelf: one Tab, Enter, and the cart’s checkout button is a few Tabs away', async () => {
      const page = await openShop(shop, viewport);
      await page.locator('till-product-list [part=product] [part=add]').first().click();
      await side(page).locator('[part=line]').waitFor({ state: 'attached' });
      // From the top of the page, as a keyboard user arrives.
      await page.reload();
      await side(page).locator('[part=line]').waitFor({ state: 'attached' });
      await page.keyboard.press('Tab');
      const skip = await focused(page);
      assert.equal(skip.text, 'Skip to your cart');
      assert.ok(insideViewport(page, await page.locator('.skip').boundingBox()), 'the skip link shows when focused');
      await assertAccessible(page, 'the skip link focused');
      await page.keyboard.press('Enter');
      assert.equal((await focused(page)).id, 'cart');
      const tabs = await tabUntil(page, (f) => f.host === 'till-cart' && f.text === 'Go to checkout', 10);
      assert.ok(tabs <= 6, `${tabs} Tabs from the cart to its checkout button`);
      await page.keyboard.press('Enter');
      await page.locator('till-checkout #email').waitFor();
      assert.equal((await focused(page)).id, 'checkout-title', 'focus is at the checkout');
      await page.close();
    });
  });
}

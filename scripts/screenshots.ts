// Regenerates the README's screenshots from the demo shop: `npm run screenshots`.
// Starts the reference server and the demo exactly as the end-to-end tests do.
import type { Page } from 'playwright-core';
import { addDvdWithAddOn, chooseTestCard, fillDetails, startShop } from '../test/e2e/harness.ts';

/** Waits until the page has drawn what it loaded (covers included), then a frame more. */
const settled = (page: Page) =>
  page.evaluate(async () => {
    await Promise.all([...document.images].map((img) => img.decode().catch(() => {})));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });

const shop = await startShop();
try {
  const page = await shop.browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
  await page.goto(shop.shopUrl);
  await page.locator('till-product-list [part=product]').first().waitFor();
  await addDvdWithAddOn(page);
  const discounted = page
    .locator('till-product-list [part=product]')
    .filter({ has: page.locator('s') })
    .first();
  await discounted.locator('[part=add]').click();
  await discounted.locator('[part=add]').click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0); // no hover left on a card
  await settled(page);
  await page.screenshot({ path: 'docs/cart.png' });

  // A product's details: its title opens them.
  await page.locator('till-product-list [part=product] .title').nth(1).click();
  await page.locator('till-product-list dialog[open] .details-body').waitFor();
  await settled(page);
  await page.screenshot({ path: 'docs/details.png' });
  await page.keyboard.press('Escape');

  // The checkout, shown when asked for, to its receipt.
  await page.locator('till-cart:not([compact]) [part=checkout]').click();
  await fillDetails(page, 'diehardlover@example.com');
  await page.locator('till-checkout button[type=submit]').click();
  await page.locator('till-checkout [part=pay]').waitFor();
  await chooseTestCard(page, '4242 4242 4242 4242');
  await page.locator('till-checkout [part=pay]').click();
  await page.locator('till-checkout [part=order-number]').waitFor();
  await page.locator('till-checkout').scrollIntoViewIfNeeded();
  await settled(page);
  await page.locator('#checkout').screenshot({ path: 'docs/receipt.png' });

  // The receipt's link to the order history, signed in with the checkout's email.
  await page.locator('till-checkout [part=orders]').click();
  await page.locator('till-orders [part=order]').first().waitFor();
  await settled(page);
  await page.screenshot({ path: 'docs/orders.png' });
  await page.locator('till-orders [part=order]').first().click();
  await page.locator('till-orders [part=payments]').waitFor();
  await settled(page);
  await page.screenshot({ path: 'docs/order.png', fullPage: true });
  console.log('wrote docs/cart.png, docs/details.png, docs/receipt.png, docs/orders.png and docs/order.png');
} finally {
  await shop.close();
}

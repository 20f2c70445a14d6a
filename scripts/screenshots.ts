// Regenerates the README's screenshots from the demo shop: `npm run screenshots`.
// Starts the reference server and the demo exactly as the end-to-end tests do.
import { addDvdWithAddOn, chooseTestCard, fillDetails, startShop } from '../test/e2e/harness.ts';

const shop = await startShop();
try {
  const page = await shop.browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
  await page.goto(shop.shopUrl);
  await page.locator('till-product-list [part=product]').first().waitFor();
  await addDvdWithAddOn(page);
  await page.locator('till-product-list [part=product]').nth(1).locator('[part=add]').click();
  await page.locator('till-product-list [part=product]').nth(1).locator('[part=add]').click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/cart.png' });

  await page.locator('till-cart:not([compact]) [part=checkout]').click();
  await fillDetails(page, 'diehardlover@example.com');
  await page.locator('till-checkout button[type=submit]').click();
  await page.locator('till-checkout [part=pay]').waitFor();
  await chooseTestCard(page, '4242 4242 4242 4242');
  await page.locator('till-checkout [part=pay]').click();
  await page.locator('till-checkout [part=order-number]').waitFor();
  await page.locator('till-checkout').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.locator('#checkout').screenshot({ path: 'docs/confirmation.png' });

  // The confirmation's link to the order history, signed in with the checkout's email.
  await page.locator('till-checkout [part=orders]').click();
  await page.locator('till-orders [part=order]').first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/orders.png' });
  await page.locator('till-orders [part=order]').first().click();
  await page.locator('till-orders [part=payments]').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/order.png', fullPage: true });
  console.log('wrote docs/cart.png, docs/confirmation.png, docs/orders.png and docs/order.png');
} finally {
  await shop.close();
}

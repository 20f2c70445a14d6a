import { formatMoney } from 'tillkit/core';
import type { BooticOrderRow, ShopRow } from './rows.ts';

const escape = (value: string): string =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const money = (amount: number, currency: string) => formatMoney({ amount, currency }, 'en-US');

/**
 * The "Bootic checkout" (or web cart) stand-in: a small page naming the order and its total, so an
 * end-to-end checkout can end on this machine. No contact data: anyone with the link may open it.
 */
export function webPage(kind: 'checkout' | 'cart', order: BooticOrderRow, shop: ShopRow): string {
  const heading = kind === 'checkout' ? 'Checkout' : 'Cart';
  const rows = order.line_items
    .map(
      (item) =>
        `<tr><th scope="row">${escape(item.product_title)} <span class="muted">(${escape(item.variant_title)})</span></th>` +
        `<td>${item.units}</td><td>${escape(money(item.total, order.currency))}</td></tr>`,
    )
    .join('\n        ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${heading} · order ${escape(order.code)} · ${escape(shop.name)}</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
      main { max-width: 40rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border: 1px solid #d0d0d0; border-radius: 8px; }
      .note { background: #fff4ce; padding: 0.5rem 0.75rem; border-radius: 4px; }
      table { width: 100%; border-collapse: collapse; }
      th, td { text-align: left; padding: 0.4rem 0.25rem; border-bottom: 1px solid #e5e5e5; }
      td:last-child, tfoot td { text-align: right; }
      .muted { color: #555; font-weight: normal; }
    </style>
  </head>
  <body>
    <main>
      <p class="note" role="note">Bootic ${kind} stand-in served by the Tillkit reference server: no payment is taken here.</p>
      <h1>${heading}: order <span id="order-code">${escape(order.code)}</span></h1>
      <p>${escape(shop.name)} · status <strong>${escape(order.status)}</strong></p>
      <table>
        <caption>Items in order ${escape(order.code)}</caption>
        <thead><tr><th scope="col">Item</th><th scope="col">Units</th><th scope="col">Total</th></tr></thead>
        <tbody>
        ${rows}
        </tbody>
        <tfoot>
          <tr><th scope="row" colspan="2">Shipping</th><td>${escape(money(order.shipping_total, order.currency))}</td></tr>
          <tr><th scope="row" colspan="2">Total</th><td><data id="order-total" value="${order.total}">${escape(money(order.total, order.currency))}</data></td></tr>
        </tfoot>
      </table>
    </main>
  </body>
</html>
`;
}

export function notFoundPage(): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>Order not found</title></head>
  <body><main><h1>Order not found</h1><p>No order has this code.</p></main></body>
</html>
`;
}

import { html, nothing, type TemplateResult } from 'lit';
import type { Order } from '../../api/types.ts';
import type { TillCheckout } from './checkout.ts';

/** A line of a summary: the cart's before the order exists, the order's items after. */
export interface SummaryLine {
  readonly quantity: number;
  readonly name: string;
  /** The names of the add-ons chosen with it. */
  readonly addOns: readonly string[];
  /** The line's total in minor units. */
  readonly amount: number;
}

/** A figure under the lines. */
export interface SummaryRow {
  readonly label: string;
  readonly amount: number;
  /** `total`: the summary's total; `muted`: a secondary figure (the VAT included). */
  readonly kind?: 'total' | 'muted';
  /** The total is the amount the customer is asked for: the `total` part. */
  readonly part?: boolean;
}

export interface Summary {
  readonly lines: readonly SummaryLine[];
  readonly currency: string;
  readonly rows: readonly SummaryRow[];
  /** A heading of its own (the default); left out where the step's heading already says it. */
  readonly heading?: boolean;
}

/** The one order summary of the checkout: the cart's at the details, the order's after. */
export function renderSummary(host: TillCheckout, { lines, currency, rows, heading = true }: Summary): TemplateResult {
  const money = (amount: number) => host.money(amount, currency);
  return html`<aside part="summary" class="summary" aria-label=${host.t('checkout.summary')}>
      ${heading ? html`<h3>${host.t('checkout.summary')}</h3>` : nothing}
      <ul>
        ${lines.map(
          (line) => html`<li>
            <span>${line.quantity} × ${line.name}${line.addOns.length ? html`<br /><span class="muted">${host.t('with', { addOns: line.addOns.join(', ') })}</span>` : nothing}</span>
            <span class="price">${money(line.amount)}</span>
          </li>`,
        )}
      </ul>
      ${rows.map((row) =>
        row.kind === 'total'
          ? html`<p class="total-row"><span>${row.label}</span><span part=${row.part ? 'total' : nothing} class="price order-total">${money(row.amount)}</span></p>`
          : html`<p class=${row.kind === 'muted' ? 'muted total-row' : 'total-row'}><span>${row.label}</span><span class="price">${money(row.amount)}</span></p>`,
      )}
    </aside>`;
}

/** An order's summary: its items and its total, "Paid" once it is. */
export const renderOrderSummary = (host: TillCheckout, order: Order, paid = false): TemplateResult =>
  renderSummary(host, {
    currency: order.currency,
    lines: order.items.map((item) => ({
      quantity: item.quantity,
      name: item.name,
      addOns: item.subProducts.map((s) => s.name),
      amount: item.finalPrice,
    })),
    rows: [{ label: host.t(paid ? 'checkout.paid' : 'total'), amount: order.totalAmount, kind: 'total' }],
  });

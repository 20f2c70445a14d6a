import { html, nothing, type TemplateResult } from 'lit';
import type { OrderSummary } from '../../core/index.ts';
import type { CartLine } from '../../state/cart.ts';
import { cartReceipt, type AppliedCoupon, type Receipt } from '../../state/checkout/index.ts';
import type { TillCheckout } from './checkout.ts';

/** A line of a summary: the cart's before the order exists, the order's items after. */
export interface SummaryLine {
  readonly quantity: number;
  readonly name: string;
  /** The names of the add-ons chosen with it. */
  readonly addOns: readonly string[];
  /** The line's total in minor units. */
  readonly amount: number;
  /** Its discount (0.1 = 10 %), shown beside it. */
  readonly discount?: number;
}

/** A figure under the lines. */
export interface SummaryRow {
  readonly label: string;
  readonly amount: number;
  /** `total`: the summary's total; `muted`: a secondary figure (the VAT included); `less`: taken off. */
  readonly kind?: 'total' | 'muted' | 'less';
  /** The total is the amount the customer is asked for: the `total` part. */
  readonly part?: boolean;
}

export interface Summary {
  readonly lines: readonly SummaryLine[];
  readonly currency: string;
  readonly rows: readonly SummaryRow[];
  /** A heading of its own (the default); left out where the step's heading already says it. */
  readonly heading?: boolean;
  /** Its name: "Order summary" unless told. */
  readonly label?: string;
  /** What follows the figures (the discount-code field, a notice about the code). */
  readonly after?: unknown;
}

/** The one order summary of the checkout: the cart's at the details, the order's after, the receipt's. */
export function renderSummary(host: TillCheckout, summary: Summary): TemplateResult {
  return section(summary.label ?? host.t('checkout.summary'), renderFigures(host, summary), summary.after ?? nothing);
}

export const section = (label: string, figures: TemplateResult, after: unknown) =>
  html`<section part="summary" class="summary" aria-label=${label}>${figures}${after}</section>`;

/** A summary's heading, lines and figures: what {@link renderSummary} shows before `after`. */
export function renderFigures(
  host: TillCheckout,
  { lines, currency, rows, heading = true, label = host.t('checkout.summary') }: Summary,
): TemplateResult {
  const money = (amount: number) => host.money(amount, currency);
  return html`${heading ? html`<h3>${label}</h3>` : nothing}
      <ul>
        ${lines.map(
          (line) => html`<li>
            <span>${line.quantity} × ${line.name}${line.addOns.length ? html`<br /><span class="muted">${host.t('with', { addOns: line.addOns.join(', ') })}</span>` : nothing}${line.discount ? html`<br /><span class="muted">${host.t('discount', { percent: host.percent(line.discount) })}</span>` : nothing}</span>
            <span class="price">${money(line.amount)}</span>
          </li>`,
        )}
      </ul>
      ${rows.map((row) =>
        row.kind === 'total'
          ? html`<p class="total-row"><span>${row.label}</span><span part=${row.part ? 'total' : nothing} class="price order-total">${money(row.amount)}</span></p>`
          : html`<p class="total-row ${row.kind ?? ''}"><span>${row.label}</span><span class="price">${row.kind === 'less' ? '−' : ''}${money(row.amount)}</span></p>`,
      )}`;
}

/**
 * The figures under a receipt's lines: the products' discounts (when any), the discount code's line
 * (named with the code), the total, the VAT it includes.
 */
export const receiptRows = (host: TillCheckout, receipt: Receipt, total: string, part = false): SummaryRow[] => [
  ...(receipt.discount ? [{ label: host.t('discounts'), amount: receipt.discount, kind: 'less' as const }] : []),
  ...(receipt.coupon
    ? [
        {
          label: host.t('checkout.coupon.line', { code: receipt.coupon.code }),
          amount: receipt.coupon.amount,
          kind: 'less' as const,
        },
      ]
    : []),
  { label: total, amount: receipt.total, kind: 'total', part },
  { label: host.t('vat'), amount: receipt.vat, kind: 'muted' },
];

/*
 * The checkout renders again on every key the customer types into its forms; a summary's figures are
 * made again only when what they show changed (the lines or the order, the code, the texts, the
 * locale). Figures kept are the same template result: Lit compares their values and changes nothing.
 * What follows them (`after`: the code's field, a notice) is rendered each time.
 */
type Kept = Map<string, { deps: readonly unknown[]; value: TemplateResult }>;
const kept = new WeakMap<TillCheckout, Kept>();

export function memo(
  host: TillCheckout,
  slot: string,
  deps: readonly unknown[],
  make: () => TemplateResult,
): TemplateResult {
  let slots = kept.get(host);
  if (!slots) kept.set(host, (slots = new Map() as Kept));
  const last = slots.get(slot);
  if (last && last.deps.length === deps.length && last.deps.every((dep, i) => dep === deps[i])) return last.value;
  const value = make();
  slots.set(slot, { deps, value });
  return value;
}

/** The cart as it stands, priced as the backend prices it, with the code applied; `after` is the code's field. */
export function renderCartSummary(
  host: TillCheckout,
  lines: readonly CartLine[],
  summary: OrderSummary,
  coupon: AppliedCoupon | null = null,
  after: unknown = nothing,
): TemplateResult {
  const figures = memo(host, 'cart', [lines, summary, coupon, host.texts, host.resolved], () => {
    const receipt = cartReceipt(lines, summary, coupon);
    const rows = receiptRows(host, receipt, host.t('total'), true);
    return renderFigures(host, { currency: receipt.currency, lines: receipt.lines, rows });
  });
  return section(host.t('checkout.summary'), figures, after);
}

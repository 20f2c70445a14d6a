import { parseRate } from './decimal.ts';
import { TillError } from './errors.ts';
import { assertMinor } from './money.ts';
import {
  CURRENCY_MISMATCH,
  assertPrice,
  assertQuantity,
  mulDivRound,
  priceLine,
  priceUnits,
  type LinePrice,
  type PricingLine,
  type SubProductPricing,
} from './pricing.ts';

/** An order's totals, in minor units of its one currency. */
export interface OrderSummary {
  /** The order's one currency; null for an empty order. */
  readonly currency: string | null;
  /** One per line, in the lines' order; they add up to `total` and `vat` exactly. */
  readonly lines: readonly LinePrice[];
  /** `total_amount`: the sum of the lines' rounded final prices. */
  readonly total: number;
  /** The VAT included in the total: the sum of the lines' VAT shares. */
  readonly vat: number;
  /** The total net of VAT. */
  readonly net: number;
  /** `total_quantity`: the sum of the quantities. */
  readonly totalQuantity: number;
  /** `units`: the number of lines. */
  readonly units: number;
}

/**
 * Summarises an order: one currency, every line priced, totals summed from the rounded lines. Throws
 * the documented currency error when lines disagree.
 *
 * `bundled` (BuiltOn, seed 001) prices each line on its own. `separate` prices a cart the way a backend
 * without add-ons (Bootic) prices the order made of it: every product and add-on is a line item of its
 * variant (`ref`), the units of one variant from all lines are added up, and each variant is rounded
 * once. Each line then shows its share of its variants' rounded totals, so the lines still add up to
 * the total exactly (the server's Bootic pricing calls this too, so cart and order agree to the unit).
 *
 * `price` prices one `bundled` line (`priceLine` by default): a caller whose lines are immutable can
 * pass one that remembers each line's price, so a long cart with one changed line prices one line.
 */
export function summarize<Line extends PricingLine>(
  lines: readonly Line[],
  subProducts: SubProductPricing = 'bundled',
  price: (line: Line) => LinePrice = priceLine,
): OrderSummary {
  let currency: string | null = null;
  let totalQuantity = 0;
  let priced = new Array<LinePrice>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (currency === null) currency = line.currency;
    else if (line.currency !== currency) throw new TillError('currency-mismatch', CURRENCY_MISMATCH, 'currency');
    if (subProducts === 'bundled') priced[i] = price(line);
    totalQuantity += line.quantity;
  }
  if (subProducts === 'separate') priced = priceByVariant(lines);
  let total = 0;
  let vat = 0;
  for (const price of priced) {
    total += price.final;
    vat += price.vat;
  }
  assertMinor(total, 'total_amount');
  return { currency, lines: priced, total, vat, net: total - vat, totalQuantity, units: lines.length };
}

/** A product or add-on of a line, as a line item of its variant. */
type Part = Pick<PricingLine, 'ref' | 'price' | 'discount' | 'vat'>;

/** One variant of the order: its terms, its units from every line, and which lines they came from. */
interface Variant {
  readonly part: Part;
  readonly currency: string;
  quantity: number;
  readonly from: { readonly line: number; readonly quantity: number }[];
}

/**
 * Parts of one variant are one line item when they are sold on the same terms. A part without a ref is
 * a line item of its own; parts of one ref on different terms (a stale line) are priced apart.
 */
function variantKey(part: Part, line: number, index: number): string {
  if (!part.ref) return `line:${line}.${index}`;
  const discount = parseRate(part.discount, 'discount');
  const vat = parseRate(part.vat, 'vat');
  return `ref:${part.ref} ${part.price} ${discount.num}/${discount.den} ${vat.num}/${vat.den}`;
}

function priceByVariant(lines: readonly PricingLine[]): LinePrice[] {
  const variants = new Map<string, Variant>();
  const units = lines.map((line, i) => {
    assertQuantity(line.quantity);
    const parts: Part[] = [line, ...(line.subProducts ?? []).map((sub) => ({ ...sub, vat: sub.vat ?? line.vat }))];
    let unit = 0;
    parts.forEach((part, j) => {
      assertPrice(part.price, j === 0 ? 'price' : 'sub_products.price');
      unit += part.price;
      const key = variantKey(part, i, j);
      let variant = variants.get(key);
      if (!variant) variants.set(key, (variant = { part, currency: line.currency, quantity: 0, from: [] }));
      variant.quantity += line.quantity;
      variant.from.push({ line: i, quantity: line.quantity });
    });
    assertMinor(unit, 'price');
    return unit;
  });
  const finals = new Array<number>(lines.length).fill(0);
  const vats = new Array<number>(lines.length).fill(0);
  for (const { part, currency, quantity, from } of variants.values()) {
    const priced = priceUnits({ ...part, currency }, quantity);
    // Shares by cumulative rounding: each line gets round(total × units so far / units) less what the
    // lines before it got, so the shares add up to the rounded total exactly. VAT is shared in proportion
    // to those shares, so no line's VAT exceeds its price.
    let units = 0;
    let finalBefore = 0;
    let vatBefore = 0;
    for (const { line, quantity: q } of from) {
      units += q;
      const final = mulDivRound(priced.final, units, quantity);
      const vat = priced.final === 0 ? 0 : mulDivRound(priced.vat, final, priced.final);
      finals[line]! += final - finalBefore;
      vats[line]! += vat - vatBefore;
      finalBefore = final;
      vatBefore = vat;
    }
  }
  return units.map((unit, i) => ({ unit, final: finals[i]!, vat: vats[i]!, net: finals[i]! - vats[i]! }));
}

import { summarize } from 'tillkit/core';
import type { ProductRow } from '../model/products.ts';
import type { LineItemRequest } from './input.ts';
import type { LineItemSnapshot } from './rows.ts';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/**
 * Prices the line items with core, one line per variant: unit price × units, the product's discount,
 * rounded once per variant. It is core's `summarize(..., 'separate')`, which prices the widget's cart
 * for this backend, so the order's total is the total the cart showed.
 */
export function priceLineItems(
  requests: readonly LineItemRequest[],
  variants: ReadonlyMap<number, ProductRow>,
): { items: LineItemSnapshot[]; net: number; discount: number; total: number } {
  const lines = requests.map((r) => {
    const row = variants.get(r.variantId)!;
    const line = { ref: String(r.variantId), price: row.price, discount: row.discount, vat: row.vat };
    return { row, r, line: { ...line, quantity: r.units, currency: row.currency } };
  });
  const summary = summarize(
    lines.map((l) => l.line),
    'separate',
  );
  const items = lines.map(({ row, r }, i): LineItemSnapshot => {
    const final = summary.lines[i]!.final;
    const net = row.price * r.units;
    const image = row.image ?? row.media[0] ?? null;
    const weight = row.properties.weight_in_grams;
    return {
      product: row.id,
      product_id: r.variantId,
      product_title: row.name,
      variant_id: r.variantId,
      variant_title: text(row.properties.variant) ?? 'Default',
      variant_sku: text(row.properties.sku) ?? row.human_id,
      unit_price: row.price,
      units: r.units,
      discount: row.discount,
      vat: row.vat,
      net_total: net,
      discount_total: net - final,
      total: final,
      weight_in_grams: typeof weight === 'number' && Number.isSafeInteger(weight) ? weight * r.units : null,
      image: image?.url ?? null,
    };
  });
  const discount = items.reduce((sum, item) => sum + item.discount_total, 0);
  return { items, net: summary.total, discount, total: summary.total };
}

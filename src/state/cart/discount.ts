import type { OrderSummary } from '../../core/index.ts';

/**
 * What the lines' discounts take off, in minor units: each line's price before discount (`unit` ×
 * quantity) less its rounded `final`, summed. Zero when nothing is discounted. `quantities` are the
 * lines' in the summary's order.
 */
export const discountOf = (summary: Pick<OrderSummary, 'lines'>, quantities: readonly number[]): number =>
  summary.lines.reduce((sum, line, i) => sum + line.unit * (quantities[i] ?? 0) - line.final, 0);

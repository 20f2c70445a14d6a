import { isCurrencyCode, isJsonObject, summarize } from '../../core/index.ts';
import type { CartLine, CartSubProduct } from './line.ts';

/**
 * The saved cart: the text kept in storage under a key namespaced by the merchant's API key, and how
 * it is read back. Anything this version did not write (another schema version, foreign or corrupt
 * data, a line that does not price) reads as `undefined`, so the store can discard it.
 */

/** Saved cart layout version: bump it, and old entries are discarded as foreign. */
export const CART_SCHEMA_VERSION = 1;

export const cartStorageKey = (apiKey: string): string => `till:cart:${apiKey || 'default'}`;

/** Each line's JSON, kept while the line lives, and the lines last encoded with theirs. */
const encoded = new WeakMap<CartLine, string>();
let last: { lines: readonly CartLine[]; parts: string[] } = { lines: [], parts: [] };

/**
 * The text to save for `lines` (what `JSON.stringify({ v, lines })` gives); null for an empty cart,
 * whose entry is removed instead. Lines are immutable, so a line's JSON is made once: a change to one
 * line of a long cart encodes that line and joins the others' text.
 */
export function encodeCart(lines: readonly CartLine[]): string | null {
  if (!lines.length) return null;
  const parts = lines.map((line, i) => {
    if (last.lines[i] === line) return last.parts[i]!;
    let json = encoded.get(line);
    if (json === undefined) encoded.set(line, (json = JSON.stringify(line)));
    return json;
  });
  last = { lines, parts };
  return `{"v":${CART_SCHEMA_VERSION},"lines":[${parts.join(',')}]}`;
}

/** Reads saved lines, or `undefined` when the text is not a cart this version wrote. */
export function decodeCart(raw: string): CartLine[] | undefined {
  try {
    const data: unknown = JSON.parse(raw);
    if (!isJsonObject(data) || data['v'] !== CART_SCHEMA_VERSION || !Array.isArray(data['lines'])) return undefined;
    const lines = data['lines'].map(decodeLine);
    if (lines.some((l) => l === undefined)) return undefined;
    const valid = lines as CartLine[];
    if (new Set(valid.map((l) => l.key)).size !== valid.length) return undefined;
    summarize(valid); // one currency, valid prices, rates and quantities
    return valid;
  } catch {
    return undefined;
  }
}

function decodeLine(value: unknown): CartLine | undefined {
  if (!isJsonObject(value)) return undefined;
  const { key, productId, name, price, discount, vat, currency, image, quantity, subProducts, ref = null } = value;
  if (
    typeof key !== 'string' ||
    typeof productId !== 'string' ||
    typeof name !== 'string' ||
    typeof price !== 'number' ||
    typeof discount !== 'number' ||
    typeof vat !== 'number' ||
    !isCurrencyCode(currency) ||
    !(image === null || typeof image === 'string') ||
    !(ref === null || typeof ref === 'string') ||
    typeof quantity !== 'number' ||
    !Array.isArray(subProducts)
  ) {
    return undefined;
  }
  const subs: CartSubProduct[] = [];
  for (const sub of subProducts) {
    const { id, name, price, discount = 0, vat: subVat = vat, ref = null } = isJsonObject(sub) ? sub : {};
    if (
      typeof id !== 'string' ||
      typeof name !== 'string' ||
      typeof price !== 'number' ||
      typeof discount !== 'number' ||
      typeof subVat !== 'number' ||
      !(ref === null || typeof ref === 'string')
    ) {
      return undefined;
    }
    subs.push({ id, name, price, discount, vat: subVat, ref });
  }
  return { key, productId, name, price, discount, vat, currency, image, ref, quantity, subProducts: subs };
}

import { toDecimalString } from 'tillkit/core';

/**
 * A JSON number written exactly as given. `JSON.stringify(87)` writes `87`, but the API promises money
 * with the currency's decimals (`87.00`, JPY `1500`, KWD `1.234`), and rates as the decimal that was
 * stored (`0.25`). The text is always produced by our own formatters, never by a client.
 */
export class RawDecimal {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** Minor units as a JSON number with exactly the currency's decimals: 8700 EUR → `87.00`. */
export const money = (amount: number, currency: string): RawDecimal =>
  new RawDecimal(toDecimalString(amount, currency));

/** A stored rate (NUMERIC read as text, e.g. "0.25") as the same JSON number. */
export const rate = (text: string): RawDecimal => new RawDecimal(text);

/** Media are stored with server-relative URLs (`/media/...`); answers carry absolute ones on `origin`. */
export const absoluteUrl = (url: string, origin: string): string =>
  url.startsWith('/') && !url.startsWith('//') ? origin + url : url;

/** MongoDB extended JSON, as the seeds write ids and dates. */
export const oid = (id: string): { $oid: string } => ({ $oid: id });
export const date = (ms: number): { $date: number } => ({ $date: ms });
export const optionalDate = (ms: number | null | undefined): { $date: number } | null =>
  ms === null || ms === undefined ? null : { $date: ms };

export type Json =
  string | number | boolean | null | RawDecimal | readonly Json[] | { readonly [key: string]: Json | undefined };

/**
 * `JSON.stringify` that writes `RawDecimal` raw. Keys whose value is `undefined` are left out, as
 * `JSON.stringify` does; everything else is delegated to it.
 */
export function stringify(value: Json | undefined): string {
  if (value instanceof RawDecimal) return value.text;
  if (value === null || value === undefined || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return '[' + value.map((v: Json) => stringify(v)).join(',') + ']';
  let out = '';
  for (const [key, v] of Object.entries(value as { readonly [key: string]: Json | undefined })) {
    if (v === undefined) continue;
    out += (out ? ',' : '') + JSON.stringify(key) + ':' + stringify(v);
  }
  return '{' + out + '}';
}

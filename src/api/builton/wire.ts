import { assertPrice, isJsonObject, isTillError, parseRate, toMinor } from '../../core/index.ts';
import type { HttpResponse } from '../http.ts';
import type { ListQuery, Page } from '../types.ts';

/**
 * Readers for BuiltOn's wire JSON, read defensively: ids as `{"$oid"}` or strings (or an expanded
 * object's `_id`), dates as `{"$date"}`, numbers or ISO strings, money through its decimal string into
 * minor units of the object's own currency. A required field missing or malformed throws `Shape`
 * naming the wire field; an optional one falls back to the API's documented default.
 */

/** A wire field that is missing or not what the contract says. */
export class Shape extends Error {
  constructor(readonly field: string) {
    super(`unexpected ${field || 'body'}`);
  }
}

export type Json = Record<string, unknown>;

export function object(v: unknown, field: string): Json {
  if (!isJsonObject(v)) throw new Shape(field);
  return v;
}

/** An array; absent (null or missing) reads as empty, anything else is refused. */
export function array(v: unknown, field: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (v == null) return [];
  throw new Shape(field);
}

export const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
export const optStr = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
export const int = (v: unknown, fallback: number): number => (Number.isSafeInteger(v) ? (v as number) : fallback);

export function required(v: unknown, field: string): string {
  if (typeof v !== 'string' || !v) throw new Shape(field);
  return v;
}

/** An id: `"abc"`, `{"$oid": "abc"}`, or an expanded object carrying `_id` (or `id`). */
export function id(v: unknown, field: string): string {
  if (typeof v === 'string' && v) return v;
  if (isJsonObject(v)) {
    if (typeof v['$oid'] === 'string' && v['$oid']) return v['$oid'];
    if (v['_id'] !== undefined) return id(v['_id'], field);
    if (v['id'] !== undefined) return id(v['id'], field);
  }
  throw new Shape(field);
}

export const optId = (v: unknown, field: string): string | null => (v == null ? null : id(v, field));

export const ids = (v: unknown, field: string): string[] => array(v, field).map((x) => id(x, field));

/** A date: `{"$date": ms}` (or its `$numberLong` form), epoch ms, or an ISO string; else null. */
export function date(v: unknown): Date | null {
  let raw = isJsonObject(v) ? v['$date'] : v;
  if (isJsonObject(raw)) raw = raw['$numberLong'];
  const ms =
    typeof raw === 'number' ? raw : typeof raw === 'string' ? (/^\d+$/.test(raw) ? Number(raw) : Date.parse(raw)) : NaN;
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/** Money in minor units, read exactly; over-precise or negative amounts are refused (via TillError). */
export function money(v: unknown, currency: string, field: string): number {
  if (typeof v !== 'number' && typeof v !== 'string') throw new Shape(field);
  const amount = toMinor(v, currency, field);
  assertPrice(amount, field);
  return amount;
}

export const optMoney = (v: unknown, currency: string, field: string, fallback: number): number =>
  v == null ? fallback : money(v, currency, field);

/** A discount or VAT rate, a decimal 0..1; absent is 0. Checked now so the cart never meets a bad one. */
export function rate(v: unknown, field: string): number {
  if (v == null) return 0;
  if (typeof v !== 'number') throw new Shape(field);
  parseRate(v, field);
  return v;
}

/**
 * A page of a list: a bare array, as the seeds answer, with the total in `X-Total-Count`. A malformed
 * entry is left out with a warning rather than failing the whole page: one bad record of a merchant's
 * should not empty a shop window or an order history.
 */
export function page<T>(
  data: unknown,
  response: HttpResponse,
  q: ListQuery,
  read: (v: unknown) => T,
  what: string,
): Page<T> {
  if (!Array.isArray(data)) throw new Shape('');
  const items: T[] = [];
  for (const entry of data) {
    try {
      items.push(read(entry));
    } catch (error) {
      if (!(error instanceof Shape || isTillError(error))) throw error;
      console.warn(`[tillkit] left out ${what} the API sent malformed:`, error.message, entry);
    }
  }
  const total = response.headers.get('X-Total-Count');
  return {
    items,
    page: q.page ?? 0,
    size: q.size ?? 10,
    total: total !== null && /^\d+$/.test(total.trim()) ? Number(total) : null,
  };
}

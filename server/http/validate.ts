import { formatDecimal, isJsonObject, parseDecimal, parseRate } from 'tillkit/core';
import { badRequest } from './errors.ts';

/**
 * Small readers for request bodies and query strings. Each names the field at fault, so a form can put
 * the message next to it; wrong types are 400s, never exceptions deeper down.
 */
export type Body = Readonly<Record<string, unknown>>;

const MAX_TEXT = 10_000;

export function optString(body: Body, key: string, max = MAX_TEXT, field = key): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest('type-invalid', `${field} must be a string`, field);
  if (value.length > max) throw badRequest('too-long', `${field} is longer than ${max} characters`, field);
  return value;
}

export function reqString(body: Body, key: string, max = MAX_TEXT, field = key): string {
  const value = optString(body, key, max, field);
  if (value === undefined || value.trim() === '') throw badRequest('required', `${field} is required`, field);
  return value;
}

export function optBool(body: Body, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest('type-invalid', `${key} must be true or false`, key);
  return value;
}

export function optStringArray(body: Body, key: string, maxItems = 100, maxLength = 200): string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length > maxItems) {
    throw badRequest('type-invalid', `${key} must be a list of at most ${maxItems} strings`, key);
  }
  return value.map((item, i) => {
    if (typeof item !== 'string' || item.length > maxLength) {
      throw badRequest(
        'type-invalid',
        `${key}[${i}] must be a string of at most ${maxLength} characters`,
        `${key}[${i}]`,
      );
    }
    return item;
  });
}

const MAX_DEPTH = 8;

/**
 * Free-form JSON that is stored as given (addresses, properties, resources) may nest only so deep:
 * enough for any address, and no stack for a hostile body to exhaust when it is read back.
 */
export function assertShallow(value: unknown, field: string, depth = 0): void {
  if (typeof value !== 'object' || value === null) return;
  if (depth >= MAX_DEPTH)
    throw badRequest('type-invalid', `${field} is nested more than ${MAX_DEPTH} levels deep`, field);
  for (const item of Object.values(value)) assertShallow(item, field, depth + 1);
}

/** A JSON object stored as given (addresses, properties). */
export function optObject(body: Body, key: string): Body | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) throw badRequest('type-invalid', `${key} must be an object`, key);
  assertShallow(value, key);
  return value;
}

export function optObjectArray(body: Body, key: string, maxItems = 50): Body[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length > maxItems || !value.every(isJsonObject)) {
    throw badRequest('type-invalid', `${key} must be a list of at most ${maxItems} objects`, key);
  }
  assertShallow(value, key);
  return value;
}

/** A point in time as the seeds send it: epoch milliseconds, or `{"$date": ms}` echoed back. */
export function optTimestamp(body: Body, key: string): number | null | undefined {
  let value = body[key];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (isJsonObject(value) && '$date' in value) value = value.$date;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw badRequest('type-invalid', `${key} must be a timestamp in milliseconds`, key);
  }
  return value;
}

/** A rate (discount, VAT) as the exact decimal text stored in NUMERIC: 0.10 → "0.1". */
export function rateText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw badRequest('type-invalid', `${field} must be a decimal between 0 and 1`, field);
  parseRate(value, field);
  const { digits, scale } = parseDecimal(value, field, 'rate-invalid');
  return formatDecimal(digits, scale);
}

/**
 * An id sent as `"5a2…"`, echoed back as `{"$oid": "5a2…"}`, or as the object an answer embedded
 * (an order's `user`: `{"_id": {"$oid": "5a2…"}, …}`). Shape is checked by the caller.
 */
export function idValue(value: unknown): unknown {
  if (!isJsonObject(value)) return value;
  if (typeof value.$oid === 'string') return value.$oid;
  if (value._id === undefined) return value;
  const inner = value._id;
  return isJsonObject(inner) && typeof inner.$oid === 'string' ? inner.$oid : inner;
}

type Query = (name: string) => string | undefined;

export function queryInt(
  query: Query,
  name: string,
  fallback: number | undefined,
  min: number,
  max: number,
): number | undefined {
  const text = query(name);
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw badRequest('query-invalid', `${name} must be a whole number from ${min} to ${max}`, name);
  }
  return value;
}

export function queryBool(query: Query, name: string): boolean {
  const text = query(name);
  if (text === undefined || text === '' || text === 'false' || text === '0') return false;
  if (text === 'true' || text === '1') return true;
  throw badRequest('query-invalid', `${name} must be true or false`, name);
}

export function queryEnum<T extends string>(query: Query, name: string, values: readonly T[], fallback: T): T;
export function queryEnum<T extends string>(query: Query, name: string, values: readonly T[]): T | undefined;
export function queryEnum<T extends string>(
  query: Query,
  name: string,
  values: readonly T[],
  fallback?: T,
): T | undefined {
  const text = query(name);
  if (text === undefined || text === '') return fallback;
  const found = values.find((v) => v.toLowerCase() === text.toLowerCase());
  if (!found) throw badRequest('query-invalid', `${name} must be one of ${values.join(', ')}`, name);
  return found;
}

/** The `query` of a `/search` route: required, at most 200 characters, trimmed. */
export function querySearch(query: Query): string {
  const text = query('query')?.trim() ?? '';
  if (!text) throw badRequest('required', 'query is required', 'query');
  if (text.length > 200) throw badRequest('query-invalid', 'query is longer than 200 characters', 'query');
  return text;
}

/** Paging as the seeds document it: `size` (default 10) and `page` (default 0). */
export function paging(query: Query): { size: number; page: number; offset: number } {
  const size = queryInt(query, 'size', 10, 1, 500)!;
  const page = queryInt(query, 'page', 0, 0, 1_000_000)!;
  return { size, page, offset: size * page };
}

/** `from_date` / `to_date` in epoch milliseconds, both inclusive. */
export function dateRange(query: Query): { from: number | undefined; to: number | undefined } {
  const max = 8_640_000_000_000_000;
  return { from: queryInt(query, 'from_date', undefined, 0, max), to: queryInt(query, 'to_date', undefined, 0, max) };
}

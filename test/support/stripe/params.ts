// Reading a request's parsed parameters the way Stripe validates them: unknown parameters refused,
// integers, booleans, enums, metadata (where an empty value deletes a key).
import { invalidParam, missingParam, unknownParam } from './errors.ts';
import type { FormObject, FormValue } from './form.ts';
import type { Metadata } from './objects.ts';

export class Params {
  readonly raw: FormObject;
  constructor(raw: FormObject) {
    this.raw = raw;
  }

  /** Refuses any top-level parameter not in `known` (`expand` is always accepted). */
  only(...known: string[]): this {
    for (const key of Object.keys(this.raw)) {
      if (key !== 'expand' && !known.includes(key)) throw unknownParam(key);
    }
    return this;
  }

  has(key: string): boolean {
    return key in this.raw;
  }

  string(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw invalidParam(`Invalid string: ${describe(value)}`, key);
    return value;
  }

  required(key: string): string {
    const value = this.string(key);
    if (value === undefined || value === '') throw missingParam(key);
    return value;
  }

  integer(key: string): number | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) throw invalidParam(`Invalid integer: ${value}`, key);
    return Number(value);
  }

  boolean(key: string): boolean | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false') throw invalidParam(`Invalid boolean: ${value}`, key);
    return value === 'true';
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      throw invalidParam(`Invalid ${key}: must be one of ${values.join(', ')}`, key);
    }
    return value as T;
  }

  object(key: string): FormObject | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string' || Array.isArray(value)) throw invalidParam(`Invalid object`, key);
    return value;
  }

  strings(key: string): string[] | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalidParam('Invalid array', key);
    return value as string[];
  }

  /** New metadata from `metadata[k]=v` merged into `current`; `v` empty deletes `k`; `metadata=` clears all. */
  metadata(current: Metadata = {}): Metadata {
    const value = this.raw.metadata;
    if (value === undefined) return { ...current };
    if (value === '') return {};
    if (typeof value === 'string' || Array.isArray(value)) throw invalidParam('Invalid object', 'metadata');
    const next = { ...current };
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') throw invalidParam('Invalid metadata value', `metadata[${k}]`);
      if (v === '') delete next[k];
      else next[k] = v;
    }
    if (Object.keys(next).length > 50) throw invalidParam('Metadata can have at most 50 keys', 'metadata');
    return next;
  }
}

const describe = (value: FormValue) => (Array.isArray(value) ? 'array' : 'object');

/** Currencies as Stripe writes them (lowercase ISO 4217). */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency').map((c) => c.toLowerCase()));
export function currency(params: Params, key = 'currency'): string {
  const value = params.required(key).toLowerCase();
  if (!CURRENCIES.has(value)) throw invalidParam(`Invalid currency: ${value}.`, key);
  return value;
}

// Stripe's minimum charge amounts for a few settlement currencies (docs: "Minimum and maximum charge
// amounts"); other currencies are not checked by the stand-in.
const MINIMUM: Record<string, [number, string]> = {
  usd: [50, '$0.50 usd'],
  eur: [50, '€0.50 eur'],
  gbp: [30, '£0.30 gbp'],
  chf: [50, '0.50 chf'],
  jpy: [50, '¥50 jpy'],
};
export function amount(params: Params, cur: string): number {
  const value = params.integer('amount');
  if (value === undefined) throw missingParam('amount');
  if (value < 1) throw invalidParam('This value must be greater than or equal to 1.', 'amount');
  const minimum = MINIMUM[cur];
  if (minimum && value < minimum[0]) {
    throw invalidParam(`Amount must be at least ${minimum[1]}`, 'amount', 'amount_too_small');
  }
  if (value > 99999999) throw invalidParam('Amount must be no more than $999,999.99', 'amount', 'amount_too_large');
  return value;
}

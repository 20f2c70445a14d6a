import { MAX_QUANTITY, PHONE_MIN_DIGITS, isEmail, isJsonObject, isPhoneNumber } from 'tillkit/core';

/**
 * Reading a Bootic `create_order` body (seed 003). Every problem found is collected as a field error,
 * not only the first: the answer is one 422 listing them all.
 */

/** One entry of a 422 answer: seed 003's `{"_class": ["error"], "field", "messages"}`. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export const MAX_LINE_ITEMS = 100;

export interface LineItemRequest {
  readonly variantId: number;
  readonly units: number;
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * Reads `line_items`: a non-empty list of `{variant_id, units}` with integer ids and units from 1 to
 * core's MAX_QUANTITY. The same variant twice is one line item with the units added up.
 */
export function readLineItems(value: unknown, errors: FieldError[]): LineItemRequest[] {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    errors.push({ field: 'line_items', message: 'An order needs at least one line item' });
    return [];
  }
  if (!Array.isArray(value)) {
    errors.push({ field: 'line_items', message: 'line_items must be a list of {variant_id, units}' });
    return [];
  }
  if (value.length > MAX_LINE_ITEMS) {
    errors.push({ field: 'line_items', message: `An order has at most ${MAX_LINE_ITEMS} line items` });
    return [];
  }
  const units = new Map<number, number>();
  value.forEach((item: unknown, i) => {
    const at = `line_items[${i}]`;
    if (!isJsonObject(item)) {
      errors.push({ field: at, message: 'A line item must be an object with variant_id and units' });
      return;
    }
    const variantId = item.variant_id;
    const count = item.units;
    let ok = true;
    if (!isId(variantId)) {
      errors.push({ field: `${at}.variant_id`, message: 'variant_id must be a whole number above 0' });
      ok = false;
    }
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_QUANTITY) {
      errors.push({ field: `${at}.units`, message: `units must be a whole number from 1 to ${MAX_QUANTITY}` });
      ok = false;
    }
    if (!ok) return;
    const sum = (units.get(variantId as number) ?? 0) + (count as number);
    if (sum > MAX_QUANTITY)
      errors.push({ field: `${at}.units`, message: `units must be a whole number from 1 to ${MAX_QUANTITY}` });
    units.set(variantId as number, sum);
  });
  return [...units].map(([variantId, n]) => ({ variantId, units: n }));
}

const MAX_TEXT = 200;

/** A contact as given: `email` (lower-cased) always, `name` and `phone_number` when present. */
export interface ContactInput {
  readonly email: string;
  readonly name: string | undefined;
  readonly phone: string | undefined;
}

/** Reads `contact`: `email` always; `name` and `phone_number` when given (required for a new contact, later). */
export function readContact(value: unknown, errors: FieldError[]): ContactInput | null {
  if (value === undefined || value === null) return null;
  if (!isJsonObject(value)) {
    errors.push({ field: 'contact', message: 'contact must be an object with email, name and phone_number' });
    return null;
  }
  const field = (key: 'email' | 'name' | 'phone_number'): string | undefined => {
    const v = value[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string' || v.length > MAX_TEXT || v.trim() === '') {
      errors.push({
        field: `contact.${key}`,
        message: `${key === 'phone_number' ? 'Phone number' : key === 'name' ? 'Name' : 'Email'} must be text of at most ${MAX_TEXT} characters`,
      });
      return undefined;
    }
    return v.trim();
  };
  const email = field('email');
  const name = field('name');
  const phone = field('phone_number');
  if (email === undefined) {
    if (!errors.some((e) => e.field === 'contact.email'))
      errors.push({ field: 'contact.email', message: "Email can't be blank" });
    return null;
  }
  // The rules of core, which the checkout applies before sending.
  if (!isEmail(email)) {
    errors.push({ field: 'contact.email', message: 'Email is not a valid email address' });
    return null;
  }
  if (phone !== undefined && !isPhoneNumber(phone)) {
    errors.push({
      field: 'contact.phone_number',
      message: `Phone number is not a valid phone number: at least ${PHONE_MIN_DIGITS} digits, with only spaces and + ( ) . - besides`,
    });
  }
  return { email: email.toLowerCase(), name, phone };
}

/** `address: {"id": <integer>}`: one of the shop's known addresses. */
export function readAddressId(value: unknown, errors: FieldError[]): number | null {
  if (value === undefined || value === null) return null;
  const id = isJsonObject(value) ? value.id : undefined;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    errors.push({ field: 'address.id', message: 'address must be {"id": <a whole number>}' });
    return null;
  }
  return id;
}

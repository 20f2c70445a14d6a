import { assertQuantity, isJsonObject } from 'tillkit/core';
import { HttpError, badRequest } from '../http/errors.ts';
import { isObjectId } from '../http/ids.ts';
import { assertShallow, idValue, optObject, optString, optTimestamp, rateText, type Body } from '../http/validate.ts';
import type { ItemRequest } from '../model/order-items.ts';
import { DELIVERY_STATUSES } from '../model/orders.ts';

/** Readers of the order routes' bodies: the order's fields, and its items as product ids and quantities. */

/** The columns a create or an update may set, other than items. */
export function orderFields(body: Body, admin: boolean): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of ['delivery_address', 'billing_address', 'pickup_address'] as const) {
    if (body[key] === null) fields[key] = null;
    else {
      const value = optObject(body, key);
      if (value !== undefined) fields[key] = value;
    }
  }
  for (const key of ['delivery_time', 'pickup_time'] as const) {
    const value = optTimestamp(body, key);
    if (value !== undefined) fields[key] = value;
  }
  const note = optString(body, 'note', 5000);
  if (note !== undefined) fields.note = note;
  // The affiliate attribution token (Button's btn_ref), kept for reporting the order later.
  const btnRef = optString(body, 'btn_ref', 500);
  if (btnRef !== undefined) fields.btn_ref = btnRef;
  if (body.resources !== undefined && body.resources !== null) {
    if (!Array.isArray(body.resources) || body.resources.length > 50) {
      throw badRequest('type-invalid', 'resources must be a list of at most 50 entries', 'resources');
    }
    assertShallow(body.resources, 'resources');
    fields.resources = body.resources;
  }
  if (body.delivery_status !== undefined && body.delivery_status !== null) {
    if (!admin) throw new HttpError(403, 'forbidden', 'Only an admin sets the delivery status', 'delivery_status');
    const status = typeof body.delivery_status === 'string' ? body.delivery_status.toUpperCase() : '';
    if (!(DELIVERY_STATUSES as readonly string[]).includes(status)) {
      throw badRequest(
        'type-invalid',
        `delivery_status must be one of ${DELIVERY_STATUSES.join(', ')}`,
        'delivery_status',
      );
    }
    fields.delivery_status = status;
  }
  return fields;
}

/**
 * `coupon`: its id or code (seed 001: "A Coupon ID or code"), or the coupon object an answer showed
 * (its `code`); null removes it from an open order; undefined leaves it as it is.
 */
export function readCouponRef(body: Body): string | null | undefined {
  let value = body.coupon;
  if (value === undefined || value === null) return value;
  if (isJsonObject(value) && typeof value.code === 'string') value = value.code;
  value = idValue(value);
  if (typeof value !== 'string' || value.trim() === '' || value.length > 64) {
    throw badRequest('coupon-unknown', 'coupon must be a coupon code or id', 'coupon');
  }
  return value.trim();
}

const MAX_ITEMS = 100;
const MAX_SUBS = 20;

/** `items`: 1 to 100 lines of a product id, a quantity and sub-product ids; an admin may give a discount. */
export function readItems(value: unknown, admin: boolean): ItemRequest[] {
  if (!Array.isArray(value) || value.length === 0)
    throw badRequest('items-invalid', 'items must be a non-empty list', 'items');
  if (value.length > MAX_ITEMS) throw badRequest('items-invalid', `An order has at most ${MAX_ITEMS} items`, 'items');
  return value.map((item: unknown, i) => {
    const at = `items[${i}]`;
    if (!isJsonObject(item)) throw badRequest('type-invalid', `${at} must be an object`, at);
    const product = idValue(item.product);
    if (!isObjectId(product)) {
      throw badRequest('product-unknown', `${at}.product must be a product id`, `${at}.product`);
    }
    assertQuantity(item.quantity, `${at}.quantity`);
    const rawSubs = item.sub_products ?? [];
    if (!Array.isArray(rawSubs) || rawSubs.length > MAX_SUBS) {
      throw badRequest(
        'type-invalid',
        `${at}.sub_products must be a list of at most ${MAX_SUBS} product ids`,
        `${at}.sub_products`,
      );
    }
    const subs = rawSubs.map((s: unknown, j) => {
      const id = isJsonObject(s) && s._id !== undefined ? idValue(s._id) : idValue(s);
      if (!isObjectId(id))
        throw badRequest(
          'product-unknown',
          `${at}.sub_products[${j}] must be a product id`,
          `${at}.sub_products[${j}]`,
        );
      return id;
    });
    // Prices and discounts come from the catalogue. Only an admin may give a line its own discount; a
    // customer's client echoing an earlier answer's `discount` back is not an error, and is ignored.
    let discount: string | undefined;
    if (admin && item.discount !== undefined && item.discount !== null) {
      discount = rateText(item.discount, `${at}.discount`);
    }
    return { product, quantity: item.quantity, subs, discount };
  });
}

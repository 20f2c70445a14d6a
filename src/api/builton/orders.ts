import { ORDER_STATUSES, isJsonObject } from '../../core/index.ts';
import type { HttpResponse } from '../http.ts';
import { orderCoupon } from './coupons.ts';
import type { Address, ListQuery, Order, OrderItem, OrderStatus, Page, User } from '../types.ts';
import {
  Shape,
  array,
  date,
  id,
  ids,
  int,
  object,
  optId,
  optMoney,
  optStr,
  page,
  rate,
  required,
  str,
} from './wire.ts';

export function user(v: unknown): User {
  const u = object(v, '');
  return {
    id: id(u['_id'] ?? u['id'], '_id'),
    email: str(u['email']),
    firstName: str(u['first_name']),
    lastName: str(u['last_name']),
    newCustomer: u['new_customer'] === true,
  };
}

function status(v: unknown): OrderStatus {
  const s = str(v, 'CREATED').toUpperCase();
  // The Orders documentation itself answers a cancel with "CANCELED"; both spellings mean one status.
  const known = ORDER_STATUSES.find((x) => x === (s === 'CANCELED' ? 'CANCELLED' : s));
  if (!known) throw new Shape('order_status');
  return known;
}

const address = (v: unknown): Address | null => (isJsonObject(v) ? v : null);

function orderItem(v: unknown, orderCurrency: string | null): OrderItem {
  const i = object(v, 'items');
  const currency = optStr(i['currency']) ?? orderCurrency ?? required(null, 'items.currency');
  const subProducts = array(i['sub_products'], 'items.sub_products').map((s) =>
    // Either bare ids (as sent) or snapshots with name and price.
    isJsonObject(s) && s['$oid'] === undefined
      ? {
          id: id(s['_id'] ?? s['product'] ?? s['id'], 'items.sub_products'),
          name: str(s['name']),
          price: optMoney(s['price'], currency, 'items.sub_products.price', 0),
        }
      : { id: id(s, 'items.sub_products'), name: '', price: 0 },
  );
  return {
    productId: id(i['product'], 'items.product'),
    name: str(i['name']),
    quantity: int(i['quantity'], 1),
    price: optMoney(i['price'], currency, 'items.price', 0),
    finalPrice: optMoney(i['final_price'], currency, 'items.final_price', 0),
    discount: rate(i['discount'], 'items.discount'),
    vat: rate(i['vat'], 'items.vat'),
    currency,
    subProducts,
  };
}

export function order(v: unknown): Order {
  const o = object(v, '');
  const rawItems = array(o['items'], 'items');
  // An order has one currency; an answer without it still has it on its items.
  const firstItem = rawItems[0];
  const currency = optStr(o['currency']) ?? optStr(isJsonObject(firstItem) ? firstItem['currency'] : null);
  const items = rawItems.map((x) => orderItem(x, currency));
  const orderCurrency = currency ?? required(null, 'currency');
  const subtotal = items.reduce((sum, x) => sum + x.finalPrice, 0);
  const discountAmount = optMoney(o['discount_amount'], orderCurrency, 'discount_amount', 0);
  return {
    id: id(o['_id'] ?? o['id'], '_id'),
    humanId: str(o['human_id']),
    status: status(o['order_status']),
    deliveryStatus: str(o['delivery_status'], 'PENDING'),
    currency: orderCurrency,
    items,
    totalAmount: optMoney(o['total_amount'], orderCurrency, 'total_amount', subtotal - discountAmount),
    // Σ final_price before the coupon, and what the coupon took off (the reference server answers both).
    subtotalAmount: optMoney(o['subtotal_amount'], orderCurrency, 'subtotal_amount', subtotal),
    discountAmount,
    coupon: orderCoupon(o['coupon']),
    totalQuantity: int(
      o['total_quantity'],
      items.reduce((sum, x) => sum + x.quantity, 0),
    ),
    units: int(o['units'], items.length),
    note: str(o['note']),
    deliveryAddress: address(o['delivery_address']),
    billingAddress: address(o['billing_address']),
    user: optId(o['user'], 'user'),
    payments: ids(o['payments'], 'payments'),
    created: date(o['created']),
    modified: date(o['modified']),
  };
}

/** A page of orders; a malformed order is left out with a warning (see `page`). */
export const orderPage = (data: unknown, response: HttpResponse, q: ListQuery): Page<Order> =>
  page(data, response, q, order, 'an order');

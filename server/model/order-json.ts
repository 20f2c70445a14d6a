import { date, money, oid, optionalDate, rate, type Json } from '../http/json.ts';
import { termsJson } from './coupon-json.ts';
import type { ItemSnapshot } from './order-items.ts';
import type { OrderRow } from './orders.ts';

const itemJson = (item: ItemSnapshot): Json => ({
  product: oid(item.product),
  quantity: item.quantity,
  name: item.name,
  price: money(item.price, item.currency),
  final_price: money(item.final_price, item.currency),
  discount: rate(item.discount),
  vat: rate(item.vat),
  currency: item.currency,
  sub_products: item.sub_products.map((s) => ({ _id: oid(s.id), name: s.name, price: money(s.price, item.currency) })),
});

/** Seed 001's order object. `payments` lists the payment attempts made for it; `user` is the user object. */
export function orderJson(row: OrderRow, payments: readonly string[], user: Json): Json {
  return {
    _id: oid(row.id),
    human_id: row.human_id,
    company: oid(row.company_id),
    user,
    currency: row.currency,
    items: row.items.map(itemJson),
    total_amount: money(row.total_amount, row.currency),
    // Σ final_price before the coupon, and what the coupon took off (total_amount = subtotal − discount).
    subtotal_amount: money(row.total_amount + row.discount_amount, row.currency),
    discount_amount: money(row.discount_amount, row.currency),
    // The VAT included in total_amount (core's: the lines' shares, scaled with a coupon's discount).
    total_vat: money(row.total_vat, row.currency),
    coupon: row.coupon ? termsJson(row.coupon) : null,
    coupons: row.coupon ? [termsJson(row.coupon)] : [],
    total_quantity: row.total_quantity,
    units: row.units,
    top_up_amount: money(0, row.currency),
    top_up_vat: 0,
    order_status: row.order_status,
    delivery_status: row.delivery_status,
    delivery_address: row.delivery_address,
    billing_address: row.billing_address,
    pickup_address: row.pickup_address ?? undefined,
    delivery_time: optionalDate(row.delivery_time),
    pickup_time: row.pickup_time === null ? undefined : date(row.pickup_time),
    note: row.note,
    resources: row.resources,
    deliveries: [],
    payments: payments.map(oid),
    btn_ref: row.btn_ref ?? undefined,
    stripe_charge_id: row.stripe_charge_id ?? undefined,
    override_company_take: -1,
    deleted: false,
    created: date(row.created),
    modified: date(row.modified),
  };
}

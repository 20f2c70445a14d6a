import type { Product } from '../core/index.ts';

/**
 * The widget's view of the orders/payments API (BuiltOn's contract). Wire JSON (snake_case,
 * `{"$oid"}`, `{"$date"}`, decimal money) is parsed at the edge into these types: ids are strings,
 * dates are `Date`s and every amount is an integer of the currency's minor unit.
 */

export interface Medium {
  readonly kind: string;
  readonly url: string;
  readonly name: string;
}

export interface ApiProduct extends Product {
  readonly humanId: string | null;
  readonly description: string;
  readonly shortDescription: string;
  /** One unit after discount, in minor units, as the API computed it. */
  readonly finalPrice: number;
  readonly mainProduct: boolean;
  readonly subProducts: readonly string[];
  readonly parents: readonly string[];
  readonly tags: readonly string[];
  /** The product's own properties as the API gives them (`year`, `director`, `condition`, …). */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly media: readonly Medium[];
  readonly image: string | null;
  readonly created: Date | null;
  readonly deleted: boolean;
  readonly ref: string | null;
}

/** A page of a list; `total` is known when the API says it (X-Total-Count), else null. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly page: number;
  readonly size: number;
  readonly total: number | null;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** For POSTs: reuse a key to make a retried request (after a reload, say) act once. */
  readonly idempotencyKey?: string;
}

export interface ListQuery extends RequestOptions {
  readonly page?: number;
  readonly size?: number;
  /** Field to sort by, `-` first for descending: `created`, `-created`, `price`, `-price`, `name`. */
  readonly sort?: string;
}

export interface SearchQuery extends ListQuery {
  /** Only products with any of these tags (the reference server's addition to the search). */
  readonly tags?: readonly string[];
}

/** The tags of a catalogue's main products, each with how many carry it (`GET /tags`, our addition). */
export interface CatalogueTags {
  /** How many main products the catalogue has. */
  readonly products: number;
  readonly tags: readonly { readonly name: string; readonly count: number }[];
}

/** A page of the customer's orders (seed 001's list and search): newest first unless `sort` says. */
export interface OrderQuery extends ListQuery {
  /** Only orders with this `order_status`. */
  readonly status?: OrderStatus;
}

/** An address as the API takes it; fields pass through unchanged. */
export interface Address {
  readonly street_name?: string;
  readonly city?: string;
  readonly zip_code?: string;
  readonly state?: string;
  readonly country?: string;
  readonly alias?: string;
}

export interface UserInput {
  readonly first_name?: string;
  readonly last_name?: string;
  readonly email?: string;
  readonly mobile_phone_number?: string;
  readonly addresses?: readonly Address[];
  readonly billing_address?: Address;
  readonly note?: string;
}

export interface User {
  readonly id: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly newCustomer: boolean;
}

export interface OrderItemInput {
  readonly product: string;
  readonly quantity: number;
  readonly sub_products?: readonly string[];
}

export interface OrderInput {
  readonly items: readonly OrderItemInput[];
  readonly delivery_address?: Address;
  readonly billing_address?: Address;
  readonly note?: string;
  /** Affiliate attribution token, passed through to the merchant's backend. */
  readonly btn_ref?: string;
  /** A discount code (or coupon id) to price the order with. */
  readonly coupon?: string;
}

/** What `PUT /orders/:id` changes here: the order's discount code, or `null` to remove it. */
export interface OrderUpdate {
  readonly coupon: string | null;
}

/**
 * A discount code's terms, in Stripe's coupon vocabulary, as core's `applyCoupon` prices them:
 * `percentOff` (0 to 100, 12.5 allowed) or `amountOff` in minor units of `currency`, and the least
 * order total it applies to (`minOrderAmount`, minor units of `currency`).
 */
export interface CouponInfo {
  readonly code: string;
  readonly name: string;
  readonly percentOff: number | null;
  readonly amountOff: number | null;
  readonly currency: string | null;
  readonly minOrderAmount: number | null;
  readonly validFrom: Date | null;
  readonly redeemBy: Date | null;
}

/** A code as `GET /coupons/:code` answers anyone with the API key: its terms, and whether an order could use it now. */
export interface Coupon extends CouponInfo {
  /** False when it is outside its dates or has no redemption left (the dates tell which). */
  readonly valid: boolean;
}

import type { OrderStatus } from '../core/index.ts';

export type { OrderStatus };

export interface OrderItem {
  readonly productId: string;
  readonly name: string;
  readonly quantity: number;
  readonly price: number;
  readonly finalPrice: number;
  readonly discount: number;
  readonly vat: number;
  readonly currency: string;
  readonly subProducts: readonly { readonly id: string; readonly name: string; readonly price: number }[];
}

export interface Order {
  readonly id: string;
  readonly humanId: string;
  readonly status: OrderStatus;
  readonly deliveryStatus: string;
  readonly currency: string;
  readonly items: readonly OrderItem[];
  /** `total_amount` in minor units: Σ `final_price` less the coupon's discount. */
  readonly totalAmount: number;
  /** `subtotal_amount`: Σ `final_price`, before the coupon. */
  readonly subtotalAmount: number;
  /** `discount_amount`: what the coupon took off (0 without one). */
  readonly discountAmount: number;
  /** The discount code the order is priced with, with the terms it kept; null for none. */
  readonly coupon: CouponInfo | null;
  readonly totalQuantity: number;
  readonly units: number;
  readonly note: string;
  readonly deliveryAddress: Address | null;
  readonly billingAddress: Address | null;
  readonly user: string | null;
  /** The ids of the payment attempts made for the order, oldest first. */
  readonly payments: readonly string[];
  readonly created: Date | null;
  readonly modified: Date | null;
}

export type { Card, NextAction, Payment, PaymentAction, PaymentMethod, SetupIntent } from './payment-types.ts';
import type { Payment, PaymentAction, PaymentMethod } from './payment-types.ts';

export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'aborted' | 'invalid-response';

/** One refused field, as a form shows it: the wire field's name and the server's message. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** Every failure of a call, as a value a UI can show: never a bare `TypeError: Failed to fetch`. */
export interface ApiErrorInit {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly message: string;
  readonly field?: string | undefined;
  readonly code?: string | undefined;
  readonly declineCode?: string | undefined;
  /** Every field the server refused (Bootic's 422 lists several); the first is `field`/`message`. */
  readonly errors?: readonly FieldError[] | undefined;
  /** A payment's 422: what the customer must do before it is confirmed. */
  readonly action?: PaymentAction | undefined;
  /** The payment a 402 or 409 is about (`payment` in its body), when it names one. */
  readonly payment?: string | undefined;
  /** The error response's JSON as sent (null when it had none or it was not JSON). */
  readonly body?: unknown;
}

export interface BuiltOnClient {
  listProducts(query?: ListQuery): Promise<Page<ApiProduct>>;
  searchProducts(text: string, query?: SearchQuery): Promise<Page<ApiProduct>>;
  productsByTags(tags: readonly string[], query?: ListQuery): Promise<Page<ApiProduct>>;
  getProduct(id: string, options?: RequestOptions): Promise<ApiProduct>;
  /** `GET /tags`: every tag of the catalogue (an addition of the reference server). */
  listTags(options?: RequestOptions): Promise<CatalogueTags>;
  /** `POST /v2/users`: creates the customer from the JWT, or logs in the existing one. */
  createUser(input: UserInput, options?: RequestOptions): Promise<User>;
  createOrder(input: OrderInput, options?: RequestOptions): Promise<Order>;
  getOrder(id: string, options?: RequestOptions): Promise<Order>;
  updateOrderItems(id: string, items: readonly OrderItemInput[], options?: RequestOptions): Promise<Order>;
  /** `PUT /orders/:id`: sets the open order's discount code, or removes it (`coupon: null`). */
  updateOrder(id: string, update: OrderUpdate, options?: RequestOptions): Promise<Order>;
  /** `GET /coupons/:code`: a code's public terms and `valid`; an ApiError of status 404 for an unknown or retired one. */
  getCoupon(code: string, options?: RequestOptions): Promise<Coupon>;
  /** `GET /orders`: the signed-in customer's orders, a page at a time (`total` from X-Total-Count). */
  listOrders(query?: OrderQuery): Promise<Page<Order>>;
  /** `GET /orders/search?query=`: the customer's orders matching an order number (`human_id`) or id. */
  searchOrders(text: string, query?: OrderQuery): Promise<Page<Order>>;
  /** `POST /orders/:id/cancel`: only while the order is open (core's `isPayableStatus`); else 409. */
  cancelOrder(id: string, options?: RequestOptions): Promise<Order>;
  /** `POST /payment_methods {token}`: seed 000's flow, a `tok_…` card. */
  createPaymentMethod(token: string, options?: RequestOptions): Promise<PaymentMethod>;
  /** `POST /payment_methods` without a token: a payment method to save through its SetupIntent. */
  setUpPaymentMethod(options?: RequestOptions): Promise<PaymentMethod>;
  /**
   * `PUT /payment_methods/:id {payment_method_id}`: saves the PaymentMethod (`pm_…`) the SetupIntent
   * was confirmed with; its `setupIntent.status` is `requires_action` when the bank asks to authenticate
   * first. A 402 ApiError when the card can not be saved.
   */
  savePaymentMethod(id: string, paymentMethodId: string, options?: RequestOptions): Promise<PaymentMethod>;
  /** `GET /payment_methods/:id`: reads a SetupIntent waiting for authentication again. */
  getPaymentMethod(id: string, options?: RequestOptions): Promise<PaymentMethod>;
  listPaymentMethods(options?: RequestOptions): Promise<readonly PaymentMethod[]>;
  /**
   * `POST /payments`: 200 paid, 202 `processing` (the processor's answer was lost: ask again). Throws
   * the rest as ApiErrors: 422 with `action` (the customer must authenticate), 402 declined, 409.
   */
  createPayment(
    input: { orders: readonly string[]; paymentMethod: string; returnUrl?: string },
    options?: RequestOptions,
  ): Promise<Payment>;
  /** `POST /payments/:id/confirm` after the customer authenticated; answers as `createPayment` does. */
  confirmPayment(
    id: string,
    input: { intentId?: string; clientSecret?: string },
    options?: RequestOptions,
  ): Promise<Payment>;
  /** `GET /payments/:id`: the payment as it is now (its outcome, once known). */
  getPayment(id: string, options?: RequestOptions): Promise<Payment>;
  /** `GET /payments?order=<id>`: the payment attempts for one order (all the customer's without it). */
  listPayments(orderId?: string, options?: RequestOptions): Promise<readonly Payment[]>;
}

export interface BuiltOnClientOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** The customer's JWT for calls that need one; null when nobody is signed in. */
  readonly getToken?: (() => Promise<string | null> | string | null) | undefined;
  /** Injected for tests and for hosts with their own fetch; defaults to the global one. */
  readonly fetch?: typeof fetch | undefined;
  /** Per-attempt time limit in ms (default 15000). */
  readonly timeout?: number | undefined;
  /** Extra attempts after the first for retryable failures (default 2). */
  readonly retries?: number | undefined;
  /** Backoff base in ms (default 300; doubled per attempt, with jitter). Tests set 0. */
  readonly backoff?: number | undefined;
}

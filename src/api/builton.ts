import { ORDER_STATUSES, assertPrice, isTillError, parseRate, priceLine, toMinor } from '../core/index.ts';
import { createHttp, invalidResponse, type HttpRequest, type HttpResponse } from './http.ts';
import type {
  Address,
  ApiProduct,
  BuiltOnClient,
  BuiltOnClientOptions,
  ListQuery,
  Medium,
  Order,
  OrderItem,
  OrderStatus,
  Page,
  Payment,
  PaymentMethod,
  RequestOptions,
  User,
} from './types.ts';

/**
 * The BuiltOn API as the widget uses it. Wire JSON is read defensively: ids as `{"$oid"}` or strings
 * (or an expanded object's `_id`), dates as `{"$date"}`, numbers or ISO strings, money through its
 * decimal string into minor units of the object's own currency. Optional fields missing from an answer
 * get the API's documented defaults; a required one missing or malformed is an ApiError of kind
 * 'invalid-response' naming the wire field, never a half-read object.
 */
export function createBuiltOnClient(options: BuiltOnClientOptions): BuiltOnClient {
  const http = createHttp(options);

  async function call<T>(request: HttpRequest, parse: (data: unknown, response: HttpResponse) => T): Promise<T> {
    const response = await http(request);
    try {
      return parse(response.data, response);
    } catch (error) {
      throw invalidResponse(
        response.status,
        error instanceof Shape || isTillError(error) ? error.field : undefined,
        error,
      );
    }
  }

  const get = (path: string, o: RequestOptions = {}): HttpRequest => ({ method: 'GET', path, signal: o.signal });
  const send = (method: 'POST' | 'PUT', path: string, body: unknown, o: RequestOptions = {}): HttpRequest => ({
    method,
    path,
    body,
    signal: o.signal,
    idempotencyKey: o.idempotencyKey,
  });
  const products = (path: string, extra: Record<string, string>, q: ListQuery = {}) =>
    call({ ...get(path, q), query: { ...extra, page: q.page, size: q.size, sort: q.sort } }, (data, response) =>
      productPage(data, response, q),
    );
  const e = encodeURIComponent;

  return {
    listProducts: (q) => products('/products', {}, q),
    searchProducts: (text, q) => products('/products/search', { query: text }, q),
    productsByTags: (tags, q) => products('/products/tags', { tags: tags.join(',') }, q),
    getProduct: (id, o) => call(get(`/products/${e(id)}`, o), product),
    createUser: (input, o) => call(send('POST', '/v2/users', input, o), user),
    createOrder: (input, o) => call(send('POST', '/orders', input, o), order),
    getOrder: (id, o) => call(get(`/orders/${e(id)}`, o), order),
    updateOrderItems: (id, items, o) => call(send('PUT', `/orders/${e(id)}/items`, { items }, o), order),
    cancelOrder: (id, o) => call(send('POST', `/orders/${e(id)}/cancel`, {}, o), order),
    createPaymentMethod: (token, o) =>
      call(send('POST', '/payment_methods', { payment_method: 'stripe', token }, o), paymentMethod),
    listPaymentMethods: (o) => call(get('/payment_methods', o), (data) => array(data, '').map(paymentMethod)),
    createPayment: ({ orders, paymentMethod: method }, o) =>
      call(send('POST', '/payments', { orders, payment_method: method }, o), payment),
  };
}

/** A wire field that is missing or not what the contract says. */
class Shape extends Error {
  constructor(readonly field: string) {
    super(`unexpected ${field || 'body'}`);
  }
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: unknown, field: string): Json {
  if (!isObject(v)) throw new Shape(field);
  return v;
}

/** An array; absent (null or missing) reads as empty, anything else is refused. */
function array(v: unknown, field: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (v == null) return [];
  throw new Shape(field);
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const optStr = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const int = (v: unknown, fallback: number): number => (Number.isSafeInteger(v) ? (v as number) : fallback);

function required(v: unknown, field: string): string {
  if (typeof v !== 'string' || !v) throw new Shape(field);
  return v;
}

/** An id: `"abc"`, `{"$oid": "abc"}`, or an expanded object carrying `_id` (or `id`). */
function id(v: unknown, field: string): string {
  if (typeof v === 'string' && v) return v;
  if (isObject(v)) {
    if (typeof v['$oid'] === 'string' && v['$oid']) return v['$oid'];
    if (v['_id'] !== undefined) return id(v['_id'], field);
    if (v['id'] !== undefined) return id(v['id'], field);
  }
  throw new Shape(field);
}

const optId = (v: unknown, field: string): string | null => (v == null ? null : id(v, field));

/** A date: `{"$date": ms}` (or its `$numberLong` form), epoch ms, or an ISO string; else null. */
function date(v: unknown): Date | null {
  let raw = isObject(v) ? v['$date'] : v;
  if (isObject(raw)) raw = raw['$numberLong'];
  const ms =
    typeof raw === 'number' ? raw : typeof raw === 'string' ? (/^\d+$/.test(raw) ? Number(raw) : Date.parse(raw)) : NaN;
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/** Money in minor units, read exactly; over-precise or negative amounts are refused (via TillError). */
function money(v: unknown, currency: string, field: string): number {
  if (typeof v !== 'number' && typeof v !== 'string') throw new Shape(field);
  const amount = toMinor(v, currency, field);
  assertPrice(amount, field);
  return amount;
}

const optMoney = (v: unknown, currency: string, field: string, fallback: number): number =>
  v == null ? fallback : money(v, currency, field);

/** A discount or VAT rate, a decimal 0..1; absent is 0. Checked now so the cart never meets a bad one. */
function rate(v: unknown, field: string): number {
  if (v == null) return 0;
  if (typeof v !== 'number') throw new Shape(field);
  parseRate(v, field);
  return v;
}

const ids = (v: unknown, field: string): string[] => array(v, field).map((x) => id(x, field));

/** An image URL: `image` as an object with `url` or a URL string (an image's bare id is no URL). */
function imageUrl(v: unknown): string | null {
  const url = isObject(v) ? v['url'] : v;
  return typeof url === 'string' && /[/:.]/.test(url) ? url : null;
}

function product(v: unknown): ApiProduct {
  const p = object(v, '');
  const currency = required(p['currency'], 'currency');
  const price = money(p['price'], currency, 'price');
  const discount = rate(p['discount'], 'discount');
  const media: Medium[] = array(p['media'], 'media').flatMap((m) =>
    isObject(m) && optStr(m['url'])
      ? [{ kind: str(m['kind'], 'image'), url: m['url'] as string, name: str(m['name']) }]
      : [],
  );
  return {
    id: id(p['_id'] ?? p['id'], '_id'),
    humanId: optStr(p['human_id']),
    name: required(p['name'], 'name'),
    description: str(p['description']),
    shortDescription: str(p['short_description']),
    ref: optStr(p['external_reference']),
    currency,
    price,
    discount,
    vat: rate(p['vat'], 'vat'),
    // Older answers (and the admin create) leave final_price out; it is then the documented formula.
    finalPrice: optMoney(
      p['final_price'],
      currency,
      'final_price',
      priceLine({ price, discount, quantity: 1, currency }).final,
    ),
    mainProduct: p['main_product'] !== false,
    subProducts: ids(p['_sub_products'] ?? p['sub_products'], '_sub_products'),
    parents: ids(p['parents'], 'parents'),
    tags: array(p['tags'], 'tags').filter((t): t is string => typeof t === 'string'),
    media,
    image: imageUrl(p['image']) ?? imageUrl(p['image_url']) ?? media[0]?.url ?? null,
    created: date(p['created']),
    deleted: p['deleted'] === true,
  };
}

/**
 * A page of products. A malformed product is left out with a warning rather than failing the whole
 * page: one bad entry in a merchant's catalogue should not empty the shop window.
 */
function productPage(data: unknown, response: HttpResponse, q: ListQuery): Page<ApiProduct> {
  if (!Array.isArray(data)) throw new Shape('');
  const items: ApiProduct[] = [];
  for (const entry of data) {
    try {
      items.push(product(entry));
    } catch (error) {
      if (!(error instanceof Shape || isTillError(error))) throw error;
      console.warn('[tillkit] left out a product the API sent malformed:', error.message, entry);
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

function user(v: unknown): User {
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

const address = (v: unknown): Address | null => (isObject(v) ? v : null);

function orderItem(v: unknown, orderCurrency: string | null): OrderItem {
  const i = object(v, 'items');
  const currency = optStr(i['currency']) ?? orderCurrency ?? required(null, 'items.currency');
  const subProducts = array(i['sub_products'], 'items.sub_products').map((s) =>
    // Either bare ids (as sent) or snapshots with name and price.
    isObject(s) && s['$oid'] === undefined
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

function order(v: unknown): Order {
  const o = object(v, '');
  const rawItems = array(o['items'], 'items');
  // An order has one currency; an answer without it still has it on its items.
  const firstItem = rawItems[0];
  const currency = optStr(o['currency']) ?? optStr(isObject(firstItem) ? firstItem['currency'] : null);
  const items = rawItems.map((x) => orderItem(x, currency));
  const orderCurrency = currency ?? required(null, 'currency');
  return {
    id: id(o['_id'] ?? o['id'], '_id'),
    humanId: str(o['human_id']),
    status: status(o['order_status']),
    deliveryStatus: str(o['delivery_status'], 'PENDING'),
    currency: orderCurrency,
    items,
    totalAmount: optMoney(
      o['total_amount'],
      orderCurrency,
      'total_amount',
      items.reduce((sum, x) => sum + x.finalPrice, 0),
    ),
    totalQuantity: int(
      o['total_quantity'],
      items.reduce((sum, x) => sum + x.quantity, 0),
    ),
    units: int(o['units'], items.length),
    note: str(o['note']),
    deliveryAddress: address(o['delivery_address']),
    billingAddress: address(o['billing_address']),
    user: optId(o['user'], 'user'),
    created: date(o['created']),
    modified: date(o['modified']),
  };
}

function paymentMethod(v: unknown): PaymentMethod {
  const m = object(v, '');
  const c = m['card'];
  return {
    id: id(m['_id'] ?? m['id'], '_id'),
    method: str(m['method'], 'stripe'),
    card: isObject(c)
      ? {
          brand: str(c['brand']),
          last4: str(c['last4']),
          expMonth: int(c['exp_month'], 0),
          expYear: int(c['exp_year'], 0),
          funding: str(c['funding']),
          country: optStr(c['country']),
        }
      : null,
  };
}

function payment(v: unknown): Payment {
  const p = object(v, '');
  const currency = required(p['currency'], 'currency');
  // `orders` when the API lists them; the Sell-a-Thing example names the one order as `subject`.
  const orders =
    p['orders'] != null ? ids(p['orders'], 'orders') : p['subject'] != null ? [id(p['subject'], 'subject')] : [];
  return {
    id: id(p['_id'] ?? p['id'], '_id'),
    humanId: str(p['human_id']),
    amount: money(p['amount'], currency, 'amount'),
    currency,
    currentState: str(p['current_state']),
    orders,
    paymentMethod: optId(p['payment_method'], 'payment_method') ?? '',
    paymentDate: date(p['payment_date']),
  };
}

import { caller, catalogueEndpoints, get } from './catalogue.ts';
import { coupon } from './builton/coupons.ts';
import { order, orderPage, user } from './builton/orders.ts';
import { payment, paymentError, paymentMethod } from './builton/payments.ts';
import { array } from './builton/wire.ts';
import { createHttp, isApiError, type HttpRequest } from './http.ts';
import type { BuiltOnClient, BuiltOnClientOptions, OrderQuery, RequestOptions } from './types.ts';

/**
 * The BuiltOn API as the widget uses it: one entry per endpoint, each answer read by its parser in
 * `builton/` (products, orders and users, payment methods and payments, on the readers of `wire.ts`).
 * Optional fields missing from an answer get the API's documented defaults; a required one missing or
 * malformed is an ApiError of kind 'invalid-response' naming the wire field, never a half-read object.
 * The catalogue's endpoints are catalogue.ts's, which a shop window loads without the rest.
 */
export function createBuiltOnClient(options: BuiltOnClientOptions): BuiltOnClient {
  const call = caller(createHttp(options));
  const send = (method: 'POST' | 'PUT', path: string, body: unknown, o: RequestOptions = {}): HttpRequest => ({
    method,
    path,
    body,
    signal: o.signal,
    idempotencyKey: o.idempotencyKey,
  });
  const orders = (path: string, extra: Record<string, string>, q: OrderQuery = {}) =>
    call(
      { ...get(path, q), query: { ...extra, page: q.page, size: q.size, sort: q.sort, order_status: q.status } },
      (data, response) => orderPage(data, response, q),
    );
  const e = encodeURIComponent;
  // A payment's error answers say what they are about: the action a 422 asks for, the payment of a 402 or 409.
  const paying = (request: HttpRequest) =>
    call(request, payment).catch((error: unknown) => {
      throw isApiError(error, 'http') ? paymentError(error) : error;
    });

  return {
    ...catalogueEndpoints(call),
    createUser: (input, o) => call(send('POST', '/v2/users', input, o), user),
    createOrder: (input, o) => call(send('POST', '/orders', input, o), order),
    getOrder: (id, o) => call(get(`/orders/${e(id)}`, o), order),
    listOrders: (q) => orders('/orders', {}, q),
    searchOrders: (text, q) => orders('/orders/search', { query: text }, q),
    updateOrderItems: (id, items, o) => call(send('PUT', `/orders/${e(id)}/items`, { items }, o), order),
    updateOrder: (id, { coupon: code }, o) => call(send('PUT', `/orders/${e(id)}`, { coupon: code }, o), order),
    getCoupon: (code, o) => call(get(`/coupons/${e(code)}`, o), coupon),
    cancelOrder: (id, o) => call(send('POST', `/orders/${e(id)}/cancel`, {}, o), order),
    createPaymentMethod: (token, o) =>
      call(send('POST', '/payment_methods', { payment_method: 'stripe', token }, o), paymentMethod),
    setUpPaymentMethod: (o) => call(send('POST', '/payment_methods', { payment_method: 'stripe' }, o), paymentMethod),
    savePaymentMethod: (id, pm, o) =>
      call(send('PUT', `/payment_methods/${e(id)}`, { payment_method_id: pm }, o), paymentMethod),
    getPaymentMethod: (id, o) => call(get(`/payment_methods/${e(id)}`, o), paymentMethod),
    listPaymentMethods: (o) => call(get('/payment_methods', o), (data) => array(data, '').map(paymentMethod)),
    createPayment: ({ orders, paymentMethod: method, returnUrl }, o) =>
      paying(
        send(
          'POST',
          '/payments',
          { orders, payment_method: method, ...(returnUrl ? { return_url: returnUrl } : {}) },
          o,
        ),
      ),
    confirmPayment: (id, { intentId, clientSecret }, o) =>
      paying(
        send(
          'POST',
          `/payments/${e(id)}/confirm`,
          {
            ...(intentId ? { payment_intent_id: intentId } : {}),
            ...(clientSecret ? { payment_client_secret: clientSecret } : {}),
          },
          o,
        ),
      ),
    getPayment: (id, o) => call(get(`/payments/${e(id)}`, o), payment),
    listPayments: (orderId, o) =>
      call({ ...get('/payments', o), query: { order: orderId } }, (data) => array(data, '').map(payment)),
  };
}

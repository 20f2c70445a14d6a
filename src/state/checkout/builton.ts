import { applyCoupon } from '../../core/index.ts';
import { isApiError } from '../../api/http.ts';
import type { Address, BuiltOnClient, Order } from '../../api/types.ts';
import { currentAttribution } from '../attribution.ts';
import { cart } from '../cart.ts';
import { apiClient, requestToken, setCustomerToken } from '../client.ts';
import type { OrderRequest } from './backend.ts';
import { couponFor } from './coupon-problem.ts';
import { fail, report } from './errors.ts';
import { holdsSameItems, orderItems } from './lines.ts';
import { orderKeyFor } from './order-key.ts';
import { saveSession } from './session.ts';
import { $checkout, emit, update, type AppliedCoupon } from './store.ts';

/** Gets the customer's JWT from the merchant; false when there is none to be had. */
export async function signIn(email: string): Promise<boolean> {
  const token = await requestToken(email.trim()).catch(() => null);
  setCustomerToken(token);
  return token !== null;
}

const SIGN_IN_FAILED = 'We could not sign you in to place the order. Please try again.';

const address = (street: string, zip: string, city: string, country: string): Address => ({
  street_name: street.trim(),
  zip_code: zip.trim(),
  city: city.trim(),
  country: country.trim(),
});

/**
 * A saved pending order, if it is still open; null when it is gone, foreign, paid or cancelled. An
 * order being paid (PROCESSING) is still the one to use: ordering anew could charge twice.
 */
async function reusable(id: string): Promise<Order | null> {
  try {
    const order = await apiClient().getOrder(id);
    return order.status === 'CANCELLED' || order.status === 'SUCCESS' ? null : order;
  } catch (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 403)) return null;
    throw error;
  }
}

const sameCode = (a: string | null, b: string | null): boolean => a?.toUpperCase() === b?.toUpperCase();

/**
 * A pending order brought in line with the cart and the code: a code it should no longer carry comes
 * off first (the new items may be below its minimum), then the items, then the code it should carry.
 */
async function updated(client: BuiltOnClient, order: Order, request: OrderRequest, coupon: string | null) {
  const keeps = sameCode(order.coupon?.code ?? null, coupon);
  if (!keeps && order.coupon) order = await client.updateOrder(order.id, { coupon: null });
  if (!holdsSameItems(request.lines, order)) order = await client.updateOrderItems(order.id, orderItems(request.lines));
  if (!keeps && coupon) order = await client.updateOrder(order.id, { coupon });
  return order;
}

/**
 * BuiltOn: signs the customer in, saves them with their addresses, creates (or, after a reload or
 * back from the payment step, reuses and updates) the order from the cart with the discount code that
 * applies to it, and compares the server's total with the cart's, after the code, before the payment
 * step.
 */
export async function placeBuiltOnOrder(request: OrderRequest): Promise<void> {
  const { contact: c, lines } = request;
  update({ busy: 'order', error: null, fieldErrors: {} });
  const client = apiClient();
  try {
    if (!(await signIn(c.email))) return report({ message: SIGN_IN_FAILED, code: 'sign-in', stage: 'order' });
    const delivery = address(c.street, c.zip, c.city, c.country);
    const billing = c.billingSame ? delivery : address(c.billingStreet, c.billingZip, c.billingCity, c.billingCountry);
    await client.createUser({
      email: c.email.trim(),
      first_name: c.firstName.trim(),
      last_name: c.lastName.trim(),
      mobile_phone_number: c.phone.trim(),
      addresses: [delivery],
      billing_address: billing,
    });
    const summary = cart.$summary.get();
    const { pendingOrderId, coupon: applied } = $checkout.get();
    // A code that no longer applies to the cart (it went below the minimum) is not sent: the summary
    // showed the total without it, and the field says why.
    const coupon: AppliedCoupon | null = couponFor(applied, summary);
    const local = applyCoupon(summary, coupon);
    let order = pendingOrderId ? await reusable(pendingOrderId) : null;
    if (order) order = await updated(client, order, request, coupon?.code ?? null);
    if (!order) {
      const btnRef = currentAttribution();
      const body = {
        items: orderItems(lines),
        delivery_address: delivery,
        billing_address: billing,
        ...(c.note.trim() ? { note: c.note.trim() } : {}),
        ...(btnRef ? { btn_ref: btnRef } : {}),
        ...(coupon ? { coupon: coupon.code } : {}),
      };
      order = await client.createOrder(body, { idempotencyKey: orderKeyFor(body) });
      emit({ type: 'order-created', order });
    }
    const mismatch = order.totalAmount !== local.total;
    update({
      busy: null,
      step: 'payment',
      order,
      pendingOrderId: order.id,
      couponProblem: null,
      totalToConfirm: mismatch ? { local: local.total, server: order.totalAmount, currency: order.currency } : null,
    });
    saveSession();
    if (mismatch) emit({ type: 'total-mismatch', order, local: local.total, server: order.totalAmount });
  } catch (error) {
    fail(error, 'order');
  }
}

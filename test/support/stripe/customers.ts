// Customers and PaymentMethods: create and retrieve customers, make, retrieve, attach and detach card
// and Link PaymentMethods. A `pm_card_…` test id makes a new PaymentMethod each time it is used, as test mode does.
import type Stripe from 'stripe';
import { CARDS, testPaymentMethod, testToken, type TestCard } from './cards.ts';
import {
  attach,
  facts,
  newLinkPaymentMethod,
  newPaymentMethod,
  refuseUnattachable,
  resolvePaymentMethod,
} from './charging.ts';
import { emit, type Ctx } from './context.ts';
import { invalidParam, missingParam, noSuch } from './errors.ts';
import { customerObject, listObject } from './objects.ts';
import { addSource } from './legacy.ts';

export function findCustomer(ctx: Ctx, id: string, param?: string): Stripe.Customer {
  const customer = ctx.store.find(ctx.store.customers, id, ctx.account);
  if (!customer) throw noSuch('customer', id, param);
  return customer;
}

export function createCustomer(ctx: Ctx): Stripe.Customer {
  const p = ctx.params.only('email', 'name', 'description', 'phone', 'metadata', 'payment_method', 'source');
  const customer = customerObject(ctx.store.clock.seconds(), {
    email: p.string('email') || null,
    name: p.string('name') || null,
    description: p.string('description') || null,
    phone: p.string('phone') || null,
    metadata: p.metadata(),
  });
  // Both checked before anything is made: a refused card makes no customer.
  const pm = p.has('payment_method') ? resolvePaymentMethod(ctx, p.required('payment_method'), 'payment_method') : null;
  if (pm) refuseUnattachable(facts(ctx.store, pm).card);
  ctx.store.customers.set(customer.id, customer);
  ctx.store.own(customer.id, ctx.account);
  emit(ctx.store, ctx, 'customer.created', customer);
  if (pm) attach(ctx, ctx.store, pm, customer.id, null);
  if (p.has('source')) addSource(ctx, customer, p.required('source'));
  return customer;
}

export function retrieveCustomer(ctx: Ctx): Stripe.Customer {
  ctx.params.only();
  return findCustomer(ctx, ctx.path.id!);
}

export function updateCustomer(ctx: Ctx): Stripe.Customer {
  const p = ctx.params.only('email', 'name', 'description', 'phone', 'metadata', 'invoice_settings', 'default_source');
  const customer = findCustomer(ctx, ctx.path.id!);
  for (const key of ['email', 'name', 'description', 'phone'] as const) {
    if (p.has(key)) customer[key] = p.string(key) || null;
  }
  customer.metadata = p.metadata(customer.metadata);
  const settings = p.object('invoice_settings');
  if (settings && typeof settings.default_payment_method === 'string') {
    customer.invoice_settings.default_payment_method = settings.default_payment_method || null;
  }
  if (p.has('default_source')) customer.default_source = p.string('default_source') || null;
  emit(ctx.store, ctx, 'customer.updated', customer);
  return customer;
}

export function listCustomerPaymentMethods(ctx: Ctx) {
  ctx.params.only('type', 'limit', 'starting_after', 'ending_before', 'allow_redisplay');
  const customer = findCustomer(ctx, ctx.path.id!);
  const data = [...ctx.store.paymentMethods.values()].filter((pm) => pm.customer === customer.id).reverse();
  return listObject(`/v1/customers/${customer.id}/payment_methods`, data);
}

export function createPaymentMethod(ctx: Ctx): Stripe.PaymentMethod {
  const p = ctx.params.only('type', 'card', 'link', 'billing_details', 'metadata');
  const type = p.required('type');
  if (type === 'link') {
    // Stripe.js makes these in the Payment Element; the stand-in takes the Link account's email.
    const email = p.object('billing_details')?.email;
    const pm = newLinkPaymentMethod(ctx, typeof email === 'string' ? email : null);
    pm.metadata = p.metadata();
    return pm;
  }
  if (type !== 'card') throw invalidParam('The Stripe stand-in only has cards and Link.', 'type');
  const given = p.object('card');
  if (!given) throw missingParam('card');
  let card: TestCard | undefined;
  if (typeof given.token === 'string') {
    card = testToken(given.token) ?? ctx.store.tokenCards.get(given.token);
    if (!card) throw noSuch('token', given.token, 'card[token]');
  } else if (typeof given.number === 'string') {
    card = CARDS[given.number.replaceAll(' ', '')];
    if (!card) throw invalidParam('Your card number is incorrect.', 'card[number]', 'incorrect_number');
  } else {
    throw missingParam('card[number]');
  }
  const pm = newPaymentMethod(ctx, card);
  pm.metadata = p.metadata();
  return pm;
}

/** A `pm_card_…` id answers a new PaymentMethod for that card (assumed: test mode clones on every use). */
export function retrievePaymentMethod(ctx: Ctx): Stripe.PaymentMethod {
  ctx.params.only();
  return resolvePaymentMethod(ctx, ctx.path.id!);
}

export function attachPaymentMethod(ctx: Ctx): Stripe.PaymentMethod {
  const p = ctx.params.only('customer');
  const customer = findCustomer(ctx, p.required('customer'), 'customer');
  const pm = resolvePaymentMethod(ctx, ctx.path.id!);
  refuseUnattachable(facts(ctx.store, pm).card, { payment_method: structuredClone(pm) });
  attach(ctx, ctx.store, pm, customer.id, null);
  return pm;
}

export function detachPaymentMethod(ctx: Ctx): Stripe.PaymentMethod {
  ctx.params.only();
  const id = ctx.path.id!;
  const pm = testPaymentMethod(id) ? undefined : ctx.store.find(ctx.store.paymentMethods, id, ctx.account);
  if (!pm) throw noSuch('PaymentMethod', id);
  if (!pm.customer) {
    throw invalidParam('The payment method you provided is not attached to a customer so detachment is impossible.');
  }
  pm.customer = null;
  // "…was detached from a Customer. It may not be used again."
  facts(ctx.store, pm).usedBy = `detached:${pm.id}`;
  emit(ctx.store, ctx, 'payment_method.detached', pm);
  return pm;
}

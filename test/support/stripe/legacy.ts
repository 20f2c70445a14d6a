// The legacy card path that seed 000's `tok_…` flow still uses: Tokens, card sources on customers, and
// the Charges API, with the same test-card behaviours as PaymentMethods (issuer-decline cards can't be
// attached, `tok_chargeCustomerFail` attaches and is declined when charged).
import type Stripe from 'stripe';
import { CARDS, testToken, type TestCard } from './cards.ts';
import { makeCharge } from './charging.ts';
import { emit, type Ctx } from './context.ts';
import { cardError, invalidParam, missingParam, noSuch } from './errors.ts';
import { cardSourceObject, tokenObject } from './objects.ts';
import { amount as readAmount, currency as readCurrency } from './params.ts';

export function createToken(ctx: Ctx): Stripe.Token {
  const p = ctx.params.only('card');
  const given = p.object('card');
  if (!given || typeof given.number !== 'string') throw missingParam('card[number]');
  const card = CARDS[given.number.replaceAll(' ', '')];
  if (!card)
    throw cardError({ code: 'incorrect_number', message: 'Your card number is incorrect.' }, { param: 'number' });
  const token = tokenObject(card, ctx.store.clock.seconds());
  ctx.store.tokens.set(token.id, token);
  ctx.store.tokenCards.set(token.id, card);
  ctx.store.own(token.id, ctx.account);
  return token;
}

export function retrieveToken(ctx: Ctx): Stripe.Token {
  ctx.params.only();
  const token = ctx.store.find(ctx.store.tokens, ctx.path.id!, ctx.account);
  if (!token) throw noSuch('token', ctx.path.id!);
  return token;
}

/** A token's card; test tokens (`tok_visa`) can be used again and again, made ones once. */
function spendToken(ctx: Ctx, id: string, param: string): TestCard {
  const test = testToken(id);
  if (test) return test;
  const token = ctx.store.find(ctx.store.tokens, id, ctx.account);
  if (!token) throw noSuch('token', id, param);
  if (token.used) throw invalidParam(`You cannot use a Stripe token more than once: ${id}.`, param);
  token.used = true;
  return ctx.store.tokenCards.get(id)!;
}

/** Attaches a token's card to a customer as a card source (the first becomes default_source). */
export function addSource(ctx: Ctx, customer: Stripe.Customer, tokenId: string): Stripe.Card {
  const card = spendToken(ctx, tokenId, 'source');
  if (!card.attachable) throw cardError(card.decline!, { param: '' });
  const source = cardSourceObject(card, customer.id);
  ctx.store.sources.set(source.id, source);
  ctx.store.sourceCards.set(source.id, card);
  ctx.store.own(source.id, ctx.account);
  customer.default_source ??= source.id;
  emit(ctx.store, ctx, 'customer.source.created', source);
  return source;
}

export function createSource(ctx: Ctx): Stripe.Card {
  const p = ctx.params.only('source', 'metadata');
  const customer = ctx.store.find(ctx.store.customers, ctx.path.id!, ctx.account);
  if (!customer) throw noSuch('customer', ctx.path.id!);
  return addSource(ctx, customer, p.required('source'));
}

export function retrieveSource(ctx: Ctx): Stripe.Card {
  ctx.params.only();
  const source = ctx.store.find(ctx.store.sources, ctx.path.source!, ctx.account);
  if (!source || source.customer !== ctx.path.id) throw noSuch('source', ctx.path.source!);
  return source;
}

export function createCharge(ctx: Ctx): Stripe.Charge {
  const p = ctx.params.only(
    'amount',
    'currency',
    'customer',
    'source',
    'description',
    'metadata',
    'receipt_email',
    'statement_descriptor_suffix',
    'capture',
  );
  const currency = readCurrency(p);
  const amount = readAmount(p, currency);
  if (p.boolean('capture') === false)
    throw invalidParam('The Stripe stand-in does not support capture=false.', 'capture');
  const customerId = p.string('customer') ?? null;
  const customer = customerId ? ctx.store.find(ctx.store.customers, customerId, ctx.account) : null;
  if (customerId && !customer) throw noSuch('customer', customerId, 'customer');
  const sourceId = p.string('source') ?? (customer?.default_source as string | null) ?? null;
  if (!sourceId) throw invalidParam('Must provide source or customer.', 'source', 'missing');
  let card: TestCard;
  let source: Stripe.Card | null;
  if (sourceId.startsWith('tok_')) {
    if (customer) {
      throw invalidParam(
        `Customer ${customer.id} does not have a linked source with ID ${sourceId}.`,
        'source',
        'missing',
      );
    }
    card = spendToken(ctx, sourceId, 'source');
    source = cardSourceObject(card, null);
  } else {
    source = ctx.store.find(ctx.store.sources, sourceId, ctx.account) ?? null;
    if (!source) throw noSuch('source', sourceId, 'source');
    if (source.customer !== (customer?.id ?? null)) {
      throw invalidParam(
        `Customer ${customerId ?? '(none)'} does not have a linked source with ID ${sourceId}.`,
        'source',
        'missing',
      );
    }
    card = ctx.store.sourceCards.get(sourceId)!;
  }
  const { charge, decline } = makeCharge(ctx, ctx.store, ctx.account, {
    amount,
    currency,
    customer: customer?.id ?? null,
    description: p.string('description') ?? null,
    metadata: p.metadata(),
    card,
    paymentIntent: null,
    paymentMethod: null,
    source: structuredClone(source),
    threeDSecure: false,
  });
  if (decline) throw cardError(decline, { charge: charge.id });
  return charge;
}

export function retrieveCharge(ctx: Ctx): Stripe.Charge {
  ctx.params.only();
  const charge = ctx.store.find(ctx.store.charges, ctx.path.id!, ctx.account);
  if (!charge) throw noSuch('charge', ctx.path.id!);
  return charge;
}

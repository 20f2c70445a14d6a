// Stripe objects as the API returns them, built against the `stripe` package's types so that a field
// Stripe's SDK declares cannot be forgotten. Cards exist in the stand-in, and Link (which pays with a card
// it keeps: the stand-in's Link pays with the Visa test card).
import type Stripe from 'stripe';
import { EXPIRY, fingerprint, last4, LINK_CARD, sourceBrand, type TestCard } from './cards.ts';
import type { Decline } from './errors.ts';
import { newId } from './store.ts';

export type Metadata = Record<string, string>;

export function customerObject(created: number, fields: Partial<Stripe.Customer> = {}): Stripe.Customer {
  return {
    id: newId('cus', 14),
    object: 'customer',
    address: null,
    balance: 0,
    created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    email: null,
    invoice_prefix: null,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name: null,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
    ...fields,
  };
}

export function paymentMethodObject(card: TestCard, created: number): Stripe.PaymentMethod {
  return {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: null },
      country: card.country,
      display_brand: card.brand,
      exp_month: EXPIRY.exp_month,
      exp_year: EXPIRY.exp_year,
      fingerprint: fingerprint(card.number),
      funding: card.funding,
      generated_from: null,
      last4: last4(card),
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: card.threeDSecureSupported },
      wallet: null,
    },
    created,
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
}

/** A Link PaymentMethod as Stripe.js makes one in the Payment Element: `type: "link"`, no `card`. */
export function linkPaymentMethodObject(email: string | null, created: number): Stripe.PaymentMethod {
  const { card: _card, ...rest } = paymentMethodObject(LINK_CARD, created);
  return { ...rest, billing_details: { ...rest.billing_details, email }, link: { email }, type: 'link' };
}

/** A card source (legacy Tokens and Sources path), as `customers.createSource` and tokens show it. */
export function cardSourceObject(card: TestCard, customer: string | null): Stripe.Card {
  return {
    id: newId('card'),
    object: 'card',
    address_city: null,
    address_country: null,
    address_line1: null,
    address_line1_check: null,
    address_line2: null,
    address_state: null,
    address_zip: null,
    address_zip_check: null,
    brand: sourceBrand(card.brand),
    country: card.country,
    customer,
    cvc_check: null,
    dynamic_last4: null,
    exp_month: EXPIRY.exp_month,
    exp_year: EXPIRY.exp_year,
    fingerprint: fingerprint(card.number),
    funding: card.funding,
    last4: last4(card),
    metadata: {},
    name: null,
    regulated_status: 'unregulated',
    tokenization_method: null,
  };
}

export function tokenObject(card: TestCard, created: number): Stripe.Token {
  return {
    id: newId('tok'),
    object: 'token',
    card: cardSourceObject(card, null),
    client_ip: '127.0.0.1',
    created,
    livemode: false,
    type: 'card',
    used: false,
  };
}

export interface ChargeInput {
  readonly amount: number;
  readonly currency: string;
  readonly customer: string | null;
  readonly description: string | null;
  readonly metadata: Metadata;
  readonly card: TestCard;
  /** Paid through Link (with `card`, the card Link keeps). */
  readonly link?: boolean;
  readonly decline: Decline | null;
  readonly paymentIntent: string | null;
  readonly paymentMethod: string | null;
  readonly source: Stripe.Card | null;
  readonly threeDSecure: boolean;
  readonly created: number;
}

export function chargeObject(input: ChargeInput): Stripe.Charge {
  const { card, decline } = input;
  const paid = decline === null;
  return {
    id: newId('ch'),
    object: 'charge',
    amount: input.amount,
    amount_captured: paid ? input.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: paid ? newId('txn') : null,
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: 'TILLKIT',
    captured: paid,
    created: input.created,
    currency: input.currency,
    customer: input.customer,
    description: input.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...input.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: paid ? 'approved_by_network' : 'declined_by_network',
      reason: decline?.decline_code ?? null,
      risk_level: 'normal',
      risk_score: 20,
      seller_message: paid ? 'Payment complete.' : 'The bank did not return any further details with this decline.',
      type: paid ? 'authorized' : 'issuer_declined',
    },
    paid,
    payment_intent: input.paymentIntent,
    payment_method: input.paymentMethod ?? input.source?.id ?? null,
    payment_method_details: input.link
      ? { type: 'link', link: { country: card.country } }
      : {
          type: 'card',
          card: {
            amount_authorized: paid ? input.amount : null,
            authorization_code: paid ? '123456' : null,
            brand: card.brand,
            checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: null },
            country: card.country,
            electronic_commerce_indicator: input.threeDSecure ? '05' : null,
            exp_month: EXPIRY.exp_month,
            exp_year: EXPIRY.exp_year,
            fingerprint: fingerprint(card.number),
            funding: card.funding,
            installments: null,
            last4: last4(card),
            mandate: null,
            network: card.brand,
            network_transaction_id: paid ? newId('ntx', 15) : null,
            regulated_status: 'unregulated',
            three_d_secure: input.threeDSecure
              ? {
                  authentication_flow: 'challenge',
                  electronic_commerce_indicator: '05',
                  exemption_indicator: null,
                  result: 'authenticated',
                  result_reason: null,
                  transaction_id: newId('3ds', 20),
                  version: '2.2.0',
                }
              : null,
            transaction_link_id: null,
            wallet: null,
          },
        },
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: input.source,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: paid ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: null,
  };
}

/** `{object: 'list'}` as list endpoints answer. */
export function listObject<T>(url: string, data: T[], hasMore = false) {
  return { object: 'list' as const, data, has_more: hasMore, url };
}

// A new PaymentIntent or SetupIntent's fields that depend on which payment methods it accepts:
// `automatic_payment_methods` (the default when no list is given) or a list of types: the SDK's API
// version (2026-10-28) names it `allowed_payment_method_types`, older versions `payment_method_types`.
import type Stripe from 'stripe';
import { invalidParam } from './errors.ts';
import type { Params } from './params.ts';
import { newId } from './store.ts';

/** Stripe's refusal of a server-side confirm without return_url when redirect-based methods are allowed. */
export const REDIRECTS_NEED_RETURN_URL =
  'This PaymentIntent is configured to accept payment methods enabled in your Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents. If you wish to allow redirect-based payment methods, please specify a return_url when confirming.';

export const clientSecret = (id: string) => `${id}_secret_${newId('x', 25).slice(2)}`;

export interface AcceptedMethods {
  automatic_payment_methods: { enabled: boolean; allow_redirects: 'always' | 'never' } | null;
  allowed_payment_method_types: MethodType[] | null;
  payment_method_types: MethodType[];
}

/** The PaymentMethod types the stand-in has; its dashboard enables both (automatic payment methods). */
export type MethodType = 'card' | 'link';
const METHOD_TYPES: readonly string[] = ['card', 'link'] satisfies MethodType[];

export const TYPE_LISTS = ['allowed_payment_method_types', 'payment_method_types'];

export function paymentMethodsOf(p: Params): AcceptedMethods {
  const automatic = p.object('automatic_payment_methods');
  const name = TYPE_LISTS.find((n) => p.has(n));
  const types = name ? p.strings(name)! : undefined;
  if (name && (automatic || TYPE_LISTS.every((n) => p.has(n)))) {
    throw invalidParam(
      `You may only specify one of these parameters: automatic_payment_methods, ${TYPE_LISTS.join(', ')}.`,
      name,
    );
  }
  if (types) {
    const other = types.find((t) => !METHOD_TYPES.includes(t));
    if (other) throw invalidParam(`The Stripe stand-in only has cards and Link, not ${other}.`, name);
    const list = [...new Set(types)] as MethodType[];
    return {
      automatic_payment_methods: null,
      allowed_payment_method_types: name === 'allowed_payment_method_types' ? list : null,
      payment_method_types: list,
    };
  }
  // Since API version 2023-08-16 automatic payment methods are on unless the request says otherwise.
  const enabled = automatic ? automatic.enabled === 'true' : true;
  const redirects = automatic?.allow_redirects === 'never' ? 'never' : 'always';
  return {
    automatic_payment_methods: enabled ? { enabled, allow_redirects: redirects } : null,
    allowed_payment_method_types: null,
    payment_method_types: ['card', 'link'],
  };
}

export function paymentIntentObject(
  created: number,
  fields: Pick<
    Stripe.PaymentIntent,
    | 'amount'
    | 'currency'
    | 'customer'
    | 'capture_method'
    | 'confirmation_method'
    | 'description'
    | 'metadata'
    | 'receipt_email'
    | 'setup_future_usage'
    | 'statement_descriptor_suffix'
  > &
    AcceptedMethods,
): Stripe.PaymentIntent {
  const id = newId('pi');
  return {
    id,
    object: 'payment_intent',
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    canceled_at: null,
    cancellation_reason: null,
    client_secret: clientSecret(id),
    created,
    customer_account: null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: fields.automatic_payment_methods
      ? { id: 'pmc_standin_default', parent: null }
      : null,
    payment_method_options: {
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    payment_record: null,
    processing: null,
    review: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
    ...fields,
  };
}

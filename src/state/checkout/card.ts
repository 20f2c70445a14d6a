import type { CardProvider } from '../../payments/provider.ts';
import { createStripeProvider } from '../../payments/stripe.ts';
import { createTestCardProvider } from '../../payments/test-card-provider.ts';
import { $config, type TillConfig } from '../config.ts';
import { showAuthentication } from './authentication.ts';
import { pay } from './pay.ts';
import { $checkout } from './store.ts';

/** What the card form depends on: Stripe's key and loader, and the locale of its texts. */
export interface CardSetup {
  readonly stripeKey: string;
  readonly loadStripe: TillConfig['loadStripe'];
  readonly locale: string | undefined;
}

/** Without a Stripe key: the offline test card, the same whatever the locale. */
const TEST_CARD: CardSetup = { stripeKey: '', loadStripe: null, locale: undefined };

/** The card form the configuration asks for, in `locale` (the element's). */
export function cardSetup(locale: string | undefined): CardSetup {
  const { stripeKey, loadStripe } = $config.get();
  return stripeKey ? { stripeKey, loadStripe, locale } : TEST_CARD;
}

export const sameCardSetup = (a: CardSetup, b: CardSetup): boolean =>
  a.stripeKey === b.stripeKey && a.loadStripe === b.loadStripe && a.locale === b.locale;

/**
 * Stripe's Payment Element when there is a Stripe key, else the labelled offline test card, whose
 * bank is the reference server's test page, shown in the checkout's authentication dialog.
 */
export function createCardProvider(setup: CardSetup): CardProvider {
  if (!setup.stripeKey) return createTestCardProvider({ authenticate: showAuthentication });
  return createStripeProvider({
    publishableKey: setup.stripeKey,
    locale: setup.locale,
    loadStripe: setup.loadStripe ?? undefined,
  });
}

let shared: { setup: CardSetup; provider: CardProvider } | null = null;

/**
 * The page's card provider for `setup`: one for the payment step's form and for going on after a
 * redirect (one Stripe.js instance, and the test card keeps what was typed). A new one when the setup
 * changes.
 */
export function cardProvider(setup: CardSetup): CardProvider {
  if (!shared || !sameCardSetup(shared.setup, setup)) shared = { setup, provider: createCardProvider(setup) };
  return shared.provider;
}

/**
 * Pays the pending order with the card in `card`: its form is checked first (what is wrong shows at
 * its fields, and nothing is sent), then it is saved and pays. False when the form refused.
 */
export async function payWithCard(card: CardProvider): Promise<boolean> {
  const { busy, totalToConfirm } = $checkout.get();
  if (busy || totalToConfirm) return true;
  if (!(await card.check())) return false;
  await pay(card);
  return true;
}

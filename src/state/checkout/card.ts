import type { CardProvider } from '../../payments/provider.ts';
import { createStripeProvider } from '../../payments/stripe.ts';
import { createTestCardProvider } from '../../payments/test-card-provider.ts';
import { $config, type TillConfig } from '../config.ts';
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

/** Stripe's card element when there is a Stripe key, else the labelled offline test card. */
export function createCardProvider(setup: CardSetup): CardProvider {
  if (!setup.stripeKey) return createTestCardProvider();
  return createStripeProvider({
    publishableKey: setup.stripeKey,
    locale: setup.locale,
    loadStripe: setup.loadStripe ?? undefined,
  });
}

/**
 * Pays the pending order with the card in `card`: its form is checked first (what is wrong shows at
 * its fields, and nothing is sent), then its token pays. False when the form refused.
 */
export async function payWithCard(card: CardProvider): Promise<boolean> {
  const { busy, totalToConfirm, contact } = $checkout.get();
  if (busy || totalToConfirm) return true;
  if (!(await card.check())) return false;
  await pay(() => card.createToken({ name: `${contact.firstName} ${contact.lastName}`.trim() }));
  return true;
}

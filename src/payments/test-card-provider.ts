import type { AuthenticationOutcome, CardChange, TestCardProvider } from './provider.ts';
import {
  TEST_PAYMENT_CARDS,
  formatCardNumber,
  testCardErrors,
  testCardPaymentMethod,
  type TestCardForm,
} from './test-card.ts';

/** A bank's test page to show the customer (`next_action.redirect_to_url.url`), for the intent it authenticates. */
export interface TestAuthentication {
  readonly url: string;
  readonly intentId: string;
}

export interface TestCardProviderOptions {
  /** Today, for the expiry check and for the expiry of a chosen card; the clock by default. */
  readonly now?: () => Date;
  /**
   * Shows the reference server's test authentication page and resolves with how the customer left it
   * (the checkout shows it in a dialog). Without it, an authentication can not be shown (`error`).
   */
  readonly authenticate?: ((page: TestAuthentication) => Promise<AuthenticationOutcome>) | undefined;
}

/**
 * The offline test mode as a card provider: the labelled form's values and messages, kept here; the
 * checkout draws the fields from `form`. `check` puts each field's problem at the field before
 * anything is sent; `confirmSetup` hands on the matching Stripe test PaymentMethod (the server's test
 * processor confirms the SetupIntent with it, as Stripe.js would have), and refuses any number that is
 * not one of Stripe's test cards. The bank's side of 3-D Secure is the server's test page.
 */
export function createTestCardProvider({
  now = () => new Date(),
  authenticate,
}: TestCardProviderOptions = {}): TestCardProvider {
  let form: TestCardForm = { number: '', expiry: '', cvc: '', errors: {} };
  let listener: ((state: CardChange) => void) | null = null;

  const set = (next: TestCardForm): void => {
    form = next;
    listener?.({ complete: testCardErrors(form, now()).length === 0, error: null });
  };

  return {
    kind: 'test',
    cards: TEST_PAYMENT_CARDS.map((card) => ({
      number: formatCardNumber(card.number),
      label: card.label,
      kind: card.kind,
    })),

    get form() {
      return form;
    },

    input(field, value) {
      const errors = { ...form.errors };
      delete errors[field];
      set({ ...form, [field]: field === 'number' ? formatCardNumber(value) : value, errors });
    },

    choose(number) {
      const year = String((now().getFullYear() + 3) % 100).padStart(2, '0');
      set({
        number: formatCardNumber(number),
        expiry: `12/${year}`,
        cvc: number.startsWith('3') ? '1234' : '123',
        errors: {},
      });
    },

    onChange(next) {
      listener = next;
    },

    async check() {
      const errors = testCardErrors(form, now());
      if (errors.length) set({ ...form, errors: Object.fromEntries(errors.map((e) => [e.field, e.message])) });
      return errors.length === 0;
    },

    async confirmSetup() {
      return testCardPaymentMethod(form, now());
    },

    async handleNextAction({ nextAction, intentId }) {
      if (!authenticate || !nextAction?.url) return 'error';
      return authenticate({ url: nextAction.url, intentId });
    },

    destroy() {
      listener = null;
    },
  };
}

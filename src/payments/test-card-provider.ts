import type { CardChange, TestCardProvider } from './provider.ts';
import { TEST_CARDS, formatCardNumber, testCardErrors, testCardToken, type TestCardForm } from './test-card.ts';

export interface TestCardProviderOptions {
  /** Today, for the expiry check and for the expiry of a chosen card; the clock by default. */
  readonly now?: () => Date;
}

/**
 * The offline test mode as a card provider: the labelled form's values and messages, kept here; the
 * checkout draws the fields from `form`. `check` puts each field's problem at the field before
 * anything is sent; `createToken` hands on the matching Stripe test token, and refuses any number
 * that is not one of Stripe's test cards.
 */
export function createTestCardProvider({ now = () => new Date() }: TestCardProviderOptions = {}): TestCardProvider {
  let form: TestCardForm = { number: '', expiry: '', cvc: '', errors: {} };
  let listener: ((state: CardChange) => void) | null = null;

  const set = (next: TestCardForm): void => {
    form = next;
    listener?.({ complete: testCardErrors(form, now()).length === 0, error: null });
  };

  return {
    kind: 'test',
    cards: TEST_CARDS.map((card) => ({ number: formatCardNumber(card.number), label: card.label })),

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

    async createToken() {
      return testCardToken(form, now());
    },

    destroy() {
      listener = null;
    },
  };
}

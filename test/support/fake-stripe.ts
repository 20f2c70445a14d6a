import { expect } from '@open-wc/testing';
import type { StripeLike, StripeLoader } from '../../src/payments/stripe.ts';

type ChangeEvent = { complete: boolean; error?: { message?: string } };
type TokenReply = Awaited<ReturnType<StripeLike['createToken']>>;

/**
 * A stand-in for Stripe.js following its documented interface: `stripe.elements(options)`,
 * `elements.create('card', options)`, `card.mount(el)`, `card.on('change', fn)`, `card.destroy()`,
 * `stripe.createToken(card, data)`. The card "iframe" is a plain element so mounting can be seen.
 */
export function fakeStripe(reply: TokenReply | (() => Promise<TokenReply>) = { token: { id: 'tok_fake' } }) {
  const log = {
    elementsOptions: [] as unknown[],
    createOptions: [] as unknown[],
    tokenCalls: [] as { card: unknown; data: unknown }[],
    cards: [] as { frame: HTMLElement; change: ((e: ChangeEvent) => void) | null; destroyed: boolean }[],
  };
  const stripe: StripeLike = {
    elements(options) {
      log.elementsOptions.push(options);
      return {
        create(type, options) {
          expect(type).to.equal('card');
          log.createOptions.push(options);
          const entry = {
            frame: document.createElement('div'),
            change: null as ((e: ChangeEvent) => void) | null,
            destroyed: false,
          };
          entry.frame.className = '__PrivateStripeElement';
          log.cards.push(entry);
          return {
            mount: (el: HTMLElement) => void el.append(entry.frame),
            on: (event: 'change', handler: (e: ChangeEvent) => void) => {
              expect(event).to.equal('change');
              entry.change = handler;
            },
            destroy: () => {
              entry.destroyed = true;
              entry.frame.remove();
            },
          };
        },
      };
    },
    async createToken(card, data) {
      log.tokenCalls.push({ card, data });
      return typeof reply === 'function' ? reply() : reply;
    },
  };
  return { stripe, log };
}

export function countingLoader(result: () => Promise<StripeLike | null>) {
  const calls: { key: string; options: unknown }[] = [];
  const load: StripeLoader = (key, options) => {
    calls.push({ key, options });
    return result();
  };
  return { load, calls };
}

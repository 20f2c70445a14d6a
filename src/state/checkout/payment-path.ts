/**
 * The payment path, fetched with the checkout's later steps (or by `pay`, a redirect's return): pay,
 * save the card, charge, the bank's authentication, lost answers asked after, and the card forms
 * (Stripe's Payment Element, the test card). See lazy.ts.
 */
export { pay } from './pay.ts';
export { cardProvider, cardSetup, createCardProvider, payWithCard, sameCardSetup, type CardSetup } from './card.ts';
export { resumeRedirect } from './redirect.ts';
export { cancelAuthentication } from './authentication.ts';

import type { LaterStepsStringKey } from './later-strings.ts';

/** The texts of the details step and what every step shows; the later steps bring theirs (later-strings.ts). */
export const CHECKOUT_STRINGS = {
  'checkout.steps': 'Checkout steps',
  'checkout.step.details': 'Details',
  'checkout.step.payment': 'Payment',
  'checkout.step.complete': 'Confirmation',
  'checkout.contact': 'Contact',
  'checkout.email': 'Email',
  'checkout.firstName': 'First name',
  'checkout.lastName': 'Last name',
  'checkout.phone': 'Phone',
  'checkout.delivery': 'Delivery address',
  'checkout.street': 'Street address',
  'checkout.zip': 'Postal code',
  'checkout.city': 'City',
  'checkout.country': 'Country',
  'checkout.billingSame': 'Billing address is the same as delivery',
  'checkout.billing': 'Billing address',
  'checkout.note': 'Note for the shop (optional)',
  'checkout.continue': 'Continue to payment',
  'checkout.continueBootic': 'Continue to the shop’s checkout',
  'checkout.placing': 'Placing your order…',
  'checkout.summary': 'Order summary',
  'checkout.emptyCart': 'Your cart is empty. Add something before checking out.',
  'checkout.resuming': 'Picking up your order where you left it…',
  'checkout.coupon.toggle': 'Have a discount code?',
  'checkout.coupon.label': 'Discount code',
  'checkout.coupon.apply': 'Apply',
  'checkout.coupon.checking': 'Checking the code…',
  'checkout.coupon.applied': 'Code {code} applied: {off} off.',
  'checkout.coupon.remove': 'Remove',
  'checkout.coupon.removeLabel': 'Remove the code {code}',
  'checkout.coupon.removed': 'Code {code} removed.',
  'checkout.coupon.line': 'Code {code}',
  'checkout.coupon.required': 'Enter a discount code.',
  'checkout.coupon.unknown': 'There is no code {code}. Check how it is spelled.',
  'checkout.coupon.notYetValid': 'The code {code} is not valid yet.',
  'checkout.coupon.expired': 'The code {code} has expired.',
  'checkout.coupon.exhausted': 'The code {code} has been used up.',
  'checkout.coupon.retired': 'The code {code} is no longer offered.',
  'checkout.coupon.minimum': 'The code {code} is for orders of {minimum} or more: add {missing} to use it.',
  'checkout.coupon.currency': 'The code {code} is for orders in {currency}.',
  'checkout.coupon.unavailable': 'We could not check the code. Please try again.',
  'checkout.coupon.taken': 'The code {code} was used up by another order just now.',
  'error.required': 'Please fill in {field}.',
  'error.email': 'Enter an email address like name@example.com.',
  'error.phone': 'Enter a phone number, digits and an optional leading +.',
  'error.too-long': 'This is too long.',
};

/** The keys of these texts (each can be replaced through the `strings` property or `configure`). */
export type CheckoutStringKey = keyof typeof CHECKOUT_STRINGS | LaterStepsStringKey;

// These texts join the table of every text, and `StringKey` knows their keys.
declare module '../shared/strings.ts' {
  interface StringTables {
    checkout: typeof CHECKOUT_STRINGS;
  }
}

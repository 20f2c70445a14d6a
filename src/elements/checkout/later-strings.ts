import { PAYMENT_MESSAGES } from '../../state/checkout/payment-errors.ts';

/**
 * The texts of the steps after the details (the payment, the card forms, the bank's check, Bootic's
 * hand-over, the confirmation): they come with the later steps' chunk, which adds them when it arrives.
 */
export const LATER_STEPS_STRINGS = {
  'checkout.paid': 'Paid',
  'checkout.receipt': 'Receipt',
  'checkout.coupon.nothingCharged': 'Nothing was charged. You can pay without the code: you see the new total first.',
  'checkout.coupon.without': 'Continue without the code',
  'checkout.coupon.removedFromOrder': 'Code {code} removed from your order. Confirm the new total to pay.',
  'checkout.booticCreated': 'Your order is ready to pay.',
  'checkout.toBootic': 'Pay on the shop’s checkout',
  'checkout.shipping': 'Shipping',
  'checkout.edit': 'Edit details',
  'checkout.totalChanged': 'The shop’s total for this order is {server}, not {local} as the cart showed.',
  'checkout.totalConfirm': 'Continue with {server}',
  'checkout.card': 'Card',
  'checkout.testMode': 'Test mode: no real card is charged. Use a Stripe test card:',
  'checkout.cardNumber': 'Card number',
  'checkout.cardExpiry': 'Expiry (MM/YY)',
  'checkout.cardCvc': 'CVC',
  'checkout.cardLoading': 'Loading the secure card form…',
  'checkout.pay': 'Pay {total}',
  'checkout.paying': 'Paying…',
  'checkout.toPay': 'To pay',
  'checkout.thanks': 'Thank you! Your order is confirmed.',
  'checkout.orderNumber': 'Order number',
  'checkout.again': 'Continue shopping',
  'checkout.orders': 'See your orders',
  'checkout.date': 'Date',
  'checkout.paidWith': 'Paid with',
  'checkout.cardEnding': '{brand} ending in {last4}',
  'checkout.link': 'Link',
  'checkout.declinedHint': 'Nothing was charged. Try another card, or ask your bank why this one was declined.',
  'checkout.testCard.visa': 'Visa: succeeds',
  'checkout.testCard.mastercard': 'Mastercard: succeeds',
  'checkout.testCard.amex': 'American Express: succeeds',
  'checkout.testCard.declined': 'Declined',
  'checkout.testCard.insufficientFunds': 'Declined: insufficient funds',
  'checkout.testCard.declinedWhenPaid': 'Saved, then declined when paid',
  'checkout.testCard.authentication': 'Your bank asks you to authenticate every payment',
  'checkout.testCard.authenticationOnSetup': 'Your bank asks you to authenticate once, when the card is saved',
  'checkout.testCard.authenticationThenDeclined': 'Authenticated, then declined: insufficient funds',
  'checkout.testCard.threeDSecure2': '3-D Secure 2: your bank asks every time',
  'checkout.authenticating': 'Your bank is asking you to confirm it is you. Follow the steps in its window.',
  'checkout.confirming': 'Waiting for your bank to confirm the payment…',
  'checkout.processing': 'Your payment is being confirmed. This can take a moment: please keep this page open.',
  'checkout.auth.title': 'Confirm with your bank',
  'checkout.auth.intro': 'Your bank wants to check it is you before the payment goes through.',
  'checkout.auth.frame': 'Your bank’s check',
  'checkout.auth.cancel': 'Cancel',
  'checkout.error.authentication-failed': PAYMENT_MESSAGES['authentication-failed'],
  'checkout.error.authentication-canceled': PAYMENT_MESSAGES['authentication-canceled'],
  'checkout.error.authentication-expired': PAYMENT_MESSAGES['authentication-expired'],
  'checkout.error.authentication-unavailable': PAYMENT_MESSAGES['authentication-unavailable'],
  'checkout.error.payment-pending': PAYMENT_MESSAGES['payment-pending'],
  'checkout.booticUnpaid': 'Your cart keeps these items until the order is paid on the shop’s checkout.',
};

/** The keys of these texts (each can be replaced through the `strings` property or `configure`). */
export type LaterStepsStringKey = keyof typeof LATER_STEPS_STRINGS;

// These texts join the table of every text, and `StringKey` knows their keys.
declare module '../shared/strings.ts' {
  interface StringTables {
    checkoutLater: typeof LATER_STEPS_STRINGS;
  }
}

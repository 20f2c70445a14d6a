export const CHECKOUT_STRINGS = {
  'checkout.title': 'Checkout',
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
  'checkout.booticCreated': 'Your order is ready to pay.',
  'checkout.toBootic': 'Pay on the shop’s checkout',
  'checkout.shipping': 'Shipping',
  'checkout.placing': 'Placing your order…',
  'checkout.summary': 'Order summary',
  'checkout.emptyCart': 'Your cart is empty. Add something before checking out.',
  'checkout.edit': 'Edit details',
  'checkout.resuming': 'Picking up your order where you left it…',
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
  'checkout.paid': 'Paid',
  'checkout.again': 'Continue shopping',
  'checkout.orders': 'See your orders',
  'error.required': 'Please fill in {field}.',
  'error.email': 'Enter an email address like name@example.com.',
  'error.phone': 'Enter a phone number, digits and an optional leading +.',
  'error.too-long': 'This is too long.',
};

/** The keys of these texts (each can be replaced through the `strings` property or `configure`). */
export type CheckoutStringKey = keyof typeof CHECKOUT_STRINGS;

// These texts join the table of every text, and `StringKey` knows their keys.
declare module '../shared/strings.ts' {
  interface StringTables {
    checkout: typeof CHECKOUT_STRINGS;
  }
}

/**
 * The checkout: a state machine in one store (`$checkout`), its actions, and a `CheckoutBackend` per
 * merchant backend (BuiltOn, Bootic).
 */
export {
  $checkout,
  initialCheckout,
  onCheckoutEvent,
  type CheckoutError,
  type CheckoutEvent,
  type CheckoutState,
  type CheckoutStep,
  type AppliedCoupon,
  type CouponProblem,
  type CouponRefusalCode,
  type Contact,
  type ContactField,
  type FieldErrorCode,
  type FieldProblem,
  type OrderKey,
  type PaidCard,
  type PaymentPhase,
  type Authentication,
} from './store.ts';
export { setContact, validateContact } from './contact.ts';
export {
  checkoutBackend,
  confirmTotal,
  placeOrder,
  prepareOrder,
  type CheckoutBackend,
  type OrderRequest,
} from './backend.ts';
export { backendProfile, type BackendProfile } from './profiles.ts';
// The payment path is fetched when first needed (see lazy.ts); the later steps import payment-path.ts.
export { cancelAuthentication, pay } from './lazy.ts';
export type { PaymentSource } from './pay.ts';
export type { CardSetup } from './card.ts';
export { PAYMENT_MESSAGES, type PaymentMessageCode } from './payment-errors.ts';
export { resetCheckout, restartCheckout, resumeCheckout } from './resume.ts';
export { followCart } from './bootic.ts';
export { cartReceipt, type Receipt, type ReceiptLine } from './receipt.ts';
// An order's receipt (order-receipt.ts) is the later steps' own, not the details step's.
export { applyCouponCode, removeCoupon } from './coupon.ts';
export { couponFor, localRefusal } from './coupon-problem.ts';

/**
 * Tillkit's public API: element classes, stores, actions and types. Importing it registers nothing;
 * import `tillkit/define` (or a single `tillkit/elements/till-cart.js`-style entry) for that.
 */
export * from './core/index.ts';
export type * from './api/types.ts';
export { ApiError, isApiError } from './api/http.ts';
export { createBuiltOnClient } from './api/builton.ts';
export { $config, configure, type TillConfig as TillConfiguration } from './state/config.ts';
export {
  $cart,
  $cartSummary,
  $cartLocked,
  addToCart,
  setLineQuantity,
  removeLine,
  clearCart,
  cart,
} from './state/cart.ts';
export { createCartStore, type CartStore, type CartStoreOptions } from './state/cart/store.ts';
export { cartStorageKey, CART_SCHEMA_VERSION } from './state/cart/saved.ts';
export type { CartLine, CartSubProduct, CartSnapshot } from './state/cart/line.ts';
export {
  $checkout,
  placeOrder,
  pay,
  cancelAuthentication,
  confirmTotal,
  resumeCheckout,
  restartCheckout,
  setContact,
  validateContact,
  checkoutBackend,
  type CheckoutBackend,
  type CheckoutState,
  type CheckoutStep,
  type CheckoutError,
  type Contact,
  type PaymentSource,
} from './state/checkout/index.ts';
export {
  $orders,
  startOrders,
  signInToOrders,
  signOutOfOrders,
  loadOrders,
  findOrders,
  showOrdersPage,
  openOrder,
  closeOrder,
  requestCancel,
  dismissCancel,
  confirmCancel,
  orderFigures,
  type OrdersState,
  type OpenOrder,
  type OrderFigures,
} from './state/orders/index.ts';
export { captureAttribution, storedAttribution } from './attribution/button.ts';
export type {
  AuthenticationOutcome,
  CardChange,
  CardError,
  CardProvider,
  CardTheme,
  SetupResult,
  StripeCardProvider,
  TestCardProvider,
  TokenResult,
} from './payments/provider.ts';
export { createStripeProvider } from './payments/stripe.ts';
export { TEST_CARDS, TEST_PAYMENT_CARDS, testCardPaymentMethod, testCardToken } from './payments/test-card.ts';
export { createTestCardProvider } from './payments/test-card-provider.ts';
export { TillElement } from './elements/shared/base.ts';
export { STRINGS, type StringKey, type Strings } from './elements/shared/strings.ts';
export type { CheckoutStringKey } from './elements/checkout/strings.ts';
export type { ProductListStringKey } from './elements/product-list/strings.ts';
export type { OrdersStringKey } from './elements/orders/strings.ts';
export { TillCart } from './elements/cart/cart.ts';
export { TillCheckout } from './elements/checkout/checkout.ts';
export { TillProductList } from './elements/product-list/product-list.ts';
export { TillConfig } from './elements/config/config.ts';
export { TillOrders } from './elements/orders/orders.ts';
export { TillCartChangeEvent } from './events/cart-change.ts';
export { TillCheckoutRequestEvent } from './events/checkout-request.ts';
export { TillOrderCreatedEvent } from './events/order-created.ts';
export { TillCheckoutCompleteEvent } from './events/checkout-complete.ts';
export { TillCheckoutErrorEvent } from './events/checkout-error.ts';
export { TillTotalMismatchEvent } from './events/total-mismatch.ts';
export { TillOrderCancelEvent } from './events/order-cancel.ts';
export { TillCheckoutRedirectEvent } from './events/checkout-redirect.ts';
export { TillContinueShoppingEvent } from './events/continue-shopping.ts';
export { TillProductOpenEvent, type TillProductOpenDetail } from './events/product-open.ts';
export { TillProductCloseEvent } from './events/product-close.ts';

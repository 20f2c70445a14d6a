/**
 * JSX typings for React 19: `<till-cart compact ontill-cart-change={(e) => e.detail.summary} />`
 * type-checks. Opt in once per project, in any file that TypeScript sees:
 *
 *   import type {} from 'tillkit/jsx';
 *
 * How React 19 treats a prop on a custom element (react-dom's `setPropOnCustomElement`):
 * - a name the element has as a property (`compact`, `checkoutHref`, `strings`) is set as that
 *   property, so objects and booleans arrive as they are; any other name becomes an attribute;
 * - a name starting with `on` whose value is a function becomes an event listener for the rest of the
 *   name, exactly as written: `ontill-cart-change` listens to `till-cart-change` (the event names are
 *   lower case, so `onTillCartChange` or `onTill-cart-change` would listen to nothing);
 *   `ontill-cart-changeCapture` listens in the capture phase.
 *
 * This file is copied to dist/types/jsx.d.ts by scripts/build-types.mjs (tsc emits no .d.ts inputs).
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ReactiveElement } from 'lit';
import type { TillCart } from './elements/cart/cart.ts';
import type { TillCheckout } from './elements/checkout/checkout.ts';
import type { TillConfig } from './elements/config/config.ts';
import type { TillOrders } from './elements/orders/orders.ts';
import type { TillProductList } from './elements/product-list/product-list.ts';
// The elements' own texts join `StringKey` (the `strings` prop's keys).
import type {} from './elements/checkout/strings.ts';
import type {} from './elements/orders/strings.ts';
import type {} from './elements/product-list/strings.ts';
import type {} from './events/cart-change.ts';
import type {} from './events/checkout-request.ts';
import type {} from './events/checkout-complete.ts';
import type {} from './events/checkout-error.ts';
import type {} from './events/checkout-redirect.ts';
import type {} from './events/order-cancel.ts';
import type {} from './events/order-created.ts';
import type {} from './events/total-mismatch.ts';
import type {} from './events/continue-shopping.ts';
import type {} from './events/product-open.ts';
import type {} from './events/product-close.ts';

type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;
/** Keys of T that can be assigned: not readonly, not getters without setters. */
type WritableKeys<T> = {
  [K in keyof T]-?: IfEquals<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }, K, never>;
}[keyof T];
/** The element's own settable, non-function properties (what its class declares beyond Lit's). */
type OwnProps<E> = {
  [
    K in Exclude<WritableKeys<E>, keyof ReactiveElement> as E[K] extends (...args: never[]) => unknown ? never : K
  ]?: E[K];
};

/** `on<event-name>` listener props for the given events of `GlobalEventHandlersEventMap`. */
type Listeners<Names extends keyof GlobalEventHandlersEventMap> = {
  [N in Names as `on${N}` | `on${N}Capture`]?: (event: GlobalEventHandlersEventMap[N]) => void;
};

/** React's HTML props (`className`, `id`, `slot`, `hidden`, `ref`, ...) plus the element's own. */
export type TillElementProps<
  E extends HTMLElement,
  Events extends keyof GlobalEventHandlersEventMap = never,
> = DetailedHTMLProps<HTMLAttributes<E>, E> & OwnProps<E> & Listeners<Events> & { class?: string };

export type TillCartProps = TillElementProps<TillCart, 'till-cart-change' | 'till-checkout-request'>;
export type TillCheckoutProps = TillElementProps<
  TillCheckout,
  | 'till-order-created'
  | 'till-total-mismatch'
  | 'till-checkout-complete'
  | 'till-checkout-error'
  | 'till-checkout-redirect'
  | 'till-continue-shopping'
>;
export type TillProductListProps = TillElementProps<TillProductList, 'till-product-open' | 'till-product-close'>;
export type TillConfigProps = TillElementProps<TillConfig>;
export type TillOrdersProps = TillElementProps<TillOrders, 'till-order-cancel'>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'till-cart': TillCartProps;
      'till-checkout': TillCheckoutProps;
      'till-product-list': TillProductListProps;
      'till-config': TillConfigProps;
      'till-orders': TillOrdersProps;
    }
  }
}

'use client';
/**
 * React components for the five elements, made with Lit's own `@lit/react` (`createComponent`), for React
 * that renders on a server (Next.js, React Router, Astro): `<TillCart onTillCartChange={...} />`.
 *
 * React 19 renders the plain tags well in the browser (`tillkit/jsx`), but hydrating server-rendered HTML
 * it neither sets the element's properties nor attaches `on<event>` listeners (facebook/react#35446): the
 * page shows no products and hears no events. These components render the tag with its attributes and,
 * once mounted or hydrated, set the element's properties (`pageSize`, `apiUrl`, `strings`) and add a
 * listener per `on...` prop. Importing this module registers the five elements (in the browser; on a
 * server it only prepares them), so the components need no `tillkit/define` of their own.
 *
 * The `'use client'` directive lets a server component render them with plain props; a listener is a
 * function, so a page that handles events is a client component (as in examples/next).
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { TillCart as TillCartElement } from './elements/cart/cart.ts';
import { TillCheckout as TillCheckoutElement } from './elements/checkout/checkout.ts';
import { TillConfig as TillConfigElement } from './elements/config/config.ts';
import { TillOrders as TillOrdersElement } from './elements/orders/orders.ts';
import { TillProductList as TillProductListElement } from './elements/product-list/product-list.ts';
import type { TillCartChangeEvent } from './events/cart-change.ts';
import type { TillCheckoutCompleteEvent } from './events/checkout-complete.ts';
import type { TillCheckoutErrorEvent } from './events/checkout-error.ts';
import type { TillCheckoutRedirectEvent } from './events/checkout-redirect.ts';
import type { TillCheckoutRequestEvent } from './events/checkout-request.ts';
import type { TillContinueShoppingEvent } from './events/continue-shopping.ts';
import type { TillOrderCancelEvent } from './events/order-cancel.ts';
import type { TillOrderCreatedEvent } from './events/order-created.ts';
import type { TillProductCloseEvent } from './events/product-close.ts';
import type { TillProductOpenEvent } from './events/product-open.ts';
import type { TillTotalMismatchEvent } from './events/total-mismatch.ts';
import './elements/config/till-config.ts';
import './elements/product-list/till-product-list.ts';
import './elements/cart/till-cart.ts';
import './elements/checkout/till-checkout.ts';
import './elements/orders/till-orders.ts';

/** `<till-config>`: `apiUrl`, `apiKey`, `tokenUrl`, `stripeKey`, `locale`, … as props. */
export const TillConfig = createComponent({
  react: React,
  tagName: 'till-config',
  elementClass: TillConfigElement,
  displayName: 'TillConfig',
});

/**
 * `<till-product-list>`: `pageSize`, `tags`, `sort`, `filterTags`, `searchable`, `headingLevel`, `product`,
 * `strings`; `onTillProductOpen`, `onTillProductClose`.
 */
export const TillProductList = createComponent({
  react: React,
  tagName: 'till-product-list',
  elementClass: TillProductListElement,
  events: {
    onTillProductOpen: 'till-product-open' as EventName<TillProductOpenEvent>,
    onTillProductClose: 'till-product-close' as EventName<TillProductCloseEvent>,
  },
  displayName: 'TillProductList',
});

/** `<till-cart>`: `compact`, `checkoutHref`, `heading`, `strings`; `onTillCartChange`, `onTillCheckoutRequest`. */
export const TillCart = createComponent({
  react: React,
  tagName: 'till-cart',
  elementClass: TillCartElement,
  events: {
    onTillCartChange: 'till-cart-change' as EventName<TillCartChangeEvent>,
    onTillCheckoutRequest: 'till-checkout-request' as EventName<TillCheckoutRequestEvent>,
  },
  displayName: 'TillCart',
});

/** `<till-checkout>`: `onTillCheckoutComplete` and the other checkout events. */
export const TillCheckout = createComponent({
  react: React,
  tagName: 'till-checkout',
  elementClass: TillCheckoutElement,
  events: {
    onTillOrderCreated: 'till-order-created' as EventName<TillOrderCreatedEvent>,
    onTillTotalMismatch: 'till-total-mismatch' as EventName<TillTotalMismatchEvent>,
    onTillCheckoutComplete: 'till-checkout-complete' as EventName<TillCheckoutCompleteEvent>,
    onTillCheckoutError: 'till-checkout-error' as EventName<TillCheckoutErrorEvent>,
    onTillCheckoutRedirect: 'till-checkout-redirect' as EventName<TillCheckoutRedirectEvent>,
    onTillContinueShopping: 'till-continue-shopping' as EventName<TillContinueShoppingEvent>,
  },
  displayName: 'TillCheckout',
});

/** `<till-orders>`: `pageSize`, `heading`, `strings`; `onTillOrderCancel`. */
export const TillOrders = createComponent({
  react: React,
  tagName: 'till-orders',
  elementClass: TillOrdersElement,
  events: {
    onTillOrderCancel: 'till-order-cancel' as EventName<TillOrderCancelEvent>,
  },
  displayName: 'TillOrders',
});

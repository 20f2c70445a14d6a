import type { SubProductPricing } from '../../core/index.ts';
import type { TillConfig } from '../config.ts';

/**
 * What a backend is like, apart from placing orders: how it prices, what it asks of the customer and
 * where the customer pays. Plain data with no imports, so that eager code (the cart's totals) can read
 * it without loading the API clients the backends place orders with.
 */
export interface BackendProfile {
  readonly name: TillConfig['backend'];
  /**
   * How the backend prices sub-products, so the cart's totals match its own: `bundled` into their
   * parent's line (BuiltOn's formula) or `separate`, each a line of its own (Bootic).
   */
  readonly subProducts: SubProductPricing;
  /** Whether the details step asks for the delivery and billing addresses, or the contact only. */
  readonly addresses: boolean;
  /** Where the customer pays: in this checkout's payment step, or on the backend's own checkout. */
  readonly payment: 'here' | 'redirect';
  /** Whether the checkout takes discount codes (the backend's coupons). */
  readonly coupons: boolean;
}

/** The BuiltOn API: orders and payments through this checkout, sub-products priced into their line, coupons. */
export const BUILTON: BackendProfile = {
  name: 'builton',
  subProducts: 'bundled',
  addresses: true,
  payment: 'here',
  coupons: true,
};

/**
 * A Bootic shop: the contact only, each add-on a line of its own, paid on the shop's own checkout
 * (which takes its own promotions: `create_order` has no discount code).
 */
export const BOOTIC: BackendProfile = {
  name: 'bootic',
  subProducts: 'separate',
  addresses: false,
  payment: 'redirect',
  coupons: false,
};

/** The profile of the backend the configuration names (BuiltOn unless told otherwise). */
export const backendProfile = ({ backend }: Pick<TillConfig, 'backend'>): BackendProfile =>
  backend === 'bootic' ? BOOTIC : BUILTON;

/** Registers every Tillkit element. The script-tag build is this file. */
import './elements/config/till-config.ts';
import './elements/product-list/till-product-list.ts';
import './elements/cart/till-cart.ts';
import './elements/checkout/till-checkout.ts';

export * from './index.ts';

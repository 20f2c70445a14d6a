import { define } from '../shared/define.ts';
import { TillCart } from './cart.ts';

define('till-cart', TillCart);

declare global {
  interface HTMLElementTagNameMap {
    'till-cart': TillCart;
  }
}

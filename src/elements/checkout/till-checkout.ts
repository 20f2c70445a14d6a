import { define } from '../shared/define.ts';
import { TillCheckout } from './checkout.ts';

define('till-checkout', TillCheckout);

declare global {
  interface HTMLElementTagNameMap {
    'till-checkout': TillCheckout;
  }
}

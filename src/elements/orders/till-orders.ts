import { define } from '../shared/define.ts';
import { TillOrders } from './orders.ts';

define('till-orders', TillOrders);

declare global {
  interface HTMLElementTagNameMap {
    'till-orders': TillOrders;
  }
}

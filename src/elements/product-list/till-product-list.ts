import { define } from '../shared/define.ts';
import { TillProductList } from './product-list.ts';

define('till-product-list', TillProductList);

declare global {
  interface HTMLElementTagNameMap {
    'till-product-list': TillProductList;
  }
}

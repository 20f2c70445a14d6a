import { base } from '../shared/styles.ts';
import { TillElement } from '../shared/base.ts';

// The order history's texts are in the `strings` it takes (their keys join `StringKey`).
export type { OrdersStringKey } from './strings.ts';

/**
 * @summary The signed-in customer's orders: a list with paging and search by order number, one
 * order's items, add-ons, discounts, VAT, total, status and payments, and cancelling an order while it
 * is unpaid, after a confirmation. Signs the customer in as the checkout does (`getToken` or
 * `token-url`), with the email the checkout saved in this visit, or asks for it.
 *
 * @fires till-order-cancel - The customer cancelled an order. `detail: { order }`.
 *
 * @csspart sign-in - The email form shown when nobody is signed in.
 * @csspart search - The search by order number.
 * @csspart list - The list of orders.
 * @csspart order - One order of the list (a button that opens it).
 * @csspart status - An order's status.
 * @csspart pager - The previous/next controls.
 * @csspart details - The order opened from the list.
 * @csspart total - The opened order's total.
 * @csspart payments - The opened order's payments.
 * @csspart cancel - The button that cancels the opened order.
 * @csspart error - An error message.
 *
 * @cssprop --till-accent - Buttons, links and focus.
 * @cssprop --till-danger - Errors and the cancel button.
 */
export class TillOrders extends TillElement {
  static override styles = base;

  static override properties = {
    ...TillElement.properties,
    pageSize: { type: Number, attribute: 'page-size' },
    heading: {},
  };

  /** Orders per page (1–100, default 10). */
  declare pageSize: number;
  /** The heading; the `orders.title` string when empty. */
  declare heading: string;

  constructor() {
    super();
    this.pageSize = 10;
    this.heading = '';
  }

  protected override loadView() {
    return import('./orders-view.ts').then((m) => m.createView);
  }
}

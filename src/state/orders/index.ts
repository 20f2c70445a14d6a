/**
 * The signed-in customer's order history (seed 001): one store (`$orders`), its actions, and the
 * figures of an order as a receipt shows them.
 */
export {
  $orders,
  DEFAULT_PAGE_SIZE,
  type CancelStep,
  type OpenOrder,
  type OrderPayment,
  type OrdersProblem,
  type OrdersQuery,
  type OrdersState,
} from './store.ts';
export {
  closeOrder,
  confirmCancel,
  dismissCancel,
  findOrders,
  loadOrders,
  openOrder,
  requestCancel,
  resetOrders,
  showOrdersPage,
  signInToOrders,
  signOutOfOrders,
  startOrders,
} from './actions.ts';
export { orderFigures, type ItemFigures, type OrderFigures } from './figures.ts';

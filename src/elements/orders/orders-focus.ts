import type { ReactiveController } from 'lit';
import type { OrdersState } from '../../state/orders/index.ts';
import type { TillOrders } from './orders.ts';

/**
 * Where focus goes as the order history changes, so keyboard and screen-reader users follow along:
 * to an opened order's heading, back to its row in the list when it closes, to the heading once
 * signed in, to the email field when a sign-in fails or the customer signs out, and to what came of a
 * cancellation. It also opens the confirmation dialog (modal: focus stays in it, Escape keeps the
 * order) while the store asks for a confirmation, and closes it after. It never changes state.
 */
export class OrdersFocus implements ReactiveController {
  private last: OrdersState | undefined;
  /** Whether focus was in the element before this update (a control it removes loses focus). */
  private hadFocus = false;

  constructor(
    private readonly host: TillOrders,
    private readonly state: () => OrdersState,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    this.hadFocus = this.host.matches(':focus-within');
  }

  hostUpdated(): void {
    const now = this.state();
    const last = this.last;
    this.last = now;
    this.syncDialog(now);
    if (!last || last === now) return;
    const opened = now.open?.id;
    const wasOpen = last.open?.id;
    if (now.status === 'signed-out' && last.status !== 'signed-out' && last.status !== 'idle')
      this.focus('#orders-email'); // a refused sign-in, or a sign-out
    else if (last.status === 'signing-in' && now.status !== 'signing-in') {
      // Signed in from the form: to the heading. Signed in on arrival (the checkout's email): focus stays put.
      if (this.hadFocus) this.focus('h2');
    } else if (opened && opened !== wasOpen) this.focus('#order-title');
    else if (!opened && wasOpen && !this.focus(`[data-id="${CSS.escape(wasOpen)}"]`)) this.focus('h2');
    const cancel = now.open?.cancel;
    if (cancel !== last.open?.cancel && (cancel === 'cancelled' || cancel === 'failed'))
      this.focus('.notice, [role=alert]');
  }

  private syncDialog({ open }: OrdersState): void {
    const dialog = this.host.renderRoot.querySelector('dialog');
    if (!dialog) return;
    const asking = open?.cancel === 'confirming' || open?.cancel === 'cancelling';
    if (asking && !dialog.open) dialog.showModal();
    else if (!asking && dialog.open) dialog.close();
  }

  private focus(selector: string): boolean {
    const target = this.host.renderRoot.querySelector<HTMLElement>(selector);
    target?.focus();
    return !!target;
  }
}

import { html, nothing, type TemplateResult } from 'lit';
import type { Order } from '../../api/types.ts';
import { $config } from '../../state/config.ts';
import {
  $orders,
  findOrders,
  loadOrders,
  openOrder,
  showOrdersPage,
  signInToOrders,
  signOutOfOrders,
  startOrders,
  type OrdersProblem,
  type OrdersState,
} from '../../state/orders/index.ts';
import type { View } from '../shared/base.ts';
import { StoreController } from '../shared/store-controller.ts';
import { addStrings } from '../shared/strings.ts';
import { renderDetails } from './order-details.ts';
import { OrdersFocus } from './orders-focus.ts';
import type { TillOrders } from './orders.ts';
import { styles } from './orders-view.styles.ts';
import { ORDERS_STRINGS } from './strings.ts';

addStrings(ORDERS_STRINGS);

export const createView = (host: TillOrders): View => new OrdersView(host);

/** The order history, loaded when the first `<till-orders>` connects. */
class OrdersView implements View {
  readonly styles = styles;
  private readonly state: StoreController<OrdersState>;
  private stop: (() => void) | undefined;
  private startQueued = false;
  private size = 0;

  constructor(private readonly host: TillOrders) {
    this.state = new StoreController(host, $orders);
    new OrdersFocus(host, () => this.state.value);
  }

  hostConnected(): void {
    // On connection and whenever the configuration changes: sign in with what the visit knows.
    this.stop = $config.subscribe(() => this.startSoon());
  }

  hostDisconnected(): void {
    this.stop?.();
  }

  hostUpdate(): void {
    if (this.host.pageSize !== this.size) this.startSoon();
  }

  /** Starting changes the store and makes requests: in a task of its own, never from inside an update. */
  private startSoon(): void {
    if (this.startQueued) return;
    this.startQueued = true;
    queueMicrotask(() => {
      this.startQueued = false;
      this.size = this.host.pageSize;
      if (this.host.isConnected) void startOrders({ size: this.size });
    });
  }

  render(): TemplateResult {
    const host = this.host;
    const state = this.state.value;
    const title = host.heading || host.t('orders.title');
    return html`<section class="orders" aria-labelledby="orders-title" aria-busy=${state.status === 'loading' || state.status === 'signing-in' ? 'true' : 'false'}>
      <h2 id="orders-title" tabindex="-1">${title}</h2>
      ${this.renderBody(state)}
    </section>`;
  }

  private renderBody(state: OrdersState): unknown {
    const host = this.host;
    if (state.status === 'idle') return html`<p class="muted" role="status">${host.t('loading')}</p>`;
    if (state.status === 'signed-out' || state.status === 'signing-in') return this.renderSignIn(state);
    return html`
      <p class="who muted">
        ${host.t('orders.signedInAs', { email: state.email })}
        <button class="link" @click=${signOutOfOrders}>${host.t('orders.signOut')}</button>
      </p>
      ${state.open ? renderDetails(host, state.open) : this.renderList(state)}`;
  }

  private renderSignIn({ status, signInProblem }: OrdersState): TemplateResult {
    const host = this.host;
    const busy = status === 'signing-in';
    const invalid = signInProblem !== null;
    const submit = (event: Event): void => {
      event.preventDefault();
      if (busy) return;
      const input = (event.target as HTMLFormElement).querySelector('input')!;
      void signInToOrders(input.value);
    };
    return html`<form part="sign-in" class="sign-in" novalidate @submit=${submit}>
      <p>${host.t('orders.signInHint')}</p>
      <div class="field">
        <label for="orders-email">${host.t('orders.email')}</label>
        <input
          id="orders-email"
          type="email"
          autocomplete="email"
          required
          maxlength="120"
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${invalid ? 'orders-email-error' : nothing}
        />
        ${invalid ? html`<p id="orders-email-error" class="error">${host.t(signInProblem === 'email' ? 'orders.emailInvalid' : 'orders.signInFailed')}</p>` : nothing}
      </div>
      <button class="primary" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
        ${busy ? host.t('orders.signingIn') : host.t('orders.signIn')}
      </button>
    </form>`;
  }

  private renderList(state: OrdersState): TemplateResult {
    const host = this.host;
    const { orders, status, query, problem } = state;
    const loading = status === 'loading';
    return html`
      ${this.renderSearch(state)}
      ${loading ? html`<p class="muted" role="status">${host.t('orders.loading')}</p>` : nothing}
      ${status === 'error' ? this.renderProblem(problem) : nothing}
      ${
        status === 'ready' && !orders.length
          ? html`<p class="muted" role="status">${query.search ? host.t('orders.noMatch', { query: query.search }) : host.t('orders.empty')}</p>`
          : nothing
      }
      ${
        orders.length && status !== 'error'
          ? html`<ul part="list" class="list" aria-label=${host.t('orders.list')}>
              ${orders.map((order) => this.renderRow(order))}
            </ul>`
          : nothing
      }
      ${this.renderPager(state)}`;
  }

  private renderSearch({ query }: OrdersState): TemplateResult {
    const host = this.host;
    const submit = (event: Event): void => {
      event.preventDefault();
      void findOrders((event.target as HTMLFormElement).querySelector('input')!.value);
    };
    return html`<form part="search" class="search" role="search" aria-label=${host.t('orders.search')} @submit=${submit}>
      <label for="orders-search">${host.t('orders.search')}</label>
      <div class="search-row">
        <input id="orders-search" type="search" autocomplete="off" maxlength="200" .value=${query.search} />
        <button type="submit">${host.t('orders.find')}</button>
      </div>
      ${query.search ? html`<button type="button" class="link" @click=${() => findOrders('')}>${host.t('orders.showAll')}</button>` : nothing}
    </form>`;
  }

  private renderProblem(problem: OrdersProblem | null): TemplateResult {
    const host = this.host;
    return html`<div part="error" class="alert" role="alert">
      <p>${host.t(problem?.code === 'network' ? 'orders.offline' : 'orders.error')}</p>
      <button @click=${() => loadOrders()}>${host.t('retry')}</button>
    </div>`;
  }

  private renderRow(order: Order): TemplateResult {
    const host = this.host;
    return html`<li>
      <button part="order" class="order" data-id=${order.id} @click=${() => openOrder(order.id)}>
        <span class="number">${host.t('orders.order', { number: order.humanId })}</span>
        <span class="muted">${order.created ? host.date(order.created) : nothing}
          · ${host.plural('cart.items', order.totalQuantity)}</span>
        <span part="status" class="status ${order.status.toLowerCase()}">${host.t(`orders.status.${order.status}`)}</span>
        <span class="price">${host.money(order.totalAmount, order.currency)}</span>
      </button>
    </li>`;
  }

  private renderPager({ query, total, orders, status }: OrdersState): TemplateResult | typeof nothing {
    const host = this.host;
    const pages = total === null ? null : Math.max(1, Math.ceil(total / query.size));
    const hasNext = pages === null ? orders.length === query.size : query.page + 1 < pages;
    if (status === 'error' || (query.page === 0 && !hasNext)) return nothing;
    // aria-disabled, not disabled: a button that stays focusable keeps keyboard focus where it was.
    const go = (page: number, allowed: boolean) => () => {
      if (allowed && status !== 'loading') void showOrdersPage(page);
    };
    return html`<nav part="pager" class="pager" aria-label=${host.t('orders.pages')}>
      <button aria-disabled=${query.page === 0 ? 'true' : 'false'} @click=${go(query.page - 1, query.page > 0)}>${host.t('orders.previous')}</button>
      ${pages === null ? nothing : html`<span>${host.t('orders.pageOf', { page: query.page + 1, pages })}</span>`}
      <button aria-disabled=${hasNext ? 'false' : 'true'} @click=${go(query.page + 1, hasNext)}>${host.t('orders.next')}</button>
    </nav>`;
  }
}

import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import 'tillkit/define';

@Component({
  selector: 'app-shop',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <till-config
      api-url="http://127.0.0.1:8787"
      api-key="pk_demo_tillkit"
      token-url="http://127.0.0.1:8787/demo/token"
    ></till-config>
    <till-product-list [pageSize]="4"></till-product-list>
    <till-cart (till-cart-change)="items.set($event.detail.summary.totalQuantity)"></till-cart>
    <p>{{ items() }} in the basket</p>
    <till-checkout (till-checkout-complete)="paid.set($event.detail.order.humanId)"></till-checkout>
    @if (paid()) {
      <p>Thank you! Order {{ paid() }} is paid.</p>
    }
  `,
})
export class Shop {
  readonly items = signal(0);
  readonly paid = signal('');
}

import { ReactiveElement } from 'lit';
import { configure } from '../../state/config.ts';

/**
 * @summary Configures Tillkit from markup, for pages that only have a script tag. Renders nothing.
 *
 * ```html
 * <till-config api-url="https://api.example.com" api-key="pk_..." stripe-key="pk_live_..." locale="nb-NO"></till-config>
 * ```
 */
export class TillConfig extends ReactiveElement {
  static override properties = {
    apiUrl: { attribute: 'api-url' },
    apiKey: { attribute: 'api-key' },
    backend: {},
    shopId: { attribute: 'shop-id' },
    stripeKey: { attribute: 'stripe-key' },
    tokenUrl: { attribute: 'token-url' },
    locale: {},
  };

  /** Base URL of the orders/payments API. */
  declare apiUrl: string | undefined;
  /** The merchant's publishable API key. */
  declare apiKey: string | undefined;
  /** `builton` (default) or `bootic`. */
  declare backend: 'builton' | 'bootic' | undefined;
  /** The Bootic shop's id, with `backend="bootic"`. */
  declare shopId: string | undefined;
  /** Stripe publishable key; without it the checkout shows the test-card form. */
  declare stripeKey: string | undefined;
  /** Endpoint that answers `POST { email }` with `{ token }` (the customer's JWT). */
  declare tokenUrl: string | undefined;
  /** Locale for every element that has none of its own. */
  declare locale: string | undefined;

  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    configure({
      apiUrl: this.apiUrl,
      apiKey: this.apiKey,
      backend: this.backend,
      shopId: this.shopId,
      stripeKey: this.stripeKey,
      tokenUrl: this.tokenUrl,
      locale: this.locale,
    });
  }

  /** Nothing to render, so no shadow root either. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.hidden = true;
  }
}

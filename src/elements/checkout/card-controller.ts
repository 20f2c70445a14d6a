import type { ReactiveController } from 'lit';
import type { CardChange, CardProvider } from '../../payments/provider.ts';
import { $checkout } from '../../state/checkout/index.ts';
import {
  cardProvider,
  cardSetup,
  payWithCard,
  sameCardSetup,
  type CardSetup,
} from '../../state/checkout/payment-path.ts';
import { $config } from '../../state/config.ts';
import { cardTheme } from './card-theme.ts';
import type { TillCheckout } from './checkout.ts';

/** The card form as the payment step shows it: its provider's state, and whether it is still loading. */
export interface CardState extends CardChange {
  readonly loading: boolean;
}

/**
 * The card form of the payment step. The state layer makes the provider the configuration asks for
 * (Stripe's Payment Element, or the offline test card); this controller shows it while the checkout is at
 * its payment step (Stripe's mounted into a light-DOM child the `card` slot shows), takes it down when
 * it leaves, and keeps its state for the template. It acts on store changes and connection, never
 * inside an update. A provider lasts while its setup does, so the test card keeps what was typed.
 */
export class CardController implements ReactiveController {
  provider: CardProvider | null = null;
  state: CardState = { complete: false, error: null, loading: false };
  private setup: CardSetup | null = null;
  private shown = false;
  private container: HTMLElement | null = null;
  private stop: (() => void)[] = [];

  constructor(private readonly host: TillCheckout) {
    host.addController(this);
  }

  hostConnected(): void {
    const sync = () => this.sync();
    this.stop = [$checkout.listen(sync), $config.listen(sync)];
    this.sync();
  }

  hostDisconnected(): void {
    this.stop.forEach((stop) => stop());
    this.stop = [];
    this.hide();
  }

  /** Pays with the card shown; false when its form refused (its fields say why). */
  pay(): Promise<boolean> {
    return this.provider && this.shown ? payWithCard(this.provider) : Promise.resolve(true);
  }

  private sync(): void {
    // Bootic's orders are paid on Bootic's own checkout: no card here.
    const { step, booticOrder } = $checkout.get();
    if (step !== 'payment' || booticOrder) return this.hide();
    const setup = cardSetup(this.host.activeLocale);
    if (this.shown && this.setup && sameCardSetup(this.setup, setup)) return;
    this.hide();
    if (!this.provider || !this.setup || !sameCardSetup(this.setup, setup)) {
      this.provider = cardProvider(setup);
      this.setup = setup;
    }
    this.show(this.provider);
  }

  private show(provider: CardProvider): void {
    this.shown = true;
    provider.onChange((change) => this.set({ ...change, loading: false }));
    if (provider.kind === 'test') return this.set({ complete: false, error: null, loading: false });
    const container = (this.container = document.createElement('div'));
    container.slot = 'card';
    this.host.append(container);
    this.set({ complete: false, error: null, loading: true });
    const currency = $checkout.get().order?.currency;
    // Once the step is drawn, the container is in its slot and takes the element's look (for Stripe's).
    void this.host.updateComplete.then(async () => {
      if (this.container !== container) return;
      await provider.mount(container, { currency, theme: cardTheme(container) });
      if (this.container === container && this.state.loading) this.set({ ...this.state, loading: false });
    });
  }

  private hide(): void {
    if (!this.shown) return;
    this.shown = false;
    this.provider?.destroy();
    this.container?.remove();
    this.container = null;
  }

  private set(state: CardState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}

import { html, nothing, type ReactiveController } from 'lit';
import type { CheckoutState } from '../../state/checkout/index.ts';
import { cancelAuthentication } from '../../state/checkout/payment-path.ts';
import { wrapTab } from '../shared/dialog-tab.ts';
import type { TillCheckout } from './checkout.ts';

/**
 * The bank's check (3-D Secure) without Stripe.js: the reference server's test authentication page in
 * a modal dialog, over the payment step. The page outside it is inert while it is open, and Tab and
 * Shift+Tab go round its controls and the bank's page; Cancel (or the ✕ beside the heading), or Escape
 * on the dialog's own controls (keys pressed inside the bank's page stay with that page), ends the
 * check without authenticating, and nothing is charged. The dialog opens and closes with the state.
 */
export class AuthenticationDialog implements ReactiveController {
  constructor(
    private readonly host: TillCheckout,
    private readonly state: () => CheckoutState,
  ) {
    host.addController(this);
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.authentication');
  }

  /** Closed before it leaves the page, so focus goes back where it was (the pay button). */
  hostUpdate(): void {
    if (!this.state().authentication && this.dialog?.open) this.dialog.close();
  }

  hostUpdated(): void {
    const dialog = this.dialog;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('#authentication-title')?.focus();
  }

  /** Escape: the dialog stays until the state closes it (the check is failed at the bank first). */
  private readonly onCancel = (event: Event): void => {
    event.preventDefault();
    cancelAuthentication();
  };

  /**
   * Tab from the last control (Cancel) goes round to the first (the close button), Shift+Tab from the
   * first (or the heading) to the last: with a control on each side of the bank's page, focus leaving
   * that page either way stays in the dialog.
   */
  private readonly onKeydown = (event: KeyboardEvent): void => {
    const dialog = event.currentTarget as HTMLDialogElement;
    const first = dialog.querySelector<HTMLButtonElement>('.close')!;
    wrapTab(
      event,
      first,
      dialog.querySelector<HTMLButtonElement>('.cancel')!,
      (active) => active === first || active?.id === 'authentication-title',
    );
  };

  render() {
    const { authentication } = this.state();
    if (!authentication) return nothing;
    const host = this.host;
    return html`<dialog part="authentication" class="authentication" aria-labelledby="authentication-title" aria-describedby="authentication-intro" @cancel=${this.onCancel} @keydown=${this.onKeydown}>
      <div class="dialog-head">
        <h3 id="authentication-title" tabindex="-1">${host.t('checkout.auth.title')}</h3>
        <button type="button" class="close" aria-label=${host.t('checkout.auth.cancel')} @click=${cancelAuthentication}>✕</button>
      </div>
      <p id="authentication-intro">${host.t('checkout.auth.intro')}</p>
      <iframe src=${authentication.url} title=${host.t('checkout.auth.frame')} referrerpolicy="no-referrer"></iframe>
      <button type="button" class="cancel" @click=${cancelAuthentication}>${host.t('checkout.auth.cancel')}</button>
    </dialog>`;
  }
}

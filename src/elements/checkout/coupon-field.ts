import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { OrderSummary } from '../../core/index.ts';
import {
  $checkout,
  applyCouponCode,
  localRefusal,
  removeCoupon,
  type AppliedCoupon,
  type CheckoutState,
  type CouponProblem,
} from '../../state/checkout/index.ts';
import type { StringKey } from '../shared/strings.ts';
import type { TillCheckout } from './checkout.ts';

/** The text of each refusal (the server's code, never its English message). */
const REFUSALS: Readonly<Record<CouponProblem['code'], StringKey>> = {
  'coupon-required': 'checkout.coupon.required',
  'coupon-unknown': 'checkout.coupon.unknown',
  'coupon-not-yet-valid': 'checkout.coupon.notYetValid',
  'coupon-expired': 'checkout.coupon.expired',
  'coupon-exhausted': 'checkout.coupon.exhausted',
  'coupon-retired': 'checkout.coupon.retired',
  'coupon-minimum': 'checkout.coupon.minimum',
  'coupon-currency': 'checkout.coupon.currency',
  'coupon-unavailable': 'checkout.coupon.unavailable',
};

/**
 * Why a code is refused, in the customer's language: `subtotal` is the order's total before the
 * code, which says how much is missing to a minimum. At payment, a code used up is one another order
 * just took the last of.
 */
export function couponMessage(host: TillCheckout, problem: CouponProblem, subtotal: number): string {
  const { code, coupon, minimum = 0, currency } = problem;
  const money = (amount: number) => host.money(amount, currency ?? '');
  const key = problem.stage === 'payment' && code === 'coupon-exhausted' ? 'checkout.coupon.taken' : REFUSALS[code];
  return host.t(key, {
    code: coupon,
    currency: currency ?? '',
    ...(code === 'coupon-minimum' && currency
      ? { minimum: money(minimum), missing: money(Math.max(0, minimum - subtotal)) }
      : {}),
  });
}

/** What a code takes off, as its terms say: "10 %" or "€5.00". */
const off = (host: TillCheckout, coupon: AppliedCoupon): string =>
  coupon.percentOff !== null ? host.percent(coupon.percentOff / 100) : host.money(coupon.amountOff!, coupon.currency!);

/**
 * The discount-code field of the details step's summary: a disclosure ("Have a discount code?")
 * opening a labelled field and Apply; once applied, the code, what it takes off and a way to remove it;
 * a refusal at the field (`aria-describedby`, `aria-invalid`). Whether it is open is this field's own
 * state; the code and its refusals are the checkout store's. Focus follows what the customer did:
 * into the field when it opens, to Remove once a code is applied, back to the disclosure once removed
 * (a refusal takes focus to the field: see `CheckoutFocus`).
 */
export class CouponField implements ReactiveController {
  private open = false;
  /** The code just removed, which the status line confirms. */
  private removed: string | null = null;

  constructor(private readonly host: TillCheckout) {
    host.addController(this);
  }

  hostConnected(): void {}

  private async focusSoon(selector: string): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private readonly toggle = (): void => {
    this.open = !this.open;
    this.removed = null;
    this.host.requestUpdate();
    if (this.open) void this.focusSoon('#coupon-code');
  };

  /** Apply, or Enter in the field (the form's implicit submission: its one field and no submit button). */
  private readonly apply = async (event: Event): Promise<void> => {
    event.preventDefault();
    const input = this.host.renderRoot.querySelector<HTMLInputElement>('#coupon-code');
    this.removed = null;
    await applyCouponCode(input?.value ?? '');
    if ($checkout.get().coupon) await this.focusSoon('#coupon-remove');
  };

  private readonly remove = (): void => {
    this.removed = $checkout.get().coupon?.code ?? null;
    this.open = false;
    void removeCoupon();
    void this.focusSoon('#coupon-toggle');
  };

  /** The field, under the summary's figures; `summary` is the cart's. */
  render({ coupon, couponProblem: problem, busy }: CheckoutState, summary: OrderSummary): TemplateResult {
    const host = this.host;
    const status =
      busy === 'coupon'
        ? host.t('checkout.coupon.checking')
        : this.removed && !coupon
          ? host.t('checkout.coupon.removed', { code: this.removed })
          : '';
    return html`<div part="coupon" class="coupon">
      ${coupon ? this.renderApplied(coupon, summary) : this.renderForm(problem, summary, busy === 'coupon')}
      <p class="muted coupon-status" role="status">${status}</p>
    </div>`;
  }

  private renderApplied(coupon: AppliedCoupon, summary: OrderSummary): TemplateResult {
    const host = this.host;
    // Applied before the cart changed: it may no longer apply (below its minimum); the summary then
    // shows the total without it, and this says why.
    const refused = localRefusal(coupon, summary);
    return html`<div class="coupon-applied">
      ${
        refused
          ? html`<p id="coupon-message" class="error">${couponMessage(host, refused, summary.total)}</p>`
          : html`<p>${host.t('checkout.coupon.applied', { code: coupon.code, off: off(host, coupon) })}</p>`
      }
      <button id="coupon-remove" type="button" class="link" aria-label=${host.t('checkout.coupon.removeLabel', { code: coupon.code })} @click=${this.remove}>${host.t('checkout.coupon.remove')}</button>
    </div>`;
  }

  private renderForm(problem: CouponProblem | null, summary: OrderSummary, busy: boolean): TemplateResult {
    const host = this.host;
    const open = this.open || !!problem;
    return html`
      <button id="coupon-toggle" type="button" class="link" aria-expanded=${open ? 'true' : 'false'} aria-controls="coupon-panel" @click=${this.toggle}>${host.t('checkout.coupon.toggle')}</button>
      <form id="coupon-panel" class="coupon-form" novalidate ?hidden=${!open} @submit=${this.apply}>
        <label for="coupon-code">${host.t('checkout.coupon.label')}</label>
        <div class="coupon-row">
          <input
            id="coupon-code"
            name="coupon"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="64"
            aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${problem ? 'coupon-message' : nothing}
          />
          <button type="button" aria-disabled=${busy ? 'true' : 'false'} @click=${this.apply}>${host.t('checkout.coupon.apply')}</button>
        </div>
        ${problem ? html`<p id="coupon-message" class="error">${couponMessage(host, problem, summary.total)}</p>` : nothing}
      </form>`;
  }
}

import type { ReactiveController } from 'lit';
import type { CheckoutState } from '../../state/checkout/index.ts';
import type { TillCheckout } from './checkout.ts';

/** The fields a form refuses (the step's form: the contact, the card), not the code's field beside it. */
const INVALID = '[part=form] [aria-invalid=true]';

/**
 * Where focus goes as the checkout moves on, so keyboard and screen-reader users follow along: to a
 * new step's heading, to a new error, and after a refused submit (or the server refusing fields) to
 * the first field to fix, in form order. It only moves focus: it never changes state.
 */
export class CheckoutFocus implements ReactiveController {
  private lastStep: string | undefined;
  private lastError: unknown;
  private lastFieldErrors: unknown;
  private lastCouponProblem: unknown;
  private lastTotalToConfirm: unknown;
  private invalidNext = false;
  private staying = false;
  /** A new step whose heading is not drawn yet (its chunk still loading): focused once it is. */
  private headingDue = false;

  constructor(
    private readonly host: TillCheckout,
    private readonly state: () => CheckoutState,
  ) {
    host.addController(this);
  }

  /** The next step change leaves focus where it is (the page takes the customer elsewhere). */
  stay(): void {
    this.staying = true;
  }

  /** A submit the form may refuse: the update it causes takes focus to the first invalid field. */
  expectInvalid(): void {
    this.invalidNext = true;
  }

  /** Takes focus to the first invalid field once the update under way has rendered it. */
  async toFirstInvalid(): Promise<void> {
    await this.host.updateComplete;
    this.focus(INVALID);
  }

  hostUpdated(): void {
    const { step, error, fieldErrors } = this.state();
    const inside = this.host.matches(':focus-within') || document.activeElement === document.body;
    if (step !== this.lastStep) {
      this.headingDue = this.lastStep !== undefined && inside && !this.staying;
      this.lastStep = step;
      this.staying = false;
    }
    // Focus that went elsewhere meanwhile stays there.
    if (this.headingDue && (!inside || this.focus('.step-heading'))) this.headingDue = false;
    if (error && error !== this.lastError) this.focus('[part=error]');
    this.lastError = error;
    if (this.invalidNext || (fieldErrors !== this.lastFieldErrors && Object.keys(fieldErrors).length)) {
      this.focus(INVALID);
    }
    this.invalidNext = false;
    this.lastFieldErrors = fieldErrors;
    this.followCoupon(this.state());
    this.followTotal(this.state());
  }

  /** A new total confirmed at the payment step (its notice goes away): to Pay, the next thing to do. */
  private followTotal({ step, totalToConfirm, error }: CheckoutState): void {
    if (this.lastTotalToConfirm && !totalToConfirm && step === 'payment' && !error) this.focus('[part=pay]');
    this.lastTotalToConfirm = totalToConfirm;
  }

  /**
   * A discount code refused: at the details, to the code's field (the message is its description); at
   * payment, to the notice at the summary; once the customer goes on without it, to the confirmation
   * of the new total.
   */
  private followCoupon({ step, couponProblem: problem }: CheckoutState): void {
    if (problem && problem !== this.lastCouponProblem) {
      if (step === 'details') this.focus('#coupon-code');
      else if (step === 'payment' && problem.stage === 'payment') {
        this.focus(problem.removed ? '.notice button' : '.coupon-notice');
      }
    }
    this.lastCouponProblem = problem;
  }

  /** Focuses what `selector` finds; false when nothing is drawn there yet. */
  private focus(selector: string): boolean {
    const target = this.host.renderRoot.querySelector<HTMLElement>(selector);
    target?.focus();
    return !!target;
  }
}

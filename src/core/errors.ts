/**
 * Every refusal in Tillkit is a `TillError`: a stable `code` for programs, a `message` written for the
 * customer, and, where one field is at fault, the `field` a form can put the message next to.
 */
export type TillErrorCode =
  | 'currency-unknown'
  | 'currency-mismatch'
  | 'amount-invalid'
  | 'amount-precision'
  | 'rate-invalid'
  | 'quantity-invalid'
  | 'sub-product-alone'
  | 'sub-product-not-offered'
  | 'sub-product-nested'
  | 'sub-product-duplicate'
  | 'cart-locked'
  | 'line-unknown'
  | 'coupon-invalid'
  | 'coupon-currency'
  | 'coupon-minimum';

export class TillError extends Error {
  override readonly name = 'TillError';
  readonly code: TillErrorCode;
  readonly field: string | undefined;

  constructor(code: TillErrorCode, message: string, field?: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

export const isTillError = (error: unknown, code?: TillErrorCode): error is TillError =>
  error instanceof TillError && (code === undefined || error.code === code);

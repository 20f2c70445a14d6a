import { isTillError } from '../../core/index.ts';
import type { ApiProduct } from '../../api/types.ts';
import { addToCart, cart } from '../../state/cart.ts';
import { quantityRoom, readQuantity } from '../../state/cart/quantity.ts';
import type { TillProductList } from './product-list.ts';

/** What the customer chose for one product, on its card or in its details (they share it). */
export interface BuyForm {
  /** Ids of the add-ons ticked. */
  readonly subs: readonly string[];
  /** The quantity as typed. */
  readonly quantity: string;
  /** Why the quantity was refused, at the field. */
  readonly invalid: string | null;
  /** The last add's outcome. */
  readonly feedback: { readonly ok: boolean; readonly message: string } | null;
}

const EMPTY: BuyForm = { subs: [], quantity: '1', invalid: null, feedback: null };

/**
 * The product list's buying forms, one per product: add-ons, quantity, and adding to the cart. The
 * quantity follows the cart's rule and says so in the cart's words; its limit is what still fits in the
 * cart's line for this product and these add-ons.
 */
export class BuyForms {
  private forms: Readonly<Record<string, BuyForm>> = {};

  constructor(private readonly host: TillProductList) {}

  get(product: ApiProduct): BuyForm {
    return this.forms[product.id] ?? EMPTY;
  }

  /** The most the quantity field takes for this product with the add-ons ticked. */
  max(product: ApiProduct): number {
    return quantityRoom(cart.$lines.get(), product.id, this.get(product).subs);
  }

  toggle(product: ApiProduct, sub: ApiProduct, on: boolean): void {
    const subs = this.get(product).subs.filter((id) => id !== sub.id);
    this.set(product, { subs: on ? [...subs, sub.id] : subs, feedback: null });
  }

  /** The customer typed: kept as typed; a message already shown goes once the value is good. */
  type(product: ApiProduct, text: string): void {
    const { invalid } = this.get(product);
    this.set(product, { quantity: text, invalid: invalid && this.check(product, text), feedback: null });
  }

  /** The field was left (or changed by its arrows): says at once what is wrong with it. */
  commit(product: ApiProduct, text: string): void {
    this.set(product, { quantity: text, invalid: this.check(product, text) });
  }

  /** Adds the choice to the cart; false when it was refused (the form says why). */
  add(product: ApiProduct, addOns: readonly ApiProduct[]): boolean {
    const form = this.get(product);
    const invalid = this.check(product, form.quantity);
    if (invalid) {
      this.set(product, { invalid, feedback: null });
      return false;
    }
    try {
      addToCart(
        product,
        readQuantity(form.quantity)!,
        addOns.filter((sub) => form.subs.includes(sub.id)),
      );
    } catch (error) {
      if (!isTillError(error)) throw error;
      this.set(product, { feedback: { ok: false, message: error.message } });
      return false;
    }
    const message = this.host.t('products.added', { name: product.name });
    this.set(product, { ...EMPTY, feedback: { ok: true, message } });
    return true;
  }

  /** The cart's message when `text` is not a quantity that fits, else null. */
  private check(product: ApiProduct, text: string): string | null {
    const max = this.max(product);
    return readQuantity(text, max) === null ? this.host.t('cart.quantityInvalid', { max }) : null;
  }

  private set(product: ApiProduct, patch: Partial<BuyForm>): void {
    this.forms = { ...this.forms, [product.id]: { ...this.get(product), ...patch } };
    this.host.requestUpdate();
  }
}

/**
 * The visible texts, in English. Any can be replaced, per element with the `strings` property or for
 * the whole page with `configure({ strings })`. `{name}` is filled in; keys ending in `.one` and
 * `.other` are chosen by `Intl.PluralRules`. The catalogue's and the checkout's own texts live with
 * their views and join this table when those load.
 */
const SHARED_STRINGS = {
  retry: 'Try again',
  loading: 'Loading…',
  loadFailed: 'This part of the shop could not be loaded.',
  vatIncluded: 'incl. {vat} VAT',
  discount: '−{percent}',
  with: 'with {addOns}',
  total: 'Total',
  discounts: 'Discounts',
  vat: 'VAT included',
  'cart.title': 'Your cart',
  'cart.empty': 'Your cart is empty.',
  'cart.items.one': '{count} item',
  'cart.items.other': '{count} items',
  'cart.open': 'Cart, {items}',
  'cart.quantity': 'Quantity of {name}',
  'cart.decrease': 'One fewer {name}',
  'cart.increase': 'One more {name}',
  'cart.remove': 'Remove',
  'cart.removeLabel': 'Remove {name}',
  'cart.clear': 'Empty cart',
  'cart.clearConfirm': 'Empty the cart?',
  'cart.clearYes': 'Yes, empty it',
  'cart.clearNo': 'Keep it',
  'cart.checkout': 'Go to checkout',
  'cart.locked': 'Payment in progress: the cart can’t change until it is done.',
  'cart.quantityInvalid': 'Enter a whole number from 1 to {max}.',
};

/**
 * The tables of texts by owner. The shared ones are here; an element folder adds its own table where
 * it defines it, by declaration merging, so this module knows no element folder:
 *
 *   declare module '../shared/strings.ts' {
 *     interface StringTables { checkout: typeof CHECKOUT_STRINGS }
 *   }
 */
export interface StringTables {
  shared: typeof SHARED_STRINGS;
}

/** Every text's key, from every table. */
export type StringKey = {
  [Table in keyof StringTables]: Extract<keyof StringTables[Table], string>;
}[keyof StringTables];
export type Strings = Partial<Record<StringKey, string>>;

/** The keys of count-dependent texts: `cart.items` for `cart.items.one` and `cart.items.other`. */
export type PluralKey = { [K in StringKey]: K extends `${infer Base}.one` ? Base : never }[StringKey];

export const STRINGS: Strings = { ...SHARED_STRINGS };

/** Adds a view's default texts to the table (a page's replacements still win). */
export const addStrings = (more: Strings): void => void Object.assign(STRINGS, more);

/** Fills `{name}` placeholders. */
export const fill = (text: string, values: Record<string, string | number> = {}): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

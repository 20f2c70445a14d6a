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
  // The checkout's heading, which it shows before its view has loaded.
  'checkout.title': 'Checkout',
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

let added = 0;

/** Adds a view's default texts to the table (a page's replacements still win). */
export const addStrings = (more: Strings): void => {
  Object.assign(STRINGS, more);
  added++;
};

/** Changes whenever `addStrings` adds texts: what an element resolved before then is resolved again. */
export const stringsVersion = (): number => added;

/** A text split at its placeholders once: `One more {name}` → `['One more ', 'name', '']`. */
export type Template = readonly string[];

export const compile = (text: string): Template => text.split(/\{(\w+)\}/);

/** Fills a compiled text's `{name}` placeholders; a name without a value stays as written. */
export function fillTemplate(parts: Template, values: Record<string, string | number> = {}): string {
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    text += (name in values ? String(values[name]) : `{${name}}`) + parts[i + 1]!;
  }
  return text;
}

/** Fills `{name}` placeholders. */
export const fill = (text: string, values?: Record<string, string | number>): string =>
  fillTemplate(compile(text), values);

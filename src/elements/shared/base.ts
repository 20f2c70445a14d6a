import { LitElement } from 'lit';
import { formatMoney } from '../../core/index.ts';
import { captureLanding } from '../../state/attribution.ts';
import { $config } from '../../state/config.ts';
import { StoreController } from './store-controller.ts';
import { STRINGS, fill, type StringKey, type Strings } from './strings.ts';

/**
 * What the three elements share: the `locale` attribute, overridable strings, money formatting and
 * a guarded `define`. Elements render state and call actions; they never fetch.
 */
export class TillElement extends LitElement {
  static override properties = {
    locale: { reflect: true },
    strings: { attribute: false },
  };

  /** BCP 47 locale for money and numbers; falls back to the configuration, then the page's `lang`. */
  declare locale: string;
  /** Replacement texts for this element, by key. */
  declare strings: Strings;

  protected readonly config = new StoreController(this, $config);

  constructor() {
    super();
    this.locale = '';
    this.strings = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    captureLanding();
  }

  /** The locale in effect, or undefined for the browser's own. */
  protected get activeLocale(): string | undefined {
    return this.locale || this.config.value.locale || document.documentElement.lang || undefined;
  }

  /** A visible text: this element's override, the page's, or the default. */
  protected t(key: StringKey, values?: Record<string, string | number>): string {
    const text = this.strings[key] ?? this.config.value.strings[key] ?? STRINGS[key];
    return fill(text, values);
  }

  /** A count-dependent text (`key.one` / `key.other`). */
  protected plural(key: 'cart.items', count: number): string {
    const form = new Intl.PluralRules(this.activeLocale).select(count) === 'one' ? 'one' : 'other';
    return this.t(`${key}.${form}`, { count: new Intl.NumberFormat(this.activeLocale).format(count) });
  }

  protected money(amount: number, currency: string): string {
    return formatMoney({ amount, currency }, this.activeLocale);
  }

  protected percent(rate: number): string {
    return new Intl.NumberFormat(this.activeLocale, { style: 'percent', maximumFractionDigits: 2 }).format(rate);
  }
}

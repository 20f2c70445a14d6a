import { LitElement, adoptStyles, html, type CSSResult, type PropertyValues, type ReactiveController } from 'lit';
import { formatMoney } from '../../core/index.ts';
import { captureLanding } from '../../state/attribution.ts';
import { $config } from '../../state/config.ts';
import { StoreController } from './store-controller.ts';
import { loadLanguage, resolveLocale, translation, type Language, type Locale } from './language.ts';
import { STRINGS, fill, type PluralKey, type StringKey, type Strings } from './strings.ts';

/**
 * The part of an element that is fetched when the element first connects: its state, styles and
 * templates. A page that never shows a catalogue or a checkout never downloads their code, the way
 * Stripe.js is fetched only at the payment step.
 */
export interface View extends ReactiveController {
  readonly styles: CSSResult;
  render(): unknown;
}

/**
 * What the elements share: the `locale` attribute, texts in the locale's language (overridable key by
 * key), number, money and date formats, and the loading of a lazy view. Elements render state and
 * call actions; they never fetch.
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

  readonly config = new StoreController(this, $config);
  /** The loaded view, for elements that have one. */
  protected view: View | null = null;
  private viewState: 'idle' | 'loading' | 'failed' = 'idle';
  private viewLoading: Promise<unknown> | undefined;
  /** The language whose texts were last asked for, and their load while it runs. */
  private requested: Language = 'en';
  private languageLoading: Promise<void> | undefined;

  constructor() {
    super();
    this.locale = '';
    this.strings = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    captureLanding();
    this.startView();
  }

  /** True when the view could not be loaded (the element offers a retry). */
  protected get viewFailed(): boolean {
    return this.viewState === 'failed';
  }

  /** Elements with a lazy view return its module's factory here. */
  protected loadView?(): Promise<(host: this) => View>;

  private startView(): void {
    if (!this.loadView || this.view || this.viewState === 'loading') return;
    this.viewState = 'loading';
    this.viewLoading = this.loadView().then(
      (create) => {
        const view = (this.view = create(this));
        this.addController(view);
        const styles = (this.constructor as typeof LitElement).elementStyles;
        adoptStyles(this.renderRoot as ShadowRoot, [...styles, view.styles]);
        this.viewState = 'idle';
        this.requestUpdate();
      },
      (error: unknown) => {
        console.warn('[tillkit] a view could not be loaded', error);
        this.viewState = 'failed';
        this.requestUpdate();
      },
    );
  }

  /**
   * Texts in a language other than English are fetched the first time an element needs them; it
   * renders in English until they arrive, then again in its language (never showing bare keys).
   */
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const { language } = this.resolved;
    if (language === this.requested) return;
    this.requested = language;
    if (translation(language)) return;
    this.languageLoading = loadLanguage(language).then(() => {
      this.languageLoading = undefined;
      this.requestUpdate();
    });
  }

  /** `updateComplete` also waits for the view and the language, so a settled element is an interactive one. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let settled = await super.getUpdateComplete();
    while (this.viewState === 'loading' || this.languageLoading) {
      await Promise.all([this.viewLoading, this.languageLoading]);
      settled = await super.getUpdateComplete();
    }
    return settled;
  }

  /** The view once loaded; until then a placeholder, or an error with a retry. */
  override render(): unknown {
    if (this.view) return this.view.render();
    return this.viewState === 'failed'
      ? html`<div class="alert" role="alert"><p>${this.t('loadFailed')}</p><button @click=${() => this.startView()}>${this.t('retry')}</button></div>`
      : html`<p class="muted" role="status" aria-busy="true">${this.t('loading')}</p>`;
  }

  /** The locale in effect: the element's, the configuration's, else the page's `lang` (resolved once per tag). */
  get resolved(): Locale {
    return resolveLocale(this.locale || this.config.value.locale || document.documentElement.lang);
  }

  /** The locale in effect, or undefined for the browser's own. */
  get activeLocale(): string | undefined {
    return this.resolved.locale;
  }

  /**
   * A visible text: this element's replacement, the page's, the shipped text in the locale's
   * language, or the English default.
   */
  t(key: StringKey, values?: Record<string, string | number>): string {
    const text =
      this.strings[key] ?? this.config.value.strings[key] ?? translation(this.resolved.language)?.[key] ?? STRINGS[key];
    return fill(text ?? key, values);
  }

  /** A count-dependent text: `key.one` or `key.other`, as the language's plural rules choose. */
  plural(key: PluralKey, count: number): string {
    const { plural, number } = this.resolved;
    return this.t(`${key}.${plural.select(count) === 'one' ? 'one' : 'other'}`, { count: number.format(count) });
  }

  money(amount: number, currency: string): string {
    return formatMoney({ amount, currency }, this.activeLocale);
  }

  percent(rate: number): string {
    return this.resolved.percent.format(rate);
  }

  /** A date, as the locale writes it (`12 May 2025`, `12. mai 2025`). */
  date(date: Date): string {
    return this.resolved.date.format(date);
  }
}

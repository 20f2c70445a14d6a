import { LitElement, adoptStyles, html, type CSSResult, type PropertyValues, type ReactiveController } from 'lit';
import { formatMoney } from '../../core/index.ts';
import { captureLanding } from '../../state/attribution.ts';
import { $config } from '../../state/config.ts';
import { StoreController } from './store-controller.ts';
import { loadLanguage, resolveLocale, translation, type Language, type Locale } from './language.ts';
import {
  STRINGS,
  compile,
  fillTemplate,
  stringsVersion,
  type PluralKey,
  type StringKey,
  type Strings,
  type Template,
} from './strings.ts';

/** Each element class's view factory once its module is loaded: later elements make theirs at once. */
const factories = new WeakMap<object, (host: TillElement) => View>();

/**
 * Starts ICU (the first `Intl` object on a page costs tens of milliseconds on a slow phone) while the
 * browser is idle, typically while a view's code downloads, rather than in the view's first render.
 */
let warmed = false;
function warmFormats(locale: () => Locale): void {
  if (warmed) return;
  warmed = true;
  const warm = () => void locale().number.format(0);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 200 });
  else setTimeout(warm);
}

/**
 * The part of an element that is fetched when the element first connects: its state, styles and
 * templates. A page that never shows a catalogue or a checkout never downloads their code, the way
 * Stripe.js is fetched only at the payment step.
 */
export interface View extends ReactiveController {
  readonly styles: CSSResult;
  render(): unknown;
  /** A part of the view still loading (a later step's chunk): `updateComplete` waits for it too. */
  readonly loading?: Promise<unknown> | undefined;
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
  /** The locale in effect, worked out once per update (reading the page's `lang` is not free). */
  private updating: Locale | undefined;
  /** The texts this element resolved, by key, and what they were resolved from. */
  private resolvedTexts = new Map<string, Template>();
  private textSources: readonly unknown[] = [];

  constructor() {
    super();
    this.locale = '';
    this.strings = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    captureLanding();
    this.startView();
    warmFormats(() => this.resolved);
  }

  /** True when the view could not be loaded (the element offers a retry). */
  protected get viewFailed(): boolean {
    return this.viewState === 'failed';
  }

  /** Elements with a lazy view return its module's factory here. */
  protected loadView?(): Promise<(host: this) => View>;

  /**
   * An element whose view can wait until the customer needs it (the checkout, until it comes near the
   * screen) returns true here while it waits, and calls `startView` again when the view is wanted. A
   * view whose module is on the page already is made at once, without asking.
   */
  protected viewWaits?(): boolean;

  protected startView(): void {
    if (!this.loadView || this.view || this.viewState === 'loading') return;
    const loaded = factories.get(this.constructor);
    if (loaded) return this.createView(loaded);
    if (this.viewWaits?.()) return;
    this.viewState = 'loading';
    this.viewLoading = this.loadView().then(
      (create) => {
        factories.set(this.constructor, create as (host: TillElement) => View);
        this.createView(create);
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

  private createView(create: (host: this) => View): void {
    const view = (this.view = create(this));
    this.addController(view);
    const styles = (this.constructor as typeof LitElement).elementStyles;
    adoptStyles(this.renderRoot as ShadowRoot, [...styles, view.styles]);
  }

  /**
   * Texts in a language other than English are fetched the first time an element needs them; it
   * renders in English until they arrive, then again in its language (never showing bare keys).
   */
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.updating = undefined;
    this.updating = this.resolved;
    const { language } = this.updating;
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
    while (this.viewState === 'loading' || this.languageLoading || this.view?.loading) {
      await Promise.all([this.viewLoading, this.languageLoading, this.view?.loading]);
      settled = await super.getUpdateComplete();
    }
    return settled;
  }

  protected override update(changed: PropertyValues): void {
    try {
      super.update(changed);
    } finally {
      this.updating = undefined;
    }
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
    return this.updating ?? resolveLocale(this.locale || this.config.value.locale || document.documentElement.lang);
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
    const texts = this.texts;
    let text = texts.get(key);
    if (!text) {
      const own = this.strings[key] ?? this.config.value.strings[key];
      texts.set(key, (text = compile(own ?? translation(this.resolved.language)?.[key] ?? STRINGS[key] ?? key)));
    }
    return fillTemplate(text, values);
  }

  /**
   * The texts resolved so far, by key: made again (and a new map) when the language, its loaded
   * texts, the element's or the page's replacements or the default texts change, so each text is
   * looked up and parsed once per language rather than once per line and render. Its identity says
   * whether anything rendered with the texts must be rendered again.
   */
  get texts(): Map<string, Template> {
    const { language } = this.resolved;
    const sources = [language, translation(language), this.strings, this.config.value.strings, stringsVersion()];
    if (sources.some((source, i) => source !== this.textSources[i])) {
      this.textSources = sources;
      this.resolvedTexts = new Map();
    }
    return this.resolvedTexts;
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

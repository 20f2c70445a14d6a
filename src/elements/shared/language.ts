import type { StringKey } from './strings.ts';

/**
 * The languages Tillkit ships its texts in. English is the default texts themselves (in the eager
 * bundle and in each view); every other language is one lazy chunk holding every element's texts,
 * fetched the first time an element needs it.
 */
export const LANGUAGES = ['en', 'es', 'nb', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A language's texts: every key of every element, typed so a missing one fails the type check. */
export type Translation = Readonly<Record<StringKey, string>>;

const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Translation }>> = {
  es: () => import('./locales/es.ts'),
  nb: () => import('./locales/nb.ts'),
  de: () => import('./locales/de.ts'),
  fr: () => import('./locales/fr.ts'),
};

/** Norwegian is written in Bokmål by most: `no` (the macrolanguage) and Nynorsk `nn` read it. */
const NEAREST: Readonly<Record<string, Language>> = { no: 'nb', nn: 'nb' };

/** A locale as the elements use it: its tag, its texts' language and its formatters, made once. */
export interface Locale {
  /** The canonical tag (`nb_NO` → `nb-NO`); undefined when there is none, or it is no tag: the browser's. */
  readonly locale: string | undefined;
  /** The shipped language nearest to it. */
  readonly language: Language;
  readonly plural: Intl.PluralRules;
  readonly number: Intl.NumberFormat;
  readonly percent: Intl.NumberFormat;
  readonly date: Intl.DateTimeFormat;
}

/**
 * A locale's formatters, each made the first time it is asked for: a cart never builds the date
 * format an order history needs, and the first `Intl` object on a page (which starts ICU, tens of
 * milliseconds on a slow phone) is made when it is wanted, or warmed on purpose (`warmFormats`).
 */
class ResolvedLocale implements Locale {
  private formats: {
    plural?: Intl.PluralRules;
    number?: Intl.NumberFormat;
    percent?: Intl.NumberFormat;
    date?: Intl.DateTimeFormat;
  } = {};

  constructor(
    readonly locale: string | undefined,
    readonly language: Language,
  ) {}

  get plural(): Intl.PluralRules {
    return (this.formats.plural ??= new Intl.PluralRules(this.locale));
  }
  get number(): Intl.NumberFormat {
    return (this.formats.number ??= new Intl.NumberFormat(this.locale));
  }
  get percent(): Intl.NumberFormat {
    return (this.formats.percent ??= new Intl.NumberFormat(this.locale, {
      style: 'percent',
      maximumFractionDigits: 2,
    }));
  }
  get date(): Intl.DateTimeFormat {
    return (this.formats.date ??= new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' }));
  }
}

const resolved = new Map<string, Locale>();

/**
 * A BCP 47 tag as the elements use it: the shipped language nearest to it, which is its primary
 * language when shipped (`es-CL` → `es`, `de-AT` → `de`), Norwegian `no`/`nn` → `nb`, anything else
 * English; and its formatters. Worked out once per tag: building an `Intl` formatter costs far more
 * than using one, and the elements format on every render.
 */
export function resolveLocale(tag: string | undefined): Locale {
  const key = tag ?? '';
  let found = resolved.get(key);
  if (!found) {
    let locale: string | undefined;
    try {
      locale = Intl.getCanonicalLocales(key.replace(/_/g, '-'))[0];
    } catch {
      locale = undefined; // no tag, or not one: the browser's formats, English texts
    }
    const primary = locale?.split('-')[0]!.toLowerCase() ?? '';
    found = new ResolvedLocale(locale, NEAREST[primary] ?? LANGUAGES.find((l) => l === primary) ?? 'en');
    resolved.set(key, found);
  }
  return found;
}

const tables: Partial<Record<Language, Translation>> = {};
const loading = new Map<Language, Promise<void>>();

/** A language's texts once loaded; undefined for English (the defaults) and until they arrive. */
export const translation = (language: Language): Translation | undefined => tables[language];

/**
 * Fetches a language's texts (once per page); resolves when they are there. A chunk that fails to
 * load leaves the texts in English, with a warning, rather than retrying on every render.
 */
export function loadLanguage(language: Language): Promise<void> {
  if (language === 'en' || tables[language]) return Promise.resolve();
  let pending = loading.get(language);
  if (!pending) {
    pending = LOADERS[language]().then(
      (module) => void (tables[language] = module.default),
      (error: unknown) => console.warn(`[tillkit] the ${language} texts could not be loaded`, error),
    );
    loading.set(language, pending);
  }
  return pending;
}

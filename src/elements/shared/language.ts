/**
 * The languages of Tillkit's texts. English is the default texts themselves (in the eager bundle and
 * in each view).
 */
export const LANGUAGES = ['en', 'es', 'nb', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

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
    found = {
      locale,
      language: NEAREST[primary] ?? LANGUAGES.find((l) => l === primary) ?? 'en',
      plural: new Intl.PluralRules(locale),
      number: new Intl.NumberFormat(locale),
      percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }),
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }),
    };
    resolved.set(key, found);
  }
  return found;
}

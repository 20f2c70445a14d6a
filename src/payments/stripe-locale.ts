import type { StripeElementLocale } from '@stripe/stripe-js';

/**
 * The locales Stripe.js shows its Elements in (`StripeElementLocale`, docs.stripe.com/js/appendix/
 * supported_locales), as canonical BCP 47 tags. Regions Stripe has a text of its own for are listed
 * with them; any other region of a listed language gets the language.
 */
const SUPPORTED: readonly StripeElementLocale[] = [
  'ar',
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-AU',
  'en-CA',
  'en-NZ',
  'en-GB',
  'es',
  'es-ES',
  'es-419',
  'et',
  'fi',
  'fil',
  'fr',
  'fr-CA',
  'fr-FR',
  'he',
  'hu',
  'hr',
  'id',
  'it',
  'it-IT',
  'ja',
  'ko',
  'lt',
  'lv',
  'ms',
  'mt',
  'nb',
  'nl',
  'no',
  'pl',
  'pt',
  'pt-BR',
  'ro',
  'ru',
  'sk',
  'sl',
  'sv',
  'th',
  'tr',
  'vi',
  'zh',
  'zh-HK',
  'zh-TW',
];

/** Spanish as written in Latin America and the United States: Stripe's `es-419`. */
const LATIN_AMERICA = new Set('419 AR BO BR BZ CL CO CR CU DO EC GT HN MX NI PA PE PR PY SV US UY VE'.split(' '));

/** Languages Stripe spells otherwise: Tagalog is its Filipino, Nynorsk reads as Norwegian. */
const ALIASES: Readonly<Record<string, StripeElementLocale>> = { tl: 'fil', nn: 'no' };

/**
 * The Stripe.js locale for a BCP 47 tag: the tag itself when Stripe has it (`fr-CA`, `pt-BR`, `nb`),
 * Spanish of Latin America as `es-419` (`es-CL`, `es-MX`), traditional Chinese by script or region
 * (`zh-Hant` → `zh-TW`, `zh-HK` and `zh-MO` → `zh-HK`), else the language alone (`de-AT` → `de`,
 * `nb-NO` → `nb`), else `auto` (Stripe follows the browser).
 */
export function stripeLocale(tag: string | undefined): StripeElementLocale {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale((tag ?? '').replace(/_/g, '-'));
  } catch {
    return 'auto';
  }
  const { language, region, script } = locale.maximize();
  const find = (candidate: string) => SUPPORTED.find((s) => s.toLowerCase() === candidate.toLowerCase());
  if (language === 'es' && region && LATIN_AMERICA.has(region)) return 'es-419';
  if (language === 'zh') return region === 'HK' || region === 'MO' ? 'zh-HK' : script === 'Hant' ? 'zh-TW' : 'zh';
  // The tag as written (its region, not the one `maximize` guessed), then the language alone.
  const written = new Intl.Locale((tag ?? '').replace(/_/g, '-'));
  return (
    (written.region && find(`${written.language}-${written.region}`)) ||
    find(written.language) ||
    ALIASES[written.language] ||
    'auto'
  );
}

// The shipped languages against the English texts, in Node: every key in every language and nothing
// else, the same placeholders, the plural forms each language's rules can ask for, French spacing, and
// how a BCP 47 tag finds its language. (The type check already refuses a table with a key missing or
// unknown: each is a `Translation`, a `Record` of every `StringKey`.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LATER_STEPS_STRINGS } from '../../src/elements/checkout/later-strings.ts';
import { CHECKOUT_STRINGS } from '../../src/elements/checkout/strings.ts';
import { ORDERS_STRINGS } from '../../src/elements/orders/strings.ts';
import { PRODUCT_LIST_STRINGS } from '../../src/elements/product-list/strings.ts';
import { LANGUAGES, resolveLocale, type Translation } from '../../src/elements/shared/language.ts';
import de from '../../src/elements/shared/locales/de.ts';
import es from '../../src/elements/shared/locales/es.ts';
import fr from '../../src/elements/shared/locales/fr.ts';
import nb from '../../src/elements/shared/locales/nb.ts';
import { STRINGS } from '../../src/elements/shared/strings.ts';

/** Every English text: the shared ones (eager) and each view's own. */
const ENGLISH: Record<string, string> = {
  ...STRINGS,
  ...PRODUCT_LIST_STRINGS,
  ...CHECKOUT_STRINGS,
  ...LATER_STEPS_STRINGS,
  ...ORDERS_STRINGS,
};
const TABLES: Record<string, Translation> = { es, nb, de, fr };

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the shipped translations', () => {
  it('are the four languages besides English, each a table', () => {
    assert.deepEqual(LANGUAGES, ['en', 'es', 'nb', 'de', 'fr']);
    assert.deepEqual(Object.keys(TABLES), ['es', 'nb', 'de', 'fr']);
    assert.ok(Object.keys(ENGLISH).length > 140, `${Object.keys(ENGLISH).length} English texts`);
  });

  for (const [language, table] of Object.entries(TABLES)) {
    it(`${language}: has every English key, no other, and no empty text`, () => {
      const missing = Object.keys(ENGLISH).filter((key) => !(key in table));
      const unknown = Object.keys(table).filter((key) => !(key in ENGLISH));
      assert.deepEqual(missing, [], `${language} lacks ${missing.join(', ')}`);
      assert.deepEqual(unknown, [], `${language} has keys English does not: ${unknown.join(', ')}`);
      for (const [key, text] of Object.entries(table)) assert.ok(text.trim(), `${language} ${key} is empty`);
    });

    it(`${language}: keeps each text's placeholders exactly ({count}, {name}, …)`, () => {
      for (const [key, english] of Object.entries(ENGLISH)) {
        assert.deepEqual(placeholders(table[key as keyof Translation]), placeholders(english), `${language} ${key}`);
      }
    });

    it(`${language}: has the plural forms its rules choose for every count a cart can hold`, () => {
      const rules = new Intl.PluralRules(language);
      const forms = new Set<string>();
      for (let n = 0; n <= 100_000; n += n < 200 ? 1 : 997) forms.add(rules.select(n));
      // English's .one/.other keys are the forms; a language needing another below a million would fail here.
      assert.deepEqual([...forms].sort(), ['one', 'other'], `${language} plural forms`);
      for (const key of Object.keys(ENGLISH).filter((k) => k.endsWith('.one'))) {
        assert.ok(table[key.replace(/one$/, 'other') as keyof Translation], `${language} ${key} has .other`);
      }
    });

    it(`${language}: writes apostrophes as ’, never '`, () => {
      for (const [key, text] of Object.entries(table)) assert.ok(!text.includes("'"), `${language} ${key}: ${text}`);
    });
  }

  it('fr: a narrow no-break space before ? ! and inside « », a no-break space before :', () => {
    for (const [key, text] of Object.entries(fr)) {
      assert.doesNotMatch(text, /[^\u202f][?!]/, `fr ${key}: ${text}`);
      assert.doesNotMatch(text, /[^\u00a0]:(\s|$)/, `fr ${key}: ${text}`);
      assert.doesNotMatch(text, /«[^\u202f]|[^\u202f]»/, `fr ${key}: ${text}`);
    }
    assert.equal(fr['cart.clearConfirm'], 'Vider le panier\u202f?');
  });

  it('French says 0 article and 1 article, English 0 items: the language’s own plural rules', () => {
    assert.equal(new Intl.PluralRules('fr').select(0), 'one');
    assert.equal(new Intl.PluralRules('en').select(0), 'other');
    assert.equal(fr['cart.items.one'], '{count} article');
  });
});

describe('a locale’s language', () => {
  const cases: [string | undefined, string, string | undefined][] = [
    ['es', 'es', 'es'],
    ['es-CL', 'es', 'es-CL'],
    ['ES-cl', 'es', 'es-CL'],
    ['nb-NO', 'nb', 'nb-NO'],
    ['nb_NO', 'nb', 'nb-NO'],
    ['no', 'nb', 'no'],
    ['nn-NO', 'nb', 'nn-NO'],
    ['de-AT', 'de', 'de-AT'],
    ['de-CH', 'de', 'de-CH'],
    ['fr-CA', 'fr', 'fr-CA'],
    ['en-GB', 'en', 'en-GB'],
    ['pt-BR', 'en', 'pt-BR'],
    ['sv', 'en', 'sv'],
    ['', 'en', undefined],
    [undefined, 'en', undefined],
    ['not a tag!', 'en', undefined],
  ];
  for (const [tag, language, locale] of cases) {
    it(`${JSON.stringify(tag)} → ${language} texts, formats of ${locale ?? 'the browser'}`, () => {
      const resolved = resolveLocale(tag);
      assert.equal(resolved.language, language);
      assert.equal(resolved.locale, locale);
    });
  }

  it('is worked out once per tag: the same formatters every time', () => {
    const first = resolveLocale('de-AT');
    assert.equal(resolveLocale('de-AT'), first);
    assert.equal(resolveLocale('de-AT').number, first.number);
    // Austrian German groups thousands with a (no-break) space and writes a space before %.
    assert.equal(first.number.format(1234.5).replace(/\s/g, ' '), '1 234,5');
    assert.equal(first.percent.format(0.1).replace(/\s/g, ' '), '10 %');
  });
});

// The elements' texts in the locale's language: chosen by the element's `locale`, the configuration's,
// or the page's `lang`; fetched on demand (English until they arrive, never a bare key); overridable
// key by key; plurals by the language's rules; formatters made once per locale, not per render.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/cart/till-cart.ts';
import '../../src/elements/checkout/till-checkout.ts';
import '../../src/elements/orders/till-orders.ts';
import type { TillCart } from '../../src/elements/cart/cart.ts';
import type { TillCheckout } from '../../src/elements/checkout/checkout.ts';
import type { TillOrders } from '../../src/elements/orders/orders.ts';
import { translation } from '../../src/elements/shared/language.ts';
import { cart } from '../../src/state/cart.ts';
import { resetCheckout } from '../../src/state/checkout/index.ts';
import { configure } from '../../src/state/config.ts';
import { $orders, resetOrders } from '../../src/state/orders/index.ts';
import { resetCart, until, useReferenceServer } from '../support/browser.ts';
import { demoProducts } from '../support/orders.ts';

const text = (el: HTMLElement, selector: string) =>
  el.shadowRoot!.querySelector(selector)!.textContent.replace(/\s+/g, ' ').trim();

describe('texts in the locale’s language', () => {
  beforeEach(() => {
    resetCart();
    resetCheckout();
    useReferenceServer({ locale: '', strings: {} });
    document.documentElement.lang = 'en';
  });
  after(() => {
    document.documentElement.lang = 'en';
  });

  it('fetches French when an element first needs it, showing English until then and never a key', async () => {
    expect(translation('fr'), 'not loaded up front').to.equal(undefined);
    // The cart's code already loaded (by an English cart), so the element renders at once, before
    // French arrives, rather than racing its view's download against the language's.
    const english = document.body.appendChild(document.createElement('till-cart'));
    await english.updateComplete;
    english.remove();
    const seen = new Set<string>();
    const el = document.createElement('till-cart');
    el.locale = 'fr-FR';
    document.body.append(el);
    const observer = new MutationObserver(() => {
      const heading = el.shadowRoot?.querySelector('h2');
      if (heading) seen.add(heading.textContent.trim());
    });
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    await el.updateComplete;
    observer.disconnect();
    seen.add(text(el, 'h2'));
    expect(text(el, 'h2')).to.equal('Votre panier');
    expect(text(el, '[part=empty]')).to.equal('Votre panier est vide.');
    // English until French arrives (with the cart's lazy view loading meanwhile, often French at once):
    // never a key.
    expect(['Votre panier', 'Your cart'], 'never a key').to.include.members([...seen]);
    expect([...seen]).to.include('Votre panier');
    expect(translation('fr')).to.exist;
    expect(translation('de'), 'only the language asked for').to.equal(undefined);
    el.remove();
  });

  it('follows the page’s lang (nb-NO: Bokmål), with plurals by its rules', async () => {
    document.documentElement.lang = 'nb-NO';
    const { dvds } = await demoProducts();
    cart.add(dvds[0]!, 1);
    const el = await fixture<TillCart>(html`<till-cart compact></till-cart>`);
    expect(el.shadowRoot!.querySelector('[part=toggle]')!.getAttribute('aria-label')).to.equal('Handlekurv, 1 vare');
    cart.add(dvds[1]!, 2);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=toggle]')!.getAttribute('aria-label')).to.equal('Handlekurv, 3 varer');
    expect(text(el, '[popover] h2')).to.equal('Handlekurven din');
    await expect(el).to.be.accessible();
  });

  it('takes Nynorsk and plain Norwegian to Bokmål, and French 0 to the singular', async () => {
    const nn = await fixture<TillCart>(html`<till-cart locale="nn-NO"></till-cart>`);
    expect(text(nn, 'h2')).to.equal('Handlekurven din');
    const no = await fixture<TillCart>(html`<till-cart locale="no"></till-cart>`);
    expect(text(no, 'h2')).to.equal('Handlekurven din');
    const fr = await fixture<TillCart>(html`<till-cart compact locale="fr"></till-cart>`);
    expect(fr.shadowRoot!.querySelector('[part=toggle]')!.getAttribute('aria-label')).to.equal('Panier, 0 article');
    const en = await fixture<TillCart>(html`<till-cart compact></till-cart>`);
    expect(en.shadowRoot!.querySelector('[part=toggle]')!.getAttribute('aria-label')).to.equal('Cart, 0 items');
  });

  it('takes the configuration’s locale; an element’s own wins; a change of locale re-renders', async () => {
    configure({ locale: 'de-AT' });
    const de = await fixture<TillCart>(html`<till-cart></till-cart>`);
    expect(text(de, 'h2')).to.equal('Ihr Warenkorb');
    const es = await fixture<TillCart>(html`<till-cart locale="es-CL"></till-cart>`);
    expect(text(es, 'h2')).to.equal('Tu carrito');
    es.locale = 'nb';
    await es.updateComplete;
    expect(text(es, 'h2')).to.equal('Handlekurven din');
    configure({ locale: 'en-US' });
    await de.updateComplete;
    expect(text(de, 'h2')).to.equal('Your cart');
  });

  it('lets the page replace any text: the element’s strings, then configure’s, win over the shipped ones', async () => {
    document.documentElement.lang = 'es';
    const { dvds } = await demoProducts();
    cart.add(dvds[0]!, 1);
    configure({ strings: { 'cart.checkout': 'Pagar ahora', 'cart.clear': 'Borrar todo' } });
    const el = await fixture<TillCart>(html`<till-cart .strings=${{ 'cart.checkout': 'Comprar' }}></till-cart>`);
    expect(text(el, '[part=checkout]')).to.equal('Comprar');
    expect(text(el, '.actions .link')).to.equal('Borrar todo');
    expect(text(el, 'h2')).to.equal('Tu carrito');
  });

  it('puts the checkout’s own texts in the language too, and a German field name keeps its capital', async () => {
    const { dvds } = await demoProducts();
    cart.add(dvds[0]!, 1);
    const es = await fixture<TillCheckout>(html`<till-checkout locale="es-CL"></till-checkout>`);
    expect(text(es, 'h2')).to.equal('Finalizar compra');
    expect(text(es, 'label[for=email]')).to.equal('Correo electrónico');
    es.shadowRoot!.querySelector('form')!.requestSubmit();
    await es.updateComplete;
    expect(text(es, '#firstName-error')).to.equal('Completa el campo nombre.');
    es.remove();
    resetCheckout();

    const de = await fixture<TillCheckout>(html`<till-checkout locale="de"></till-checkout>`);
    de.shadowRoot!.querySelector('form')!.requestSubmit();
    await de.updateComplete;
    expect(text(de, '#firstName-error')).to.equal('Bitte füllen Sie das Feld „Vorname“ aus.');
    await expect(de).to.be.accessible();
  });

  it('puts the order history in the language, its sign-in and its refusals', async () => {
    resetOrders();
    const el = await fixture<TillOrders>(html`<till-orders locale="fr-CA"></till-orders>`);
    await until(() => $orders.get().status === 'signed-out');
    await el.updateComplete;
    expect(text(el, 'h2')).to.equal('Vos commandes');
    expect(text(el, 'label[for=orders-email]')).to.equal('E-mail');
    expect(text(el, '[part=sign-in] button')).to.equal('Afficher mes commandes');
    el.shadowRoot!.querySelector<HTMLInputElement>('#orders-email')!.value = 'pas-un-e-mail';
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await el.updateComplete;
    expect(text(el, '#orders-email-error')).to.equal('Saisissez une adresse e-mail comme nom@exemple.fr.');
    await expect(el).to.be.accessible();
  });

  it('makes no Intl formatter per render once a locale’s are made', async () => {
    const { dvds } = await demoProducts();
    cart.add(dvds[0]!, 2);
    const el = await fixture<TillCart>(html`<till-cart compact locale="es-CL"></till-cart>`);
    const made: Record<string, number> = { NumberFormat: 0, PluralRules: 0 };
    const intl = Intl as unknown as Record<string, new (...args: unknown[]) => object>;
    const originals = { NumberFormat: intl['NumberFormat']!, PluralRules: intl['PluralRules']! };
    for (const [name, original] of Object.entries(originals))
      intl[name] = new Proxy(original, { construct: (target, args) => (made[name]!++, new target(...args)) });
    try {
      for (let i = 0; i < 20; i++) {
        cart.setQuantity(cart.$lines.get()[0]!.key, 2 + (i % 3));
        await el.updateComplete;
      }
    } finally {
      Object.assign(intl, originals);
    }
    expect(el.shadowRoot!.querySelector('[part=toggle]')!.getAttribute('aria-label')).to.match(
      /^Carrito, \d artículos$/,
    );
    expect(made).to.deep.equal({ NumberFormat: 0, PluralRules: 0 });
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/cart/till-cart.ts';
import type { TillCart } from '../../src/elements/cart/cart.ts';
import type { Product } from '../../src/core/index.ts';
import { cart } from '../../src/state/cart.ts';
import { configure } from '../../src/state/config.ts';
import { productA, productB, subProductB1 } from '../support/catalogue.ts';
import { resetCart } from '../support/browser.ts';

const $ = <T extends Element = HTMLElement>(el: TillCart, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector)!;
const $$ = (el: TillCart, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

/** The worked example of the Orders documentation: 2 × A (40, −10 %) + B (10) with B1 (5). */
function seedWorkedExample() {
  cart.add(productA, 2);
  cart.add(productB, 1, [subProductB1]);
}

describe('<till-cart>', () => {
  beforeEach(() => {
    resetCart();
    configure({ locale: 'en-US', strings: {} });
  });

  it('shows the documented total for the worked example, and what its discount takes off', async () => {
    const el = await fixture<TillCart>(html`<till-cart></till-cart>`);
    seedWorkedExample();
    await el.updateComplete;
    expect($(el, '[part=total]').textContent).to.contain('87.00');
    // 2 × A at 40 less 10 %: 8.00 off.
    expect($$(el, '.summary > *').map((e) => e.textContent)).to.deep.equal([
      'Discounts',
      '−€8.00',
      'Total',
      '€87.00',
      'VAT included',
      '€17.40',
    ]);
    expect($$(el, '[part=line]')).to.have.length(2);
    expect($$(el, '[part=line-total]').map((e) => e.textContent)).to.deep.equal(['€72.00', '€15.00']);
    expect(el.shadowRoot!.textContent).to.contain('with Sub Product B1');
  });

  it('with the Bootic backend, totals a variant on two lines as the Bootic order does: 1841 CLP', async () => {
    // 999 CLP at 50 % off is 499.5 a unit. Bootic's order holds the film once (2 units, 999) and the
    // add-on as a line item of its own (842): 1841. Priced line by line the cart would say 1842.
    const film: Product = {
      id: 'film',
      name: 'Half-price film',
      price: 999,
      discount: 0.5,
      vat: 0.19,
      currency: 'CLP',
      ref: '5101',
      subProducts: ['booklet'],
    };
    const booklet: Product = {
      id: 'booklet',
      name: 'Booklet',
      price: 842,
      discount: 0,
      vat: 0.19,
      currency: 'CLP',
      ref: '5102',
      mainProduct: false,
    };
    configure({ backend: 'bootic', shopId: '29' });
    try {
      const el = await fixture<TillCart>(html`<till-cart></till-cart>`);
      cart.add(film, 1);
      cart.add(film, 1, [booklet]);
      await el.updateComplete;
      expect($(el, '[part=total]').textContent).to.contain('1,841');
      const lines = $$(el, '[part=line-total]').map((e) => Number((e.textContent ?? '').replace(/\D/g, '')));
      expect(lines).to.deep.equal([500, 1341]);
      expect(lines[0]! + lines[1]!, 'the lines add up to the total').to.equal(1841);
    } finally {
      configure({ backend: 'builton', shopId: '' });
    }
  });

  it('shows the VAT included and formats for the locale attribute', async () => {
    const el = await fixture<TillCart>(html`<till-cart locale="nb-NO"></till-cart>`);
    seedWorkedExample();
    await el.updateComplete;
    expect($(el, '[part=total]').textContent).to.equal('87,00\u00a0€');
    // 72 × 0.25 / 1.25 = 14.40 and 15 × 0.25 / 1.25 = 3.00
    expect(el.shadowRoot!.textContent).to.contain('17,40');
  });

  it('is accessible when empty and when filled', async () => {
    const el = await fixture<TillCart>(html`<till-cart></till-cart>`);
    expect($(el, '[part=empty]').textContent).to.contain('Your cart is empty');
    await expect(el).to.be.accessible();
    seedWorkedExample();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('steps quantities up and down with the buttons', async () => {
    const el = await fixture<TillCart>(html`<till-cart></till-cart>`);
    cart.add(productA, 1);
    await el.updateComplete;
    $(el, 'button[aria-label="One more Product A"]').click();
    $(el, 'button[aria-label="One more Product A"]').click();
    await el.updateComplete;
    expect(cart.$lines.get()[0]!.quantity).to.equal(3);
    $(el, 'button[aria-label="One fewer Product A"]').click();
    await el.updateComplete;
    expect(cart.$lines.get()[0]!.quantity).to.equal(2);
    expect($(el, '[part=total]').textContent).to.contain('72.00');
  });

  it('validates a typed quantity, says why at the field, and keeps the last good value', async () => {
    const el = await fixture<TillCart>(html`<till-cart></till-cart>`);
    cart.add(productA, 2);
    await el.updateComplete;
    const input = $<HTMLInputElement>(el, 'input[type=number]');
    for (const bad of ['0', '-3', '1.5', '', '100000']) {
      input.value = bad;
      input.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect($(el, '[role=alert]').textContent, bad).to.contain('whole number from 1 to 9999');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.value).to.equal('2');
    }
    await expect(el).to.be.accessible();
    input.value = '7';
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(cart.$lines.get()[0]!.quantity).to.equal(7);
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
  });

  it('removes a line and keeps focus inside the cart', async () => {
    const el = await fixture<TillCart>(html`<till-cart></till-cart>`);
    seedWorkedExample();
    await el.updateComplete;
    $(el, 'button[aria-label="Remove Product A"]').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(cart.$lines.get().map((l) => l.productId)).to.deep.equal(['productB']);
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Remove Product B');
  });

  it('empties the cart only after a confirmation', async () => {
    const el = await fixture<TillCart>(html`<till-cart></till-cart>`);
    seedWorkedExample();
    await el.updateComplete;
    const clear = $$(el, 'button').find((b) => b.textContent?.trim() === 'Empty cart')!;
    clear.click();
    await el.updateComplete;
    expect(cart.$lines.get()).to.have.length(2);
    $$(el, 'button')
      .find((b) => b.textContent?.trim() === 'Keep it')!
      .click();
    await el.updateComplete;
    expect(cart.$lines.get()).to.have.length(2);
    $$(el, 'button')
      .find((b) => b.textContent?.trim() === 'Empty cart')!
      .click();
    await el.updateComplete;
    $$(el, 'button')
      .find((b) => b.textContent?.trim() === 'Yes, empty it')!
      .click();
    await el.updateComplete;
    expect(cart.$lines.get()).to.deep.equal([]);
    expect($(el, '[part=empty]')).to.exist;
  });

  it('fires till-cart-change, bubbling out of the shadow root, with lines and summary', async () => {
    const el = await fixture<TillCart>(html`<till-cart></till-cart>`);
    const heard = oneEvent(document.body, 'till-cart-change');
    cart.add(productA, 2);
    const event = await heard;
    expect(event.composed).to.equal(true);
    expect(event.detail.summary.total).to.equal(7200);
    expect(event.detail.lines[0].productId).to.equal('productA');
    expect(el.isConnected).to.equal(true);
  });

  it('fires till-cart-change once for a burst of changes, with the cart as it is after them', async () => {
    await fixture<TillCart>(html`<till-cart></till-cart>`);
    const heard: number[] = [];
    const listener = (event: Event) =>
      void heard.push((event as CustomEvent<{ summary: { totalQuantity: number } }>).detail.summary.totalQuantity);
    document.body.addEventListener('till-cart-change', listener);
    try {
      for (let i = 0; i < 20; i++) cart.add({ ...productA, id: `film-${i}` });
      await new Promise((resolve) => setTimeout(resolve));
      expect(heard).to.deep.equal([20]);
    } finally {
      document.body.removeEventListener('till-cart-change', listener);
    }
  });

  it('re-renders only the line whose quantity changed', async () => {
    const el = await fixture<TillCart>(html`<till-cart></till-cart>`);
    for (let i = 0; i < 30; i++) cart.add({ ...productA, id: `film-${i}`, name: `Film ${i}` });
    await el.updateComplete;
    const lines = $$(el, '[part=line]');
    const nodes = lines.map((line) => [...line.querySelectorAll('*')]);
    const changed: Node[] = [];
    const observer = new MutationObserver((records) => records.forEach((record) => changed.push(record.target)));
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
    // The lines' texts are made by the element's t(): count them to see which lines were rendered.
    const labels: string[] = [];
    const t = el.t.bind(el);
    el.t = (key, values) => {
      if (key === 'cart.increase') labels.push(String(values?.['name']));
      return t(key, values);
    };
    cart.setQuantity('film-7', 3);
    await el.updateComplete;
    expect(labels, 'only the changed line is rendered again').to.deep.equal(['Film 7']);
    observer.takeRecords().forEach((record) => changed.push(record.target));
    observer.disconnect();
    expect(changed.length).to.be.greaterThan(0);
    for (const node of changed) {
      const inLine = lines[7]!.contains(node);
      const inSummary = $(el, '.summary').contains(node);
      expect(inLine || inSummary, `changed outside line 8 and the summary: ${node.nodeName}`).to.equal(true);
    }
    expect($$(el, '[part=line]'), 'every line keeps its element').to.deep.equal(lines);
    expect(lines.map((line) => [...line.querySelectorAll('*')])).to.deep.equal(nodes);
    expect(lines[7]!.querySelector('input')!.value).to.equal('3');
    expect(lines[7]!.querySelector('[part=line-total]')!.textContent).to.equal('€108.00');
  });

  it('makes no Intl formatter per line: a few for the whole cart, none for a change', async () => {
    const made = { NumberFormat: 0, PluralRules: 0, DateTimeFormat: 0 };
    const originals = {
      ...made,
      NumberFormat: Intl.NumberFormat,
      PluralRules: Intl.PluralRules,
      DateTimeFormat: Intl.DateTimeFormat,
    };
    for (const name of ['NumberFormat', 'PluralRules', 'DateTimeFormat'] as const) {
      (Intl as Record<string, unknown>)[name] = new Proxy(originals[name], {
        construct(target, args: unknown[]) {
          made[name]++;
          return Reflect.construct(target, args) as object;
        },
      });
    }
    try {
      // A locale no other test used, so nothing is cached yet.
      const el = await fixture<TillCart>(html`<till-cart locale="en-IE"></till-cart>`);
      for (let i = 0; i < 40; i++) cart.add({ ...productA, id: `film-${i}`, discount: i % 2 ? 0.1 : 0 }, 2);
      await el.updateComplete;
      expect($$(el, '[part=line]')).to.have.length(40);
      const total = made.NumberFormat + made.PluralRules + made.DateTimeFormat;
      expect(total, JSON.stringify(made)).to.be.at.most(3);
      cart.setQuantity('film-3', 5);
      await el.updateComplete;
      expect(made.NumberFormat + made.PluralRules + made.DateTimeFormat, JSON.stringify(made)).to.equal(total);
    } finally {
      Object.assign(Intl, {
        NumberFormat: originals.NumberFormat,
        PluralRules: originals.PluralRules,
        DateTimeFormat: originals.DateTimeFormat,
      });
    }
  });

  it('disables every control while a payment holds the cart', async () => {
    const el = await fixture<TillCart>(html`<till-cart></till-cart>`);
    seedWorkedExample();
    cart.freeze();
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Payment in progress');
    for (const control of $$(el, '.line button, .line input'))
      expect(control.hasAttribute('disabled'), control.outerHTML).to.equal(true);
    await expect(el).to.be.accessible();
    cart.release({ paid: false });
  });

  it('goes to checkout through a link or an event', async () => {
    const linked = await fixture<TillCart>(html`<till-cart checkout-href="/checkout"></till-cart>`);
    cart.add(productA);
    await linked.updateComplete;
    expect($<HTMLAnchorElement>(linked, 'a[part=checkout]').getAttribute('href')).to.equal('/checkout');
    const el = await fixture<TillCart>(html`<till-cart></till-cart>`);
    const requested = oneEvent(el, 'till-checkout-request');
    $(el, 'button[part=checkout]').click();
    expect((await requested).composed).to.equal(true);
  });

  it('has a compact header mode with the item count, none while empty, opening a dialog named by the heading', async () => {
    const el = await fixture<TillCart>(html`<till-cart compact></till-cart>`);
    expect(el.shadowRoot!.querySelector('[part=count]'), 'no "0" badge').to.equal(null);
    expect($(el, '[popover]').getAttribute('role')).to.equal('dialog');
    expect($(el, '#' + $(el, '[popover]').getAttribute('aria-labelledby')!).textContent).to.equal('Your cart');
    expect(el.shadowRoot!.querySelector('section'), 'not a second "Your cart" region').to.equal(null);
    seedWorkedExample();
    await el.updateComplete;
    const toggle = $(el, '[part=toggle]');
    expect($(el, '[part=count]').textContent).to.equal('3');
    expect(toggle.getAttribute('aria-label')).to.equal('Cart, 3 items');
    toggle.click();
    await el.updateComplete;
    expect($(el, '[popover]').matches(':popover-open')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('lets a page replace any visible string', async () => {
    configure({ strings: { total: 'Sum' } });
    const el = await fixture<TillCart>(html`<till-cart .strings=${{ 'cart.checkout': 'Til kassen' }}></till-cart>`);
    cart.add(productA);
    await el.updateComplete;
    expect($(el, '[part=checkout]').textContent?.trim()).to.equal('Til kassen');
    expect($$(el, '.summary dt').map((dt) => dt.textContent)).to.deep.equal(['Discounts', 'Sum', 'VAT included']);
  });
});

import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/product-list/till-product-list.ts';
import type { TillProductList } from '../../src/elements/product-list/product-list.ts';
import { cart } from '../../src/state/cart.ts';
import { api, resetCart, until, useReferenceServer } from '../support/browser.ts';
import { requestUrl } from '../support/request-url.ts';

const $ = <T extends Element = HTMLElement>(el: TillProductList, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector)!;
const $$ = (el: TillProductList, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const cards = (el: TillProductList) => $$(el, '[part=product]');
const names = (el: TillProductList) => $$(el, '[part=name]').map((n) => n.textContent.trim());
const loaded = (el: TillProductList) =>
  until(() => el.shadowRoot!.querySelector('section')?.getAttribute('aria-busy') === 'false');

describe('<till-product-list> against the reference server', () => {
  beforeEach(() => {
    resetCart();
    useReferenceServer();
  });

  it('shows a loading skeleton, then a page of products with prices and VAT', async () => {
    const el = await fixture<TillProductList>(html`<till-product-list page-size="8"></till-product-list>`);
    expect($(el, 'section').getAttribute('aria-busy')).to.equal('true');
    expect($(el, '.skeleton')).to.exist;
    await expect(el).to.be.accessible();
    await loaded(el);
    expect(cards(el)).to.have.length(8);
    const first = cards(el)[0]!;
    expect(first.querySelector('img')!.getAttribute('alt')).to.equal(
      first.querySelector('[part=name]')!.textContent.trim(),
    );
    expect(first.querySelector('[part=price]')!.textContent).to.match(/€\d+\.\d\d/);
    expect(first.textContent).to.contain('incl. 25% VAT');
    await expect(el).to.be.accessible();
  });

  it('shows the discounted price next to the original one', async () => {
    const el = await fixture<TillProductList>(html`<till-product-list page-size="50"></till-product-list>`);
    await loaded(el);
    const discounted = cards(el).find((c) => c.querySelector('s'));
    expect(discounted, 'the catalogue has a discounted product').to.exist;
    expect(discounted!.querySelector('.badge')!.textContent).to.match(/^−\d+%$/);
  });

  it('renders again only the card an add to the cart changed', async () => {
    const el = await fixture<TillProductList>(html`<till-product-list page-size="12"></till-product-list>`);
    await loaded(el);
    const rendered: string[] = [];
    const t = el.t.bind(el);
    el.t = (key, values) => {
      if (key === 'products.add') rendered.push(key);
      return t(key, values);
    };
    const before = cards(el);
    cards(el)[3]!.querySelector<HTMLButtonElement>('[part=add]')!.click();
    await el.updateComplete;
    expect(cart.$lines.get()).to.have.length(1);
    expect(rendered, 'one card rendered again').to.have.length(1);
    expect(cards(el), 'every card keeps its element').to.deep.equal(before);
  });

  it('pages through the catalogue', async () => {
    const el = await fixture<TillProductList>(html`<till-product-list page-size="8"></till-product-list>`);
    await loaded(el);
    const firstPage = names(el);
    const [previous, next] = $$(el, '[part=pager] button');
    expect(previous!.hasAttribute('disabled')).to.equal(true);
    next!.click();
    await until(() => names(el)[0] !== firstPage[0]);
    await loaded(el);
    expect(names(el).some((n) => firstPage.includes(n))).to.equal(false);
    expect($(el, '[part=pager]').textContent).to.match(/Page 2 of \d/);
  });

  it('searches, and says so when nothing matches', async () => {
    const el = await fixture<TillProductList>(html`<till-product-list page-size="50"></till-product-list>`);
    await loaded(el);
    const target = names(el)[3]!;
    const word = target.split(/\s+/).find((w) => w.length > 3)!;
    const search = $<HTMLInputElement>(el, 'input[type=search]');
    search.value = word;
    search.dispatchEvent(new Event('input'));
    await until(() => names(el).length > 0 && names(el).length < 50 && names(el).includes(target));
    search.value = 'zzzz-no-such-dvd';
    search.dispatchEvent(new Event('input'));
    await until(() => $(el, '.empty'));
    expect($(el, '.empty').textContent).to.contain('Nothing matches');
    await expect(el).to.be.accessible();
  });

  it('filters by tag and sorts by the price the customer pays', async () => {
    const el = await fixture<TillProductList>(html`<till-product-list page-size="50"></till-product-list>`);
    await loaded(el);
    const everything = cards(el).length;
    const tags = $<HTMLSelectElement>(el, '#tag');
    tags.value = tags.options[1]!.value;
    tags.dispatchEvent(new Event('change'));
    await until(() => cards(el).length > 0 && cards(el).length < everything);
    await loaded(el);

    tags.value = '';
    tags.dispatchEvent(new Event('change'));
    const sort = $<HTMLSelectElement>(el, '#sort');
    sort.value = 'final_price';
    sort.dispatchEvent(new Event('change'));
    // Ascending price to pay: the price each card shows, after its discount.
    const prices = () =>
      cards(el).map((card) => Number(card.querySelector('[part=price]')!.textContent.replace(/\D/g, '')));
    const listPrices = () =>
      cards(el).map((card) =>
        Number((card.querySelector('s') ?? card.querySelector('[part=price]'))!.textContent.replace(/\D/g, '')),
      );
    const ascending = (values: number[]) => values.every((v, i) => i === 0 || values[i - 1]! <= v);
    await until(() => cards(el).length === everything && ascending(prices()));
    expect(ascending(listPrices()), 'a discount puts a product before one that costs less before discount').to.equal(
      false,
    );
    sort.value = '-final_price';
    sort.dispatchEvent(new Event('change'));
    await until(() => cards(el).length === everything && ascending(prices().reverse()));
  });

  it('adds a product with an add-on and a quantity to the cart', async () => {
    const el = await fixture<TillProductList>(html`<till-product-list page-size="50"></till-product-list>`);
    await loaded(el);
    await until(() => $(el, '.add-ons input[type=checkbox]'));
    const card = cards(el).find((c) => c.querySelector('.add-ons'))!;
    const name = card.querySelector('[part=name]')!.textContent.trim();
    const addOn = card.querySelector<HTMLInputElement>('.add-ons input')!;
    addOn.click();
    const quantity = card.querySelector<HTMLInputElement>('input[type=number]')!;
    quantity.value = '2';
    quantity.dispatchEvent(new Event('change'));
    card.querySelector<HTMLButtonElement>('[part=add]')!.click();
    await el.updateComplete;
    const [line] = cart.$lines.get();
    expect(line!.name).to.equal(name);
    expect(line!.quantity).to.equal(2);
    expect(line!.subProducts).to.have.length(1);
    expect(card.querySelector('[role=status]')!.textContent).to.contain(`Added ${name}`);
    await expect(el).to.be.accessible();
    // the card is ready for the next add
    expect(card.querySelector<HTMLInputElement>('.add-ons input')!.checked).to.equal(false);
  });

  it('shows the cart rule that refused an add, at the card', async () => {
    const el = await fixture<TillProductList>(html`<till-product-list page-size="4"></till-product-list>`);
    await loaded(el);
    cart.add({ id: 'kr', name: 'Kroner DVD', price: 100, discount: 0, vat: 0, currency: 'NOK' });
    const card = cards(el)[0]!;
    card.querySelector<HTMLButtonElement>('[part=add]')!.click();
    await el.updateComplete;
    expect(card.querySelector('[role=alert]')!.textContent).to.equal(
      'An order can not have products with different currencies',
    );
    await expect(el).to.be.accessible();
  });

  it('shows an error with a retry that works', async () => {
    let fail = true;
    useReferenceServer({
      fetch: (input, init) => (fail ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init)),
    });
    const el = await fixture<TillProductList>(html`<till-product-list page-size="4"></till-product-list>`);
    await until(() => $(el, '.alert'), 15000);
    expect($(el, '.alert').textContent).to.contain('could not reach the shop');
    await expect(el).to.be.accessible();
    fail = false;
    $(el, '.alert button').click();
    await until(() => cards(el).length === 4);
  });

  it('shows an empty state for a catalogue with nothing in it', async () => {
    useReferenceServer({
      fetch: (input, init) =>
        requestUrl(input).includes('/products')
          ? Promise.resolve(
              new Response('[]', { headers: { 'Content-Type': 'application/json', 'X-Total-Count': '0' } }),
            )
          : fetch(input, init),
    });
    const el = await fixture<TillProductList>(html`<till-product-list></till-product-list>`);
    await until(() => $(el, '.empty'));
    expect($(el, '.empty').textContent).to.contain('no products yet');
    await expect(el).to.be.accessible();
  });

  it('opens a product’s details from its title, unless the page takes the event; by id with openProduct()', async () => {
    const el = await fixture<TillProductList>(html`<till-product-list page-size="4"></till-product-list>`);
    await loaded(el);
    const opened: string[] = [];
    const closed: string[] = [];
    el.addEventListener('till-product-open', (e) => opened.push(e.detail.id));
    el.addEventListener('till-product-close', (e) => closed.push(e.detail.id));
    const dialog = () => el.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part=details]');
    const [first, second] = cards(el);

    // The page routes it its own way: no dialog.
    const takeIt = (e: Event) => e.preventDefault();
    el.addEventListener('till-product-open', takeIt);
    first!.querySelector<HTMLButtonElement>('.title')!.click();
    await el.updateComplete;
    expect(opened).to.have.length(1);
    expect(el.product).to.equal('');
    expect(dialog()?.open ?? false).to.equal(false);
    el.removeEventListener('till-product-open', takeIt);

    // By default the list opens its dialog, with the product's name, and reflects the product's id.
    second!.querySelector<HTMLButtonElement>('.title')!.click();
    await until(() => dialog()?.open && el.shadowRoot!.querySelector('.details-body'));
    expect(el.getAttribute('product')).to.equal(opened[1]);
    expect($(el, '#details-title').textContent.trim()).to.equal(
      second!.querySelector('[part=name]')!.textContent.trim(),
    );
    await expect(el).to.be.accessible();

    // The customer closes it: the page hears of it, the attribute goes.
    dialog()!.close();
    await until(() => closed.length === 1);
    expect(closed).to.deep.equal([opened[1]]);
    expect(el.hasAttribute('product')).to.equal(false);

    // The page opens one by id and closes it again: no close event for its own doing, and no update
    // started from inside another (Lit's dev-mode warning, said once per page: forgotten first).
    const issued = (globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings;
    for (const warning of [...(issued ?? [])]) if (warning.includes('change-in-update')) issued!.delete(warning);
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    try {
      await el.openProduct(opened[0]!);
      await until(() => dialog()!.open && $(el, '#details-title').textContent.trim() === names(el)[0]);
    } finally {
      console.warn = warn;
    }
    expect(warnings.filter((w) => w.includes('change-in-update'))).to.deep.equal([]);
    await el.closeProduct();
    await until(() => !dialog()!.open);
    await new Promise((resolve) => setTimeout(resolve, 50)); // a close event would have come by now
    expect(closed).to.have.length(1);
  });

  it('names its products with headings of the level the page asks for', async () => {
    const el = await fixture<TillProductList>(
      html`<till-product-list page-size="2" heading-level="3"></till-product-list>`,
    );
    await loaded(el);
    expect($$(el, '[part=name]').map((n) => n.tagName)).to.deep.equal(['H3', 'H3']);
    el.headingLevel = 2;
    await el.updateComplete;
    expect($$(el, '[part=name]').map((n) => n.tagName)).to.deep.equal(['H2', 'H2']);
  });

  it('offers the tags of the products seen when the API has no tag list', async () => {
    useReferenceServer({
      fetch: (input, init) =>
        new URL(requestUrl(input)).pathname === '/tags'
          ? Promise.resolve(new Response('{"message":"No route"}', { status: 404 }))
          : fetch(input, init),
    });
    const el = await fixture<TillProductList>(html`<till-product-list page-size="2"></till-product-list>`);
    await loaded(el);
    await until(() => $$(el, '#tag option').length > 1);
    const shown = (await (
      await fetch(`${api().url}/products?size=2&sort=-created`, { headers: { 'X-Builton-Api-Key': api().apiKey } })
    ).json()) as { tags: string[] }[];
    const tags = [...new Set(shown.flatMap((p) => p.tags))].sort((a, b) => a.localeCompare(b, 'en-US'));
    expect($$(el, '#tag option').map((o) => o.textContent.trim())).to.deep.equal(['All', ...tags]);
  });
});

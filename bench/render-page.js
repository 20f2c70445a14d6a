// The page side of bench/render.ts, warm rounds in one page (the modules loaded, the CPU throttled):
// each figure is timed for the element and for the plain baseline (bench/plain.js) alternately, and
// both are checked to render the same DOM before anything is timed. Plain JavaScript, next to dist/.
import * as tillkit from '/tillkit.js';
import { fakeFetch, savedCart } from '/bench/data.js';
import { canonical, cartHtml, formatters, mount, productListHtml, updateCartLine } from '/bench/plain.js';

const CART_KEY = 'till:cart:default';
const settle = (el) => el.updateComplete.then(() => void el.offsetHeight);
const tick = () => new Promise((resolve) => setTimeout(resolve));

/** Copies of an element's stylesheets, made once as a plain page would (Lit makes its own once). */
function sheetsOf(el) {
  return el.shadowRoot.adoptedStyleSheets.map((sheet) => {
    const copy = new CSSStyleSheet();
    copy.replaceSync([...sheet.cssRules].map((r) => r.cssText).join('\n'));
    return copy;
  });
}

const cssOf = (el) => el.shadowRoot.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText));

/** The first difference between two renders, or null when they are the same DOM. */
function compare(element, plain) {
  const a = canonical(element);
  const b = canonical(plain);
  const at = a.findIndex((x, i) => x !== b[i]);
  if (at === -1 && a.length === b.length) return null;
  const i = at === -1 ? Math.min(a.length, b.length) : at;
  return { element: a.slice(Math.max(0, i - 3), i + 3).join(''), plain: b.slice(Math.max(0, i - 3), i + 3).join('') };
}

/**
 * Times `element` and `plain` alternately, `rounds` times each; both return their duration in ms.
 * With `--profile`, each call runs inside console.profile (the bench saves the profiles).
 */
async function alternate(rounds, element, plain) {
  const times = { element: [], plain: [] };
  const profiling = window.__profile;
  for (let round = 0; round < rounds; round++) {
    for (const side of round % 2 ? ['plain', 'element'] : ['element', 'plain']) {
      if (profiling) console.profile(`${side}-${round}`);
      times[side].push(await (side === 'element' ? element(round) : plain(round)));
      if (profiling) console.profileEnd(`${side}-${round}`);
      await tick();
    }
  }
  return times;
}

/** Loads `count` lines into the page's cart as a saved cart is read (no adds, no saves in between). */
function loadCart(count) {
  localStorage.setItem(CART_KEY, savedCart(count));
  tillkit.cart.reload();
}

/**
 * A `<till-cart>` of `count` lines rendered from scratch: a new element on a page whose cart is
 * already loaded (the view's code too, after the first round), to its first complete render and
 * layout. Plain: formatters made, summary worked out, markup written into a new shadow root.
 */
export async function cartFirstRender(rounds, count) {
  loadCart(count);
  const probe = document.body.appendChild(document.createElement('till-cart'));
  await settle(probe);
  const sheets = sheetsOf(probe);
  const lines = tillkit.$cart.get();
  const plainHost = mount(document.body, sheets, cartHtml(lines, formatters('en', 'EUR')));
  const mismatch = compare(probe.shadowRoot, plainHost.shadowRoot);
  probe.remove();
  plainHost.remove();
  const times = await alternate(
    rounds,
    async () => {
      const start = performance.now();
      const el = document.body.appendChild(document.createElement('till-cart'));
      await settle(el);
      const time = performance.now() - start;
      el.remove();
      return time;
    },
    async () => {
      const start = performance.now();
      const host = mount(document.body, sheets, cartHtml(tillkit.$cart.get(), formatters('en', 'EUR')));
      void host.offsetHeight;
      const time = performance.now() - start;
      host.remove();
      return time;
    },
  );
  return { ...times, mismatch, css: cssOf(probe), saved: localStorage.getItem(CART_KEY) };
}

/**
 * One quantity change in a cart of `count` lines, to the updated layout. The element: `setQuantity`
 * (saved, summarised, re-rendered). Plain: the line's field, total and button and the summary
 * rewritten, with its formatters made inside the timer.
 */
export async function cartUpdate(rounds, count) {
  loadCart(count);
  const el = document.body.appendChild(document.createElement('till-cart'));
  await settle(el);
  const lines = [...tillkit.$cart.get()];
  const plainHost = mount(document.body, sheetsOf(el), cartHtml(lines, formatters('en', 'EUR')));
  const root = plainHost.shadowRoot;
  const list = root.querySelector('ul');
  const pick = (round) => (round * 379) % count;
  const times = await alternate(
    rounds,
    async (round) => {
      const line = tillkit.$cart.get()[pick(round)];
      const start = performance.now();
      tillkit.cart.setQuantity(line.key, line.quantity === 1 ? 2 : 1);
      await settle(el);
      return performance.now() - start;
    },
    async (round) => {
      const index = pick(round);
      const start = performance.now();
      const fmt = formatters('en', 'EUR');
      updateCartLine(root, list.children, lines, index, lines[index].quantity === 1 ? 2 : 1, fmt);
      void plainHost.offsetHeight;
      return performance.now() - start;
    },
  );
  const mismatch = compare(el.shadowRoot, root);
  el.remove();
  plainHost.remove();
  tillkit.clearCart();
  return { ...times, mismatch };
}

/** Waits for `el`'s first update that shows `count` products. */
const productsShown = (el, count) =>
  new Promise((resolve) =>
    el.addController({
      hostUpdated() {
        if (el.shadowRoot.querySelectorAll('[part=product]').length === count) resolve();
      },
    }),
  );

/** How long the bench's API takes to answer: the list's loading state is shown meanwhile, as it would be. */
const LATENCY = 50;

/**
 * A `<till-product-list page-size=count>` from scratch, timed from the API's answer (handed over
 * after LATENCY ms, the element showing its loading state meanwhile) to its cards rendered and laid
 * out: the answer read and checked, the cards rendered. Plain: the same answer read, formatters made,
 * the markup written into a new shadow root. `total`: each side's time from its start (the element's
 * creation, the plain page's request), the API's 50 ms included.
 */
export async function productList(rounds, count) {
  const api = fakeFetch(count, LATENCY);
  tillkit.configure({ apiUrl: 'https://api.bench.invalid', fetch: api.fetch });
  const create = () => {
    const el = document.createElement('till-product-list');
    el.setAttribute('page-size', String(count));
    const shown = productsShown(el, count);
    document.body.append(el);
    return shown.then(() => void el.offsetHeight).then(() => el);
  };
  const plain = async (sheets) => {
    const response = await api.fetch('https://api.bench.invalid/products');
    const products = await response.json();
    const tags = [...new Set(products.flatMap((p) => p.tags))].sort();
    return mount(document.body, sheets, productListHtml(products, tags, formatters('en', 'EUR')));
  };
  const probe = await create();
  await new Promise((resolve) => setTimeout(resolve, 2 * LATENCY)); // the tag list arrives
  await settle(probe);
  const sheets = sheetsOf(probe);
  const plainHost = await plain(sheets);
  const mismatch = compare(probe.shadowRoot, plainHost.shadowRoot);
  probe.remove();
  plainHost.remove();
  const total = { element: [], plain: [] };
  const times = await alternate(
    rounds,
    async () => {
      const start = performance.now();
      const el = await create();
      const end = performance.now();
      total.element.push(end - start);
      el.remove();
      return end - api.answered();
    },
    async () => {
      const start = performance.now();
      const host = await plain(sheets);
      void host.offsetHeight;
      const end = performance.now();
      total.plain.push(end - start);
      host.remove();
      return end - api.answered();
    },
  );
  return { ...times, mismatch, total };
}

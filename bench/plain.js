// The render benches' baseline (bench/render.ts): the markup <till-cart> and <till-product-list>
// render, written by hand as one HTML string, with no framework, into a shadow root that has the same
// stylesheets. bench/render-page.js checks that both give the same DOM before it times anything, so
// the baseline can not drift from what the elements render. Plain JavaScript, loaded by the page.

const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => escapes[c]);

/** The formatters a plain page would make: built by each render, inside the timer. */
export function formatters(locale, currency) {
  return {
    money: new Intl.NumberFormat(locale, { style: 'currency', currency }),
    percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }),
  };
}

/** A line's figures in minor units, the way a page without a money library would work them out. */
export function priceOf(line) {
  const final = Math.round(line.price * line.quantity * (1 - line.discount));
  return { final, vat: Math.round((final * line.vat) / (1 + line.vat)), off: line.price * line.quantity - final };
}

export function cartLine(line, fmt) {
  const name = escape(line.name);
  const id = `q-${escape(line.key)}`;
  return `<li part="line" class="line"><span class="thumb"></span><div class="name"><span>${name}</span>${
    line.discount > 0 ? `<span class="muted">−${fmt.percent.format(line.discount)}</span>` : ''
  }</div><span part="line-total" class="price">${fmt.money.format(priceOf(line).final / 100)}</span><div class="stepper"><button aria-label="One fewer ${name}"${
    line.quantity <= 1 ? ' disabled' : ''
  }>−</button><label class="sr-only" for="${id}">Quantity of ${name}</label><input id="${id}" type="number" inputmode="numeric" min="1" max="9999" value="${
    line.quantity
  }" aria-invalid="false"><button aria-label="One more ${name}">+</button></div><button class="link remove" aria-label="Remove ${name}">Remove</button></li>`;
}

/** The cart's summary: what the discounts take off, the total, the VAT included. */
export function cartTotals(lines) {
  let total = 0;
  let vat = 0;
  let off = 0;
  for (const line of lines) {
    const price = priceOf(line);
    total += price.final;
    vat += price.vat;
    off += price.off;
  }
  return { total, vat, off };
}

const summaryRows = ({ total, vat, off }, fmt) =>
  `${off ? `<dt>Discounts</dt><dd class="price">−${fmt.money.format(off / 100)}</dd>` : ''}<dt>Total</dt><dd part="total" class="total price">${fmt.money.format(
    total / 100,
  )}</dd><dt class="muted">VAT included</dt><dd class="muted price">${fmt.money.format(vat / 100)}</dd>`;

/** <till-cart>'s markup for `lines` (not compact, not locked). */
export function cartHtml(lines, fmt) {
  let items = '';
  for (const line of lines) items += cartLine(line, fmt);
  return `<section aria-labelledby="title"><h2 id="title" tabindex="-1">Your cart</h2><ul part="lines" class="lines">${items}</ul><dl class="summary">${summaryRows(
    cartTotals(lines),
    fmt,
  )}</dl><div class="actions"><button class="link">Empty cart</button><button part="checkout" class="primary">Go to checkout</button></div></section>`;
}

/**
 * What a plain page does when one line's quantity changes: the line's field, its total and its "one
 * fewer" button, and the figures under the lines. `items` are the list's <li>s, in the lines' order.
 */
export function updateCartLine(root, items, lines, index, quantity, fmt) {
  const line = (lines[index] = { ...lines[index], quantity });
  const item = items[index];
  item.querySelector('input').value = String(quantity);
  item.querySelector('[part=line-total]').textContent = fmt.money.format(priceOf(line).final / 100);
  item.querySelector('button').disabled = quantity <= 1;
  root.querySelector('.summary').innerHTML = summaryRows(cartTotals(lines), fmt);
}

const SORTS = [
  ['-created', 'Newest'],
  ['final_price', 'Price: low to high'],
  ['-final_price', 'Price: high to low'],
  ['name', 'Title: A–Z'],
];

/** A product card as <till-product-list> shows it (no add-ons, no image, heading level 2). */
export function productCard(p, fmt) {
  const price = Math.round(p.price * 100);
  const final = Math.round(price * (1 - p.discount));
  const id = `card-${escape(p._id.$oid)}-qty`;
  return `<li part="product" class="product" data-id="${escape(p._id.$oid)}"><div class="image" aria-hidden="true"></div><h2 part="name" class="name"><button class="title" aria-haspopup="dialog">${escape(
    p.name,
  )}</button></h2>${p.short_description ? `<p class="muted">${escape(p.short_description)}</p>` : ''}<p class="prices"><span part="price" class="price">${fmt.money.format(
    final / 100,
  )}</span>${
    p.discount > 0
      ? `<s class="muted price">was ${fmt.money.format(price / 100)}</s><span class="badge">−${fmt.percent.format(p.discount)}</span>`
      : ''
  }</p>${p.vat > 0 ? `<p class="muted">incl. ${fmt.percent.format(p.vat)} VAT</p>` : ''}<div class="buy"><label class="sr-only" for="${id}">Quantity</label><input id="${id}" type="number" inputmode="numeric" min="1" max="9999" value="1" aria-invalid="false"><button part="add" class="primary">Add to cart</button></div><p class="error feedback" role="alert"></p></li>`;
}

/** <till-product-list>'s markup for one page of `products` (the API's JSON), with the tag filter. */
export function productListHtml(products, tags, fmt) {
  let cards = '';
  for (const p of products) cards += productCard(p, fmt);
  return `<section id="products" tabindex="-1" aria-label="Products" aria-busy="false"><div part="toolbar" class="toolbar" role="search"><div class="grow"><label for="search">Search</label><input id="search" type="search" placeholder="Title, director, year…"></div><div><label for="tag">Genre</label><select id="tag"><option value="" selected>All</option>${tags
    .map((t) => `<option>${escape(t)}</option>`)
    .join('')}</select></div><div><label for="sort">Sort by</label><select id="sort">${SORTS.map(
    ([value, label], i) => `<option value="${value}"${i === 0 ? ' selected' : ''}>${label}</option>`,
  ).join('')}</select></div></div><ul part="grid" class="grid">${cards}</ul></section>`;
}

/** A host with an open shadow root holding `sheets` and `markup`, appended to `parent`. */
export function mount(parent, sheets, markup) {
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = sheets;
  root.innerHTML = markup;
  parent.append(host);
  return host;
}

/** A DOM tree as text, for comparing two renders: elements, attributes, field values, non-blank text. */
export function canonical(node) {
  const out = [];
  let text = ''; // adjacent text nodes read as one
  const flush = () => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (t) out.push(JSON.stringify(t));
    text = '';
  };
  (function walk(n) {
    if (n.nodeType === Node.TEXT_NODE) return void (text += n.data);
    if (n.nodeType !== Node.COMMENT_NODE) flush();
    if (n.nodeType !== Node.ELEMENT_NODE && n.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return;
    if (n.nodeType === Node.ELEMENT_NODE) {
      const attrs = [...n.attributes]
        .filter((a) => !(n.localName === 'input' && a.name === 'value'))
        .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
        .sort();
      if (n.localName === 'input') attrs.push(`(value)=${JSON.stringify(n.value)}`);
      out.push(`<${n.localName} ${attrs.join(' ')}>`);
    }
    for (const child of n.childNodes) walk(child);
    flush();
    if (n.nodeType === Node.ELEMENT_NODE) out.push(`</${n.localName}>`);
  })(node);
  return out;
}

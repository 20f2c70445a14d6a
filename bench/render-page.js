// The page side of bench/render.ts: plain JavaScript, loaded by the bench page next to dist/.
import * as tillkit from '/tillkit.js';

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(lines, rounds) {
  const el = document.querySelector('till-cart');
  const baseline = document.getElementById('baseline');
  const products = Array.from({ length: lines }, (_, i) => ({
    id: `p${i}`,
    name: `Used DVD number ${i}`,
    price: 499 + i * 10,
    discount: i % 3 ? 0 : 0.1,
    vat: 0.25,
    currency: 'EUR',
  }));
  const format = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' });
  const plain = [];
  const render = [];
  const update = [];
  for (let round = 0; round < rounds; round++) {
    // Baseline: the same lines as one innerHTML string, no framework, no exact money.
    let start = performance.now();
    baseline.innerHTML = `<ul>${products
      .map(
        (p) =>
          `<li><span>${p.name}</span><span>${format.format(p.price / 100)}</span><button>−</button><input type="number" value="1"><button>+</button><button>Remove</button></li>`,
      )
      .join('')}</ul><p>${format.format(products.reduce((s, p) => s + p.price, 0) / 100)}</p>`;
    void baseline.offsetHeight;
    plain.push(performance.now() - start);
    baseline.innerHTML = '';

    tillkit.clearCart();
    await el.updateComplete;
    start = performance.now();
    for (const p of products) tillkit.addToCart(p);
    await el.updateComplete;
    void el.offsetHeight;
    render.push(performance.now() - start);

    const first = tillkit.$cart.get()[0];
    start = performance.now();
    tillkit.cart.setQuantity(first.key, first.quantity + 1);
    await el.updateComplete;
    void el.offsetHeight;
    update.push(performance.now() - start);
  }
  return { plain: median(plain), render: median(render), update: median(update) };
}

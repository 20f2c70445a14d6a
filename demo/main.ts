// The demo shop (index.html) and its order history (orders.html): Tillkit elements and a few lines of
// page glue.
import { $cart } from '../src/define.ts';

const env = import.meta.env as Record<string, string | undefined>;
const apiUrl = env['VITE_TILLKIT_API_URL'] ?? 'http://127.0.0.1:8787';
const config = document.querySelector('till-config')!;
config.setAttribute('api-url', apiUrl);
config.setAttribute('api-key', env['VITE_TILLKIT_API_KEY'] ?? 'pk_demo_tillkit');
// The reference server's demo-only sign-in: it issues a customer JWT for the email typed at checkout.
config.setAttribute('token-url', `${apiUrl}/demo/token`);
if (env['VITE_TILLKIT_STRIPE_KEY']) config.setAttribute('stripe-key', env['VITE_TILLKIT_STRIPE_KEY']);
// `?shop=bootic`: the same shop on a Bootic backend (the reference server's demo shop 29, in CLP); the
// customer finishes on the shop's Bootic checkout.
if (new URLSearchParams(location.search).get('shop') === 'bootic') {
  config.setAttribute('backend', 'bootic');
  config.setAttribute('shop-id', env['VITE_TILLKIT_BOOTIC_SHOP_ID'] ?? '29');
  config.setAttribute('api-key', env['VITE_TILLKIT_BOOTIC_API_KEY'] ?? 'pk_demo_bootic');
  inSpanish();
}

/**
 * The Bootic shop is a Chilean one: the page says it is in Spanish (`lang="es-CL"`), which puts the
 * elements in Spanish (their texts load on demand) and their prices in Chilean pesos as Chile writes
 * them; the page's own few words follow. Its orders live in Bootic, so the order history is not offered.
 */
function inSpanish(): void {
  document.documentElement.lang = 'es-CL';
  document.title = 'Rewind — DVD usados (demo de Tillkit)';
  const texts: Record<string, string> = {
    '.brand span': 'DVD usados, rebobinados con cariño',
    '.banner':
      'Tienda de demostración en modo de prueba: no se cobra nada. Se paga en la página de Bootic de la tienda.',
    '#catalogue-title': 'La estantería',
    '.footer': 'Hecho con Tillkit · la API de referencia funciona en este equipo, con una base de datos integrada.',
  };
  for (const [selector, text] of Object.entries(texts)) {
    const element = document.querySelector(selector);
    if (element) element.textContent = text;
  }
  document.querySelector('till-cart[heading]')?.setAttribute('heading', 'Tu carrito');
  document.getElementById('orders-link')?.remove();
}

// The checkout is shown when the customer asks for it (and kept in the URL as #checkout, so a reload
// or a bank's redirect comes back to it), not drawn under the shelf for everyone.
const checkout = document.getElementById('checkout');
const list = document.querySelector('till-product-list');
// The shop's page: orders.html has neither the shelf nor the checkout.
if (checkout && list) shopPage(checkout, list);

function shopPage(checkout: HTMLElement, list: HTMLElementTagNameMap['till-product-list']): void {
  const element = checkout.querySelector('till-checkout')!;
  function showCheckout(move: boolean): void {
    checkout.hidden = false;
    if (location.hash !== '#checkout') history.pushState(history.state, '', '#checkout');
    if (!move) return;
    checkout.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  }
  function hideCheckout(): void {
    checkout.hidden = true;
    if (location.hash === '#checkout') history.replaceState(history.state, '', location.pathname + location.search);
  }
  document.addEventListener('till-checkout-request', () => showCheckout(true));
  // A paid order picked up after a reload (the cart no longer holds it) shows its receipt.
  document.addEventListener('till-checkout-complete', () => showCheckout(false));
  // Back at #checkout (a reload): shown again, unless the cart is empty; the configuration names the cart.
  void config.updateComplete.then(() => {
    if (location.hash === '#checkout' && $cart.get().length) showCheckout(false);
  });
  addEventListener('popstate', () => {
    if (location.hash === '#checkout') showCheckout(false);
    else checkout.hidden = true;
  });

  // After the confirmation, "Continue shopping" takes the customer back to the top of the shelf.
  document.addEventListener('till-continue-shopping', (event) => {
    event.preventDefault();
    hideCheckout();
    const shelf = document.getElementById('catalogue-title')!;
    shelf.scrollIntoView({ block: 'start' });
    shelf.focus({ preventScroll: true });
  });

  // A product's details have an address of their own (?product=<id>): shared, reloaded, or left with Back.
  const productInUrl = () => new URLSearchParams(location.search).get('product') ?? '';
  const withProduct = (id: string) => {
    const url = new URL(location.href);
    if (id) url.searchParams.set('product', id);
    else url.searchParams.delete('product');
    return url.href;
  };
  list.product = productInUrl();
  list.addEventListener('till-product-open', (event) => {
    event.preventDefault();
    history.pushState({ product: event.detail.id }, '', withProduct(event.detail.id));
    list.product = event.detail.id;
  });
  list.addEventListener('till-product-close', () => {
    // Closed by the customer: leave the product's address the way it was reached.
    if ((history.state as { product?: string } | null)?.product) history.back();
    else history.replaceState(null, '', withProduct(''));
  });
  addEventListener('popstate', () => {
    list.product = productInUrl();
  });
}

document.addEventListener('till-checkout-complete', (event) => {
  console.info('[demo] order paid', event.detail.order.humanId);
});

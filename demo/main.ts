// The demo shop (index.html) and its order history (orders.html): Tillkit elements and a few lines of
// page glue.
import '../src/define.ts';

const env = import.meta.env as Record<string, string | undefined>;
const apiUrl = env['VITE_TILLKIT_API_URL'] ?? 'http://127.0.0.1:8787';
const config = document.getElementById('config')!;
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
  document.getElementById('checkout')?.setAttribute('aria-label', 'Finalizar compra');
  document.getElementById('orders-link')?.remove();
}

const checkout = document.getElementById('checkout');
const goToCheckout = () => {
  checkout?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  checkout?.focus({ preventScroll: true });
};
document.addEventListener('till-checkout-request', goToCheckout);
if (location.hash === '#checkout') goToCheckout();

document.addEventListener('till-checkout-complete', (event) => {
  console.info('[demo] order paid', event.detail.order.humanId);
});

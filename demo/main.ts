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

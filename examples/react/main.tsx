// Tillkit in a React 19 app (built with Vite and driven in Chromium by test/e2e/react.e2e.test.ts).
// React 19 sets props that the element has as properties (apiUrl, pageSize, strings) and turns
// `on<event-name>` props into listeners for that exact event name: `ontill-cart-change`.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'tillkit/define';
import type {} from 'tillkit/jsx';

const apiUrl = new URLSearchParams(location.search).get('api') ?? 'http://127.0.0.1:8787';

function Shop() {
  const [changes, setChanges] = useState(0);
  const [items, setItems] = useState(0);
  return (
    <main>
      <till-config apiUrl={apiUrl} apiKey="pk_test_tillkit" />
      <till-product-list pageSize={4} />
      <till-cart
        heading="Your React basket"
        strings={{ 'cart.empty': 'Nothing in the basket yet.' }}
        ontill-cart-change={(event) => {
          setChanges((n) => n + 1);
          setItems(event.detail.summary.totalQuantity);
        }}
      />
      <p id="cart-status" role="status">
        {changes} cart changes seen by React, {items} items
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Shop />
  </StrictMode>,
);

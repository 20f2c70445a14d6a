import { useState } from 'react';
import 'tillkit/define';
import type {} from 'tillkit/jsx';

export function Shop() {
  const [items, setItems] = useState(0);
  const [paid, setPaid] = useState('');
  return (
    <>
      <till-config
        apiUrl="http://127.0.0.1:8787"
        apiKey="pk_demo_tillkit"
        tokenUrl="http://127.0.0.1:8787/demo/token"
      />
      <till-product-list pageSize={4} />
      <till-cart
        strings={{ 'cart.empty': 'Nothing in the basket yet.' }}
        ontill-cart-change={(e) => setItems(e.detail.summary.totalQuantity)}
      />
      <p>{items} in the basket</p>
      <till-checkout ontill-checkout-complete={(e) => setPaid(e.detail.order.humanId)} />
      {paid && <p>Thank you! Order {paid} is paid.</p>}
    </>
  );
}

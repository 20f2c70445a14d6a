'use client';
import { useState } from 'react';
import { TillCart, TillCheckout, TillConfig, TillProductList } from 'tillkit/react';

export function Shop() {
  const [items, setItems] = useState(0);
  const [paid, setPaid] = useState('');
  return (
    <>
      <TillConfig apiUrl="http://127.0.0.1:8787" apiKey="pk_demo_tillkit" tokenUrl="http://127.0.0.1:8787/demo/token" />
      <TillProductList pageSize={4} />
      <TillCart onTillCartChange={(e) => setItems(e.detail.summary.totalQuantity)} />
      <p>{items} in the basket</p>
      <TillCheckout onTillCheckoutComplete={(e) => setPaid(e.detail.order.humanId)} />
      {paid && <p>Thank you! Order {paid} is paid.</p>}
    </>
  );
}

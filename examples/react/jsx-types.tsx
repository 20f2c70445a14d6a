// Compile-time checks of `tillkit/jsx` (type-checked by test/e2e/react.e2e.test.ts, never run).
import type {} from 'tillkit/jsx';
import type { TillCartChangeEvent, TillCheckoutCompleteEvent } from 'tillkit';

export const fine = (
  <>
    <till-cart
      compact
      checkoutHref="/checkout"
      className="cart"
      ontill-cart-change={(e: TillCartChangeEvent) => e.detail.lines.length}
    />
    <till-checkout
      locale="nb-NO"
      ontill-checkout-complete={(e) => e.detail.order.humanId satisfies string}
      ontill-checkout-error={(e) => e.detail.message}
    />
    <till-product-list pageSize={12} sort="price" searchable={false} />
    <till-config apiUrl="https://api.example.com" apiKey="pk_live_x" stripeKey="pk_live_y" locale="en" />
    <till-cart ontill-checkout-request={(e) => e.detail satisfies null} ontill-cart-changeCapture={() => undefined} />
  </>
);

export const wrong = (
  <>
    {/* @ts-expect-error compact is a boolean */}
    <till-cart compact="yes" />
    {/* @ts-expect-error pageSize is a number */}
    <till-product-list pageSize="12" />
    {/* @ts-expect-error the listener gets a TillCartChangeEvent, not a checkout-complete one */}
    <till-cart ontill-cart-change={(e: TillCheckoutCompleteEvent) => e} />
    {/* @ts-expect-error no such property */}
    <till-checkout colour="red" />
  </>
);

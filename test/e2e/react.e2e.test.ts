// Tillkit in a React 19 application rendered in the browser, as the README shows it: examples/react is
// type-checked against the package's declarations (`tillkit/jsx` included: jsx-types.tsx holds the
// expectations), built for production with the example's own vite.config.ts, and driven in Chromium to a paid
// order. React renders the plain tags, sets the props the elements have as properties (`pageSize`, the
// `strings` object), and its `ontill-cart-change` / `ontill-checkout-complete` props receive the events.
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { root } from '../build/fresh-build.ts';
import { buyTwoAndPay, run, serveViteExample } from './examples.ts';

const app = join(root, 'examples/react');
const example = serveViteExample(app);

describe('a React 19 page rendered in the browser (examples/react)', () => {
  it('type-checks against the package’s declarations and its JSX typings', () => {
    run('typescript7/bin/tsc', ['-p', app]);
  });

  it('sells two DVDs: React state follows `ontill-cart-change` and shows the paid order’s number', async () => {
    const page = await example.open();
    // The `strings` object arrived as a property.
    await page.locator('till-cart [part=empty]', { hasText: 'Nothing in the basket yet.' }).waitFor();
    await buyTwoAndPay(page, example.api);
    await page.close();
  });
});

// Tillkit in a Svelte 5 application, as the README shows it: examples/svelte is checked by svelte-check against
// `tillkit/svelte` (an untyped handler is an implicit any; type-checks.ts holds the expectations), built for production
// with the example's own vite.config.ts, and driven in Chromium to a paid order, Svelte's $state updated by the
// elements' events.
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { root } from '../build/fresh-build.ts';
import { buyTwoAndPay, run, serveViteExample } from './examples.ts';

const app = join(root, 'examples/svelte');
const example = serveViteExample(app);

describe('a Svelte 5 page (examples/svelte)', () => {
  it('passes svelte-check, `tillkit/svelte` typing its attributes, properties and handlers', () => {
    run('svelte-check/bin/svelte-check', ['--tsconfig', './tsconfig.json', '--fail-on-warnings'], app);
  });

  it('sells two DVDs: Svelte’s state follows till-cart-change and shows the paid order’s number', async () => {
    const page = await example.open();
    await buyTwoAndPay(page, example.api);
    await page.close();
  });
});

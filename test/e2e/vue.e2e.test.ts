// Tillkit in a Vue 3 application, as the README shows it: examples/vue is type-checked by vue-tsc against
// `tillkit/vue` (TypeChecks.vue's expectations fail if `$event` or a prop is untyped), built for production
// with the example's own vite.config.ts, and driven in Chromium to a paid order, Vue's refs updated by the
// elements' events.
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { root } from '../build/fresh-build.ts';
import { buyTwoAndPay, run, serveViteExample } from './examples.ts';

const app = join(root, 'examples/vue');
const example = serveViteExample(app);

describe('a Vue 3 page (examples/vue)', () => {
  it('type-checks with vue-tsc, `tillkit/vue` typing its props and events', () => {
    run('vue-tsc/bin/vue-tsc.js', ['-p', join(app, 'tsconfig.json')]);
  });

  it('sells two DVDs: Vue’s refs follow till-cart-change and show the paid order’s number', async () => {
    const page = await example.open();
    await buyTwoAndPay(page, example.api);
    await page.close();
  });
});

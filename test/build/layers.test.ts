// The layer rule of `npm run lint` (eslint/layers.js), shown refusing what the design forbids and
// letting through what it allows, on file names inside the repository.
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { layersRule } from '../../eslint/layers.js';
import { root } from './fresh-build.ts';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const at = (path: string) => join(root, path);

tester.run('tillkit/layers', layersRule, {
  valid: [
    { filename: at('src/core/money.ts'), code: "import { x } from './currency.ts';" },
    { filename: at('src/api/http.ts'), code: "import { isJsonObject } from '../core/index.ts';" },
    { filename: at('src/state/cart.ts'), code: "import { uuid } from '../api/http.ts';" },
    { filename: at('src/elements/cart/cart.ts'), code: "import { cart } from '../../state/cart.ts';" },
    { filename: at('src/elements/cart/cart.ts'), code: "import type { Order } from '../../api/types.ts';" },
    { filename: at('src/elements/cart/cart.ts'), code: "import { type Order } from '../../api/types.ts';" },
    { filename: at('src/events/cart-change.ts'), code: "import type { CartLine } from '../state/cart.ts';" },
    { filename: at('server/app.ts'), code: "import { TillError } from 'tillkit/core';" },
    { filename: at('server/app.ts'), code: "import { Hono } from 'hono';" },
    { filename: at('test/state/x.test.ts'), code: "import { y } from '../../server/app.ts';" },
  ],
  invalid: [
    {
      filename: at('src/core/money.ts'),
      code: "import { $config } from '../state/config.ts';",
      errors: [{ messageId: 'forbidden' }],
    },
    {
      filename: at('src/elements/checkout/view.ts'),
      code: "import { createStripeProvider } from '../../payments/stripe.ts';",
      errors: [{ messageId: 'forbidden' }],
    },
    {
      filename: at('src/elements/checkout/view.ts'),
      code: "const view = import('../../api/builton.ts');",
      errors: [{ messageId: 'forbidden' }],
    },
    {
      filename: at('src/api/http.ts'),
      code: "export { cart } from '../state/cart.ts';",
      errors: [{ messageId: 'forbidden' }],
    },
    {
      filename: at('server/routes/orders.ts'),
      code: "import { cart } from '../../src/state/cart.ts';",
      errors: [{ messageId: 'forbidden' }],
    },
    {
      filename: at('server/app.ts'),
      code: "import { TillCart } from 'tillkit';",
      errors: [{ messageId: 'forbidden' }],
    },
    {
      filename: at('src/widgets/thing.ts'),
      code: "import { x } from '../core/index.ts';",
      errors: [{ messageId: 'unknown' }],
    },
  ],
});

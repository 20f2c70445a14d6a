// Tillkit in an Angular 21 application, as the README shows it: examples/angular is compiled ahead of time by
// Angular's compiler, ngc, with strictTemplates (so `$event` in `(till-cart-change)` is type-checked against
// the package's event map), bundled for production, and driven in Chromium to a paid order, the component's
// signals updated by the elements' events.
//
// Why ngc and not `ng build`: the CLI's builder (@angular/build 21, the newest Angular that runs on Node 20)
// accepts only TypeScript < 6.0, and this repository's TypeScript is 6.0, which Angular 21.2's compiler itself
// supports. So the test does what the builder does with its own tools: ngc compiles the application, and Vite
// bundles ngc's output after Angular's linker has compiled the Angular packages' partial declarations (their
// npm builds ship those), with Angular's development checks defined away.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { transformAsync } from '@babel/core';
import linker from '@angular/compiler-cli/linker/babel';
import type { Browser } from 'playwright-core';
import { build, type Plugin, type Rolldown } from 'vite';
import type { SpawnedServer } from '../support/spawn-server.mjs';
import { ensureFreshBuild, root } from '../build/fresh-build.ts';
import { buyTwoAndPay, filesOfBuild, linkTillkit, routeExampleApi, run, startExampleApi } from './examples.ts';
import { launchChromium, serveSite, type Site } from './harness.ts';

const app = join(root, 'examples/angular');
const aot = join(app, 'dist/aot'); // ngc's output (tsconfig.json outDir)
let site: Site;
let api: SpawnedServer;
let browser: Browser;

/** Angular's linker over the Angular packages (what the CLI's builder runs on them too). */
const angularLinker: Plugin = {
  name: 'angular-linker',
  async transform(code, id) {
    if (!/[\\/]node_modules[\\/]@angular[\\/]/.test(id) || !code.includes('ɵɵngDeclare')) return null;
    const linked = await transformAsync(code, {
      filename: id,
      plugins: [linker],
      configFile: false,
      babelrc: false,
      compact: false,
      sourceMaps: false,
    });
    return linked?.code ?? null;
  },
};

/** src/index.html with ngc's main.js, which the CLI's builder would inject. */
const aotEntry: Plugin = {
  name: 'angular-aot-entry',
  transformIndexHtml: {
    order: 'pre',
    handler: (html) => html.replace('</body>', '<script type="module" src="../dist/aot/main.js"></script></body>'),
  },
};

/** ngc's output (dist/aot) bundled for production, as files by URL path. */
async function bundle(): Promise<Record<string, string>> {
  return filesOfBuild(
    (await build({
      configFile: false,
      root: join(app, 'src'),
      logLevel: 'silent',
      plugins: [angularLinker, aotEntry],
      define: { ngDevMode: 'false', ngJitMode: 'false', ngI18nClosureMode: 'false' },
      build: { write: false },
    })) as Rolldown.RolldownOutput,
  );
}

before(async () => {
  ensureFreshBuild();
  linkTillkit();
  [api, browser] = await Promise.all([startExampleApi(), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await api?.stop();
  await site?.close();
});

describe('an Angular 21 page (examples/angular)', () => {
  it('compiles with ngc and strictTemplates: `$event.detail` is typed by the package’s event map', () => {
    rmSync(aot, { recursive: true, force: true });
    run('@angular/compiler-cli/bundles/src/bin/ngc.js', ['-p', join(app, 'tsconfig.json')]);
    const compiled = readFileSync(join(aot, 'shop.component.js'), 'utf8');
    for (const event of ['till-cart-change', 'till-checkout-complete'])
      assert.ok(compiled.includes(`ɵɵdomListener("${event}"`), `Angular listens to ${event}`);
  });

  it('sells two DVDs: the component’s signals follow till-cart-change and show the paid order’s number', async () => {
    site = await serveSite({ files: await bundle() });
    const page = await browser.newPage();
    await routeExampleApi(page, api);
    await page.goto(site.origin);
    await buyTwoAndPay(page, api);
    await page.close();
  });
});

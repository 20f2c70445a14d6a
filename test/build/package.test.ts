// The npm package as a consumer sees it: the exports map, what each entry registers once an
// application's bundler has tree-shaken it (package.json `sideEffects`), and the custom elements
// manifest.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin, type Rolldown } from 'vite';
import { dist, ensureFreshBuild, root } from './fresh-build.ts';

interface Manifest {
  modules: {
    path: string;
    exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
    declarations?: {
      kind: string;
      name: string;
      tagName?: string;
      summary?: string;
      attributes?: { name: string; fieldName?: string }[];
      members?: { kind: string; name: string; attribute?: string }[];
      events?: { name: string; description?: string }[];
      cssParts?: { name: string }[];
      cssProperties?: { name: string; default?: string }[];
      slots?: { name: string }[];
    }[];
  }[];
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const TAGS = ['till-config', 'till-product-list', 'till-cart', 'till-checkout', 'till-orders'];
/** A `define('till-x', Class)` call, minified or not: the tag as a literal, then the class after a comma
 * (a tag named elsewhere, as in `querySelector('till-product-list')`, is not a registration). */
const registers = (code: string, tag: string) => new RegExp(`[\`'"]${tag}[\`'"]\\s*,`).test(code);

/** Bundles `code` as an application would (Vite, production), resolving `tillkit…` through the
 * package's own exports map (Node's resolver: the package refers to itself by name). */
async function bundleApp(code: string): Promise<Rolldown.OutputChunk[]> {
  const app: Plugin = {
    name: 'consumer-app',
    resolveId(id) {
      if (id === 'virtual:app') return '\0app.js';
      if (id === 'tillkit' || id.startsWith('tillkit/')) return fileURLToPath(import.meta.resolve(id));
      return null;
    },
    load: (id) => (id === '\0app.js' ? code : null),
  };
  const output = (await build({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [app],
    build: { write: false, minify: false, rolldownOptions: { input: 'virtual:app' } },
  })) as Rolldown.RolldownOutput;
  return output.output.filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
}

before(() => ensureFreshBuild());

describe('the npm package', () => {
  it('lists types first in every conditional export, and every target exists', () => {
    for (const [key, target] of Object.entries(pkg.exports as Record<string, string | Record<string, string>>)) {
      const targets = typeof target === 'string' ? { default: target } : target;
      if (typeof target !== 'string')
        assert.equal(Object.keys(target)[0], 'types', `exports["${key}"] starts with types`);
      for (const file of Object.values(targets))
        assert.ok(existsSync(join(root, file)), `exports["${key}"] → ${file} exists`);
    }
    for (const field of ['main', 'module', 'types', 'customElements'])
      assert.ok(existsSync(join(root, pkg[field])), `${field}: ${pkg[field]} exists`);
    assert.deepEqual(pkg.files, ['dist']);
  });

  it('resolves tillkit, tillkit/define, tillkit/react, each element entry and the CDN file through the exports map', () => {
    assert.equal(fileURLToPath(import.meta.resolve('tillkit')), join(dist, 'npm/index.js'));
    assert.equal(fileURLToPath(import.meta.resolve('tillkit/define')), join(dist, 'npm/define.js'));
    for (const tag of TAGS) assert.ok(existsSync(fileURLToPath(import.meta.resolve(`tillkit/elements/${tag}.js`))));
    assert.equal(fileURLToPath(import.meta.resolve('tillkit/react')), join(dist, 'npm/react.js'));
    // The CDN's file, for a bundler too: the exports map no longer hides it.
    assert.equal(fileURLToPath(import.meta.resolve('tillkit/dist/tillkit.js')), join(dist, 'tillkit.js'));
    for (const field of ['unpkg', 'jsdelivr']) assert.ok(existsSync(join(root, pkg[field])), `${field} exists`);
  });

  it('is readable ES modules with lit, nanostores and Stripe left to the application', () => {
    const index = readFileSync(join(dist, 'npm/elements/cart/cart.js'), 'utf8');
    assert.match(index, /from "lit"/);
    assert.ok(index.split('\n').length > 50, 'not minified');
    const stripe = readFileSync(join(dist, 'npm/payments/stripe.js'), 'utf8');
    assert.match(stripe, /import\("@stripe\/stripe-js\/pure"\)/);
  });

  it('`tillkit` registers nothing once bundled: the classes and stores come without any define', async () => {
    const chunks = await bundleApp(
      `import { TillCart, TillCheckout, cart, configure } from 'tillkit'; console.log(TillCart, TillCheckout, cart, configure);`,
    );
    const code = chunks.map((c) => c.code).join('\n');
    assert.ok(/\bTillCart = class\b|\bclass TillCart\b/.test(code), 'TillCart is in the bundle');
    for (const tag of TAGS) assert.ok(!registers(code, tag), `no ${tag} registration`);
  });

  it('`tillkit/define` registers all five, with the views and Stripe’s loader as lazy chunks', async () => {
    const chunks = await bundleApp(`import 'tillkit/define';`);
    const entry = chunks.find((c) => c.isEntry)!;
    for (const tag of TAGS) assert.ok(registers(entry.code, tag), `${tag} registered`);
    const stripe = 'https://js.stripe.com'; // the loader's own URL (comments may name the host)
    assert.ok(!entry.code.includes(stripe), 'Stripe’s loader is not in the entry chunk');
    assert.ok(
      chunks.some((c) => !c.isEntry && c.code.includes(stripe)),
      'Stripe’s loader is a chunk of its own',
    );
    for (const view of ['CheckoutView', 'ProductListView']) {
      const has = (code: string) => new RegExp(`\\b${view} = class\\b|\\bclass ${view}\\b`).test(code);
      assert.ok(!has(entry.code), `${view} is not in the entry chunk`);
      const chunk = chunks.find((c) => !c.isEntry && has(c.code));
      assert.ok(chunk, `${view} is a lazy chunk`);
      assert.ok(/\baddStrings\(/.test(chunk.code), `${view} still adds its strings (sideEffects keeps the call)`);
    }
  });

  it('`tillkit/elements/till-cart.js` registers <till-cart> alone', async () => {
    const chunks = await bundleApp(`import 'tillkit/elements/till-cart.js';`);
    const code = chunks.map((c) => c.code).join('\n');
    assert.ok(registers(code, 'till-cart'));
    for (const tag of TAGS.filter((t) => t !== 'till-cart')) assert.ok(!registers(code, tag), `no ${tag}`);
  });
});

describe('custom-elements.json', () => {
  const manifest = (): Manifest => JSON.parse(readFileSync(join(root, pkg.customElements), 'utf8'));
  const element = (tag: string) => {
    const found = manifest()
      .modules.flatMap((m) => m.declarations ?? [])
      .find((d) => d.tagName === tag);
    assert.ok(found, `<${tag}> is in the manifest`);
    return found;
  };
  const names = (items: { name: string }[] | undefined) => (items ?? []).map((i) => i.name);

  it('lists the five elements with a summary and a definition module in the npm build', () => {
    for (const tag of TAGS) assert.ok(element(tag).summary, `<${tag}> has a summary`);
    const definitions = manifest().modules.flatMap((m) =>
      (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => [e.name, m.path]),
    );
    assert.deepEqual(
      Object.fromEntries(definitions),
      Object.fromEntries(TAGS.map((tag) => [tag, `dist/npm/elements/${tag.slice(5)}/${tag}.js`])),
    );
    for (const { path } of manifest().modules) assert.ok(existsSync(join(root, path)), `${path} exists`);
  });

  it('has the attributes of each element, and no internal state', () => {
    assert.deepEqual(
      new Set(names(element('till-cart').attributes)),
      new Set(['compact', 'checkout-href', 'heading', 'locale']),
    );
    for (const attribute of ['api-url', 'api-key', 'stripe-key', 'token-url', 'locale'])
      assert.ok(names(element('till-config').attributes).includes(attribute), attribute);
    assert.deepEqual(
      new Set(names(element('till-product-list').attributes)),
      new Set(['page-size', 'tags', 'sort', 'filter-tags', 'heading-level', 'product', 'locale']),
    );
    assert.ok(names(element('till-checkout').attributes).includes('locale'));
    assert.deepEqual(new Set(names(element('till-orders').attributes)), new Set(['page-size', 'heading', 'locale']));
  });

  it('lists properties that have no attribute as properties only (`searchable`, `strings`)', () => {
    const list = element('till-product-list');
    for (const name of ['searchable', 'strings']) {
      const member = list.members?.find((m) => m.name === name);
      assert.equal(member?.kind, 'field', `${name} is a property`);
      assert.equal(member.attribute, undefined, `${name} has no attribute`);
    }
  });

  it('has the events, parts, slots and CSS properties', () => {
    assert.deepEqual(names(element('till-cart').events).sort(), ['till-cart-change', 'till-checkout-request']);
    for (const event of [
      'till-order-created',
      'till-total-mismatch',
      'till-checkout-complete',
      'till-checkout-error',
    ]) {
      assert.ok(names(element('till-checkout').events).includes(event), event);
    }
    for (const part of ['line', 'total', 'checkout'])
      assert.ok(names(element('till-cart').cssParts).includes(part), part);
    for (const part of ['pay', 'error', 'order-number'])
      assert.ok(names(element('till-checkout').cssParts).includes(part), part);
    for (const part of ['product', 'add', 'price'])
      assert.ok(names(element('till-product-list').cssParts).includes(part), part);
    assert.deepEqual(names(element('till-checkout').slots), ['card']);
    assert.deepEqual(names(element('till-orders').events), ['till-order-cancel']);
    for (const part of [
      'sign-in',
      'search',
      'list',
      'order',
      'status',
      'pager',
      'details',
      'total',
      'payments',
      'cancel',
      'error',
    ])
      assert.ok(names(element('till-orders').cssParts).includes(part), part);
    for (const tag of ['till-cart', 'till-checkout', 'till-product-list', 'till-orders']) {
      const props = element(tag).cssProperties ?? [];
      for (const prop of ['--till-accent', '--till-radius', '--till-font', '--till-danger'])
        assert.ok(names(props).includes(prop), `${tag} ${prop}`);
      assert.equal(props.find((p) => p.name === '--till-radius')?.default, '8px');
    }
    assert.ok(names(element('till-product-list').cssProperties).includes('--till-product-min-width'));
  });
});

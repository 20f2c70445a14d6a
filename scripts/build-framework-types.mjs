#!/usr/bin/env node
// `npm run build:manifest` (after `cem analyze`): the Vue and Svelte typings of the elements, written from
// dist/custom-elements.json so they cannot drift from the elements: every tag, attribute, property and
// event the manifest lists, and nothing else. Names come from the manifest; types come from the element
// classes (`TillCart['compact']`) and from the global event map (`GlobalEventHandlersEventMap`), so a
// property's type is the class's own. test/build/framework-types.test.ts type-checks the result (and the
// React typings) against the manifest.
//   dist/types/vue.d.ts     `tillkit/vue`: Vue's GlobalComponents, for vue-tsc (Vue's documented shape
//                           for custom elements: `$props` and `$emit` on the constructor's instance).
//   dist/types/svelte.d.ts  `tillkit/svelte`: svelte/elements' SvelteHTMLElements, for svelte-check.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'dist/custom-elements.json'), 'utf8'));

/** The manifest's elements: tag, class, its declaration module, settable properties, attributes, events. */
function elementsOf(manifest) {
  return manifest.modules.flatMap((module) =>
    (module.declarations ?? [])
      .filter((d) => d.customElement && d.tagName)
      .map((d) => ({
        tag: d.tagName,
        className: d.name,
        // dist/npm/elements/cart/cart.js → ./elements/cart/cart.js, beside dist/types/vue.d.ts
        types: `./${module.path.replace(/^dist\/npm\//, '')}`,
        properties: (d.members ?? [])
          .filter((m) => m.kind === 'field' && !m.static && !m.readonly && (m.privacy ?? 'public') === 'public')
          .map((m) => ({ name: m.name, description: m.description })),
        attributes: (d.attributes ?? [])
          .filter((a) => a.fieldName)
          .map((a) => ({ name: a.name, field: a.fieldName, description: a.description })),
        events: (d.events ?? []).map((e) => ({ name: e.name, description: e.description })),
      })),
  );
}

const camelize = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const quote = (key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`);
const doc = (text, indent = '  ') =>
  text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */\n` : '';
const union = (names) => names.map((n) => `'${n}'`).join(' | ') || 'never';

const header = (what) => `// Generated from custom-elements.json by scripts/build-framework-types.mjs: do not edit.
${what}
`;

function imports(elements, from) {
  return [
    ...elements.map((e) => `import type { ${e.className} } from '${e.types}';`),
    `import type {} from './index.js'; // the till-* events in GlobalEventHandlersEventMap`,
    from,
  ].join('\n');
}

/** An attribute's value as markup gives it: its property's literal union or a string, numbers as either. */
const ATTRIBUTE_VALUE = `/** What an attribute takes: the property's own strings, a number (or its digits), a boolean. */
export type AttributeValue<T> = [Exclude<T, undefined>] extends [number]
  ? number | \`\${number}\`
  : [Exclude<T, undefined>] extends [boolean]
    ? boolean
    : [Exclude<T, undefined>] extends [string]
      ? Exclude<T, undefined>
      : string;`;

function vue(elements) {
  const props = elements.map((e) => {
    const lines = e.properties.map((p) => `${doc(p.description)}  ${quote(p.name)}?: ${e.className}['${p.name}'];`);
    // An attribute whose camel-cased name is not its property's (Vue camel-cases kebab-case props).
    for (const a of e.attributes)
      if (camelize(a.name) !== a.field && !e.properties.some((p) => p.name === camelize(a.name)))
        lines.push(`${doc(a.description)}  ${quote(camelize(a.name))}?: AttributeValue<${e.className}['${a.field}']>;`);
    const kebab = e.attributes.find((a) => a.name.includes('-'));
    const example = kebab ? ` (\`${kebab.name}\` is \`${camelize(kebab.name)}\`)` : '';
    return `/** The props of \`<${e.tag}>\` in a Vue template, which reads kebab-case markup in camel case${example}. */
export interface ${e.className}VueProps {
${lines.join('\n')}
}`;
  });
  const components = elements.map(
    (e) =>
      `    ${doc(`\`<${e.tag}>\`: ${e.events.map((ev) => `\`@${ev.name}\``).join(', ') || 'no events'}.`, '')}    '${e.tag}': TillVueElement<${e.className}, ${e.className}VueProps, ${union(e.events.map((ev) => ev.name))}>;`,
  );
  return `${header(`/**
 * Vue 3 types for Tillkit's elements: typed props and \`$event\` in templates checked by vue-tsc (Volar).
 * Opt in once, in any file the project's tsconfig includes:
 *
 *   import type {} from 'tillkit/vue';
 *
 * The compiler must also know the tags are custom elements (vite.config: \`isCustomElement\`).
 */`)}${imports(elements, `import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';`)}

${ATTRIBUTE_VALUE}

/** A Tillkit element as Vue's template checker reads a component: props from \`$props\`, events from \`$emit\`. */
export type TillVueElement<E extends HTMLElement, Props, Events extends keyof GlobalEventHandlersEventMap> = new () => E & {
  /** @deprecated For template type checking only: no such property exists on the element. */
  $props: HTMLAttributes & Props & PublicProps;
  /** @deprecated For template type checking only: no such method exists on the element. */
  $emit: EmitFn<{ [N in Events]: (event: GlobalEventHandlersEventMap[N]) => void }>;
};

${props.join('\n\n')}

declare module 'vue' {
  interface GlobalComponents {
${components.join('\n')}
  }
}
`;
}

function svelte(elements) {
  const interfaces = elements.map((e) => {
    const lines = e.properties.map((p) => `${doc(p.description)}  ${quote(p.name)}?: ${e.className}['${p.name}'];`);
    for (const a of e.attributes)
      if (a.name !== a.field)
        lines.push(`${doc(a.description)}  ${quote(a.name)}?: AttributeValue<${e.className}['${a.field}']>;`);
    for (const ev of e.events) {
      const handler = `TillEventHandler<'${ev.name}', ${e.className}>`;
      lines.push(`${doc(ev.description)}  'on${ev.name}'?: ${handler};`);
      lines.push(`  /** Svelte 4 syntax (\`on:${ev.name}\`). */\n  'on:${ev.name}'?: ${handler};`);
    }
    return `/** The attributes, properties and events of \`<${e.tag}>\` in Svelte markup. */
export interface ${e.className}SvelteAttributes extends HTMLAttributes<${e.className}> {
${lines.join('\n')}
}`;
  });
  return `${header(`/**
 * Svelte types for Tillkit's elements: typed attributes, properties and event handlers in markup checked
 * by svelte-check. Opt in once, in any file the project's tsconfig includes:
 *
 *   import type {} from 'tillkit/svelte';
 *
 * Svelte sets a name the element has as a property (\`pageSize\`, \`strings\`) as that property and any
 * other (\`page-size\`) as an attribute; \`on\` + an event's exact name listens to it.
 */`)}${imports(elements, `import type { HTMLAttributes } from 'svelte/elements';`)}

${ATTRIBUTE_VALUE}

/** A listener for one of the till-* events, with the element as \`currentTarget\`. */
export type TillEventHandler<N extends keyof GlobalEventHandlersEventMap, E extends EventTarget> = (
  event: GlobalEventHandlersEventMap[N] & { currentTarget: EventTarget & E },
) => unknown;

${interfaces.join('\n\n')}

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
${elements.map((e) => `    '${e.tag}': ${e.className}SvelteAttributes;`).join('\n')}
  }
}
`;
}

const elements = elementsOf(manifest);
if (elements.length === 0) throw new Error('custom-elements.json lists no elements');
writeFileSync(join(root, 'dist/types/vue.d.ts'), vue(elements));
writeFileSync(join(root, 'dist/types/svelte.d.ts'), svelte(elements));
console.log(`dist/types/vue.d.ts, svelte.d.ts: ${elements.map((e) => `<${e.tag}>`).join(' ')}`);

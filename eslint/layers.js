// The layers of the design as an ESLint rule: which part of the project may import which. One table,
// read top to bottom; README.md's "Layout" section says the same in words.
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Each layer and the layers it may import values from. `types` lists layers it may import types from
 * only (`import type`, or every specifier marked `type`). A layer may always import from itself.
 */
export const LAYERS = {
  core: { values: [], types: [] },
  api: { values: ['core'], types: [] },
  payments: { values: ['core'], types: ['api'] },
  attribution: { values: ['core'], types: [] },
  state: { values: ['core', 'api', 'payments', 'attribution'], types: [] },
  events: { values: ['core'], types: ['state', 'api'] },
  elements: { values: ['core', 'state', 'events'], types: ['api', 'payments'] },
  // The entry points gather everything; nothing imports them.
  entry: { values: ['core', 'api', 'payments', 'attribution', 'state', 'events', 'elements'], types: [] },
  // The reference server shares the money core with the widget, and nothing else.
  server: { values: ['core'], types: [] },
};

/** The layer of a file of the project, or null for tests, benches, scripts and the demo (unrestricted). */
export function layerOf(file) {
  const path = relative(root, file).split(sep);
  if (path[0] === 'server') return path.includes('node_modules') ? null : 'server';
  if (path[0] !== 'src') return null;
  if (path.length === 2) return 'entry';
  return Object.hasOwn(LAYERS, path[1]) && path[1] !== 'entry' && path[1] !== 'server' ? path[1] : 'unknown';
}

/** The layer an import names, or null when it is a package from outside the project. */
function targetLayer(source, file) {
  if (source === 'tillkit/core') return 'core';
  if (source === 'tillkit' || source.startsWith('tillkit/')) return 'entry';
  if (!source.startsWith('.')) return null;
  return layerOf(resolve(dirname(file), source));
}

const typeOnly = (node) =>
  node.importKind === 'type' ||
  node.exportKind === 'type' ||
  (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the layers of the design one-way (README.md, "Layout")' },
    schema: [],
    messages: {
      forbidden: '{{from}}/ may not import {{kind}} from {{to}}/ (allowed: {{allowed}})',
      unknown: 'src/{{folder}}/ is not a layer of the design; add it to eslint/layers.js and the README',
    },
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    if (from === null) return {};
    const check = (node, source, types) => {
      if (typeof source !== 'string') return;
      const to = targetLayer(source, file);
      if (to === null || to === from) return;
      if (from === 'unknown' || to === 'unknown') {
        const folder = relative(resolve(root, 'src'), from === 'unknown' ? file : resolve(dirname(file), source));
        context.report({ node, messageId: 'unknown', data: { folder: folder.split(sep)[0] } });
        return;
      }
      const rules = LAYERS[from];
      if (rules.values.includes(to) || (types && rules.types.includes(to))) return;
      const allowed = [...rules.values, ...rules.types.map((t) => `${t} (types)`)].join(', ') || 'nothing';
      context.report({
        node,
        messageId: 'forbidden',
        data: { from: from === 'server' ? 'server' : `src/${from}`, to, kind: types ? 'types' : 'values', allowed },
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value, typeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, typeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
      TSImportType: (node) => check(node, node.argument?.literal?.value ?? node.argument?.value, true),
    };
  },
};

// `npm run build:manifest`: dist/custom-elements.json from the elements' JSDoc (@summary @fires @slot
// @csspart @cssprop) with @custom-elements-manifest/analyzer. package.json names the file in
// `customElements`; the analyzer must not write package.json itself (others edit it), hence
// `packagejson: false`.
import { readFileSync } from 'node:fs';

/** Registration files call `define('till-cart', TillCart)` (src/elements/shared/define.ts), not
 * `customElements.define`, so the analyzer needs telling which class is which tag. */
function tillDefineCalls() {
  const definitions = []; // { tag, className, modulePath }
  return {
    name: 'tillkit:define-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteral(tag) || !ts.isIdentifier(klass)) return;
      definitions.push({ tag: tag.text, className: klass.text, modulePath: moduleDoc.path });
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const { tag, className, modulePath } of definitions) {
        const home = customElementsManifest.modules.find((m) =>
          m.declarations?.some((d) => d.kind === 'class' && d.name === className),
        );
        const declaration = home?.declarations.find((d) => d.name === className);
        if (!home || !declaration)
          throw new Error(`custom-elements manifest: <${tag}> registers ${className}, which was not found`);
        declaration.tagName = tag;
        declaration.customElement = true;
        const registration = customElementsManifest.modules.find((m) => m.path === modulePath);
        registration.exports = [
          ...(registration.exports ?? []),
          { kind: 'custom-element-definition', name: tag, declaration: { name: className, module: home.path } },
        ];
      }
    },
  };
}

/** The theme's custom properties are read in the shared base styles (`var(--till-x, default)`), so
 * every rendering element takes them; the manifest lists them on each, with their defaults. */
const THEME = {
  '--till-accent': 'Buttons, links, focus rings and the current step.',
  '--till-on-accent': 'Text on accent-coloured buttons.',
  '--till-background': 'Background of the element and its inputs.',
  '--till-color': 'Text colour.',
  '--till-muted': 'Secondary text (VAT notes, hints).',
  '--till-border-color': 'Borders of inputs, buttons and cards.',
  '--till-surface': 'Background of buttons and raised surfaces.',
  '--till-danger': 'Error messages and invalid fields.',
  '--till-radius': 'Corner radius.',
  '--till-space': 'The base spacing unit.',
  '--till-font': 'The `font` shorthand for all text.',
};

function tillTheme() {
  const source = readFileSync(new URL('./src/elements/shared/styles.ts', import.meta.url), 'utf8');
  const found = [...source.matchAll(/var\((--till-[\w-]+),\s*((?:[^()]|\([^()]*(?:\([^()]*\))?[^()]*\))*)\)/g)].map(
    ([, name, fallback]) => ({
      name,
      default: fallback.trim(),
    }),
  );
  return {
    name: 'tillkit:theme',
    packageLinkPhase({ customElementsManifest }) {
      const unknown = found.filter((p) => !(p.name in THEME)).map((p) => p.name);
      if (unknown.length) throw new Error(`custom-elements manifest: describe ${unknown.join(', ')} in THEME`);
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement || declaration.name === 'TillConfig' || declaration.name === 'TillElement')
            continue;
          const own = declaration.cssProperties ?? [];
          for (const { name, default: fallback } of found) {
            const existing = own.find((p) => p.name === name);
            if (existing) existing.default ??= fallback;
            else own.push({ name, description: THEME[name], default: fallback });
          }
          declaration.cssProperties = own;
        }
      }
    },
  };
}

/** Lit's `static properties` also holds internal reactive state (`{ state: true }`, declared
 * private); those are no attributes and no API, so they leave the manifest. */
function publicOnly() {
  return {
    name: 'tillkit:public-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          const hidden = new Set(
            (declaration.members ?? [])
              .filter((m) => m.privacy === 'private' || m.privacy === 'protected')
              .map((m) => m.name),
          );
          declaration.members = declaration.members?.filter((m) => !hidden.has(m.name));
          declaration.attributes = declaration.attributes?.filter((a) => !hidden.has(a.fieldName));
        }
      }
    },
  };
}

/** Module paths as the npm package ships them (dist/npm/...js), not the sources. */
function distPaths() {
  const toDist = (path) => path?.replace(/^src\/(.*)\.ts$/, 'dist/npm/$1.js');
  return {
    name: 'tillkit:dist-paths',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        module.path = toDist(module.path);
        for (const item of [...(module.declarations ?? []), ...(module.exports ?? [])]) {
          for (const ref of [item.declaration, item.superclass, item.inheritedFrom])
            if (ref?.module) ref.module = toDist(ref.module);
          for (const member of [...(item.members ?? []), ...(item.attributes ?? []), ...(item.events ?? [])]) {
            if (member.inheritedFrom?.module) member.inheritedFrom.module = toDist(member.inheritedFrom.module);
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: [
    'src/elements/**/*.styles.ts',
    'src/elements/**/*-view.ts',
    'src/elements/**/strings.ts',
    'src/elements/shared/store-controller.ts',
    'src/elements/shared/styles.ts',
  ],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [tillDefineCalls(), tillTheme(), publicOnly(), distPaths()],
};

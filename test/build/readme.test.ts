// README.md is the package's page on the registry: its framework snippets are the tested examples' files, its
// links work from npmjs.com (the tarball has no docs/ or examples/), its CDN address names the version being
// published, and it documents every attribute, property and event custom-elements.json lists.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFreshBuild, root } from './fresh-build.ts';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Code blocks announced by an `<!-- examples/… -->` comment on the line before (a blank line between). */
const snippets = [...readme.matchAll(/<!-- (examples\/\S+) -->\n\n```\w+\n([\s\S]*?)\n```/g)].map(([, path, code]) => ({
  path: path!,
  code: code!,
}));

describe('README.md', () => {
  it('shows each framework example’s files as they are, so a snippet that does not compile fails the build', () => {
    for (const { path, code } of snippets) {
      assert.ok(existsSync(join(root, path)), `${path} exists`);
      assert.equal(code, readFileSync(join(root, path), 'utf8').trimEnd(), `README's ${path} is the file`);
    }
    const shown = new Set(snippets.map((s) => s.path.split('/')[1]));
    assert.deepEqual([...shown].sort(), ['angular', 'next', 'react', 'svelte', 'vue']);
  });

  it('has no snippet the examples do not test: every framework block is one of theirs', () => {
    const blocks = [...readme.matchAll(/```(tsx|vue|svelte)\n/g)].length;
    assert.equal(blocks, snippets.filter((s) => /\.(tsx|vue|svelte)$/.test(s.path)).length);
  });

  it('links and shows images by absolute addresses, which work from the registry’s page', () => {
    const targets = [...readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map(([, target]) => target!);
    assert.ok(targets.length > 5);
    for (const target of targets) assert.match(target, /^(https:\/\/|#)/, `${target} is absolute`);
    for (const target of targets.filter((t) => t.startsWith('https://github.com/tillkit/tillkit/'))) {
      const path = target.replace(/^https:\/\/github\.com\/tillkit\/tillkit\/(blob|tree)\/main\//, '');
      assert.ok(existsSync(join(root, path)), `${target} names ${path}, which exists`);
    }
  });

  it('points the script tag at the CDN file of this version', () => {
    for (const field of ['unpkg', 'jsdelivr']) assert.equal(pkg[field], './dist/tillkit.js', field);
    const urls = [
      ...readme.matchAll(/https:\/\/(?:cdn\.jsdelivr\.net\/npm|unpkg\.com)\/tillkit@([^/\s`"]+)\/(\S+?)[`"]/g),
    ];
    assert.ok(urls.length >= 3);
    for (const [url, version, file] of urls) {
      assert.equal(version, pkg.version, `${url} names version ${pkg.version}`);
      assert.ok(existsSync(join(root, file!)), `${file} is in the package`);
    }
    assert.match(
      readme,
      /<script type="module" src="https:\/\/cdn\.jsdelivr\.net\/npm\/tillkit@[^/]+\/dist\/tillkit\.js">/,
    );
  });

  it('documents every attribute, property and event of custom-elements.json', () => {
    ensureFreshBuild();
    const manifest = JSON.parse(readFileSync(join(root, pkg.customElements), 'utf8')) as {
      modules: {
        declarations?: {
          tagName?: string;
          attributes?: { name: string }[];
          members?: { kind: string; name: string; attribute?: string; readonly?: boolean; privacy?: string }[];
          events?: { name: string }[];
        }[];
      }[];
    };
    const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
    assert.equal(elements.length, 5);
    for (const element of elements) {
      const names = [
        ...(element.attributes ?? []).map((a) => a.name),
        ...(element.members ?? [])
          .filter((m) => m.kind === 'field' && !m.attribute && !m.readonly && (m.privacy ?? 'public') === 'public')
          .map((m) => m.name),
        ...(element.events ?? []).map((e) => e.name),
      ];
      for (const name of names) assert.ok(readme.includes(`\`${name}\``), `<${element.tagName}> ${name} is documented`);
    }
  });
});

// The script-tag build fetches a lazy view's own chunks with it (scripts/preload-chunks.ts): a view
// that imports the API client's chunk must not make the browser wait for the view before asking for it.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dist, ensureFreshBuild } from './fresh-build.ts';

const read = (name: string) => readFileSync(join(dist, name), 'utf8');
/** The chunks a built file imports statically (tillkit.js aside: it is what loaded the view). */
const staticImports = (name: string) =>
  [...read(name).matchAll(/(?:import|from)\s*["'`]\.\/([^"'`]+\.js)["'`]/g)]
    .map((m) => m[1]!)
    .filter((imported) => imported !== 'tillkit.js');

describe('the script-tag build', () => {
  before(() => ensureFreshBuild());

  it('asks for each lazy view and the chunks it imports at once', () => {
    const entry = read('tillkit.js');
    const views = readdirSync(dist).filter((name) => /^[a-z-]+-view-[\w-]+\.js$/.test(name));
    assert.ok(views.length >= 4, `views found: ${views.join(', ')}`);
    for (const view of views) {
      const together = entry.match(new RegExp(`Promise\\.all\\(\\[import\\(\`\\./${view}\`\\)([^\\]]*)\\]`));
      const deps = staticImports(view);
      if (!deps.length) continue;
      assert.ok(together, `${view} is not fetched with its chunks`);
      for (const dep of deps) assert.ok(together[1]!.includes(`./${dep}`), `${view} is fetched without ${dep}`);
    }
  });
});

// The build's squeezing of Lit templates (scripts/minify-literals.ts): only the static text of `html`
// and `css` templates changes, at any depth of nesting; expressions, strings and comments stay as written.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { minifyCode } from '../../scripts/minify-literals.ts';

describe('minifyLiterals', () => {
  it('squeezes an html template’s text after a nested template too, and leaves expressions alone', () => {
    const source = [
      'const a = html`',
      '  <p>',
      '    ${ok ? html`',
      '        <b>${"}`{"}</b>',
      '      ` : nothing}',
      '    <span>${x.map((y) => `  ${y}  `)}</span>',
      '  </p>',
      '`;',
    ].join('\n');
    assert.equal(
      minifyCode(source),
      'const a = html` <p> ${ok ? html` <b>${"}`{"}</b> ` : nothing} <span>${x.map((y) => `  ${y}  `)}</span> </p> `;',
    );
  });

  it('squeezes css, and leaves other templates, strings and comments as they are', () => {
    const source =
      'const s = css`\n  p {\n    color: red; /* red */\n  }\n`;\n// an html` in a comment\nconst t = `a\n  b`;\nconst q = "html`  x\\n  y";';
    assert.equal(
      minifyCode(source),
      'const s = css` p{color:red}`;\n// an html` in a comment\nconst t = `a\n  b`;\nconst q = "html`  x\\n  y";',
    );
  });
});

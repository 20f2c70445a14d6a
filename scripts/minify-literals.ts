import type { Plugin } from 'vite';

/**
 * Shrinks the static text of Lit's `css` and `html` tagged templates in Tillkit's own sources at
 * build time: indentation and line breaks are a large share of a component's bytes and mean
 * nothing to the browser. Deliberately simple and safe: in `html`, runs of whitespace that contain
 * a line break become one space (what the browser renders anyway, and there is no <pre> in
 * Tillkit); in `css`, comments go and whitespace around punctuation goes.
 */
export function minifyLiterals(): Plugin {
  return {
    name: 'tillkit:minify-literals',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(css|html)`/.test(code)) return null;
      return {
        code: code.replace(
          /\b(css|html)`((?:[^`\\]|\\.)*)`/g,
          (_whole, tag: string, body: string) => `${tag}\`${minifyParts(tag, body)}\``,
        ),
        map: null,
      };
    },
  };
}

/** Minifies only the static parts, leaving every `${...}` expression exactly as written. */
function minifyParts(tag: string, body: string): string {
  let out = '';
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (depth === 0 && body[i] === '$' && body[i + 1] === '{') {
      out += squeeze(tag, body.slice(start, i));
      start = i;
      depth = 1;
      i++;
    } else if (depth > 0 && body[i] === '{') depth++;
    else if (depth > 0 && body[i] === '}' && --depth === 0) {
      out += body.slice(start, i + 1);
      start = i + 1;
    }
  }
  return out + (depth ? body.slice(start) : squeeze(tag, body.slice(start)));
}

function squeeze(tag: string, text: string): string {
  if (tag === 'html') return text.replace(/\s*\n\s*/g, ' ');
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

import type { Plugin } from 'vite';

/**
 * Shrinks the static text of Lit's `css` and `html` tagged templates in Tillkit's own sources at
 * build time: indentation and line breaks are a large share of a component's bytes and mean
 * nothing to the browser. Deliberately simple and safe: in `html`, runs of whitespace that contain
 * a line break become one space (what the browser renders anyway, and there is no <pre> in
 * Tillkit); in `css`, comments go and whitespace around punctuation goes. Templates nested in the
 * expressions of others (`html\`…${ok ? html\`…\` : nothing}…\``) are followed to any depth, so the
 * outer template's text after a nested one is squeezed too.
 */
export function minifyLiterals(): Plugin {
  return {
    name: 'tillkit:minify-literals',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(css|html)`/.test(code)) return null;
      return { code: minifyCode(code), map: null };
    },
  };
}

const TAGGED = /\b(css|html)`/g;

/** The source with every `html`/`css` template outside strings and comments minified. */
export function minifyCode(code: string): string {
  let out = '';
  let i = 0;
  while (i < code.length) {
    const skipped = skip(code, i);
    if (skipped > i) {
      out += code.slice(i, skipped);
      i = skipped;
      continue;
    }
    TAGGED.lastIndex = i;
    const tagged = code[i] === '`' ? null : TAGGED.exec(code);
    if (tagged && tagged.index === i) {
      const { text, end } = template(code, i + tagged[0].length, tagged[1] as 'css' | 'html');
      out += tagged[0] + text;
      i = end;
    } else if (code[i] === '`') {
      const { text, end } = template(code, i + 1, null);
      out += '`' + text;
      i = end;
    } else out += code[i++];
  }
  return out;
}

/** The end of a comment or a quoted string starting at `i`, or `i` when none starts there. */
function skip(code: string, i: number): number {
  const c = code[i];
  if (c === '/' && code[i + 1] === '/') {
    const end = code.indexOf('\n', i);
    return end < 0 ? code.length : end;
  }
  if (c === '/' && code[i + 1] === '*') {
    const end = code.indexOf('*/', i + 2);
    return end < 0 ? code.length : end + 2;
  }
  if (c === "'" || c === '"') {
    let j = i + 1;
    while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  return i;
}

/**
 * A template literal whose text starts at `start` (after its backtick): its static parts squeezed
 * when `tag` is given, its `${…}` expressions processed as code (for the templates nested in them).
 * Returns the text up to and including the closing backtick, and the index after it.
 */
function template(code: string, start: number, tag: 'css' | 'html' | null): { text: string; end: number } {
  let out = '';
  let part = '';
  let i = start;
  while (i < code.length) {
    const c = code[i];
    if (c === '\\') {
      part += code.slice(i, i + 2);
      i += 2;
    } else if (c === '`') {
      return { text: out + squeeze(tag, part) + '`', end: i + 1 };
    } else if (c === '$' && code[i + 1] === '{') {
      out += squeeze(tag, part) + '${';
      part = '';
      const end = expressionEnd(code, i + 2);
      out += minifyCode(code.slice(i + 2, end)) + '}';
      i = end + 1;
    } else {
      part += c;
      i++;
    }
  }
  return { text: out + squeeze(tag, part), end: i };
}

/** The index of the `}` closing an expression that starts at `i`. */
function expressionEnd(code: string, i: number): number {
  let depth = 0;
  while (i < code.length) {
    const skipped = skip(code, i);
    if (skipped > i) {
      i = skipped;
      continue;
    }
    const c = code[i];
    if (c === '`') i = template(code, i + 1, null).end;
    else if (c === '{') (depth++, i++);
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
      i++;
    } else i++;
  }
  return i;
}

function squeeze(tag: 'css' | 'html' | null, text: string): string {
  if (tag === null) return text;
  if (tag === 'html') return text.replace(/\s*\n\s*/g, ' ');
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

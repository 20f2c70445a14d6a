import { DEMO_EXTRAS, DEMO_FILMS, type DemoFilm } from './catalogue.ts';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** Greedy word wrap to lines of at most `width` characters (a long word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function filmCover(film: DemoFilm): string {
  const [bg, fg] = film.colors;
  const lines = wrap(film.name, 14).slice(0, 4);
  const size = lines.some((l) => l.length > 11) ? 30 : 36;
  const titleY = 150 - (lines.length - 1) * (size / 2);
  const title = lines
    .map(
      (l, i) =>
        `<text x="150" y="${titleY + i * (size + 6)}" font-size="${size}" font-weight="700" text-anchor="middle">${escape(l)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 420" width="300" height="420" role="img" aria-label="${escape(film.name)} (${film.year}) DVD cover">
<defs><linearGradient id="bg-${film.slug}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${bg}"/><stop offset="1" stop-color="${bg}" stop-opacity="0.82"/></linearGradient></defs>
<rect width="300" height="420" fill="#000"/><rect width="300" height="420" fill="url(#bg-${film.slug})"/>
<rect x="14" y="14" width="272" height="392" fill="none" stroke="${fg}" stroke-width="2" opacity="0.6"/>
<circle cx="150" cy="316" r="50" fill="none" stroke="${fg}" stroke-width="8" opacity="0.35"/>
<circle cx="150" cy="316" r="11" fill="${fg}" opacity="0.35"/>
<g fill="${fg}" font-family="Georgia, 'Times New Roman', serif">${title}
<text x="150" y="236" font-size="16" text-anchor="middle" opacity="0.85">${escape(film.director)} · ${film.year}</text></g>
<rect x="0" y="380" width="300" height="40" fill="${fg}"/>
<text x="150" y="406" font-size="16" font-family="Helvetica, Arial, sans-serif" font-weight="700" letter-spacing="4" text-anchor="middle" fill="${bg}">DVD · ${escape(film.condition.toUpperCase())}</text>
</svg>`;
}

function extraCover(name: string, colors: readonly [string, string]): string {
  const [bg, fg] = colors;
  const lines = wrap(name, 16);
  const text = lines
    .map(
      (l, i) =>
        `<text x="150" y="${190 + i * 34 - (lines.length - 1) * 17}" font-size="28" font-weight="700" text-anchor="middle">${escape(l)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 300" width="300" height="300" role="img" aria-label="${escape(name)}">
<rect width="300" height="300" rx="24" fill="${bg}"/>
<rect x="40" y="40" width="220" height="220" rx="16" fill="none" stroke="${fg}" stroke-width="4" stroke-dasharray="10 8"/>
<g fill="${fg}" font-family="Helvetica, Arial, sans-serif">${text}</g>
</svg>`;
}

const covers = new Map<string, string>();

/** The SVG cover of a demo product by slug, generated once; undefined for an unknown slug. */
export function coverSvg(slug: string): string | undefined {
  const cached = covers.get(slug);
  if (cached) return cached;
  const film = DEMO_FILMS.find((f) => f.slug === slug);
  const extra = film ? undefined : DEMO_EXTRAS.find((e) => e.slug === slug);
  const svg = film ? filmCover(film) : extra ? extraCover(extra.name, extra.colors) : undefined;
  if (svg) covers.set(slug, svg);
  return svg;
}

export const coverPath = (slug: string): string => `/media/covers/${slug}.svg`;

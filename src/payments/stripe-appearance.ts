import type { Appearance } from '@stripe/stripe-js';
import type { CardTheme } from './provider.ts';

/** `rgb(r, g, b)` (and `rgba` at full opacity) as `#rrggbb`; anything else as it is. */
function hex(color: string): string {
  const m = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(color.trim());
  if (!m || (m[4] !== undefined && m[4] !== '1' && m[4] !== '100%')) return color;
  return '#' + [m[1], m[2], m[3]].map((c) => Number(c).toString(16).padStart(2, '0')).join('');
}

/** Whether a colour reads as dark (relative luminance below a half), for Stripe's base theme. */
function dark(color: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex(color));
  if (!m) return false;
  const [r, g, b] = m.slice(1).map((c) => {
    const v = parseInt(c, 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 0.5;
}

/**
 * The page's look as Stripe's Appearance API takes it: the accent as the primary colour, the
 * background, text, muted text, border and error colours, the radius and the font, so the Payment
 * Element in its iframe looks like the rest of the checkout. Stripe's `night` theme under a dark page.
 */
export function appearanceOf(theme: CardTheme): Appearance {
  const border = hex(theme.border);
  return {
    theme: dark(theme.background) ? 'night' : 'stripe',
    variables: {
      colorPrimary: hex(theme.accent),
      colorBackground: hex(theme.background),
      colorText: hex(theme.color),
      colorTextSecondary: hex(theme.muted),
      colorDanger: hex(theme.danger),
      borderRadius: theme.radius,
      fontFamily: theme.fontFamily,
      fontSizeBase: theme.fontSize,
      fontLineHeight: theme.lineHeight,
    },
    rules: {
      '.Input': { borderColor: border },
      '.Tab': { borderColor: border },
      '.Tab--selected': { borderColor: hex(theme.accent) },
    },
  };
}

import type { CardTheme } from '../../payments/provider.ts';

/**
 * The checkout's look as values, for Stripe's Payment Element (its iframe can not read the page's
 * CSS): each `--till-*` custom property as the page sets it, or the element's default, resolved in
 * `container` (a light-DOM child of the element, so it inherits them), light or dark as the page is.
 */
export function cardTheme(container: HTMLElement): CardTheme {
  const probe = document.createElement('span');
  probe.hidden = true;
  container.append(probe);
  const style = getComputedStyle(probe);
  const color = (token: string): string => {
    probe.style.color = `var(${token})`;
    return style.color;
  };
  try {
    probe.style.borderTopLeftRadius = 'var(--_radius)';
    return {
      accent: color('--_accent'),
      onAccent: color('--_on-accent'),
      background: color('--_bg'),
      color: color('--_fg'),
      muted: color('--_muted'),
      border: color('--_border'),
      danger: color('--_danger'),
      radius: style.borderTopLeftRadius,
      fontFamily: style.fontFamily,
      fontSize: style.fontSize,
      lineHeight: style.lineHeight,
    };
  } finally {
    probe.remove();
  }
}

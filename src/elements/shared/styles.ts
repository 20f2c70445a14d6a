import { css } from 'lit';

/**
 * The theme: every colour, radius and font comes from a `--till-*` custom property, with defaults for
 * light and dark pages (`light-dark()` follows the page's colour scheme). Errors have a colour of their
 * own (`--till-danger`), never the accent's, so a message never reads as decoration and a button never
 * as an error. A merchant restyles all three elements from their own stylesheet:
 *
 *   till-cart, till-checkout, till-product-list { --till-accent: #0a7d5a; --till-radius: 0; }
 */
export const base = css`
  :host {
    color-scheme: light dark;
    --_accent: var(--till-accent, light-dark(#4338ca, #a5b4fc));
    --_on-accent: var(--till-on-accent, light-dark(#fff, #11131a));
    --_bg: var(--till-background, light-dark(#fff, #0d1117));
    --_fg: var(--till-color, light-dark(#1f2328, #e6edf3));
    --_muted: var(--till-muted, light-dark(#59636e, #9198a1));
    --_border: var(--till-border-color, light-dark(#d1d9e0, #3d444d));
    --_surface: var(--till-surface, light-dark(#f6f8fa, #151b23));
    --_danger: var(--till-danger, light-dark(#b42318, #ff8f80));
    --_radius: var(--till-radius, 8px);
    --_space: var(--till-space, 1rem);
    display: block;
    color: var(--_fg);
    background: var(--_bg);
    font: var(--till-font, 1rem/1.5 system-ui, sans-serif);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  h2,
  h3,
  p,
  ul,
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    list-style: none;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    min-height: 2.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: 0.5em 0.75em;
  }
  input,
  select,
  textarea {
    width: 100%;
    background: var(--_bg);
  }
  button {
    cursor: pointer;
  }
  .primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .link {
    border: 0;
    background: none;
    min-height: auto;
    color: var(--_accent);
    text-decoration: underline;
  }
  :disabled,
  [aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  input[type='checkbox'] {
    width: 1.25rem;
    min-height: 1.25rem;
    flex: none;
    accent-color: var(--_accent);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  label {
    display: block;
    font-weight: 500;
  }
  .muted {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .error,
  .alert {
    color: var(--_danger);
  }
  .alert {
    border: 1px solid;
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    padding: 0.75em 1em;
    background: color-mix(in srgb, var(--_danger) 7%, var(--_bg));
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .price {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
`;

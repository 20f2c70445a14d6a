import { css } from 'lit';

/**
 * The theme: every colour, radius and font comes from a `--till-*` custom property with a light and a
 * dark default, so a merchant restyles all three elements from their own stylesheet:
 *
 *   till-cart, till-checkout, till-product-list { --till-accent: #0a7d5a; --till-radius: 0; }
 */
export const base = css`
  :host {
    --_accent: var(--till-accent, #4338ca);
    --_on-accent: var(--till-on-accent, #fff);
    --_bg: var(--till-background, #fff);
    --_fg: var(--till-color, #1f2328);
    --_muted: var(--till-muted, #59636e);
    --_border: var(--till-border-color, #d1d9e0);
    --_surface: var(--till-surface, #f6f8fa);
    --_danger: var(--till-danger, #b42318);
    --_success: var(--till-success, #1a7f37);
    --_radius: var(--till-radius, 8px);
    --_space: var(--till-space, 1rem);
    --_focus: var(--till-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent));
    display: block;
    box-sizing: border-box;
    color: var(--_fg);
    background: var(--_bg);
    font: var(--till-font, 400 1rem/1.5 system-ui, sans-serif);
    color-scheme: light dark;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--till-accent, #a5b4fc);
      --_on-accent: var(--till-on-accent, #11131a);
      --_bg: var(--till-background, #0d1117);
      --_fg: var(--till-color, #e6edf3);
      --_muted: var(--till-muted, #9198a1);
      --_border: var(--till-border-color, #3d444d);
      --_surface: var(--till-surface, #151b23);
      --_danger: var(--till-danger, #ff8f80);
      --_success: var(--till-success, #6fdd8b);
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2,
  h3,
  p,
  ul,
  ol,
  fieldset {
    margin: 0;
    padding: 0;
  }
  ul,
  ol {
    list-style: none;
  }
  fieldset {
    border: 0;
    min-width: 0;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: 0.5em 1em;
    min-height: 2.75rem;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  button.link {
    border: 0;
    background: none;
    padding: 0.25em;
    min-height: auto;
    color: var(--_accent);
    text-decoration: underline;
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  input,
  select,
  textarea {
    width: 100%;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding: 0.5em 0.75em;
    min-height: 2.75rem;
  }
  input[type='checkbox'] {
    width: 1.25rem;
    min-height: 1.25rem;
    accent-color: var(--_accent);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  label {
    display: block;
    font-weight: 500;
  }
  .muted {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .error {
    color: var(--_danger);
    font-size: 0.875em;
  }
  .alert {
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    padding: 0.75em 1em;
    color: var(--_danger);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .skeleton {
    border-radius: var(--_radius);
    background: linear-gradient(90deg, var(--_surface), var(--_border), var(--_surface)) 0 0 / 200% 100%;
    animation: shimmer 1.2s linear infinite;
  }
  @keyframes shimmer {
    to {
      background-position: -200% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  .price {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
`;

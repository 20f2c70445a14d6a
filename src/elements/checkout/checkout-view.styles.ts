import { css } from 'lit';

/** The details step's styles, and what every step shows; the later steps bring theirs (later-steps.styles.ts). */
export const styles = css`
  h2 {
    font-size: 1.35em;
  }
  h3 {
    font-size: 1.1em;
    margin-bottom: 0.5rem;
  }
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0.5rem 0 var(--_space);
    padding: 0;
    list-style: none;
    counter-reset: step;
    font-size: 0.9em;
  }
  .steps li {
    counter-increment: step;
    color: var(--_muted);
  }
  .steps li::before {
    content: counter(step) '. ';
  }
  .steps li + li::before {
    content: '› ' counter(step) '. ';
  }
  .steps [aria-current='step'] {
    color: var(--_accent);
    font-weight: 700;
  }
  .steps .done {
    color: var(--_fg);
  }
  .layout {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr));
    align-items: start;
  }
  form {
    display: grid;
    gap: var(--_space);
  }
  legend {
    font-weight: 600;
    margin-bottom: 0.5rem;
  }
  .grid {
    display: grid;
    gap: 0.75rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
  }
  .field {
    display: grid;
    gap: 0.25rem;
    align-content: start;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 400;
  }
  .wide {
    width: 100%;
  }
  .alert {
    margin-bottom: var(--_space);
  }
  .summary {
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .summary li,
  .total-row {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
    padding: 0.25rem 0;
  }
  .summary .total-row:not(.muted, .less) {
    border-top: 1px solid var(--_border);
    margin-top: 0.5rem;
    padding-top: 0.5rem;
    font-weight: 700;
  }
  .coupon,
  .coupon-notice {
    display: grid;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
  .coupon p,
  .coupon-notice p {
    margin: 0;
  }
  .coupon .link {
    justify-self: start;
    padding: 0.25rem 0;
  }
  .coupon-form {
    gap: 0.25rem;
  }
  .coupon-form[hidden] {
    display: none;
  }
  .coupon-row {
    display: flex;
    gap: 0.5rem;
  }
  .coupon-row input {
    flex: 1;
    min-width: 0;
  }
  .coupon-applied {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem;
  }
`;

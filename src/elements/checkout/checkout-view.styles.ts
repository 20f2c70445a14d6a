import { css } from 'lit';

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
  a.primary {
    display: block;
    padding: 0.6em 1em;
    border-radius: var(--_radius);
    text-align: center;
    text-decoration: none;
  }
  .alert {
    margin-bottom: var(--_space);
  }
  .notice {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
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
  .to-pay {
    font-size: 1.2em;
  }
  .test-mode {
    padding: 0.5rem 0.75rem;
    border: 1px dashed var(--_accent);
    border-radius: var(--_radius);
    font-weight: 600;
  }
  .test-cards {
    margin: 0.5rem 0;
    font-size: 0.9em;
  }
  .test-cards button {
    font-family: ui-monospace, monospace;
  }
  .card-fields .number {
    grid-column: 1 / -1;
  }
  .stripe {
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-height: 2.75rem;
  }
  ::slotted([slot='card']) {
    display: block;
  }
  .confirmation {
    display: grid;
    gap: var(--_space);
    max-width: 52rem;
  }
  .receipt-facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr));
    gap: 0.75rem var(--_space);
    margin: 0;
  }
  .receipt-facts dt {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .receipt-facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .card .alert {
    margin: 0.75rem 0 0;
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
  .waiting {
    margin-top: 0.75rem;
    font-weight: 600;
  }
  .authentication {
    width: min(34rem, calc(100vw - 2rem));
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_fg);
    background: var(--_bg);
  }
  .dialog-head {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: var(--_space);
  }
  .dialog-head .close {
    flex: none;
    min-width: 2.75rem;
  }
  .authentication::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .authentication iframe {
    display: block;
    width: 100%;
    height: min(24rem, 60vh);
    margin: var(--_space) 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: #fff;
  }
  .order-number {
    font-family: ui-monospace, monospace;
    font-size: 1.2em;
    letter-spacing: 0.1em;
  }
`;

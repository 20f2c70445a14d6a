import { css } from 'lit';

/** The styles of the payment step, Bootic's hand-over, the confirmation and the bank's dialog: with their chunk. */
export const laterStyles = css`
  a.primary {
    display: block;
    padding: 0.6em 1em;
    border-radius: var(--_radius);
    text-align: center;
    text-decoration: none;
  }
  .notice {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
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

import { css } from 'lit';

export const styles = css`
  .orders {
    display: grid;
    gap: var(--_space);
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.125em;
  }
  h4 {
    margin: 0;
    font-size: 1em;
  }
  .who {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25em 0.75em;
  }
  .sign-in,
  .search,
  .details {
    display: grid;
    gap: 0.75em;
    max-width: 40rem;
  }
  .search-row {
    display: flex;
    gap: 0.5em;
  }
  .search-row input {
    flex: 1;
    min-width: 0;
  }
  .search .link {
    justify-self: start;
    padding: 0;
  }
  .list {
    display: grid;
    gap: 0.5em;
  }
  .order {
    width: 100%;
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25em 1em;
    text-align: start;
    background: var(--_bg);
  }
  .number {
    font-weight: 600;
  }
  .order .price {
    justify-self: end;
    font-weight: 600;
  }
  .status {
    font-weight: 500;
  }
  .status.success {
    color: var(--_accent);
  }
  .status.cancelled,
  .status.declined,
  .status.failed {
    color: var(--_muted);
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75em;
  }
  .back {
    justify-self: start;
    padding: 0;
  }
  .facts,
  .totals {
    display: grid;
    gap: 0.25em;
    margin: 0;
  }
  .facts div,
  .totals div,
  .items li,
  .payments li {
    display: flex;
    justify-content: space-between;
    gap: 1em;
  }
  dd {
    margin: 0;
  }
  .items,
  .payments {
    display: grid;
    gap: 0.5em;
  }
  .items li > span:first-child,
  .payments li > span:first-child {
    display: grid;
  }
  .totals .total {
    font-weight: 700;
    font-size: 1.125em;
    border-top: 1px solid var(--_border);
    padding-top: 0.5em;
  }
  address {
    font-style: normal;
  }
  .danger {
    justify-self: start;
    color: var(--_danger);
    border-color: currentColor;
    background: var(--_bg);
  }
  .notice {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75em 1em;
  }
  dialog {
    max-width: min(28rem, calc(100vw - 2rem));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    padding: 1.25em;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5em;
    margin-top: 1em;
  }
`;

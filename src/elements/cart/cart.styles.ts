import { css } from 'lit';

export const styles = css`
  h2 {
    font-size: 1.25em;
    margin-bottom: calc(var(--_space) / 2);
  }
  .lines {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .line {
    display: grid;
    grid-template-columns: 48px 1fr auto;
    grid-template-areas: 'img name total' 'img stepper remove' 'error error error';
    gap: 0.25rem 0.75rem;
    align-items: center;
    padding-bottom: calc(var(--_space) / 2);
    border-bottom: 1px solid var(--_border);
  }
  .line img,
  .thumb {
    grid-area: img;
    width: 48px;
    height: 64px;
    object-fit: cover;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  .name {
    grid-area: name;
    display: flex;
    flex-direction: column;
  }
  .line-total {
    grid-area: total;
    text-align: end;
  }
  .stepper {
    grid-area: stepper;
    display: flex;
    align-items: center;
    gap: 0.25rem;
  }
  .stepper button {
    min-width: 2.75rem;
    padding: 0;
  }
  .stepper input {
    width: 4.5em;
    text-align: center;
  }
  .remove {
    grid-area: remove;
    justify-self: end;
  }
  .line .error {
    grid-area: error;
  }
  .summary {
    display: grid;
    grid-template-columns: 1fr auto;
    margin: var(--_space) 0;
  }
  .summary dd {
    margin: 0;
    text-align: end;
  }
  .total {
    font-weight: 700;
    font-size: 1.25em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  a.checkout {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    padding: 0.5em 1em;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
    text-decoration: none;
  }
  .toggle {
    position: relative;
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }
  .count {
    min-width: 1.5em;
    padding: 0 0.4em;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 0.8em;
    font-weight: 700;
  }
  [popover] {
    width: min(26rem, 100vw - 2rem);
    max-height: 80vh;
    margin: 0;
    inset: 3.5rem 1rem auto auto;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: 0 8px 32px rgb(0 0 0 / 0.2);
  }
  :host([compact]) {
    display: inline-block;
    background: none;
  }
`;

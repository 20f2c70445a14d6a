import { css } from 'lit';

export const styles = css`
  h2 {
    font-size: 1.25em;
    margin-bottom: 0.5rem;
  }
  .lines {
    display: grid;
    gap: 0.5rem;
    container-type: inline-size;
  }
  .line {
    display: grid;
    grid-template: 'img name total' 'img stepper remove' 'error error error' / 48px 1fr auto;
    gap: 0.25rem 0.75rem;
    align-items: center;
    padding-bottom: 0.5rem;
    border-bottom: 1px solid var(--_border);
  }
  .thumb {
    grid-area: img;
    width: 48px;
    height: 64px;
    object-fit: cover;
    border-radius: 4px;
    background: var(--_surface);
  }
  .name {
    display: grid;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .stepper {
    display: flex;
    gap: 0.25rem;
  }
  .stepper button {
    width: 2.75rem;
  }
  .stepper input {
    width: 4.5em;
    text-align: center;
  }
  .remove,
  .summary dd {
    justify-self: end;
    margin: 0;
  }
  .line .error {
    grid-area: error;
  }
  /* A narrow cart (the header's popover on a phone): the stepper takes a row of its own. */
  @container (max-width: 22rem) {
    .line {
      grid-template: 'img name total' 'stepper stepper remove' 'error error error' / 48px 1fr auto;
    }
    .stepper {
      grid-area: stepper;
    }
    .remove {
      grid-area: remove;
    }
  }

  .summary {
    display: grid;
    grid-template-columns: 1fr auto;
    margin: var(--_space) 0;
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
  a.primary {
    padding: 0.6em 1em;
    border-radius: var(--_radius);
    text-decoration: none;
  }
  .count {
    padding: 0 0.45em;
    border-radius: 1em;
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
    box-shadow: 0 8px 32px #0003;
  }
  :host([compact]) {
    display: inline-block;
    background: none;
  }
`;

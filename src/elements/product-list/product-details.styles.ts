import { css } from 'lit';

/** The product details dialog: a sheet over the page, cover beside the text where there is room. */
export const styles = css`
  .details {
    width: min(52rem, 100vw - 1rem);
    max-height: calc(100dvh - 1rem);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: 0 16px 48px #0005;
  }
  .details::backdrop {
    background: #0008;
  }
  .sheet {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
  }
  .details-head {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: var(--_space);
  }
  .details-head h2 {
    font-size: 1.4em;
  }
  .close {
    flex: none;
    width: 2.75rem;
    font-size: 1.1em;
  }
  .details-body {
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    align-items: start;
  }
  .details-cover {
    width: 100%;
    max-width: 20rem;
    height: auto;
    aspect-ratio: 3 / 4;
    object-fit: cover;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  .details-info {
    display: grid;
    gap: 0.6rem;
  }
  .details-info h3 {
    font-size: 1em;
  }
  .properties {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.15rem 1rem;
    margin: 0;
  }
  .properties dt {
    color: var(--_muted);
  }
  .properties dd {
    margin: 0;
  }
  .about {
    margin: -0.2rem 0 0.4rem 1.75rem;
  }
`;

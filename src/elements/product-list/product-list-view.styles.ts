import { css } from 'lit';

export const styles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: end;
    margin-bottom: var(--_space);
  }
  .grow {
    flex: 1 1 14rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--till-product-min-width, 14rem), 1fr));
    gap: var(--_space);
  }
  .product {
    display: flex;
    flex-direction: column;
    gap: 0.4rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .image {
    width: 100%;
    height: auto;
    aspect-ratio: 3 / 4;
    object-fit: cover;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  /* The shimmer moves a layer of its own (a transform the compositor animates), so a loading list costs
     the page no repaint per frame: on a slow phone the answer is read as soon as it comes. */
  .skeleton {
    position: relative;
    overflow: hidden;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .skeleton::after {
    content: '';
    position: absolute;
    inset: 0;
    background: linear-gradient(90deg, transparent, var(--_border), transparent);
    transform: translateX(-100%);
    animation: shimmer 1.2s linear infinite;
  }
  @keyframes shimmer {
    to {
      transform: translateX(100%);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton::after {
      animation: none;
    }
  }
  .skeleton.line {
    height: 1em;
  }
  .skeleton.short {
    width: 60%;
  }
  .name {
    font-size: 1.05em;
  }
  .title {
    min-height: auto;
    padding: 0;
    border: 0;
    background: none;
    font-weight: inherit;
    text-align: start;
  }
  .title:hover,
  .cover:hover + .name .title {
    text-decoration: underline;
  }
  .cover {
    cursor: pointer;
  }
  .prices {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.5rem;
  }
  .prices .price:first-child {
    font-weight: 700;
    font-size: 1.15em;
  }
  .badge {
    padding: 0 0.4em;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 0.8em;
    font-weight: 700;
  }
  .add-ons legend {
    font-weight: 500;
    margin-bottom: 0.25rem;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 400;
  }
  .check .price {
    margin-inline-start: auto;
  }
  .buy {
    display: flex;
    gap: 0.5rem;
    margin-top: auto;
  }
  .buy input {
    width: 4.5em;
  }
  .buy button {
    flex: 1;
  }
  .feedback:empty {
    display: none;
  }
  .pager {
    display: flex;
    justify-content: center;
    align-items: center;
    gap: var(--_space);
    margin-top: var(--_space);
  }
  .empty {
    padding: var(--_space) 0;
  }
`;

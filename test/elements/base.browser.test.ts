import { expect, fixture, html as fixtureHtml } from '@open-wc/testing';
import { css, html } from 'lit';
import { TillElement, type View } from '../../src/elements/shared/base.ts';
import { define } from '../../src/elements/shared/define.ts';
import { base } from '../../src/elements/shared/styles.ts';

/** An element whose view fails to load the first time, as a chunk does on a dropped connection. */
class FlakyViewElement extends TillElement {
  static override styles = base;
  static attempts = 0;

  protected override loadView() {
    FlakyViewElement.attempts++;
    if (FlakyViewElement.attempts === 1)
      return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    return Promise.resolve((): View => ({
      styles: css`p { color: rgb(1, 2, 3); }`,
      render: () => html`<p>the view</p>`,
    }));
  }
}
define('till-test-flaky-view', FlakyViewElement);

describe('lazy views (TillElement)', () => {
  it('shows an accessible error with a retry when the view fails to load, and the retry loads it', async () => {
    const original = console.warn;
    console.warn = () => {};
    try {
      const el = await fixture<FlakyViewElement>(fixtureHtml`<till-test-flaky-view></till-test-flaky-view>`);
      const alert = el.shadowRoot!.querySelector('[role=alert]')!;
      expect(alert.textContent).to.contain('could not be loaded');
      await expect(el).to.be.accessible();
      alert.querySelector('button')!.click();
      await el.updateComplete;
      const view = el.shadowRoot!.querySelector('p')!;
      expect(view.textContent).to.equal('the view');
      // The view's own styles join the element's adopted style sheets.
      expect(getComputedStyle(view).color).to.equal('rgb(1, 2, 3)');
      expect(FlakyViewElement.attempts).to.equal(2);
    } finally {
      console.warn = original;
    }
  });

  it('registers a tag once; a second definition of the same tag is refused with a warning, not an error', () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => void warnings.push(message);
    try {
      class Another extends TillElement {}
      expect(() => define('till-test-flaky-view', Another)).not.to.throw();
      expect(() => define('till-test-flaky-view', FlakyViewElement)).not.to.throw();
    } finally {
      console.warn = original;
    }
    expect(customElements.get('till-test-flaky-view')).to.equal(FlakyViewElement);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('already defined');
  });
});

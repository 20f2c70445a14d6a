// The customer's side of a test authentication (the `test` processor's 3-D Secure page): open the page a
// `next_action` points at, press Complete or Fail (a form POST), read what the answer page tells its opener.
import assert from 'node:assert/strict';

/** The `redirect_to_url.url` of a 422's or a SetupIntent's `next_action`. */
export function actionUrl(nextAction: { type: string; redirect_to_url?: { url: string } } | null | undefined): string {
  assert.equal(nextAction?.type, 'redirect_to_url', JSON.stringify(nextAction));
  return nextAction.redirect_to_url!.url;
}

export interface PageResult {
  readonly status: number;
  readonly html: string;
  /** The message the page posts to its opener or parent, as its script holds it. */
  readonly message: { type: string; outcome: string; intent: string; status: string } | null;
  /** Where the page then sends the browser, if anywhere. */
  readonly next: string | null;
}

/** Presses a button of the test page at `url`, as a browser submits its form. */
export async function authenticate(url: string, outcome: 'complete' | 'fail'): Promise<PageResult> {
  const shown = await fetch(url);
  assert.equal(shown.status, 200, await shown.clone().text());
  const page = await shown.text();
  assert.match(page, new RegExp(`name="outcome" value="${outcome}"`));
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `outcome=${outcome}`,
  });
  const html = await response.text();
  const message = /var m=(\{.*?\});/.exec(html)?.[1];
  const next = /window\.location\.replace\((".*?")\)/.exec(html)?.[1];
  return {
    status: response.status,
    html,
    message: message ? JSON.parse(message) : null,
    next: next ? (JSON.parse(next) as string) : null,
  };
}

import { randomBytes } from 'node:crypto';
import { toDecimalString } from 'tillkit/core';

/**
 * The `test` processor's 3-D Secure page, as Stripe's test page is: a heading, what is being
 * authenticated, and two labelled buttons that POST `outcome=complete` or `outcome=fail` to the same URL.
 * The answer page then tells its opener or parent window (the widget shows the page in a dialog's iframe):
 *
 *   window.parent.postMessage({ type: 'tillkit:authentication', outcome: 'complete' | 'fail',
 *     intent: 'pi_…' | 'seti_…', status: '<the intent's status now>' }, '*')
 *
 * and goes on to the `return_url` when there is one, with Stripe's query parameters added
 * (`payment_intent`, `payment_intent_client_secret`, `redirect_status`; `setup_intent…` for a card saved).
 */

export interface PageAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function page(title: string, inner: string, nonce: string | null): PageAnswer {
  const script = nonce ? ` script-src 'nonce-${nonce}';` : '';
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none';${script}`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
    body:
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escape(title)}</title><style>body{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1.5rem}` +
      `main{max-width:28rem;margin:auto}button{font:inherit;padding:.6rem 1.2rem;margin:.25rem .5rem .25rem 0;cursor:pointer}` +
      `button:focus-visible{outline:3px solid #4338ca;outline-offset:2px}</style></head>` +
      `<body><main>${inner}</main></body></html>`,
  };
}

/** The challenge page: what is authenticated, Complete and Fail. */
export function challengePage(what: { amount: number | null; currency: string | null }): PageAnswer {
  const subject =
    what.amount !== null && what.currency
      ? `a payment of ${escape(toDecimalString(what.amount, what.currency.toUpperCase()))} ${escape(what.currency.toUpperCase())}`
      : 'saving your card for later payments';
  const button = (outcome: string, label: string, autofocus: boolean) =>
    `<form method="post"><input type="hidden" name="outcome" value="${outcome}">` +
    `<button type="submit"${autofocus ? ' autofocus' : ''}>${label}</button></form>`;
  return page(
    '3D Secure test authentication',
    `<h1>3D Secure test authentication</h1>` +
      `<p>This is a test page standing in for your bank's: it asks you to authenticate ${subject}. No real card is involved.</p>` +
      `<div role="group" aria-label="Authentication">${button('complete', 'Complete authentication', true)}` +
      `${button('fail', 'Fail authentication', false)}</div>`,
    null,
  );
}

/** A challenge that is no longer pending (or never was). */
export function closedPage(state: string, status = 200): PageAnswer {
  const answer = page('Authentication', `<h1>This authentication is ${escape(state)}</h1>`, null);
  return { ...answer, status };
}

/** After the customer's choice: tells the opener or parent, then goes to the return_url if any. */
export function resultPage(result: {
  outcome: 'complete' | 'fail';
  intent: string;
  status: string;
  clientSecret: string | null;
  returnUrl: string | null;
}): PageAnswer {
  const nonce = randomBytes(12).toString('base64');
  const message = {
    type: 'tillkit:authentication',
    outcome: result.outcome,
    intent: result.intent,
    status: result.status,
  };
  let next: string | null = null;
  if (result.returnUrl) {
    const url = new URL(result.returnUrl);
    const kind = result.intent.startsWith('seti_') ? 'setup_intent' : 'payment_intent';
    url.searchParams.set(kind, result.intent);
    if (result.clientSecret) url.searchParams.set(`${kind}_client_secret`, result.clientSecret);
    url.searchParams.set('redirect_status', result.outcome === 'complete' ? 'succeeded' : 'failed');
    next = url.href;
  }
  const title = result.outcome === 'complete' ? 'Authentication completed' : 'Authentication failed';
  const script =
    `<script nonce="${nonce}">(function(){var m=${JSON.stringify(message).replace(/</g, '\\u003c')};` +
    `var t=window.opener||(window.parent!==window?window.parent:null);if(t)t.postMessage(m,'*');` +
    (next ? `window.location.replace(${JSON.stringify(next).replace(/</g, '\\u003c')});` : '') +
    `})();</script>`;
  const link = next ? `<p><a href="${escape(next)}">Continue</a></p>` : '<p>You can close this window.</p>';
  return page(title, `<h1>${title}</h1><p role="status">${title}.</p>${link}${script}`, nonce);
}

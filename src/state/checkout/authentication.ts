import { isJsonObject } from '../../core/index.ts';
import type { AuthenticationOutcome } from '../../payments/provider.ts';
import type { TestAuthentication } from '../../payments/test-card-provider.ts';
import { $config } from '../config.ts';
import { update } from './store.ts';

/** The authentication shown now, and how to end it. */
let current: { readonly end: (outcome: AuthenticationOutcome) => void } | null = null;

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * Shows a bank's test page (the reference server's `/test-processor/authenticate/<id>`, from a
 * `next_action`) in the checkout's authentication dialog, and resolves with how the customer left it.
 * The page must be on the API's origin, and only a message from that origin naming this intent counts:
 *
 *   { type: 'tillkit:authentication', outcome: 'complete' | 'fail', intent: 'pi_…' | 'seti_…', status }
 *
 * Cancel (the dialog's button, or Escape) fails the page's authentication, as closing Stripe's own
 * 3-D Secure window fails it, so the payment is declined rather than left waiting: nothing is charged.
 */
export function showAuthentication({ url, intentId }: TestAuthentication): Promise<AuthenticationOutcome> {
  const api = originOf($config.get().apiUrl);
  if (!api || originOf(url) !== api) {
    console.warn('[tillkit] an authentication page that is not the API’s was not shown:', url);
    return Promise.resolve('error');
  }
  current?.end('cancel');
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      const data: unknown = event.data;
      if (event.origin !== api || !isJsonObject(data) || data.type !== 'tillkit:authentication') return;
      if (data.intent !== intentId) return;
      me.end(data.outcome === 'complete' ? 'complete' : 'fail');
    };
    const me = {
      end(outcome: AuthenticationOutcome) {
        if (current !== me) return;
        current = null;
        removeEventListener('message', onMessage);
        update({ authentication: null });
        if (outcome !== 'cancel') return resolve(outcome);
        // The page's own Fail: what the bank's side records when its window is closed.
        const body = new URLSearchParams({ outcome: 'fail' });
        void ($config.get().fetch ?? fetch)(url, { method: 'POST', body, mode: 'no-cors' })
          .catch(() => undefined)
          .then(() => resolve('cancel'));
      },
    };
    current = me;
    addEventListener('message', onMessage);
    update({ authentication: { url, intentId } });
  });
}

/** The customer closes the authentication dialog (Cancel, or Escape) without authenticating. */
export function cancelAuthentication(): void {
  current?.end('cancel');
}

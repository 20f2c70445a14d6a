import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { TestProcessor } from '../payments/test-processor.ts';
import { challengePage, closedPage, resultPage, type PageAnswer } from '../payments/test-page.ts';

/**
 * `GET` and `POST /test-processor/authenticate/:id`: the `test` processor's 3-D Secure page (a browser
 * opens it from a `next_action`, so no API key). 404 with any other processor.
 */
export function testAuthenticationRoutes({ processor }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const answer = (
    c: { body: (body: string, status: 200, headers: Record<string, string>) => Response },
    a: PageAnswer,
  ) => c.body(a.body, a.status as 200, a.headers);

  app.get('/authenticate/:id', async (c) => {
    if (!(processor instanceof TestProcessor)) return answer(c, closedPage('unknown', 404));
    const view = await processor.challenge(c.req.param('id'));
    if (!view) return answer(c, closedPage('unknown', 404));
    if (view.challenge.status !== 'pending') return answer(c, closedPage(view.challenge.status, 410));
    return answer(c, challengePage(view));
  });

  app.post('/authenticate/:id', async (c) => {
    if (!(processor instanceof TestProcessor)) return answer(c, closedPage('unknown', 404));
    const id = c.req.param('id');
    const view = await processor.challenge(id);
    if (!view) return answer(c, closedPage('unknown', 404));
    const text = (await c.req.text()).slice(0, 1000);
    const outcome = new URLSearchParams(text).get('outcome');
    if (outcome !== 'complete' && outcome !== 'fail')
      return answer(c, closedPage('waiting for outcome=complete or fail', 400));
    const settled = await processor.authenticate(id, outcome);
    if (!settled) return answer(c, closedPage(view.challenge.status, 410));
    return answer(
      c,
      resultPage({
        outcome,
        intent: settled.id,
        status: settled.status,
        clientSecret: view.clientSecret,
        returnUrl: view.challenge.return_url,
      }),
    );
  });

  return app;
}

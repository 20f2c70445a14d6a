import { Hono } from 'hono';
import { send, type AppEnv, type Deps } from '../context.ts';
import { catalogueTags } from '../model/tags.ts';

/**
 * `GET /tags` (our addition to the contract): every tag of the catalogue's main products with its
 * count, `{ products, tags: [{ name, count }] }`, so a shop can offer a filter for each tag before it
 * has loaded the products that carry it. Like product reads, it needs only the API key.
 */
export function tagRoutes({ db }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => send(c, await catalogueTags(db, c.get('company'))));
  return app;
}

/**
 * The demo's keys. Published on purpose: the demo shop, the tests and `npm run server` in development
 * use them so that nothing needs an account. `config.ts` refuses every one of them when
 * NODE_ENV=production.
 */
export const DEMO_API_KEY = 'pk_demo_tillkit';
/**
 * The second demo company: a Bootic merchant. Its company gets the Bootic demo instead of the EUR
 * catalogue (seed/bootic.ts): the DVDs in CLP, their variant ids, and the shop 29 "Rewind Chile".
 */
export const DEMO_BOOTIC_API_KEY = 'pk_demo_bootic';
export const DEMO_BOOTIC_SHOP_ID = 29;
export const DEMO_SERVICE_KEY = 'sk_demo_tillkit_service_key';
export const DEMO_JWT_SECRET = 'tillkit-demo-jwt-secret-do-not-use-in-production';

/** The environment the demo runs with, applied under whatever the caller set. */
export const DEMO_ENV: Readonly<Record<string, string>> = {
  TILLKIT_API_KEY: `${DEMO_API_KEY},${DEMO_BOOTIC_API_KEY}`,
  TILLKIT_SERVICE_KEY: DEMO_SERVICE_KEY,
  TILLKIT_JWT_SECRET: DEMO_JWT_SECRET,
};

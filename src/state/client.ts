import { createBuiltOnClient } from '../api/builton.ts';
import type { BuiltOnClient } from '../api/types.ts';
import { clientOptions } from './catalogue-client.ts';
import { $config, type TillConfig } from './config.ts';

export { setCustomerToken } from './catalogue-client.ts';

let cached: { config: TillConfig; client: BuiltOnClient } | null = null;

/** The API client for the current configuration (made again when the configuration changes). */
export function apiClient(): BuiltOnClient {
  const config = $config.get();
  if (cached?.config !== config) {
    cached = { config, client: createBuiltOnClient(clientOptions(config)) };
  }
  return cached.client;
}

/** Asks the merchant for a JWT for this email: their `getToken`, else a POST to `tokenUrl`. */
export async function requestToken(email: string): Promise<string | null> {
  const { getToken, tokenUrl, apiKey, fetch: configuredFetch } = $config.get();
  if (getToken) return getToken({ email });
  if (!tokenUrl) return null;
  const response = await (configuredFetch ?? fetch)(tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Builton-Api-Key': apiKey },
    body: JSON.stringify({ email }),
  });
  if (!response.ok) return null;
  const body = (await response.json()) as { token?: unknown };
  return typeof body.token === 'string' ? body.token : null;
}

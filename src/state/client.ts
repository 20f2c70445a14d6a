import { createBuiltOnClient } from '../api/builton.ts';
import type { BuiltOnClient } from '../api/types.ts';
import { $config, type TillConfig } from './config.ts';

let cached: { config: TillConfig; client: BuiltOnClient } | null = null;
let token: string | null = null;

/** The customer's JWT once the checkout has one; every call after sign-in carries it. */
export const setCustomerToken = (value: string | null): void => {
  token = value;
};

/** The API client for the current configuration (made again when the configuration changes). */
export function apiClient(): BuiltOnClient {
  const config = $config.get();
  if (cached?.config !== config) {
    cached = {
      config,
      client: createBuiltOnClient({
        baseUrl: config.apiUrl,
        apiKey: config.apiKey,
        getToken: () => token,
        fetch: config.fetch ?? undefined,
      }),
    };
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

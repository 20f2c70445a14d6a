import { createCatalogueClient, type CatalogueClient } from '../api/catalogue.ts';
import type { BuiltOnClientOptions } from '../api/types.ts';
import { $config, type TillConfig } from './config.ts';

// The catalogue's client, apart from the rest of the API's (client.ts): a shop window loads this one,
// with the HTTP layer and the product's parser, and not the orders', payments' and codes' readers.

let token: string | null = null;

/** The customer's JWT once the checkout has one; every call after sign-in carries it. */
export const setCustomerToken = (value: string | null): void => {
  token = value;
};

/** The options of a client for `config`, with the customer's token as it is at each call. */
export const clientOptions = (config: TillConfig): BuiltOnClientOptions => ({
  baseUrl: config.apiUrl,
  apiKey: config.apiKey,
  getToken: () => token,
  fetch: config.fetch ?? undefined,
});

let cached: { config: TillConfig; client: CatalogueClient } | null = null;

/** The catalogue's client for the current configuration (made again when the configuration changes). */
export function catalogueClient(): CatalogueClient {
  const config = $config.get();
  if (cached?.config !== config) cached = { config, client: createCatalogueClient(clientOptions(config)) };
  return cached.client;
}

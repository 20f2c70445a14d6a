import { createBuiltOnClient } from '../../src/api/builton.ts';
import type { ApiProduct } from '../../src/api/types.ts';
import { cart } from '../../src/state/cart.ts';
import { configure } from '../../src/state/config.ts';

declare global {
  interface Window {
    /** Set by the test runner's page: the reference server started for this run. */
    TILLKIT_TEST_API: {
      url: string;
      apiKey: string;
      /** The Bootic demo company's key: its CLP catalogue and Bootic shop 29. */
      booticApiKey: string;
      serviceKey: string;
    };
  }
}

export const api = (): Window['TILLKIT_TEST_API'] => window.TILLKIT_TEST_API;

/** Points the elements at the real reference server, with its demo sign-in. */
export function useReferenceServer(overrides: Parameters<typeof configure>[0] = {}): void {
  const { url, apiKey } = api();
  configure({
    apiUrl: url,
    apiKey,
    tokenUrl: `${url}/demo/token`,
    fetch: null,
    locale: 'en-US',
    stripeKey: '',
    ...overrides,
  });
}

/** An empty, unlocked cart and no saved state. */
export function resetCart(): void {
  cart.release({ paid: false });
  cart.clear();
  localStorage.clear();
  sessionStorage.clear();
}

/** Waits until `check` passes (for states reached through real requests). */
export async function until(check: () => unknown, timeout = 8000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() - start > timeout) throw new Error(`condition not met in ${timeout} ms: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Admin requests to the reference server, for checking what the widget did. */
export async function admin<T>(path: string): Promise<T> {
  const { url, apiKey, serviceKey } = api();
  const response = await fetch(url + path, {
    headers: { 'X-Builton-Api-Key': apiKey, Authorization: `Bearer ${serviceKey}` },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

let catalogue: ApiProduct[] = [];
/** A product of the reference server's demo catalogue, by name (the catalogue read once). */
export async function film(name: string): Promise<ApiProduct> {
  if (!catalogue.length) {
    const client = createBuiltOnClient({ baseUrl: api().url, apiKey: api().apiKey });
    catalogue = [...(await client.listProducts({ size: 100 })).items];
  }
  return catalogue.find((p) => p.name === name)!;
}

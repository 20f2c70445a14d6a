// @builton/core-sdk 4.2.4 as the compatibility suites drive it against a reference server: the SDK
// signed in as two customers and as an admin, and a refused call's status and body.
import Builton from '@builton/core-sdk';
import type { TestServer } from './server.ts';

/** The SDK for `server`, with a customer's token or the service key as the bearer. */
export const sdkFor = (server: TestServer, bearerToken: string): any =>
  new Builton({ apiKey: server.apiKey, bearerToken, endpoint: server.url });

/** Alice and Bob, two customers, and an admin (the service key as bearer), with Alice's token. */
export async function sdkClients(
  server: TestServer,
): Promise<{ alice: any; bob: any; admin: any; aliceToken: string }> {
  const aliceToken = await server.userToken('alice', 'alice@example.com');
  return {
    alice: sdkFor(server, aliceToken),
    bob: sdkFor(server, await server.userToken('bob', 'bob@example.com')),
    admin: sdkFor(server, server.serviceKey),
    aliceToken,
  };
}

/** An SDK call refused: superagent's error carries the status and our JSON body. */
export async function refused(call: Promise<unknown>): Promise<{ status: number; body: any }> {
  try {
    await call;
  } catch (error: any) {
    return { status: error.status, body: error.response?.body };
  }
  throw new Error('the call succeeded');
}

/**
 * Waits for a state reached asynchronously (a report sent, a request in flight): polls `check` until
 * it is truthy, and fails naming `what` after `timeout` ms. Tests wait for conditions, never for a
 * fixed time, so a slow machine makes them slower, not wrong.
 */
export async function until(check: () => unknown, what: string, timeout = 8000): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

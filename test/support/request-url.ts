/** The URL a `fetch` was called with, in any of the forms `fetch` takes: a string, a URL or a Request. */
export const requestUrl = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

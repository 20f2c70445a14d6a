/**
 * Reading JSON that came from outside (an API answer, a saved cart, a request body): the one test for
 * "a JSON object", shared by the widget's layers and the server.
 */

/** A JSON object: not null, not an array, so its fields can be read by name. */
export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A refusal with an HTTP status. Every client mistake ends up as one of these (or as a core `TillError`,
 * which the app maps to 400), answered as JSON `{message, field, code}`; nothing a client sends
 * should reach the generic 500 handler.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: 400 | 401 | 402 | 403 | 404 | 409 | 413 | 415 | 422 | 500 | 502 | 503;
  readonly code: string;
  readonly field: string | undefined;
  /** Extra members of the JSON body (a decline's `decline_code`, for one). */
  readonly extra: Readonly<Record<string, string | null>>;

  constructor(
    status: HttpError['status'],
    code: string,
    message: string,
    field?: string,
    extra: Readonly<Record<string, string | null>> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.extra = extra;
  }
}

export const badRequest = (code: string, message: string, field?: string) => new HttpError(400, code, message, field);
export const notFound = (what: string, field?: string) => new HttpError(404, 'not-found', `${what} not found`, field);
export const conflict = (code: string, message: string, field?: string) => new HttpError(409, code, message, field);
export const forbidden = (message = 'This needs an admin (service key) token') =>
  new HttpError(403, 'forbidden', message, 'Authorization');
export const unauthorized = (code: string, message: string, field = 'Authorization') =>
  new HttpError(401, code, message, field);

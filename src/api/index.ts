export { createBuiltOnClient } from './builton.ts';
export { ApiError, isApiError, IDEMPOTENCY_IN_FLIGHT } from './http.ts';
export type * from './types.ts';

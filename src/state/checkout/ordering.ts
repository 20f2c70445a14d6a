/**
 * Placing an order in BuiltOn, picking a pending one up again after a reload or a redirect, and checking
 * a discount code: what talks to the API before the payment, fetched when the details are submitted, a
 * checkout resumes or a code is applied (see lazy.ts). The API client comes with it.
 */
export { placeBuiltOnOrder } from './builton.ts';
export { resumeOrder } from './resume-order.ts';
export { checkCoupon, removeOrderCoupon } from './coupon-check.ts';

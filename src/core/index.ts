export * from './errors.ts';
export * from './currency.ts';
export * from './decimal.ts';
export * from './money.ts';
export * from './pricing.ts';
export * from './cart.ts';
export * from './order.ts';
export * from './contact.ts';

import { randomBytes, randomInt } from 'node:crypto';

const PROCESS_RANDOM = randomBytes(5).toString('hex');
let counter = randomInt(0xffffff);

/**
 * Ids look like MongoDB ObjectIds, as in the seeds: 24 hex digits made of a 4-byte creation time in
 * seconds, 5 random bytes per process and a 3-byte counter. Opaque to clients; within one server they
 * grow in creation order, which makes them a stable tie-breaker when sorting by time.
 */
export function objectId(now = Date.now()): string {
  const time = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0')
    .slice(-8);
  counter = (counter + 1) % 0x1000000;
  return time + PROCESS_RANDOM + counter.toString(16).padStart(6, '0');
}

const OBJECT_ID = /^[0-9a-f]{24}$/;

/** Anything else can never name a stored row, so routes answer 404 without asking the database. */
export const isObjectId = (value: unknown): value is string => typeof value === 'string' && OBJECT_ID.test(value);

/** Uppercase letters and digits without the look-alikes 0/O and 1/I, for ids read over the phone. */
const HUMAN_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A 6-character human id such as `3AG7UA`. Uniqueness is the database's job (a unique index + retry). */
export function humanId(): string {
  let id = '';
  for (let i = 0; i < 6; i++) id += HUMAN_ALPHABET[randomInt(HUMAN_ALPHABET.length)];
  return id;
}

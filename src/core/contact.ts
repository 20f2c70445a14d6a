/**
 * What a customer's contact details must look like, checked in the checkout before anything is sent
 * and again by the server: one rule on both sides.
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Digits and the punctuation people write phone numbers with, at most 20 characters. */
const PHONE = /^\+?[\d\s().-]{6,20}$/;

/** The fewest digits a phone number can have. */
export const PHONE_MIN_DIGITS = 6;

/** `name@domain.tld`, without spaces; surrounding spaces are ignored. */
export const isEmail = (text: string): boolean => EMAIL.test(text.trim());

/** A phone number as typed (`+56 9 1234 5678`, `(555) 010-0199`): at least six digits, nothing else but separators. */
export function isPhoneNumber(text: string): boolean {
  const phone = text.trim();
  return PHONE.test(phone) && phone.replace(/\D/g, '').length >= PHONE_MIN_DIGITS;
}

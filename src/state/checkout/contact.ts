import { isEmail, isPhoneNumber } from '../../core/index.ts';
import { saveSession } from './session.ts';
import { $checkout, emptyContact, update, type Contact, type ContactField, type FieldErrorCode } from './store.ts';

const CONTACT: readonly ContactField[] = ['email', 'firstName', 'lastName', 'phone'];
const DELIVERY: readonly ContactField[] = ['street', 'zip', 'city', 'country'];
const BILLING: readonly ContactField[] = ['billingStreet', 'billingZip', 'billingCity', 'billingCountry'];

/**
 * Checks the contact form; an empty result means it can be sent. Without `addresses` (the Bootic
 * checkout collects them itself) only the contact is required. Email and phone follow core's rules,
 * which the server applies too.
 */
export function validateContact(
  contact: Contact,
  { addresses = true } = {},
): Partial<Record<ContactField, FieldErrorCode>> {
  const errors: Partial<Record<ContactField, FieldErrorCode>> = {};
  const required = !addresses
    ? CONTACT
    : contact.billingSame
      ? [...CONTACT, ...DELIVERY]
      : [...CONTACT, ...DELIVERY, ...BILLING];
  for (const field of required) if (!contact[field].trim()) errors[field] = 'required';
  for (const field of Object.keys(emptyContact) as ContactField[]) {
    const limit = field === 'note' ? 500 : 120;
    if (typeof contact[field] === 'string' && contact[field].length > limit) errors[field] = 'too-long';
  }
  if (!errors.email && !isEmail(contact.email)) errors.email = 'email';
  if (!errors.phone && !isPhoneNumber(contact.phone)) errors.phone = 'phone';
  return errors;
}

/** The customer typed: the fields change, their messages go until the next check, and the session keeps them. */
export function setContact(patch: Partial<Contact>): void {
  const { contact, fieldErrors } = $checkout.get();
  const cleared = { ...fieldErrors };
  for (const key of Object.keys(patch)) delete cleared[key as ContactField];
  update({ contact: { ...contact, ...patch }, fieldErrors: cleared });
  saveSession();
}

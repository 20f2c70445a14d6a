/** The customer the tests check out as (each with an email of its own), in the details form's order. */
export const DEMO_CONTACT = {
  firstName: 'John',
  lastName: 'McClane',
  phone: '+4712345678',
  street: 'Christies gate 34A',
  zip: '0557',
  city: 'Oslo',
  country: 'Norway',
} as const;

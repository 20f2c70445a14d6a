/** The details of a customer in Oslo, all but the email: the one the checkout tests fill in. */
export const CONTACT = {
  firstName: 'John',
  lastName: 'McClane',
  phone: '+4712345678',
  street: 'Christies gate 34A',
  zip: '0557',
  city: 'Oslo',
  country: 'Norway',
};

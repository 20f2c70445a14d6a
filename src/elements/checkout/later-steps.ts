/**
 * What the checkout shows after its details: the payment step with its card form (Stripe's or the test
 * card), Bootic's hand-over, the confirmation. A chunk of its own, fetched when the customer submits the
 * details (while the order is created) or when a checkout resumes past them, so a page's first render
 * of the checkout loads the details step alone.
 */
import { addStrings } from '../shared/strings.ts';
import { LATER_STEPS_STRINGS } from './later-strings.ts';

addStrings(LATER_STEPS_STRINGS);

export { AuthenticationDialog } from './authentication-dialog.ts';
export { renderBooticPayment } from './bootic-step.ts';
export { CardController } from './card-controller.ts';
export { renderConfirmation } from './confirmation-step.ts';
export { renderPayment } from './payment-step.ts';
export { laterStyles } from './later-steps.styles.ts';

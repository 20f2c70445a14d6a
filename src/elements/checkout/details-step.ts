import { html, nothing, type TemplateResult } from 'lit';
import type { OrderSummary } from '../../core/index.ts';
import type { CartLine } from '../../state/cart.ts';
import {
  checkoutBackend,
  prepareOrder,
  setContact,
  type CheckoutState,
  type Contact,
  type ContactField,
} from '../../state/checkout/index.ts';
import type { StringKey } from '../shared/strings.ts';
import type { TillCheckout } from './checkout.ts';
import type { CouponField } from './coupon-field.ts';
import { renderCartSummary } from './summary.ts';

type TextField = { name: ContactField; label: StringKey; type?: string; autocomplete: string };

const CONTACT: readonly TextField[] = [
  { name: 'email', label: 'checkout.email', type: 'email', autocomplete: 'email' },
  { name: 'firstName', label: 'checkout.firstName', autocomplete: 'given-name' },
  { name: 'lastName', label: 'checkout.lastName', autocomplete: 'family-name' },
  { name: 'phone', label: 'checkout.phone', type: 'tel', autocomplete: 'tel' },
];
const address = (prefix: '' | 'billing', section: string): readonly TextField[] => [
  { name: prefix ? 'billingStreet' : 'street', label: 'checkout.street', autocomplete: `${section} street-address` },
  { name: prefix ? 'billingZip' : 'zip', label: 'checkout.zip', autocomplete: `${section} postal-code` },
  { name: prefix ? 'billingCity' : 'city', label: 'checkout.city', autocomplete: `${section} address-level2` },
  { name: prefix ? 'billingCountry' : 'country', label: 'checkout.country', autocomplete: `${section} country-name` },
];
const DELIVERY = address('', 'shipping');
const BILLING = address('billing', 'billing');

export interface DetailsStep {
  readonly host: TillCheckout;
  readonly state: CheckoutState;
  readonly lines: readonly CartLine[];
  readonly summary: OrderSummary;
  /** The discount-code field, under the summary (where the backend takes codes). */
  readonly coupon: CouponField;
  readonly submit: (event: Event) => void;
}

/** Step 1: the contact, and the addresses where the backend asks for them, beside the cart. */
export function renderDetails({ host, state, lines, summary, coupon, submit }: DetailsStep): TemplateResult {
  const { busy } = state;
  const empty = !lines.length;
  // Bootic's own checkout asks for the addresses (and takes the payment); here only the contact.
  const backend = checkoutBackend(host.config.value);
  const next = backend.payment === 'redirect' ? 'checkout.continueBootic' : 'checkout.continue';
  return html`
      <div class="layout">
        <form part="form" novalidate @submit=${submit} @focusin=${prepareOrder}>
          <h3 class="step-heading" tabindex="-1">${host.t('checkout.step.details')}</h3>
          <fieldset>
            <legend>${host.t('checkout.contact')}</legend>
            <div class="grid">${CONTACT.map((f) => renderField(host, f, state))}</div>
          </fieldset>
          ${backend.addresses ? renderAddresses(host, state) : nothing}
          ${empty ? html`<p class="muted" role="status">${host.t('checkout.emptyCart')}</p>` : nothing}
          <button class="primary wide" type="submit" aria-disabled=${busy || empty ? 'true' : 'false'}>
            ${busy === 'order' ? host.t('checkout.placing') : host.t(next)}
          </button>
        </form>
        ${
          empty
            ? nothing
            : backend.coupons
              ? renderCartSummary(host, lines, summary, state.coupon, coupon.render(state, summary))
              : renderCartSummary(host, lines, summary)
        }
      </div>
    `;
}

function renderAddresses(host: TillCheckout, state: CheckoutState) {
  const { contact } = state;
  return html`
          <fieldset>
            <legend>${host.t('checkout.delivery')}</legend>
            <div class="grid">${DELIVERY.map((f) => renderField(host, f, state))}</div>
          </fieldset>
          <label class="check">
            <input type="checkbox" .checked=${contact.billingSame} @change=${(e: Event) => setContact({ billingSame: (e.target as HTMLInputElement).checked })} />
            ${host.t('checkout.billingSame')}
          </label>
          ${
            contact.billingSame
              ? nothing
              : html`<fieldset>
                <legend>${host.t('checkout.billing')}</legend>
                <div class="grid">${BILLING.map((f) => renderField(host, f, state))}</div>
              </fieldset>`
          }
          <div class="field">
            <label for="note">${host.t('checkout.note')}</label>
            <textarea id="note" rows="2" maxlength="500" .value=${contact.note} @input=${(e: Event) => setContact({ note: (e.target as HTMLTextAreaElement).value })}></textarea>
          </div>`;
}

function renderField(host: TillCheckout, field: TextField, { contact, fieldErrors }: CheckoutState) {
  const error = fieldErrors[field.name];
  const label = host.t(field.label);
  const input = (e: Event): void => {
    const patch: Partial<Contact> = { [field.name]: (e.target as HTMLInputElement).value };
    setContact(patch);
  };
  return html`<div class="field">
      <label for=${field.name}>${label}</label>
      <input
        id=${field.name}
        name=${field.name}
        type=${field.type ?? 'text'}
        autocomplete=${field.autocomplete}
        required
        maxlength="120"
        .value=${contact[field.name]}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${field.name}-error` : nothing}
        @input=${input}
      />
      ${error ? html`<p id="${field.name}-error" class="error">${typeof error === 'string' ? host.t(`error.${error}`, { field: inSentence(host, label) }) : error.message}</p>` : nothing}
    </div>`;
}

/** A field's label inside a sentence ("Please fill in first name"): lower case, except for German nouns. */
const inSentence = (host: TillCheckout, label: string): string =>
  host.resolved.language === 'de' ? label : label.toLocaleLowerCase(host.activeLocale);

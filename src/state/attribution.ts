import { captureAttribution, storedAttribution } from '../attribution/button.ts';
import { localStore } from './storage.ts';

let landing: string | null | undefined;

/** Captures `btn_ref` from this page's URL once; every element calls it when it connects. */
export function captureLanding(): void {
  if (landing !== undefined || typeof location === 'undefined') return;
  landing = captureAttribution(location.href, localStore());
}

/** The attribution token to send with an order: this page's own, else a kept one still valid. */
export function currentAttribution(): string | null {
  captureLanding();
  return landing ?? storedAttribution(localStore());
}

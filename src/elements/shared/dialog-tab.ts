/**
 * Keeps Tab inside a modal dialog: Tab from its last control goes round to the first, Shift+Tab from
 * its start (`atStart`: the first control, or whatever the dialog counts as before it) to the last.
 * Anything else is left to the browser. For a `keydown` listener on the dialog, in a shadow root.
 */
export function wrapTab(
  event: KeyboardEvent,
  first: HTMLElement | undefined,
  last: HTMLElement | undefined,
  atStart: (active: Element | null) => boolean,
): void {
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget as HTMLElement;
  const active = (dialog.getRootNode() as ShadowRoot).activeElement;
  const to = event.shiftKey ? (atStart(active) ? last : null) : active === last ? first : null;
  if (to) {
    event.preventDefault();
    to.focus();
  }
}

/**
 * Registers `tag` unless it is taken: a second copy of Tillkit on a page (two script tags, or a
 * bundle plus the CDN build) then leaves the first in place instead of throwing.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return; // server-side rendering: nothing to register
  const existing = registry.get(tag);
  if (!existing) registry.define(tag, element);
  else if (existing !== element)
    console.warn(`[tillkit] <${tag}> is already defined by another copy of Tillkit; keeping that one.`);
}

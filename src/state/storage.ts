/**
 * The page's Web Storage, reached safely. Touching `localStorage` or `sessionStorage` throws in some
 * privacy modes and sandboxed frames, and neither exists in Node (server-side rendering): each reads as
 * `null` then, and its caller keeps working in memory.
 */

/** What the state layer needs of a storage; tests pass their own (one that throws, another tab's). */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** This origin's `localStorage`, or null when missing or refused. */
export const localStore = (): StorageLike | null => guarded('localStorage');

/** This tab's `sessionStorage`, or null when missing or refused. */
export const sessionStore = (): StorageLike | null => guarded('sessionStorage');

function guarded(name: 'localStorage' | 'sessionStorage'): StorageLike | null {
  try {
    return globalThis[name] ?? null; // undefined in Node
  } catch {
    return null; // its getter throws a SecurityError where storage is refused
  }
}

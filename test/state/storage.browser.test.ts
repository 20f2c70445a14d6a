import { expect } from '@open-wc/testing';
import { localStore, sessionStore } from '../../src/state/storage.ts';

/** What `read` returns while reading `window[name]` throws, as in a privacy mode or a sandboxed frame. */
function refused<T>(name: 'localStorage' | 'sessionStorage', read: () => T): T {
  const own = Object.getOwnPropertyDescriptor(window, name);
  Object.defineProperty(window, name, {
    configurable: true,
    get: () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    },
  });
  try {
    return read();
  } finally {
    if (own) Object.defineProperty(window, name, own);
    else delete (window as unknown as Record<string, unknown>)[name];
  }
}

describe('guarded storage access', () => {
  it("hands out the page's own localStorage and sessionStorage", () => {
    expect(localStore()).to.equal(localStorage);
    expect(sessionStore()).to.equal(sessionStorage);
  });

  it('reads as null where touching the storage throws', () => {
    expect(refused('localStorage', localStore)).to.equal(null);
    expect(refused('sessionStorage', sessionStore)).to.equal(null);
    expect(localStore()).to.equal(localStorage);
  });
});

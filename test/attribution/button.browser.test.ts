import { expect } from '@open-wc/testing';
import {
  ATTRIBUTION_KEY,
  ATTRIBUTION_TTL,
  captureAttribution,
  storedAttribution,
} from '../../src/attribution/button.ts';

const DAY = 24 * 60 * 60 * 1000;
const landing = (query: string) => `https://shop.example/dvds?${query}`;

describe('Button attribution (btn_ref) in real localStorage', () => {
  beforeEach(() => localStorage.clear());

  it('keeps the btn_ref of a landing URL first-party, with an expiry', () => {
    const now = Date.UTC(2026, 10, 1);
    expect(captureAttribution(landing('btn_ref=fakesrctok-abcdef0123456789&utm=x'), localStorage, now)).to.equal(
      'fakesrctok-abcdef0123456789',
    );
    const saved = JSON.parse(localStorage.getItem(ATTRIBUTION_KEY)!);
    expect(saved).to.deep.equal({ token: 'fakesrctok-abcdef0123456789', expires: now + ATTRIBUTION_TTL });
    expect(storedAttribution(localStorage, now + 29 * DAY)).to.equal('fakesrctok-abcdef0123456789');
  });

  it('forgets it after the attribution window', () => {
    const now = Date.UTC(2026, 10, 1);
    captureAttribution(landing('btn_ref=srctok-1'), localStorage, now);
    expect(storedAttribution(localStorage, now + ATTRIBUTION_TTL + 1)).to.equal(null);
    expect(localStorage.getItem(ATTRIBUTION_KEY)).to.equal(null);
  });

  it('lets a newer token replace an older one, and a page without one keeps it', () => {
    const now = Date.UTC(2026, 10, 1);
    captureAttribution(landing('btn_ref=srctok-old'), localStorage, now);
    expect(captureAttribution(landing('page=2'), localStorage, now + DAY)).to.equal(null);
    expect(storedAttribution(localStorage, now + DAY)).to.equal('srctok-old');
    captureAttribution(landing('btn_ref=srctok-new'), localStorage, now + 2 * DAY);
    expect(storedAttribution(localStorage, now + 2 * DAY)).to.equal('srctok-new');
    // the newer landing starts a new window
    expect(storedAttribution(localStorage, now + 2 * DAY + ATTRIBUTION_TTL - 1)).to.equal('srctok-new');
  });

  it('refuses what is not a URL-safe token of at most 255 characters', () => {
    for (const bad of ['', '<script>', 'a b', 'x'.repeat(256), 'tok%22']) {
      expect(captureAttribution(landing(`btn_ref=${encodeURIComponent(bad)}`), localStorage), bad).to.equal(null);
    }
    expect(localStorage.getItem(ATTRIBUTION_KEY)).to.equal(null);
  });

  it('survives unreadable saved data and a storage that throws', () => {
    localStorage.setItem(ATTRIBUTION_KEY, '{not json');
    expect(storedAttribution(localStorage)).to.equal(null);
    const throwing = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => undefined,
    };
    expect(captureAttribution(landing('btn_ref=srctok-1'), throwing)).to.equal('srctok-1');
    expect(storedAttribution(throwing)).to.equal(null);
  });
});

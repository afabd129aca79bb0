import { describe, expect, it } from 'vitest';
import { ACTIONS, DEFAULT_PINS, isPinnedRef, parsePinOverride, resolvePins, usesLine } from '../../src/classroom/pins.ts';

describe('action pins', () => {
  it('accepts full versions and commit SHAs, refuses moving tags and branches', () => {
    for (const ok of ['v5.0.0', '1.14.0', 'd13b5912daf5042ac1b71bc38bdb4a6bcd61d8ca']) expect(isPinnedRef(ok)).toBe(true);
    for (const bad of ['v1', 'v4.2', 'main', 'releases/v1', 'd13b5912', 'D13B5912DAF5042AC1B71BC38BDB4A6BCD61D8CA']) expect(isPinnedRef(bad)).toBe(false);
  });

  it('pins every default action', () => {
    for (const key of Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]) expect(isPinnedRef(DEFAULT_PINS[key].ref), key).toBe(true);
  });

  it('parses overrides and says why a bad one is refused', () => {
    expect(parsePinOverride('actions/checkout@v5.0.1')).toEqual({ key: 'checkout', pin: { ref: 'v5.0.1' } });
    expect(parsePinOverride('Actions/Checkout@v5.0.1')).toEqual({ key: 'checkout', pin: { ref: 'v5.0.1' } });
    expect(parsePinOverride('actions/checkout')).toEqual({ error: 'form' });
    expect(parsePinOverride('actions/cache@v4.2.0')).toEqual({ error: 'unknown' });
    expect(parsePinOverride('actions/checkout@v5')).toEqual({ error: 'unpinned' });
  });

  it('applies overrides by action name and writes the release of a SHA as a comment', () => {
    const pins = resolvePins({ 'helm/kind-action': 'v1.15.0' });
    expect(usesLine('kind', pins)).toBe('helm/kind-action@v1.15.0');
    expect(usesLine('checkout', pins)).toBe(`actions/checkout@${DEFAULT_PINS.checkout.ref}`);
    expect(usesLine('reporter', pins)).toMatch(/^classroom-resources\/autograding-grading-reporter@[0-9a-f]{40} # /);
  });
});

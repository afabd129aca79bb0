/** Resource quantities as the binder compares them. */
import { describe, it, expect } from 'vitest';
import { parseQuantity, quantityAtLeast } from '../../src/model/quantity.ts';

describe('quantities', () => {
  it('parses binary, decimal, milli and exponent forms', () => {
    expect(parseQuantity('1Gi')).toBe(2 ** 30);
    expect(parseQuantity('500Mi')).toBe(500 * 2 ** 20);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(parseQuantity('100m')).toBeCloseTo(0.1);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('10')).toBe(10);
    expect(parseQuantity('1 Gi')).toBeUndefined();
    expect(parseQuantity('1GB')).toBeUndefined();
  });
  it('1Gi is more than 1G, and 1000Mi is less than 1Gi', () => {
    expect(quantityAtLeast('1Gi', '1G')).toBe(true);
    expect(quantityAtLeast('1000Mi', '1Gi')).toBe(false);
  });
});

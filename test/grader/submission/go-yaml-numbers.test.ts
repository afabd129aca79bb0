import { describe, expect, it } from 'vitest';
import { goYamlNumber } from '../../../src/grader/submission/go-yaml-numbers.ts';

/**
 * What go-yaml v2's resolve() (sigs.k8s.io/yaml, so kubectl) makes of plain scalars, worked out
 * from its rules: the first character picks the branch, `_` is dropped before strconv.ParseInt(s,
 * 0, 64) / ParseUint / yamlStyleFloat. A string here means kubectl sends the text as a string.
 */
const KUBECTL: [string, number | string][] = [
  // Not numbers: the first character is a letter, or the text is not a whole number.
  ['E1', 'E1'], ['e5', 'e5'], ['e2', 'e2'], ['E', 'E'], ['Inf', 'Inf'], ['NaN', 'NaN'], ['infinity', 'infinity'],
  ['+e5', '+e5'], ['-E1', '-E1'], ['.e5', '.e5'], ['.', '.'], ['+.', '+.'], ['-', '-'], ['._5', '._5'], ['.5_', '.5_'],
  ['0x', '0x'], ['0b', '0b'], ['0o', '0o'], ['0b12', '0b12'], ['0o18', '0o18'], ['0xG', '0xG'], ['1e', '1e'], ['1e+', '1e+'],
  ['1.2.3', '1.2.3'], ['1:30', '1:30'], ['2001-12-14', '2001-12-14'], ['50cent_of_dollar', '50cent_of_dollar'], ['-b_c', '-b_c'],
  ['_1', '_1'], ['0x1.8p1', '0x1.8p1'], ['.iNf', '.iNf'], ['1e400', '1e400'], ['.1e400', '.1e400'],
  ['0x10000000000000000', '0x10000000000000000'], ['-0x8000000000000001', '-0x8000000000000001'],
  // Integers: decimal, sign, `_`, and every base prefix strconv knows (any case).
  ['0', 0], ['-0', 0], ['+1', 1], ['-1', -1], ['1_000', 1000], ['+_1', 1], ['1__0', 10], ['1_', 1],
  ['0644', 420], ['0_644', 420], ['-0644', -420], ['00', 0], ['0o17', 15], ['0O17', 15], ['0x1F', 31], ['0X1F', 31],
  ['0x_1F', 31], ['-0x1F', -31], ['+0x1F', 31], ['0b101', 5], ['0B11', 3], ['0b_1', 1], ['0_x1F', 31],
  ['9223372036854775807', 9223372036854775807], ['18446744073709551615', 18446744073709551615], ['0xFFFFFFFFFFFFFFFF', 18446744073709551615],
  // Floats: yamlStyleFloat after `_` is dropped, or ParseFloat for a leading dot.
  ['09', 9], ['08.5', 8.5], ['1e5', 100000], ['1E5', 100000], ['1.5e3', 1500], ['1.e5', 100000], ['1.', 1], ['-.5', -0.5], ['+1.5', 1.5],
  ['1_e5', 100000], ['1e_5', 100000], ['1_000.5', 1000.5], ['.5', 0.5], ['.5e3', 500], ['.5E-1', 0.05], ['.5_5', 0.55],
  ['18446744073709551616', 18446744073709551616], ['-9223372036854775809', -9223372036854775809],
  ['.inf', Infinity], ['.Inf', Infinity], ['.INF', Infinity], ['+.inf', Infinity], ['-.Inf', -Infinity], ['-.INF', -Infinity],
];

describe('goYamlNumber', () => {
  it.each(KUBECTL)('%s', (text, want) => {
    const got = goYamlNumber(text);
    if (typeof want === 'string') expect(got).toBeUndefined();
    else expect(got?.value).toBe(want);
  });

  it('reads .nan as NaN and tells ints from floats', () => {
    expect(Number.isNaN(goYamlNumber('.nan')?.value)).toBe(true);
    expect(goYamlNumber('.NaN')?.tag).toBe('float');
    expect(goYamlNumber('.Nan')).toBeUndefined();
    expect(goYamlNumber('0x1F')?.tag).toBe('int');
    expect(goYamlNumber('1e3')?.tag).toBe('float');
    expect(goYamlNumber('18446744073709551615')?.tag).toBe('int');
    expect(goYamlNumber('18446744073709551616')?.tag).toBe('float');
  });
});

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { YAML_OPTIONS } from '../../../src/grader/submission/yaml-options.ts';

const read = (text: string): unknown => parse(text, YAML_OPTIONS);

describe('YAML_OPTIONS: scalars typed as kubectl types them', () => {
  it('keeps E1-like names strings (an env var named E1 is not NaN)', () => {
    expect(read('env:\n- name: E1\n- name: e5\n- name: +e5\n- name: .e5\n- name: .\n')).toEqual({ env: [{ name: 'E1' }, { name: 'e5' }, { name: '+e5' }, { name: '.e5' }, { name: '.' }] });
    expect(read('E1: a\ne2: b\n')).toEqual({ E1: 'a', e2: 'b' });
  });

  it('reads the numbers go-yaml reads, with the same values', () => {
    expect(read('a: 0o17\nb: 0X1F\nc: 0B11\nd: 0644\ne: 1_000\nf: +1\ng: 1e3\nh: .5\ni: 0x1F\n')).toEqual({ a: 15, b: 31, c: 3, d: 420, e: 1000, f: 1, g: 1000, h: 0.5, i: 31 });
    const inf = read('a: .inf\nb: -.Inf\nc: .nan\n') as Record<string, number>;
    expect(inf.a).toBe(Infinity);
    expect(inf.b).toBe(-Infinity);
    expect(Number.isNaN(inf.c)).toBe(true);
  });

  it('keeps quoted text, explicit tags, booleans, nulls, timestamps and sexagesimals as before', () => {
    expect(read('a: "0x1F"\nb: !!str 12\nc: !!float 1\nd: !!int 0x10\n')).toEqual({ a: '0x1F', b: '12', c: 1, d: 16 });
    expect(read('a: y\nb: No\nc: on\nd: OFF\ne: ~\nf: Null\n')).toEqual({ a: true, b: false, c: true, d: false, e: null, f: null });
    expect(read('a: 2001-12-14\nb: 2024-01-01T00:00:00Z\nc: 1:30\nd: 190:20:30.15\n')).toEqual({ a: '2001-12-14', b: '2024-01-01T00:00:00Z', c: '1:30', d: '190:20:30.15' });
  });

  it('still merges << keys, and reads the key y as true like YAML 1.1', () => {
    expect(read('base: &b {x: 1}\nout:\n  <<: *b\n  z: 2\n')).toEqual({ base: { x: 1 }, out: { x: 1, z: 2 } });
    // YAML 1.1 (and go-yaml) read the key y as the boolean true.
    expect(read('y: 1\n')).toEqual({ true: 1 });
  });
});

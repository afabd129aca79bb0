import { describe, it, expect } from 'vitest';
import { displayFile, exerciseNumber, formatDuration, truncate } from '../../../src/grader/report/format.ts';

describe('format helpers', () => {
  it('shows submission files relative to cwd, whichever way the position names them', () => {
    const dir = '/c/exercises/lesson-3';
    expect(displayFile('pod.yaml', dir, '/c')).toBe('exercises/lesson-3/pod.yaml');
    expect(displayFile('exercises/lesson-3/pod.yaml', dir, '/c')).toBe('exercises/lesson-3/pod.yaml');
    expect(displayFile('/c/exercises/lesson-3/sub/pod.yaml', dir, '/c')).toBe('exercises/lesson-3/sub/pod.yaml');
    expect(displayFile('pod.yaml', '/elsewhere/x', '/c')).toBe('/elsewhere/x/pod.yaml');
    expect(displayFile(dir, dir, '/c')).toBe('exercises/lesson-3');
  });

  it('formats durations, truncates by characters, reads exercise numbers', () => {
    expect([formatDuration(850), formatDuration(3210), formatDuration(125_000), formatDuration(-1)]).toEqual(['850 ms', '3.2 s', '2 min 5 s', '0 ms']);
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('持久卷申领', 3)).toBe('持久…');
    expect(truncate('abc', 3)).toBe('abc');
    expect([exerciseNumber('lesson-12'), exerciseNumber('x')]).toEqual([12, 0]);
  });
});

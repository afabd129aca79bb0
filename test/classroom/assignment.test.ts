import { describe, expect, it } from 'vitest';
import { githubSource, parseAssignment, renderAssignment, runnerId, type Assignment } from '../../src/classroom/assignment.ts';

const base: Assignment = {
  schemaVersion: 1,
  course: { repository: 'school/k8s-storage-course', ref: 'v1.0.0', source: githubSource('school/k8s-storage-course') },
  lessons: ['lesson-1', 'lesson-3'],
  gradeLang: 'zh-cn',
  node: '22',
  pins: {},
};

describe('assignment.json', () => {
  it('round-trips, byte-stable with sorted keys and a trailing newline', () => {
    const text = renderAssignment(base);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseAssignment(text)).toEqual(base);
    expect(renderAssignment(parseAssignment(text))).toBe(text);
    expect(Object.keys(JSON.parse(text))).toEqual(['course', 'gradeLang', 'lessons', 'node', 'pins', 'schemaVersion']);
  });

  it('says what is wrong with a broken file', () => {
    expect(() => parseAssignment('{')).toThrow(/not JSON/);
    expect(() => parseAssignment(JSON.stringify({ ...base, lessons: ['3'] }))).toThrow(/lessons\.0/);
    expect(() => parseAssignment(JSON.stringify({ ...base, extra: 1 }))).toThrow();
    expect(() => parseAssignment(JSON.stringify({ ...base, course: { ...base.course, repository: 'no-slash' } }))).toThrow(/course\.repository/);
  });

  it('makes reporter runner ids of letters and digits only', () => {
    expect(runnerId('lesson-3')).toBe('lesson3');
    expect(runnerId('lesson-12')).toBe('lesson12');
  });
});

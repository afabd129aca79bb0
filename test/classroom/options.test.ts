import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/usage-error.ts';
import { classroomHelp, OPTIONS, parseClassroomArgs } from '../../src/classroom/options.ts';

const env = { LANG: 'en_US.UTF-8' };
const usage = (argv: string[]) => {
  try {
    parseClassroomArgs(argv, env);
  } catch (err) {
    if (err instanceof UsageError) return err.reason;
    throw err;
  }
  throw new Error('expected a usage error');
};

describe('classroom arguments', () => {
  it('generates by default, with defaults for what was not given', () => {
    expect(parseClassroomArgs(['--out', 'x'], env)).toEqual({ command: 'generate', lang: 'en', out: 'x', lessons: undefined, courseRepo: undefined, courseRef: undefined, courseSource: undefined, gradeLang: 'en', pins: [], force: false });
  });

  it('reads every generate option, repeated pins and comma lists', () => {
    const r = parseClassroomArgs(
      ['--out', 'x', '--lessons', '1, lesson-3', '--course-repo', 'a/b', '--course-ref', 'v1.0.0', '--course-source', '../c', '--grade-lang', 'zh-cn', '--pin', 'actions/checkout@v5.0.1', '--pin', 'helm/kind-action@v1.15.0', '--force', '--lang', 'zh-cn'],
      env,
    );
    expect(r).toMatchObject({ command: 'generate', lang: 'zh-cn', lessons: ['1', 'lesson-3'], courseRepo: 'a/b', courseRef: 'v1.0.0', courseSource: '../c', gradeLang: 'zh-cn', pins: ['actions/checkout@v5.0.1', 'helm/kind-action@v1.15.0'], force: true });
  });

  it('parses verify and result', () => {
    expect(parseClassroomArgs(['verify', '--repo', '.', '--out', 'i.json'], env)).toEqual({ command: 'verify', lang: 'en', repo: '.', expect: undefined, out: 'i.json' });
    expect(parseClassroomArgs(['result', '--lessons', 'lesson-1,lesson-2', '--reports', 'r', '--integrity', 'i.json', '--backend', 'kind'], env)).toEqual({
      command: 'result',
      lang: 'en',
      lessons: ['lesson-1', 'lesson-2'],
      reports: 'r',
      integrity: 'i.json',
      backend: 'kind',
    });
  });

  it('explains every usage mistake in both languages', () => {
    for (const argv of [[], ['--out'], ['--out', 'x', '--bogus'], ['publish'], ['verify'], ['result', '--reports', 'r'], ['result', '--lessons', 'lesson-1'], ['--out', 'x', '--grade-lang', 'fr'], ['--out', 'x', 'extra']]) {
      const reason = usage(argv);
      expect(reason.en.length, argv.join(' ')).toBeGreaterThan(5);
      expect(reason['zh-cn'], argv.join(' ')).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(usage([]).en).toContain('--out');
    expect(usage(['publish']).en).toContain('generate, verify or result');
  });

  it('prints both languages when --lang itself is wrong', () => {
    expect(() => parseClassroomArgs(['--lang', 'fr'], env)).toThrow(UsageError);
    try {
      parseClassroomArgs(['--lang', 'fr'], env);
    } catch (err) {
      expect((err as UsageError).bothLanguages).toBe(true);
    }
  });

  it('has help for each command in both languages, listing every option', () => {
    for (const command of ['generate', 'verify', 'result'] as const) {
      expect(parseClassroomArgs(command === 'generate' ? ['--help'] : [command, '-h'], env)).toEqual({ command: 'help', of: command, lang: 'en' });
      for (const lang of ['en', 'zh-cn'] as const) {
        const text = classroomHelp(command, lang);
        for (const o of OPTIONS[command]) {
          expect(text).toContain(o.flags);
          expect(text).toContain(o.description[lang]);
        }
      }
    }
  });
});

/** The error every exercise.yaml problem is reported as: the file, and each issue with its line. */
import type { Lang, Localized } from '../../i18n/lang.ts';
import type { ExerciseIssue } from './issues.ts';

const HEADER: Localized = { en: 'Invalid {file}:', 'zh-cn': '{file} 有误：' };

/** One or more problems in one exercise.yaml. `message` is the English rendering. */
export class ExerciseFileError extends Error {
  constructor(
    /** The file as shown to the author, e.g. "lessons/03-nfs/exercise.yaml". */
    readonly file: string,
    readonly issues: ExerciseIssue[],
  ) {
    super(explainExerciseIssues(file, issues, 'en'));
    this.name = 'ExerciseFileError';
  }

  /** The whole error in both languages, one issue per line. */
  get localized(): Localized {
    return { en: explainExerciseIssues(this.file, this.issues, 'en'), 'zh-cn': explainExerciseIssues(this.file, this.issues, 'zh-cn') };
  }
}

/** Renders issues as "Invalid <file>:" followed by "  <file>:<line>:<col> <message>" lines. */
export function explainExerciseIssues(file: string, issues: ExerciseIssue[], lang: Lang): string {
  const lines = issues.map((i) => {
    const where = i.line === undefined ? file : `${file}:${i.line}:${i.col ?? 1}`;
    return `  ${where} ${i.message[lang]}`;
  });
  return [HEADER[lang].replace('{file}', file), ...lines].join('\n');
}

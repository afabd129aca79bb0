/**
 * Reads and checks lessons/<NN-slug>/exercise.yaml: YAML syntax, the zod schema, then the rules
 * that need the lesson folder (id matches the folder number, every listed starter file exists).
 * Every problem becomes one ExerciseFileError naming the file and the line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { LESSON_DIR_PATTERN } from '../../site/lessons.ts';
import { ExerciseFileError } from './errors.ts';
import { issueMessage, positionOf, formatPath, type ExerciseIssue } from './issues.ts';
import { ExerciseSchema, type Exercise } from './schema.ts';

/** What parseExercise may check beyond the schema. */
export interface ExerciseContext {
  /** The file as shown in messages. */
  file: string;
  /** The lesson folder's number (03-nfs -> 3): id must be lesson-<number>. */
  folderNumber?: number;
  /** Names of the files in starter/, or null when there is no starter/ folder. Omit to skip the check. */
  starterFiles?: string[] | null;
}

/** Parses exercise.yaml text; throws ExerciseFileError listing every problem with its line. */
export function parseExercise(text: string, ctx: ExerciseContext): Exercise {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ExerciseFileError(
      ctx.file,
      doc.errors.map((e) => ({
        path: '',
        line: e.linePos?.[0].line,
        col: e.linePos?.[0].col,
        message: { en: `YAML syntax: ${e.message.split('\n')[0]}`, 'zh-cn': `YAML 语法错误：${e.message.split('\n')[0]}` },
      })),
    );
  }
  const data: unknown = doc.toJS();
  const parsed = ExerciseSchema.safeParse(data);
  const issues: ExerciseIssue[] = [];
  const at = (path: readonly PropertyKey[], key?: string) => positionOf(doc, lines, path, key);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      issues.push({ path: formatPath(issue.path), message: issueMessage(issue, data), ...at(issue.path, key) });
    }
    throw new ExerciseFileError(ctx.file, issues);
  }
  const ex = parsed.data;
  if (ctx.folderNumber !== undefined && ex.id !== `lesson-${ctx.folderNumber}`) {
    const want = `lesson-${ctx.folderNumber}`;
    issues.push({
      path: 'id',
      ...at(['id']),
      message: {
        en: `id is "${ex.id}" but the folder is number ${ctx.folderNumber}; write \`id: ${want}\``,
        'zh-cn': `id 是“${ex.id}”，但目录编号是 ${ctx.folderNumber}；请写 \`id: ${want}\``,
      },
    });
  }
  if (ctx.starterFiles === null) {
    issues.push({
      path: 'files',
      ...at(['files']),
      message: { en: 'the lesson has no starter/ folder; create it with the files listed here', 'zh-cn': '这一课没有 starter/ 目录；请创建它，并放入这里列出的文件' },
    });
  } else if (ctx.starterFiles) {
    const present = ctx.starterFiles;
    ex.files.forEach((file, i) => {
      if (present.includes(file)) return;
      issues.push({
        path: `files[${i}]`,
        ...at(['files', i]),
        message: {
          en: `starter/${file} does not exist; add it or fix the name (starter/ has: ${present.join(', ') || 'nothing'})`,
          'zh-cn': `starter/${file} 不存在；请添加该文件或改正文件名（starter/ 里有：${present.join(', ') || '无'}）`,
        },
      });
    });
  }
  if (issues.length > 0) throw new ExerciseFileError(ctx.file, issues);
  return ex;
}

/**
 * Loads <lessonDir>/exercise.yaml with every check (folder number from the folder name, starter
 * files from starter/). `displayRoot` makes the file name in messages relative (default: cwd).
 */
export function loadExerciseFile(lessonDir: string, displayRoot: string = process.cwd()): Exercise {
  const path = join(lessonDir, 'exercise.yaml');
  const file = relative(displayRoot, path) || path;
  if (!existsSync(path)) {
    throw new ExerciseFileError(file, [
      { path: '', message: { en: 'the file is missing; every lesson folder needs an exercise.yaml', 'zh-cn': '文件不存在；每个课程目录都需要一个 exercise.yaml' } },
    ]);
  }
  const match = LESSON_DIR_PATTERN.exec(basename(lessonDir));
  const starterDir = join(lessonDir, 'starter');
  const starterFiles = existsSync(starterDir)
    ? readdirSync(starterDir, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name).sort()
    : null;
  return parseExercise(readFileSync(path, 'utf8'), {
    file,
    folderNumber: match ? Number(match[1]) : undefined,
    starterFiles,
  });
}

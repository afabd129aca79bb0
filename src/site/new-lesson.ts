/**
 * `npm run new-lesson <slug>`: scaffolds lessons/<NN-slug>/ with the next free number and the
 * course's fixed skeleton (both languages, the same anchors and code blocks, an exercise.yaml that
 * passes the schema, starter/solution/mistakes, a placeholder diagram and manifest) plus
 * graders/<NN-slug>.ts. Every place an author still has to fill carries the marker
 * TODO(new-lesson), which test/lessons/complete.test.ts reports until it is gone.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Localized } from '../i18n/lang.ts';
import { listLessonFolders } from './lessons.ts';

/** The marker that makes a scaffolded place visible to test/lessons/complete.test.ts. */
export const TODO_MARKER = 'TODO(new-lesson)';

/** A slug the generator accepts: lower-case words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The generator refused: the message says why in both languages. */
export class NewLessonError extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
    this.name = 'NewLessonError';
  }
}

/** What createLesson made. */
export interface CreatedLesson {
  folder: string;
  number: number;
  /** Paths relative to root, in creation order. */
  files: string[];
}

/** Checks a slug and works out the next lesson folder; throws NewLessonError when it may not be made. */
export function planLesson(root: string, slug: string): { folder: string; number: number } {
  const s = slug.trim();
  if (!SLUG_PATTERN.test(s) || s.length > 40) {
    throw new NewLessonError({
      en: `"${slug}" is not a valid lesson slug: use lower-case letters, digits and single hyphens, starting with a letter, at most 40 characters (e.g. "volume-snapshots"). The number is added for you.`,
      'zh-cn': `“${slug}”不是合法的课程标识：只能用小写字母、数字和单个连字符，以字母开头，最多 40 个字符（例如 “volume-snapshots”）。编号会自动加上。`,
    });
  }
  const lessons = listLessonFolders(root);
  const same = lessons.find((l) => l.slug === s);
  if (same) {
    throw new NewLessonError({
      en: `A lesson with the slug "${s}" already exists: lessons/${same.folder}/. Pick another slug or edit that lesson.`,
      'zh-cn': `标识为“${s}”的课程已经存在：lessons/${same.folder}/。请换一个标识，或直接编辑那一课。`,
    });
  }
  const number = lessons.reduce((max, l) => Math.max(max, l.number), 0) + 1;
  if (number > 99) throw new NewLessonError({ en: 'There are already 99 lessons; folder numbers have two digits.', 'zh-cn': '已经有 99 课了；目录编号只有两位数。' });
  const folder = `${String(number).padStart(2, '0')}-${s}`;
  for (const path of [join('lessons', folder), join('graders', `${folder}.ts`)]) {
    if (existsSync(join(root, path))) {
      throw new NewLessonError({ en: `${path} already exists; the generator never overwrites files.`, 'zh-cn': `${path} 已经存在；生成器不会覆盖任何文件。` });
    }
  }
  return { folder, number };
}

/** Creates the lesson folder and its grader under root; throws NewLessonError before writing anything if refused. */
export function createLesson(root: string, slug: string): CreatedLesson {
  const { folder, number } = planLesson(root, slug);
  const files = scaffoldFiles(folder, number, slug.trim());
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text, { flag: 'wx' });
  }
  return { folder, number, files: Object.keys(files) };
}

/** The command line: `new-lesson <slug>`. Prints what it made (or why not, in both languages); returns the exit code. */
export function newLessonMain(args: string[], root: string, out: (line: string) => void, err: (line: string) => void): number {
  const slugs = args.filter((a) => !a.startsWith('-'));
  if (args.includes('--help') || args.includes('-h') || slugs.length !== 1) {
    (slugs.length === 1 ? out : err)('usage: npm run new-lesson <slug>    e.g. npm run new-lesson volume-snapshots');
    (slugs.length === 1 ? out : err)('用法：npm run new-lesson <标识>     例如 npm run new-lesson volume-snapshots');
    return slugs.length === 1 ? 0 : 2;
  }
  try {
    const made = createLesson(root, slugs[0]);
    out(`Created lesson ${made.number} (lessons/${made.folder}/) / 已创建第 ${made.number} 课：`);
    for (const f of made.files) out(`  ${f}`);
    out(`Next: replace every ${TODO_MARKER} marker (npx vitest run --project unit test/lessons/complete.test.ts lists them).`);
    out(`下一步：替换所有 ${TODO_MARKER} 标记（运行 npx vitest run --project unit test/lessons/complete.test.ts 可列出它们）。`);
    return 0;
  } catch (e) {
    if (!(e instanceof NewLessonError)) throw e;
    err(e.reason.en);
    err(e.reason['zh-cn']);
    return 2;
  }
}

/** A place in a lesson's files that still carries the scaffold marker. */
export interface LessonTodo {
  /** Path relative to root. */
  file: string;
  line: number;
  /** What is missing: the text after the marker. */
  what: string;
}

/** Every TODO(new-lesson) marker left in lessons/<folder>/** and graders/<folder>.ts. */
export function lessonTodos(root: string, folder: string): LessonTodo[] {
  const paths = [...walk(join(root, 'lessons', folder)), join(root, 'graders', `${folder}.ts`)].filter((p) => existsSync(p));
  return paths.flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((text, i) => {
        const at = text.indexOf(TODO_MARKER);
        if (at < 0) return [];
        const what = text.slice(at + TODO_MARKER.length).replace(/^[:\s]+/, '').replace(/\s*(\*\/\}?|-->)\s*$/, '').trim();
        return [{ file: relative(root, path), line: i + 1, what: what || '(no description)' }];
      }),
  );
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.(mdx?|ya?ml|ts|svg|txt)$/.test(name) ? [path] : [];
  });
}

const T = TODO_MARKER;

/** The files of a new lesson, by path relative to the repository root. */
export function scaffoldFiles(folder: string, number: number, slug: string): Record<string, string> {
  const base = `lessons/${folder}`;
  return {
    [`${base}/en.mdx`]: page('en', folder, number, slug),
    [`${base}/zh-cn.mdx`]: page('zh-cn', folder, number, slug),
    [`${base}/manifests/example.yaml`]: manifest(`${T}: replace with the lesson's walk-through manifest`, `${slug}-demo`),
    // The Chinese text of each comment in manifests/ (src/site/manifest-comments.ts), shown on the zh-cn page.
    [`${base}/manifest-comments.zh-cn.yaml`]: `# Chinese text of the comments in manifests/*.yaml, keyed by the English text after "# ".\n# 清单注释的中文，键是英文注释 "# " 之后的文字。\n"${T}: replace with the lesson's walk-through manifest": "待补充：换成本课演练用的清单"\n`,
    [`${base}/diagrams/where-data-lives.en.svg`]: svg('en'),
    [`${base}/diagrams/where-data-lives.zh-cn.svg`]: svg('zh-cn'),
    [`${base}/exercise.yaml`]: exerciseYaml(number),
    [`${base}/starter/manifest.yaml`]: manifest(`${T}: write the starter the student completes (keep student TODO comments in both languages)`, `${slug}-pod`),
    [`${base}/solution/manifest.yaml`]: manifest(`${T}: write the reference answer; it must score 100`, `${slug}-pod`),
    [`${base}/mistakes/README.md`]: `# Known mistakes\n\n${T}: add at least three folders mistakes/<name>/ with mistake.yaml (fails, alsoFails, expect, why) and submission/*.yaml.\n`,
    [`graders/${folder}.ts`]: grader(folder),
  };
}

const HEADINGS: Record<'en' | 'zh-cn', [string, string][]> = {
  en: [
    ['why', 'Why it exists'],
    ['concept', 'How it works'],
    ['diagram', 'Where the data lives'],
    ['walkthrough', 'Walk-through'],
    ['observe', 'See it yourself'],
    ['lifetime', 'Data lifetime'],
    ['when-to-use', 'When to use it, and when not'],
    ['mistakes', 'Common mistakes'],
    ['outdated', 'What older tutorials get wrong'],
    ['exercise', 'Exercise'],
  ],
  'zh-cn': [
    ['why', '为什么需要它'],
    ['concept', '工作原理'],
    ['diagram', '数据在哪里'],
    ['walkthrough', '逐行讲解'],
    ['observe', '动手观察'],
    ['lifetime', '数据的生命周期'],
    ['when-to-use', '什么时候用，什么时候不用'],
    ['mistakes', '常见错误'],
    ['outdated', '旧教程里的错误'],
    ['exercise', '练习'],
  ],
};

const BODY: Record<'en' | 'zh-cn', Record<string, string>> = {
  en: {
    why: 'the problem this storage solves.',
    concept: 'the fields, what the kubelet does, where the data really lives.',
    diagram: 'draw diagrams/where-data-lives.en.svg and where-data-lives.zh-cn.svg, and describe the picture in the label.',
    walkthrough: 'explain the important lines of the walk-through manifest.',
    observe: 'the commands to see it yourself, one step per file in walkthrough/NN-name.sh, each shown with `<Walkthrough lesson="…" step="NN-name" />`; then `npm run walkthroughs:capture -- lesson-N` captures their output on a real cluster.',
    lifetime: 'kept or lost for each event, with one line of why.',
    'when-to-use': 'when to use it, when not, risks and alternatives.',
    mistakes: 'what the student writes, what happens, the fix.',
    outdated: "the syllabus's corrections that belong to this lesson.",
    exercise: 'what to write, with the names and paths of the exercise contract, and what the grader proves.',
  },
  'zh-cn': {
    why: '这种存储解决什么问题。',
    concept: '字段含义、kubelet 做了什么、数据实际存放在哪里。',
    diagram: '绘制 diagrams/where-data-lives.en.svg 和 where-data-lives.zh-cn.svg，并在 label 中用文字描述图的内容。',
    walkthrough: '讲解示例清单中的关键行。',
    observe: '可以自己动手验证的命令：每个步骤写成一个文件 walkthrough/NN-name.sh，并用 `<Walkthrough lesson="…" step="NN-name" />` 显示；然后运行 `npm run walkthroughs:capture -- lesson-N`，在真实集群上捕获它们的输出。',
    lifetime: '每个事件下数据保留还是丢失，各用一句话说明原因。',
    'when-to-use': '适用与不适用的场景、风险和替代方案。',
    mistakes: '学员会写出的错误、会发生什么、如何修正。',
    outdated: '教学大纲中属于这一课的勘误。',
    exercise: '要写什么（名称和路径与练习约定一致），以及评分程序会验证什么。',
  },
};

const LIFETIME: Record<'en' | 'zh-cn', string> = {
  en: '| Event | Data | Why |\n|---|---|---|\n| Container restart | TODO | TODO |\n| Pod deleted and re-created | TODO | TODO |\n| Replacement Pod on another node | TODO | TODO |\n| PersistentVolumeClaim deleted | TODO | TODO |',
  'zh-cn': '| 事件 | 数据 | 原因 |\n|---|---|---|\n| 容器重启 | TODO | TODO |\n| 删除 Pod 后重建 | TODO | TODO |\n| 替代的 Pod 在另一个节点上 | TODO | TODO |\n| 删除 PVC | TODO | TODO |',
};

function page(lang: 'en' | 'zh-cn', folder: string, number: number, slug: string): string {
  const zh = lang === 'zh-cn';
  const lines = [
    '---',
    `title: ${JSON.stringify(`${number}. ${slug}`)}`,
    `description: ${JSON.stringify(zh ? '待补充：用一句话介绍这一课。' : 'To be written: one sentence about this lesson.')}`,
    '---',
    "import Manifest from '~/components/Manifest.astro';",
    "import Diagram from '~/components/Diagram.astro';",
    "import Playground from '~/components/Playground.astro';",
    "import Exercise from '~/components/Exercise.astro';",
    "import Walkthrough from '~/components/Walkthrough.astro';",
    '',
    `{/* ${T}: write the title and description above in this page's language. */}`,
    '',
  ];
  for (const [anchor, heading] of HEADINGS[lang]) {
    lines.push(`## ${heading} {#${anchor}}`, '', `${T}: ${BODY[lang][anchor]}`, '');
    if (anchor === 'diagram') {
      const label = zh ? '待补充：用文字描述这张图。' : 'To be written: describe the picture in words.';
      lines.push(`<Diagram lesson="${folder}" name="where-data-lives" label="${label}" />`, '');
    }
    if (anchor === 'walkthrough') lines.push(`<Manifest lesson="${folder}" file="manifests/example.yaml" />`, '');
    if (anchor === 'lifetime') lines.push(LIFETIME[lang], '', `<Playground lesson="${folder}" files={["manifests/example.yaml"]} />`, '');
    if (anchor === 'exercise') {
      lines.push(
        '```sh',
        ...(zh
          ? [`npm run exercise lesson-${number}     # 把起始文件复制到 exercises/lesson-${number}/`, `npm run grade lesson-${number}        # 给它们评分（kind 集群，或用 --cluster model 离线评分）`]
          : [`npm run exercise lesson-${number}     # copies the starter files to exercises/lesson-${number}/`, `npm run grade lesson-${number}        # grades them (kind cluster, or --cluster model offline)`]),
        '```',
        '',
        `<Exercise lesson="${folder}" />`,
        '',
      );
    }
  }
  return lines.join('\n');
}

function manifest(todo: string, name: string): string {
  return [
    `# ${todo}`,
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  containers:',
    '    - name: app',
    '      image: busybox:1.36',
    '      command: ["sh", "-c", "sleep 3600"]',
    '      volumeMounts:',
    '        - name: data',
    '          mountPath: /data',
    '  volumes:',
    '    - name: data',
    '      emptyDir: {}',
    '',
  ].join('\n');
}

function svg(lang: 'en' | 'zh-cn'): string {
  const text = lang === 'en' ? 'Diagram to be drawn' : '示意图待绘制';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 700 120" font-family="system-ui, sans-serif">
  <!-- ${T}: draw where the data lives (text in this file's language, under 8 KB) -->
  <rect x="10" y="10" width="680" height="100" rx="8" fill="#8a9bb0" />
  <text x="350" y="66" text-anchor="middle" font-size="20" fill="#102030">${text}</text>
</svg>
`;
}

function exerciseYaml(number: number): string {
  return `# ${T}: write the exercise (names and paths as the lesson's exercise contract says).
schemaVersion: 1
id: lesson-${number}
title:
  en: "To be written"
  zh-cn: "待补充"
summary:
  en: "To be written: one line saying what the student builds."
  zh-cn: "待补充：用一句话说明学员要完成什么。"
task:
  en: |
    To be written: what to write, with exact names and paths.
  zh-cn: |
    待补充：要写什么，名称和路径要写准确。
files:
  - manifest.yaml
hints:
  - en: "To be written: a hint that does not give the answer away."
    zh-cn: "待补充：一条不直接给出答案的提示。"
minutes: 20
`;
}

function grader(folder: string): string {
  return `/**
 * Grader of lessons/${folder}: the lesson's story as static checks and scenario steps.
 * ${T}: write the static checks and steps (points add up to 100) and declare \`lifetime\`.
 */
import { defineGrader } from '../src/grader/define.ts';

export default defineGrader({
  lesson: '${folder}',
  staticChecks: [],
  steps: [
    {
      id: 'to-be-written',
      points: 100,
      title: { en: 'This exercise has no grader yet', 'zh-cn': '这个练习还没有评分程序' },
      hint: { en: 'The lesson is still being written.', 'zh-cn': '这一课还在编写中。' },
      async run(ctx) {
        ctx.fail({ en: 'This exercise has no grader yet.', 'zh-cn': '这个练习还没有评分程序。' });
      },
    },
  ],
  lifetime: [],
});
`;
}

/**
 * The whole bench in one call, in a fixed order: cold-process figures first (so nothing this
 * process loads skews them), then the in-process grader figures, then the site build into a
 * temporary folder and the page weights read from it. Returns the report; printing and writing
 * bench/results.json are scripts/bench.ts's job.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Localized } from '../i18n/lang.ts';
import { machineInfo } from './machine.ts';
import type { BenchReport, Section } from './report.ts';
import { firstErrorSection, scenarioSection, staticSection } from './sections-grader.ts';
import { classSection } from './sections-class.ts';
import { clusterSection } from './sections-cluster.ts';
import { solutionsSection } from './sections-solutions.ts';
import { buildSection, weightSection } from './sections-site.ts';

export interface BenchOptions {
  root: string;
  /** Cold processes per first-error figure. */
  firstErrorRuns: number;
  /** Runs per lesson of the static phase. */
  staticRuns: number;
  /** Passes over the six scenarios. */
  scenarioPasses: number;
  /** Leave out the site build (its rows then say so). */
  skipSite: boolean;
  /** Submissions in the class figure (issue 21: 30). */
  classSize: number;
  /** Called as each section starts, e.g. to print progress. */
  onSection?: (title: Localized) => void;
}

export const DEFAULT_BENCH: Omit<BenchOptions, 'root'> = { firstErrorRuns: 5, staticRuns: 7, scenarioPasses: 3, skipSite: false, classSize: 30 };

export const NOTES: Localized[] = [
  {
    en: 'JS on load is found statically in the build output, not with a browser: <script type="module" src>, <link rel="modulepreload"> and astro-island URLs of the page, plus every file they import statically. What only dynamic import() reaches (the search UI, fetched when the reader hovers, focuses or opens search; the playground, fetched when it nears the viewport) is listed as deferred, not counted; inline scripts are part of the HTML figure.',
    'zh-cn': '页面加载时的 JS 是在构建输出中静态统计的，没有使用浏览器：页面中的 <script type="module" src>、<link rel="modulepreload"> 和 astro-island 的 URL，以及它们静态导入的所有文件。只能经由动态 import() 到达的文件（读者把指针移到搜索按钮、聚焦或打开搜索时才获取的搜索界面；接近视口时才加载的演练场）列为延迟加载，不计入；内联脚本计入 HTML 的大小。',
  },
  {
    en: 'First-error figures: fresh processes run one after another (npm, then node, alternating), so the file cache is warm after the first; the clock stops at the first file:line:col line on stdout.',
    'zh-cn': '首个错误的时间：依次启动全新进程（npm 与 node 交替），因此第一次之后文件缓存是热的；计时在 stdout 出现第一行 file:line:col 时停止。',
  },
  {
    en: 'Static phase and scenarios run in this process, after the cold-process figures; scenarios use the offline model (virtual time), so their figure is CPU time, not cluster time.',
    'zh-cn': '静态阶段和场景在本进程内运行，排在冷启动测量之后；场景使用离线模型（虚拟时间），所以这里测的是 CPU 时间，而不是集群时间。',
  },
];

const SKIPPED = { en: 'skipped (--skip-site)', 'zh-cn': '已跳过（--skip-site）' };

/** Runs every measurement and returns the report. */
export async function runBench(opts: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const timestamp = new Date().toISOString();
  const sections: Section[] = [];
  const step = async (title: Localized, fn: () => Promise<Section | Section[]>) => {
    opts.onSection?.(title);
    const out = await fn();
    sections.push(...(Array.isArray(out) ? out : [out]));
  };
  await step({ en: 'time to first static error', 'zh-cn': '首个静态错误的时间' }, () => firstErrorSection(opts.root, opts.firstErrorRuns));
  await step({ en: 'static phase', 'zh-cn': '静态阶段' }, () => staticSection(opts.root, opts.staticRuns));
  await step({ en: 'scenarios on the model', 'zh-cn': '离线模型上的场景' }, () => scenarioSection(opts.root, opts.scenarioPasses));
  if (opts.skipSite) {
    sections.push(weightSection(opts.root, undefined, SKIPPED.en));
  } else {
    const outDir = mkdtempSync(join(tmpdir(), 'bench-site-'));
    try {
      await step({ en: 'site build', 'zh-cn': '站点构建' }, async () => {
        const { section, build } = await buildSection(opts.root, outDir);
        return [section, weightSection(opts.root, build.ok ? outDir : undefined, 'the site did not build')];
      });
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }
  await step({ en: 'a class at once', 'zh-cn': '全班一起评分' }, () => classSection(opts.root, opts.classSize));
  await step({ en: "each lesson's solution on the course cluster", 'zh-cn': '在课程集群上为各课参考答案评分' }, () => solutionsSection(opts.root));
  await step({ en: 'real cluster (recorded)', 'zh-cn': '真实集群（已记录的数据）' }, async () => clusterSection(opts.root));
  return { timestamp, node: process.version, machine: machineInfo(), sections, notes: NOTES, durationMs: performance.now() - started };
}

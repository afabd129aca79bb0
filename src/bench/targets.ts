/**
 * The bench's targets, each with where it comes from. A figure meets its target when it is
 * strictly below `max` (milliseconds or bytes).
 */
import type { Target } from './report.ts';

const ISSUE: Target['source'] = { en: 'issue 10', 'zh-cn': 'issue 10' };
const DESIGN_STATIC: Target['source'] = { en: 'DESIGN.md: static path < 1 s', 'zh-cn': 'DESIGN.md：静态检查阶段 < 1 秒' };
const SPEED: Target['source'] = { en: 'issue 21', 'zh-cn': 'issue 21' };
const BUDGET: Target['source'] = { en: "the bench's own budget", 'zh-cn': '基准测试自定的预算' };

export const TARGETS = {
  /** Cold process to the first static error line (npm run grade and plain node). */
  firstError: { max: 1500, source: ISSUE },
  /** Load + validate + static checks of one lesson's answer, in-process. */
  staticPhase: { max: 1000, source: DESIGN_STATIC },
  /** All six reference answers through the runner on the model, together. */
  scenarios: { max: 1000, source: ISSUE },
  /** astro build of the whole site (the bench as a whole should stay under ~2 minutes). */
  siteBuild: { max: 60_000, source: BUDGET },
  /** HTML of one page, raw bytes (a lesson page carries its manifests and highlighted code). */
  html: { max: 200_000, source: BUDGET },
  /** JavaScript fetched on page load, raw bytes (search UI excluded: it loads when search opens). */
  js: { max: 50_000, source: BUDGET },
  /** One lesson's solution through `npm run grade` on the reused course cluster, wall time. */
  lessonOnCluster: { max: 20_000, source: SPEED },
  /** The whole `npm run test:cluster`, wall time. */
  clusterSuite: { max: 8 * 60_000, source: SPEED },
} satisfies Record<string, Target>;

/**
 * What the one-lesson grade command and the class run share: loading the graders (a broken one
 * is said once, in the user's language) and choosing the back end the same way (its notice
 * printed once; a cluster that cannot be had becomes a factory that throws, so the runner still
 * reads every submission and runs its static checks, and reports say "not available").
 */
import { fill } from '../../i18n/lang.ts';
import { ClusterUnavailableError, type ClusterInfo } from '../../grader/cluster/cluster.ts';
import type { Backend, ClusterSelection } from '../../grader/cluster/select.ts';
import type { Grader } from '../../grader/define.ts';
import type { LessonInfo } from '../deps.ts';
import { localizedReason } from '../deps.ts';
import type { GradeRequest } from '../grade-options.ts';
import { isCi } from '../io.ts';
import { backendName } from '../lazy-cluster.ts';
import { cliMsg } from '../messages.ts';
import type { CommandContext } from './context.ts';

/** Every lesson's grader, or undefined after saying which one could not be loaded (exit 3). */
export async function loadGraders(lessons: LessonInfo[], ctx: CommandContext): Promise<Map<string, Grader> | undefined> {
  const graders = new Map<string, Grader>();
  for (const lesson of lessons) {
    try {
      graders.set(lesson.id, await ctx.deps.loadGrader(lesson));
    } catch (err) {
      const reason = localizedReason(err)?.[ctx.lang] ?? (err instanceof Error ? err.message : String(err));
      ctx.io.stderr.write(ctx.colors.red(fill(cliMsg.graderBroken, { id: lesson.id })[ctx.lang]) + '\n' + reason + '\n');
      return undefined;
    }
  }
  return graders;
}

/** A selection, and whether it stands for a cluster that could not be had. */
export type Selection = ClusterSelection & { unavailable?: boolean };

/** Chooses the back end; never throws ClusterUnavailableError (see the module comment). */
export async function select(req: GradeRequest, ctx: CommandContext, trace?: (line: string) => void): Promise<Selection> {
  const { io, lang, colors: c } = ctx;
  try {
    const sel = await ctx.deps.selectCluster({ mode: req.cluster, ci: isCi(io.env), fresh: req.fresh, trace });
    if (sel.notice) io.stderr.write(c.bold(c.yellow(`⚠  ${sel.notice[lang]}`)) + '\n');
    return sel;
  } catch (err) {
    if (!(err instanceof ClusterUnavailableError)) throw err;
    io.stderr.write(c.red(fill(cliMsg.clusterUnavailable, { reason: err.reason[lang] })[lang]) + '\n');
    if (err.hint) io.stderr.write(err.hint[lang] + '\n');
    // The runner still reads the submission and runs the static checks; asking it for the cluster fails.
    const backend: Backend = req.cluster === 'auto' ? 'kind' : req.cluster;
    return {
      backend,
      factory: () => {
        throw err;
      },
      unavailable: true,
    };
  }
}

/** What reports call the back end when no cluster was made (or it could not be). */
export function fallbackInfo(sel: Selection): ClusterInfo {
  const name = backendName(sel.backend);
  const unavailable = cliMsg.clusterUnavailableDescription;
  const description = sel.unavailable
    ? { en: fill(unavailable, { backend: name.en }).en, 'zh-cn': fill(unavailable, { backend: name['zh-cn'] })['zh-cn'] }
    : name;
  return { backend: sel.backend, description, isModel: sel.backend === 'model' };
}

/**
 * Ctrl-C / SIGTERM for a grading command: the first press stops the progress display, says that
 * the run is stopping and aborts the returned controller (running work cleans up); a second press
 * exits at once with 130. Returns the controller and the function that removes the handler.
 */
export function abortOnInterrupt(ctx: CommandContext, progress?: { stop(): void }): { controller: AbortController; off: () => void } {
  const { io, deps, lang, colors: c } = ctx;
  const controller = new AbortController();
  let presses = 0;
  const off = deps.onInterrupt(() => {
    presses += 1;
    progress?.stop();
    if (presses > 1) return deps.exitNow(130);
    io.stderr.write('\n' + c.yellow(cliMsg.interrupting[lang]) + '\n');
    controller.abort();
  });
  return { controller, off };
}

/** `npm run grade -- --delete-cluster`: removes the course kind cluster, then exits. */
import { fill } from '../../i18n/lang.ts';
import { ClusterUnavailableError } from '../../grader/cluster/cluster.ts';
import { cliMsg } from '../messages.ts';
import type { CommandContext } from './context.ts';

/** Deletes the course cluster; exit 0 when gone, 3 when kind could not do it. */
export async function deleteClusterCommand(trace: boolean, ctx: CommandContext): Promise<number> {
  const { io, lang, colors: c } = ctx;
  io.stderr.write(cliMsg.deleting[lang] + '\n');
  try {
    await ctx.deps.deleteCourseCluster({ trace: trace ? (line) => void io.stderr.write(c.dim(line) + '\n') : undefined });
  } catch (err) {
    const reason = err instanceof ClusterUnavailableError ? err.reason[lang] : err instanceof Error ? err.message : String(err);
    io.stderr.write(c.red(fill(cliMsg.deleteFailed, { reason })[lang]) + '\n');
    if (err instanceof ClusterUnavailableError && err.hint) io.stderr.write(err.hint[lang] + '\n');
    return 3;
  }
  io.stdout.write(c.green(cliMsg.deleted[lang]) + '\n');
  return 0;
}

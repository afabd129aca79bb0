/**
 * The fixed sh scripts that read and write files in containers and on nodes. Scripts never change;
 * the path arrives as $1 and the data as $2 (positional arguments), so no name, path or token is
 * ever parsed by a shell.
 */
import { ExecError } from '../cluster.ts';
import type { RunResult } from '../../exec/runner.ts';

/** Exit code that means "no such file" (EX_NOINPUT; neither kubectl, docker nor sh uses it). */
export const ABSENT_EXIT = 66;
/** Printed on stderr together with ABSENT_EXIT, so a stray 66 is not taken for "absent". */
export const ABSENT_MARKER = 'k8s-storage-course: no such file';

/**
 * Writes "$2" to "$1" byte for byte; a missing parent directory is an error (no mkdir). The data is
 * an argument, not stdin: `kubectl exec -i` can drop stdin (kubernetes/kubernetes#112834), which on
 * the course's real cluster left an empty token file about one write in ten.
 */
export const WRITE_SCRIPT = 'printf "%s" "$2" > "$1"';

/** The most a write may carry (it travels as one argument; Linux allows 128 KiB per argument). */
export const MAX_WRITE_BYTES = 64 * 1024;

/** Prints "$1", or exits ABSENT_EXIT with the marker when nothing exists there. */
export const READ_SCRIPT = `if [ ! -e "$1" ] && [ ! -L "$1" ]; then echo '${ABSENT_MARKER}' >&2; exit ${ABSENT_EXIT}; fi; exec cat < "$1"`;

/**
 * Prints `df -kP` for the file system holding "$1" (POSIX output: one header line, then one line
 * whose second field is the total in 1024-byte blocks), or exits ABSENT_EXIT when "$1" does not exist.
 * Works with busybox and coreutils df alike.
 */
export const DF_SCRIPT = `if [ ! -e "$1" ]; then echo '${ABSENT_MARKER}' >&2; exit ${ABSENT_EXIT}; fi; exec df -kP "$1"`;

/** The total size in bytes from `df -kP` output; throws ExecError when the output has no such line. */
export function dfTotalBytes(stdout: string, where: string): number {
  const line = stdout.trim().split('\n')[1] ?? '';
  const blocks = Number(line.trim().split(/\s+/)[1]);
  if (!Number.isSafeInteger(blocks) || blocks <= 0) throw new ExecError(`could not read the file system size in ${where}: df printed ${JSON.stringify(stdout.trim().slice(0, 200))}`);
  return blocks * 1024;
}

/** Interprets a finished df: the total in bytes, undefined for "no such path", ExecError for anything else. */
export function dfOutcome(r: RunResult, where: string): number | undefined {
  if (r.exitCode === 0 && !r.failure) return dfTotalBytes(r.stdout, where);
  if (r.exitCode === ABSENT_EXIT && r.stderr.includes(ABSENT_MARKER)) return undefined;
  throw new ExecError(execFailure(r, `read the file system size in ${where}`));
}

/** Interprets a finished read: content, undefined for "no such file", ExecError for anything else. */
export function readOutcome(r: RunResult, where: string): string | undefined {
  if (r.exitCode === 0 && !r.failure) return r.stdout;
  if (r.exitCode === ABSENT_EXIT && r.stderr.includes(ABSENT_MARKER)) return undefined;
  throw new ExecError(execFailure(r, `read a file in ${where}`));
}

/** Throws ExecError unless a write (or mkdir) finished with exit 0. */
export function writeOutcome(r: RunResult, what: string): void {
  if (r.exitCode === 0 && !r.failure) return;
  throw new ExecError(execFailure(r, what));
}

/** A one-paragraph explanation of a failed exec, naming the usual causes. */
export function execFailure(r: RunResult, what: string): string {
  const out = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-6).join('\n');
  let cause = '';
  if (r.failure === 'timeout') cause = ' (timed out)';
  else if (r.exitCode === 126 || r.exitCode === 127 || /executable file not found|no such file or directory: unknown/.test(out)) {
    cause = ' (the container has no /bin/sh; use an image with a shell, e.g. busybox:1.36)';
  } else if (/container not found|is not running|unable to upgrade connection|ContainerCreating|NotFound/.test(out)) {
    cause = ' (the container is not running)';
  }
  return `could not ${what}${cause}: exit ${r.exitCode}${out ? `: ${out}` : ''}`;
}

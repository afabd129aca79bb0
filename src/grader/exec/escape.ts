/**
 * Shell-quoting for display only: commands are always run with an argv array, never through a
 * shell. The quoted form is what traces and errors show, so it can be pasted into a POSIX shell.
 */

const SAFE = /^[A-Za-z0-9_./:=@%+,^-]+$/;

/** Quotes one argument for a POSIX shell (single quotes; embedded quotes become '\''). */
export function quoteArg(arg: string): string {
  if (arg !== '' && SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The paste-able form of `file args...`. */
export function escapeCommand(file: string, args: readonly string[]): string {
  return [file, ...args].map(quoteArg).join(' ');
}

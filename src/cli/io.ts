/**
 * What a command gets from the outside world, injected so tests can drive the CLI without a
 * process: output streams, environment, working directory and whether the terminal is interactive.
 */
export interface Writer {
  write(text: string): unknown;
}

export interface CliIo {
  /** The report (terminal reporter) and GitHub workflow commands. */
  stdout: Writer;
  /** Progress, notices and errors. On a TTY this must be a real stream (the spinner draws on it). */
  stderr: Writer;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when a person is watching a terminal: spinner and colour. */
  isTTY: boolean;
}

/** True under CI (env CI=true or 1, as GitHub Actions and most CI systems set it). */
export function isCi(env: Record<string, string | undefined>): boolean {
  const ci = env.CI?.toLowerCase();
  return ci === 'true' || ci === '1';
}

/** True under GitHub Actions. */
export function isGithubActions(env: Record<string, string | undefined>): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

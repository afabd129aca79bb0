/** The runner's public surface: what the CLI and tests import. */
export { runExercise } from './run-exercise.ts';
export {
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_SETUP_TIMEOUT_MS,
  DEFAULT_STEP_TIMEOUT_MS,
  type LoadSubmissionResult,
  type RunOptions,
  type SubmissionLoader,
  type UnsafeFinder,
} from './options.ts';

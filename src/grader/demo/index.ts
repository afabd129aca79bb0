/** Demonstration scenarios: how to declare one (demos/*.ts) and how to run them on any Cluster. */
export { declaredCells, defineDemo, type Demo, type DemoContext, type DemoStep } from './define.ts';
export { demoFiles, loadDemos } from './load.ts';
export {
  demoRunId,
  outcomeSummary,
  runDemo,
  runDemos,
  type CellOutcome,
  type CellStatus,
  type ClusterFactory,
  type DemoOutcome,
  type DemoStepResult,
  type RunDemoOptions,
} from './run-demo.ts';

/**
 * The shape of a demonstration: demos/<name>.ts default-exports defineDemo({...}). A demo is a
 * grader without a student: it applies its own manifests (busybox:1.36 only), writes a fresh token
 * from ctx.token(), causes one event (container kill, Pod delete, a replacement Pod required on the
 * other worker, claim delete) and asserts what really happened. It proves the matrix cells it
 * declares in `lifetime`, with the same { row, proves } shape as a grader; each step names the
 * cells it proves, and the outcome of a run says, cell by cell, whether the demo proved it.
 */
import type { Localized } from '../../i18n/lang.ts';
import type { LifetimeClaim, StepContext } from '../define.ts';
import { cellKey, type CellKey } from '../lifetime.ts';

/** What a demo step gets: a grader's StepContext (its submission is empty) plus evidence. */
export interface DemoContext extends StepContext {
  /** Records what the step saw that proves its cells (a pod's phase and node, a scheduler message); kept in the outcome. */
  evidence(text: string): void;
}

/** One step of a demonstration: an action and the assertion about what happened. */
export interface DemoStep {
  id: string;
  title: Localized;
  /** Milliseconds before the step fails with a timeout (default 90 s of cluster time). */
  timeoutMs?: number;
  /** The cells this step proves; a step without `proves` prepares what later steps need. */
  proves?: CellKey[];
  /** The objects to show diagnostics for when this step fails. */
  diagnose?: { kind: string; name: string }[];
  run(ctx: DemoContext): Promise<void>;
}

/** A demonstration scenario. */
export interface Demo {
  /** The file name without .ts, e.g. "pv-retain-other-node". */
  id: string;
  title: Localized;
  /** What the demo shows and how, in a sentence or two. */
  summary: Localized;
  /** Schedulable workers the demo needs: 2 for the other-node demos. */
  workers: 1 | 2;
  /** Runs once before the steps (label the data worker, make a node directory). */
  setup?(ctx: DemoContext): Promise<void>;
  steps: DemoStep[];
  /** The matrix cells the demo proves and their values. */
  lifetime: LifetimeClaim[];
}

/** The cells a demo declares, in declaration order. */
export function declaredCells(demo: Pick<Demo, 'lifetime'>): CellKey[] {
  return demo.lifetime.flatMap(({ row, proves }) => Object.keys(proves).map((event) => cellKey(row, event as keyof typeof proves)));
}

/**
 * Declares a demo; checks at load time that step ids are unique, that every declared cell is
 * proven by some step and that every step proves only declared cells.
 */
export function defineDemo(demo: Demo): Demo {
  const ids = demo.steps.map((s) => s.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new Error(`demo ${demo.id}: duplicate step id "${dup}"`);
  const cells = declaredCells(demo);
  if (cells.length === 0) throw new Error(`demo ${demo.id}: proves no cell`);
  for (const cell of cells) {
    if (!demo.steps.some((s) => s.proves?.includes(cell))) throw new Error(`demo ${demo.id}: no step proves ${cell}`);
  }
  for (const step of demo.steps) {
    for (const cell of step.proves ?? []) {
      if (!cells.includes(cell)) throw new Error(`demo ${demo.id}: step "${step.id}" proves ${cell}, which the demo does not declare`);
    }
  }
  return demo;
}

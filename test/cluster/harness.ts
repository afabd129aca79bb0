/**
 * Grades a folder the way `npm run grade -- <lesson> --cluster kind --dir <folder>` does, on the
 * real cluster of `npm run cluster:up` (its kind and kubectl first on PATH, its node image), and
 * records each case's verdict on the real cluster next to the model's for the agreement table.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inject } from 'vitest';
import type { Cluster } from '../../src/grader/cluster/cluster.ts';
import { createKindCluster } from '../../src/grader/cluster/kind/kind-cluster.ts';
import { NODE_IMAGE_ENV } from '../../src/grader/cluster/kind/config.ts';
import type { Lesson } from '../../src/grader/lessons.ts';
import type { ExerciseResult } from '../../src/grader/report/model.ts';
import { realProofFile, type RealProof } from '../../src/grader/real-proofs.ts';
import { readVersions } from '../../src/local-cluster/versions.ts';
import { failedIds, gradeOn, ROOT } from '../graders/harness.ts';

/** Where the suite writes one JSON line per case (read by `npm run bench`). */
export const VERDICTS_FILE = join(ROOT, 'reports', 'test-cluster', 'verdicts.jsonl');

let runs = 0;

/** Puts the cluster's kind/kubectl first on PATH and names its node image; returns the provided info. */
export function useCluster() {
  const provided = inject('cluster');
  if (provided.available) {
    if (!process.env.PATH?.startsWith(`${provided.bin}:`)) process.env.PATH = `${provided.bin}:${process.env.PATH ?? ''}`;
    process.env[NODE_IMAGE_ENV] = provided.nodeImage;
    if (provided.dockerHost) process.env.DOCKER_HOST = provided.dockerHost;
  }
  return provided;
}

/** Grades dir with the lesson's grader on the real course cluster. */
export function gradeOnCluster(lesson: Lesson, dir: string, opts: { wrap?: (cluster: Cluster) => Cluster; random?: () => string } = {}): Promise<ExerciseResult> {
  const runId = `ct-${lesson.number}-${Date.now().toString(36)}-${++runs}`;
  return gradeOn(lesson, dir, () => (opts.wrap ?? ((c: Cluster) => c))(createKindCluster({ runId })), opts.random);
}

export interface Verdict {
  case: string;
  kind: 'solution' | 'mistake' | 'variant' | 'hostile' | 'demo';
  lesson: string;
  model: { score: number; failed: string[] };
  real: { score: number; failed: string[]; error?: string };
  ms: number;
}

export function verdictOf(r: ExerciseResult): { score: number; failed: string[]; error?: string } {
  const error = r.error ? (r.error.kind === 'cluster' ? r.error.message.en : r.error.kind) : undefined;
  return { score: r.score, failed: failedIds(r).sort(), ...(error ? { error } : {}) };
}

/** Appends one case to the verdicts file. */
export function record(v: Verdict): void {
  mkdirSync(dirname(VERDICTS_FILE), { recursive: true });
  appendFileSync(VERDICTS_FILE, `${JSON.stringify(v)}\n`);
}

/** Recorded real traces: test/fixtures/real-traces/<lesson>/<kind>--<case>.json. */
export const TRACES_DIR = join(ROOT, 'test', 'fixtures', 'real-traces');

export function traceFile(lesson: string, kind: string, name: string): string {
  return join(TRACES_DIR, lesson, `${kind}--${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}.json`);
}

/** Records of what passed on the real cluster (src/grader/real-proofs.ts), read by the matrix page. */
export const PROOFS_DIR = join(ROOT, 'test', 'fixtures', 'real-proofs');

/** Writes a source's real-cluster record when traces are recorded (RECORD_TRACES=1, `npm run traces:record`). */
export function recordProof(kind: RealProof['kind'], id: string, passed: boolean): void {
  if (process.env.RECORD_TRACES !== '1') return;
  const proof: RealProof = {
    kind,
    id,
    kubernetesVersion: readVersions(ROOT).KUBERNETES_VERSION,
    recordedAt: new Date().toISOString(),
    recordedOn: 'kind cluster k8s-storage-course (built by npm run cluster:up)',
    passed,
  };
  mkdirSync(PROOFS_DIR, { recursive: true });
  writeFileSync(join(PROOFS_DIR, realProofFile(kind, id)), `${JSON.stringify(proof, null, 2)}\n`);
}

/** Token generator shared by the two back ends of one case, so both write the same tokens. */
export function tokens(prefix: string): () => string {
  let n = 0;
  return () => `tok-${prefix}-${++n}`;
}

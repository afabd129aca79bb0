/**
 * Where each "what survives what" cell was proven: the record test:cluster keeps of the scenarios
 * that passed on the real cluster (`npm run traces:record` writes one file per grader and demo to
 * test/fixtures/real-proofs/), read by the matrix page at build time. A source without a record,
 * or whose record says it did not pass, was proven only on the offline model, and the page says so.
 */
import { z } from 'zod';

export const RealProof = z
  .object({
    /** "grader" with the lesson folder, or "demo" with the demo's id. */
    kind: z.enum(['grader', 'demo']),
    id: z.string(),
    /** The Kubernetes version of the cluster it ran on, e.g. "v1.35.4". */
    kubernetesVersion: z.string().regex(/^v\d+\.\d+\.\d+$/),
    recordedAt: z.iso.datetime(),
    /** What ran: "kind cluster k8s-storage-course (built by npm run cluster:up)". */
    recordedOn: z.string(),
    /** True when the scenario proved every cell it declares there (a grader: its solution scored 100). */
    passed: z.boolean(),
  })
  .strict();
export type RealProof = z.infer<typeof RealProof>;

/** The file a source's record lives in, under test/fixtures/real-proofs/. */
export function realProofFile(kind: RealProof['kind'], id: string): string {
  return `${kind}--${id}.json`;
}

/** The records by "kind:id", from file name → JSON text; a file that does not parse fails with its name. */
export function readRealProofs(files: Record<string, string>): Map<string, RealProof> {
  const out = new Map<string, RealProof>();
  for (const [name, text] of Object.entries(files)) {
    const parsed = RealProof.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${name}: not a real-cluster proof record: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    out.set(`${parsed.data.kind}:${parsed.data.id}`, parsed.data);
  }
  return out;
}

#!/usr/bin/env -S npx tsx
/**
 * `npm run crd-schemas`: a thin entry point for src/grader/submission/crd-extract.ts, which
 * regenerates src/grader/submission/crd-schemas/snapshot.storage.k8s.io-v1.json from the snapshot
 * CRDs of the external-snapshotter client module that cluster/versions.env pins. The Node.js check
 * comes before any import.
 */
import { exitUnlessSupportedNode } from './check-node.cjs';

exitUnlessSupportedNode();
const { resolve } = await import('node:path');
const { readVersions } = await import('../src/local-cluster/versions.ts');
const { crdSchemasMain } = await import('../src/grader/submission/crd-extract.ts');

const root = resolve(import.meta.dirname, '..');
process.exitCode = crdSchemasMain(root, readVersions(root), (line) => console.log(line), (line) => console.error(line));

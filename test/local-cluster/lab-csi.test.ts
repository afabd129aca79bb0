/**
 * `npm run lab:csi` refuses, in the user's language and before touching anything, when there is
 * nothing to install from (no cluster:up yet, or a state from before the CSI driver) or no such
 * kind cluster; the real install is exercised by the walk-through capture on the real cluster.
 */
import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installLabCsi, labCsiCommand } from '../../src/local-cluster/lab-csi.ts';
import { StepFailedError } from '../../src/local-cluster/run-steps.ts';
import type { ClusterState } from '../../src/local-cluster/state.ts';

function io(lang: 'en' | 'zh-cn' = 'en') {
  const err: string[] = [];
  const out: string[] = [];
  return { err, out, io: { err: { write: (t: string) => err.push(t) }, out: { write: (t: string) => out.push(t) }, isTTY: false, lang } };
}

const base: ClusterState = { cluster: 'k8s-storage-course', nodeImage: 'img', bin: '/nowhere', kubeconfig: '/kc', kindVersion: 'v0.31.0', kubernetesVersion: 'v1.35.4', upAt: '2026-12-07T00:00:00Z' };
const signal = new AbortController().signal;

describe('npm run lab:csi', () => {
  it('without a cluster:up build (no state, or one without the CSI driver) says to run it, in the chosen language, exit 3', async () => {
    for (const [state, lang] of [[undefined, 'en'], [base, 'zh-cn']] as const) {
      const o = io(lang);
      expect(await labCsiCommand({ root: process.cwd(), name: 'course', env: {}, io: o.io, state, signal })).toBe(3);
      expect(o.err.join('')).toContain('npm run cluster:up');
      if (lang === 'zh-cn') expect(o.err.join('')).toContain('请先运行');
    }
    await expect(installLabCsi({ root: process.cwd(), state: base, kubeconfig: '/kc', io: io().io, logsDir: tmpdir(), signal })).rejects.toBeInstanceOf(StepFailedError);
  });

  it('names the missing kind cluster and how to make it, exit 3', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'lab-csi-bin-'));
    writeFileSync(join(bin, 'kind'), '#!/bin/sh\n[ "$1 $2" = "get clusters" ] && echo k8s-storage-course\n');
    chmodSync(join(bin, 'kind'), 0o755);
    const o = io();
    const state = { ...base, bin, csi: { imagesDir: '/i', driverImage: 'd', gomodcache: '/g' } };
    expect(await labCsiCommand({ root: process.cwd(), name: 'course', env: { PATH: process.env.PATH }, io: o.io, state, signal })).toBe(3);
    expect(o.err.join('')).toContain('kind create cluster --config lab/kind-course.yaml');
    expect(o.err.join('')).toContain('"course"');
  });
});

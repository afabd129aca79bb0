/**
 * The lessons' walk-throughs still run as the pages show them: `npm run walkthroughs:capture`
 * makes the lab cluster of lab/kind-course.yaml on the node image of `npm run cluster:up`, runs
 * every step of every lesson, and checks each exit code against the step files' "#@ fails" marks
 * (a wrong one fails the capture). Here it writes into a temporary folder, never over the
 * committed captures, and the new capture must hold the same steps in the same state as the
 * committed one: lesson 3's NFS steps uncaptured, with the reason, on a kernel without NFS.
 *
 * The lab cluster here has a name of this run's own, not "course": students make "course" when they
 * follow the lessons, and this test must neither need that name free nor touch their cluster. The
 * commands run with the node names mapped to this cluster's (src/walkthrough/lab-names.ts), so
 * outputs differ from the pages' in those names; only steps, states and exit codes are compared.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listLessonFolders } from '../../src/site/lessons.ts';
import { readCaptureFile } from '../../src/walkthrough/capture-file.ts';
import { captureFilePath } from '../../src/walkthrough/lesson-steps.ts';
import { main } from '../../src/walkthrough/main.ts';
import { ROOT } from '../graders/harness.ts';
import { useCluster } from './harness.ts';

const cluster = useCluster();

describe.skipIf(!cluster.available)('lesson walk-throughs on a real lab cluster', () => {
  it('every lesson runs as its page shows it, with the exit codes its capture records', { timeout: 1_800_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'wt-recapture-'));
    const log: string[] = [];
    const folders = listLessonFolders(ROOT).map((l) => l.folder);
    const code = await main([], {
      out: { write: (t: string) => log.push(t) },
      err: { write: (t: string) => log.push(t) },
      env: { ...process.env, LANG: 'C.UTF-8' },
      isTTY: false,
      root: ROOT,
      labName: `course-check-${randomBytes(4).toString('hex')}`,
      outDir: (folder) => {
        mkdirSync(join(out, folder), { recursive: true });
        return join(out, folder);
      },
    });
    expect(code, log.join('')).toBe(0);
    for (const folder of folders) {
      const committed = readCaptureFile(join(ROOT, captureFilePath(folder)), captureFilePath(folder));
      const fresh = readCaptureFile(join(out, folder, 'captured.json'), folder);
      const shape = (c: typeof committed) => c.steps.map((s) => [s.step, s.status, s.status === 'captured' ? s.commands.map((x) => x.exitCode) : s.reason.en.split('(')[0]]);
      expect(shape(fresh), folder).toEqual(shape(committed));
      if (cluster.nfsClient?.client === 'none' && folder === '03-nfs') expect(fresh.steps.every((s) => s.status === 'not-captured')).toBe(true);
    }
  });
});


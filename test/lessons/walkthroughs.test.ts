/**
 * The course's lessons show no typed output: every command output on a lesson page comes from the
 * lesson's capture (npm run walkthroughs:capture), which fits its step files as they are now and
 * was made on the pinned kind and Kubernetes. Lesson 3's NFS steps are the only ones allowed to
 * stay uncaptured, because they declare "#@ needs: nfs".
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readVersions } from '../../src/local-cluster/versions.ts';
import { listLessonFolders } from '../../src/site/lessons.ts';
import { checkLesson } from '../../src/walkthrough/lesson-check.ts';
import { loadLessonSteps } from '../../src/walkthrough/lesson-steps.ts';

const root = process.cwd();
const pins = readVersions(root);

describe('lesson walk-throughs', () => {
  for (const { folder } of listLessonFolders(root)) {
    describe(folder, () => {
      it('shows output only from a capture that fits its steps', () => {
        const problems = checkLesson(root, folder, pins);
        expect(problems, problems.join('\n')).toEqual([]);
      });

      it('has a walk-through of at least three steps, each command valid bash', () => {
        const steps = loadLessonSteps(root, folder);
        expect(steps.length).toBeGreaterThanOrEqual(3);
        for (const step of steps) {
          for (const c of step.commands) {
            expect(() => execFileSync('bash', ['-n', '-c', c.text], { stdio: 'pipe' }), `${step.file}:${c.line}`).not.toThrow();
          }
        }
      });
    });
  }
});

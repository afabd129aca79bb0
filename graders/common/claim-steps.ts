/**
 * The two data steps lessons 4 and 5 share: a token written to the claim survives a container
 * kill, and survives deleting and re-creating the Pod (the new Pod mounts the same claim). Only
 * the points, the step they need and the recreate hint differ between the lessons.
 */
import type { Localized } from '../../src/i18n/lang.ts';
import type { Step, Submission } from '../../src/grader/define.ts';
import { deleteAndRecreatePod, expectToken, killAndAwaitRestart } from '../../src/grader/scenario/index.ts';
import { t } from './text.ts';
import { writeTokenIn } from './tokens.ts';

export interface ClaimDataSteps {
  pod: string;
  /** The container that mounts the claim (read from the submission). */
  container: (sub: Submission) => string;
  /** The file the token is written to, on the claim's mount. */
  file: string;
  needs: string[];
  diagnose: Step['diagnose'];
  points: { restart: number; recreate: number };
  /** Why the data outlives the Pod in this lesson (shown when the recreate step fails). */
  recreateHint: Localized;
}

/** Returns the survives-restart and survives-recreate steps for a Pod that mounts a claim. */
export function claimDataSteps(o: ClaimDataSteps): Step[] {
  return [
    {
      id: 'survives-restart',
      points: o.points.restart,
      needs: o.needs,
      title: t('the token survives a container kill', '容器被终止后令牌仍然存在'),
      hint: t('Leave restartPolicy out (Always is the default) and keep the data on the claim at /data.', '不要写 restartPolicy（默认就是 Always），并把数据放在挂载到 /data 的申领上。'),
      diagnose: o.diagnose,
      async run(ctx) {
        const c = o.container(ctx.submission);
        const token = await writeTokenIn(ctx, o.pod, c, o.file);
        await killAndAwaitRestart(ctx, o.pod, c);
        await expectToken(ctx, { pod: o.pod, container: c, path: o.file }, token);
      },
    },
    {
      id: 'survives-recreate',
      points: o.points.recreate,
      needs: o.needs,
      title: t('the token survives a Pod delete and re-create', '删除并重新创建 Pod 后令牌仍然存在'),
      hint: o.recreateHint,
      diagnose: o.diagnose,
      async run(ctx) {
        const c = o.container(ctx.submission);
        const token = await writeTokenIn(ctx, o.pod, c, o.file);
        await deleteAndRecreatePod(ctx, o.pod);
        await expectToken(ctx, { pod: o.pod, container: c, path: o.file }, token, {
          failure: t(
            `after the Pod was deleted and re-created, ${o.file} no longer holds the token`,
            `Pod 被删除并重新创建后，${o.file} 中已经没有令牌了`,
          ),
        });
      },
    },
  ];
}

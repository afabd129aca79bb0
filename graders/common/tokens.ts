/**
 * Writing the grader's token, with a clear message when the container has no shell: the grader
 * writes and reads through `sh`, so an image without one (pause, distroless, scratch) cannot be
 * graded, and "is a volume mounted there?" would send the student the wrong way.
 */
import { CheckFailure, type StepContext } from '../../src/grader/define.ts';
import { writeToken } from '../../src/grader/scenario/index.ts';
import { fill, t } from './text.ts';

/** What an exec into a container without sh reports (kind and model alike). */
const NO_SHELL = /executable file not found|"sh": .*no such file/i;

const NO_SHELL_MSG = t(
  'container {container} of Pod {pod} has no /bin/sh (image {image}): the grader writes and reads its token with sh, so use an image that has a shell, e.g. busybox:1.36',
  'Pod {pod} 的容器 {container} 没有 /bin/sh（镜像 {image}）：评分程序要用 sh 写入和读取令牌，请使用带 shell 的镜像，例如 busybox:1.36',
);

/** writeToken, but a missing shell fails with NO_SHELL_MSG. Returns the token. */
export async function writeTokenIn(ctx: StepContext, pod: string, container: string, path: string): Promise<string> {
  try {
    return await writeToken(ctx, pod, container, path);
  } catch (err) {
    if (err instanceof CheckFailure && NO_SHELL.test(err.observed ?? '')) {
      const obj = await ctx.cluster.get('Pod', pod);
      const image = (obj?.spec?.containers ?? []).find((c: { name: string }) => c.name === container)?.image ?? '?';
      ctx.fail(fill(NO_SHELL_MSG, { pod, container, image: String(image) }), err.observed);
    }
    throw err;
  }
}

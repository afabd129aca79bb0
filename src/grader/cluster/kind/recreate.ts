/**
 * The guard before the kind back end deletes a course cluster it cannot reuse (made from another
 * config, or not answering): it deletes only what it can make again here. Making it again needs the
 * node image in the local image store. The pinned upstream image is pulled first when it is not
 * there (kind would pull it anyway); an image built on this machine (`npm run cluster:up`, or named
 * by K8S_STORAGE_COURSE_NODE_IMAGE) is in no registry and is never pulled. When the image is not
 * there the answer is a ClusterUnavailableError (exit 3) that names the command that fixes it,
 * and the cluster is left untouched.
 *
 * The same check runs before a first creation from a locally built image, so a missing one is said
 * plainly instead of as kind's failed pull from a registry the image was never in.
 */
import { fill, type Localized } from '../../../i18n/lang.ts';
import type { CommandRunner } from '../../exec/runner.ts';
import { ClusterUnavailableError } from '../cluster.ts';
import { msg } from '../common/messages.ts';
import { NODE_IMAGE_ENV } from './config.ts';
import type { NodeImage } from './node-image.ts';
import type { Engine } from './tooling.ts';

export const PULL_TIMEOUT_MS = 15 * 60_000;

export interface RecreateTarget {
  runner: CommandRunner;
  engine: Engine;
  name: string;
  image: NodeImage;
  note: (line: string) => void;
}

/** Whether ref is in the engine's local image store. */
export async function hasLocalImage(runner: CommandRunner, engine: Engine, ref: string): Promise<boolean> {
  const r = await runner.run(engine, ['image', 'inspect', '--format', '{{.Id}}', ref], { reject: false, timeoutMs: 30_000 });
  return r.exitCode === 0 && !r.failure;
}

/** The image the cluster's control-plane container runs, or undefined when the engine does not say. */
export async function clusterNodeImage(runner: CommandRunner, engine: Engine, name: string): Promise<string | undefined> {
  const format = engine === 'docker' ? '{{.Config.Image}}' : '{{.ImageName}}';
  const r = await runner.run(engine, ['container', 'inspect', '--format', format, `${name}-control-plane`], { reject: false, timeoutMs: 30_000 });
  const image = r.stdout.trim();
  return r.exitCode === 0 && !r.failure && image ? image : undefined;
}

/** What to do when the node image is not here, chosen by where the image came from. */
export function missingImageHint(image: NodeImage, engine: Engine): Localized {
  switch (image.source) {
    case 'cluster-up':
      return fill(msg.recordedImageHint, { image: image.ref, file: image.recordedIn ?? '' });
    case 'env':
      return fill(msg.envImageHint, { image: image.ref, variable: NODE_IMAGE_ENV });
    case 'pinned':
      return fill(msg.pinnedImageKeepHint, { image: image.ref, engine });
  }
}

/**
 * Resolves to undefined when the cluster may be deleted because it can be made again (the image is
 * here, or the pinned image was just pulled), else to the error to throw. Deletes nothing.
 */
export async function recreateBlocker(t: RecreateTarget, state: 'stale' | 'unreachable', signal?: AbortSignal): Promise<ClusterUnavailableError | undefined> {
  if (await hasLocalImage(t.runner, t.engine, t.image.ref)) return undefined;
  let pullDetail: string | undefined;
  if (t.image.source === 'pinned') {
    t.note(`${t.image.ref} is not in the local ${t.engine} image store; pulling it before cluster ${t.name} is recreated`);
    const pulled = await t.runner.run(t.engine, ['pull', t.image.ref], { reject: false, timeoutMs: PULL_TIMEOUT_MS, signal });
    if (signal?.aborted) throw signal.reason;
    if (pulled.exitCode === 0 && !pulled.failure && (await hasLocalImage(t.runner, t.engine, t.image.ref))) return undefined;
    pullDetail = (pulled.stderr.trim() || pulled.stdout.trim() || `exit ${pulled.exitCode}`).split('\n').slice(-3).join('\n');
  }
  const existing = await clusterNodeImage(t.runner, t.engine, t.name);
  const existingText: Localized = existing ? { en: existing, 'zh-cn': existing } : msg.unknownNodeImage;
  const base = state === 'stale' ? msg.keepStaleCluster : msg.keepUnreachableCluster;
  const params = { name: t.name, image: t.image.ref, engine: t.engine };
  const lines: Localized[] = [
    { en: fill(base, { ...params, existing: existingText.en }).en, 'zh-cn': fill(base, { ...params, existing: existingText['zh-cn'] })['zh-cn'] },
    ...(pullDetail === undefined ? [] : [fill(msg.nodeImagePullFailed, { detail: pullDetail })]),
    msg.clusterKept,
  ];
  return new ClusterUnavailableError(joinLines(lines), missingImageHint(t.image, t.engine));
}

/**
 * Before a first creation: resolves to the error to throw when the image was built on this machine
 * and is not here (kind would try to pull it from a registry it was never in), else undefined.
 * The pinned image is left to kind, which pulls it.
 */
export async function createBlocker(t: RecreateTarget): Promise<ClusterUnavailableError | undefined> {
  if (t.image.source === 'pinned' || (await hasLocalImage(t.runner, t.engine, t.image.ref))) return undefined;
  return new ClusterUnavailableError(fill(msg.nodeImageMissing, { name: t.name, image: t.image.ref, engine: t.engine }), missingImageHint(t.image, t.engine));
}

function joinLines(lines: Localized[]): Localized {
  return { en: lines.map((l) => l.en).join('\n'), 'zh-cn': lines.map((l) => l['zh-cn']).join('\n') };
}

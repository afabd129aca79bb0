/**
 * Pull-free where possible: images the graders use that the user already has locally are loaded
 * into a freshly created cluster. `kind load docker-image` breaks when Docker uses the containerd
 * image store (kubernetes-sigs/kind#3795: "ctr: content digest ... not found"); the documented
 * workaround (kind PR #4247) is `docker image save --platform` + `kind load image-archive`.
 * Best effort: a failure is a trace note, and the nodes pull the image themselves.
 */
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandRunner } from '../../exec/runner.ts';
import { HELPER_IMAGE } from '../common/labels.ts';
import { NFS_IMAGE } from '../common/nfs-manifests.ts';
import type { Engine } from './tooling.ts';

export const PRELOAD_IMAGES = [HELPER_IMAGE, NFS_IMAGE];

/** The linux/<arch> of this machine, as image platforms name it. */
export function imagePlatform(arch: string = process.arch): string {
  return `linux/${arch === 'x64' ? 'amd64' : arch === 'arm' ? 'arm' : arch}`;
}

export interface PreloadOptions {
  runner: CommandRunner;
  engine: Engine;
  cluster: string;
  note: (line: string) => void;
  tmp?: string;
}

/** Loads each image the user has locally into every node. Never rejects. */
export async function preloadImages(o: PreloadOptions, images: string[] = PRELOAD_IMAGES): Promise<void> {
  for (const image of images) {
    try {
      await preloadOne(o, image);
    } catch (err) {
      o.note(`could not preload ${image}: ${(err as Error).message.split('\n')[0]}; the nodes will pull it`);
    }
  }
}

async function preloadOne(o: PreloadOptions, image: string): Promise<void> {
  const local = await o.runner.run(o.engine, ['image', 'inspect', '--format', '{{.Id}}', image], { reject: false, timeoutMs: 30_000 });
  if (local.exitCode !== 0) {
    o.note(`${image} is not in the local ${o.engine} image store; the nodes will pull it`);
    return;
  }
  if (o.engine === 'docker') {
    const direct = await o.runner.run('kind', ['load', 'docker-image', image, '--name', o.cluster], { reject: false, timeoutMs: 300_000 });
    if (direct.exitCode === 0) {
      o.note(`loaded ${image} into ${o.cluster}`);
      return;
    }
    o.note(`kind load docker-image ${image} failed (${firstLine(direct.stderr)}); trying an image archive (kind#3795)`);
  }
  const archive = join(o.tmp ?? tmpdir(), `k8s-storage-course-${process.pid}-${Math.random().toString(36).slice(2, 8)}.tar`);
  try {
    let saved = await o.runner.run(o.engine, ['image', 'save', '--platform', imagePlatform(), '-o', archive, image], { reject: false, timeoutMs: 300_000 });
    if (saved.exitCode !== 0) {
      // Engines older than Docker 28 / Podman 5 have no --platform on save; a plain save is all they can do.
      saved = await o.runner.run(o.engine, ['image', 'save', '-o', archive, image], { reject: false, timeoutMs: 300_000 });
    }
    if (saved.exitCode !== 0) {
      o.note(`could not save ${image} (${firstLine(saved.stderr)}); the nodes will pull it`);
      return;
    }
    const loaded = await o.runner.run('kind', ['load', 'image-archive', archive, '--name', o.cluster], { reject: false, timeoutMs: 300_000 });
    o.note(loaded.exitCode === 0 ? `loaded ${image} into ${o.cluster} from an archive` : `kind load image-archive failed for ${image} (${firstLine(loaded.stderr)}); the nodes will pull it`);
  } finally {
    await rm(archive, { force: true });
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).at(-1) ?? 'no output';
}

/**
 * After a bring-up: the build products of other inputs are removed, since this checkout can never
 * use them again (a product's file or tag carries the hash of everything it was made from, keys.ts,
 * and a new pin or an edited build script makes a new one). What goes: directories under go/ of
 * tool versions no longer pinned, root file systems and image folders of other keys, and the course
 * engine's own images (`k8s-storage-course/...`) that are not the current node, base or CNI image.
 * An image a container still uses is refused by the engine and stays. Nothing outside the cache
 * and the course's image names is touched.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { ClusterPaths } from './paths.ts';

/** The repository part of every image the course builds. */
export const COURSE_IMAGE_PREFIX = 'k8s-storage-course/';

export interface Keep {
  /** Absolute paths of products in use (files or directories). */
  paths: string[];
  /** Image references in use (repository:tag). */
  images: string[];
  /** The keys of the image sets in use (cluster images, CSI images): `k8s-storage-course/img-<name>:<key>` of these keys are kept. */
  imagesKeys: string[];
}

function sizeOf(path: string): number {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

/**
 * Removes from go/, rootfs/ and images/ every entry that is not in keep.paths (a rootfs tar's
 * `.txt` package list goes and stays with its tar). Returns what was removed and the bytes freed.
 */
export function pruneCache(paths: ClusterPaths, keep: Keep): { removed: string[]; bytes: number } {
  const kept = new Set(keep.paths.flatMap((p) => [p, `${p}.txt`]));
  const removed: string[] = [];
  let bytes = 0;
  for (const dir of [paths.go, paths.rootfs, paths.images]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (kept.has(path)) continue;
      bytes += sizeOf(path);
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    }
  }
  return { removed, bytes };
}

/**
 * The course images of `listed` (`docker images --format '{{.Repository}}:{{.Tag}}'` lines) that
 * are not kept: not one of keep.images, and not an `img-<name>` of one of keep.imagesKeys.
 */
export function staleImages(listed: string, keep: Keep): string[] {
  const kept = new Set(keep.images);
  return listed
    .split('\n')
    .map((l) => l.trim())
    .filter((ref) => ref.startsWith(COURSE_IMAGE_PREFIX) && !ref.endsWith(':<none>') && !kept.has(ref))
    .filter((ref) => !(ref.startsWith(`${COURSE_IMAGE_PREFIX}img-`) && keep.imagesKeys.some((key) => ref.endsWith(`:${key}`))));
}

/** The first 12 hex characters of a file's sha256 (what node-image.sh tags its rootfs image with); '' when unreadable. */
export async function sha12(file: string): Promise<string> {
  const h = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  } catch {
    return '';
  }
  return h.digest('hex').slice(0, 12);
}

/**
 * The prune step of a bring-up: the cache entries, then the engine's stale images (`docker` talks
 * to the course engine: up.ts points DOCKER_HOST at it). Never rejects: removing old products must
 * not fail a bring-up whose cluster is ready; what could not be removed is logged and stays.
 */
export async function pruneOldBuilds(paths: ClusterPaths, keep: Keep, log: (line: string) => void): Promise<{ entries: number; bytes: number; images: number }> {
  let cache = { removed: [] as string[], bytes: 0 };
  try {
    cache = pruneCache(paths, keep);
  } catch (err) {
    log(`could not prune the cache: ${(err as Error).message}`);
  }
  for (const p of cache.removed) log(`removed ${p}`);
  const listed = await execa('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], { reject: false });
  let images = 0;
  for (const ref of listed.exitCode === 0 ? staleImages(listed.stdout, keep) : []) {
    const r = await execa('docker', ['rmi', ref], { reject: false });
    if (r.exitCode === 0) images++;
    log(r.exitCode === 0 ? `removed image ${ref}` : `kept image ${ref}: ${r.stderr.trim().split('\n')[0]}`);
  }
  return { entries: cache.removed.length, bytes: cache.bytes, images };
}

/**
 * Node access on kind: a node is a container of the engine, so `docker exec <node> ...` (or
 * `podman exec`) reaches its filesystem and its containerd. Only nodes of our own cluster are
 * accepted, so no other container on the machine can be touched.
 */
import { ExecError } from '../cluster.ts';
import type { CommandRunner } from '../../exec/runner.ts';
import type { NodeAccess } from '../common/backend.ts';
import { READ_SCRIPT, readOutcome, writeOutcome } from '../common/file-scripts.ts';
import { crictlStopArgs } from '../common/crictl.ts';
import { assertAbsolutePath, assertName } from '../common/kinds.ts';
import { nodeNfsClient } from '../common/nfs-client.ts';
import { assertScopedDir } from '../common/run-scope.ts';
import type { Engine } from './tooling.ts';

/** argv (after the engine) that SIGKILLs a container through the node's runtime. */
export function killArgs(node: string, containerId: string): string[] {
  return ['exec', node, ...crictlStopArgs(containerId)];
}

/** argv that prints a node file (or exits 66 with the marker when absent). */
export function readArgs(node: string, path: string): string[] {
  return ['exec', node, 'sh', '-c', READ_SCRIPT, '--', path];
}

/** argv that creates a node directory and its parents. */
export function mkdirArgs(node: string, path: string): string[] {
  return ['exec', node, 'mkdir', '-p', '--', path];
}

/** argv that removes a run-scoped node directory. */
export function rmdirArgs(node: string, path: string): string[] {
  return ['exec', node, 'rm', '-rf', '--', assertScopedDir(path)];
}

export function engineNodeAccess(o: { runner: CommandRunner; engine: Engine; cluster: string }): NodeAccess {
  const own = (node: string) => {
    assertName(node, 'node');
    if (!node.startsWith(`${o.cluster}-`)) throw new ExecError(`node ${node} is not part of the kind cluster ${o.cluster}`);
    return node;
  };
  return {
    async killContainer(node, containerId) {
      const r = await o.runner.run(o.engine, killArgs(own(node), containerId), { reject: false, timeoutMs: 30_000 });
      writeOutcome(r, `stop container ${containerId} on ${node} with crictl`);
    },
    async readFile(node, path) {
      const r = await o.runner.run(o.engine, readArgs(own(node), assertAbsolutePath(path)), { reject: false, timeoutMs: 30_000 });
      return readOutcome(r, `node ${node}`);
    },
    nfsClient(node) {
      const on = own(node);
      return nodeNfsClient(async (argv) => {
        const r = await o.runner.run(o.engine, ['exec', on, ...argv], { reject: false, timeoutMs: 30_000 });
        return { exitCode: r.failure ? -1 : r.exitCode, stdout: r.stdout };
      });
    },
    async makeDir(node, path) {
      const r = await o.runner.run(o.engine, mkdirArgs(own(node), assertAbsolutePath(path)), { reject: false, timeoutMs: 30_000 });
      writeOutcome(r, `create ${path} on node ${node}`);
    },
    async removeDir(node, path) {
      const r = await o.runner.run(o.engine, rmdirArgs(own(node), path), { reject: false, timeoutMs: 30_000 });
      writeOutcome(r, `remove ${path} on node ${node}`);
    },
  };
}

import { describe, expect, it } from 'vitest';
import { FakeRunner } from '../../src/grader/exec/fake-runner.ts';
import { kindNetworkDecision } from '../../src/local-cluster/kind-network.ts';

const PS = ['ps', '--all', '--no-trunc', '--filter', 'network=kind', '--format', '{{.Names}}'];
const exists = () => new FakeRunner().on('docker', ['network', 'inspect', 'kind'], { stdout: 'kind\n' });

describe('may cluster:down remove the kind network?', () => {
  it('yes, when no container at all is attached', async () => {
    const runner = exists().on('docker', PS, { stdout: '' });
    expect(await kindNetworkDecision(runner)).toEqual({ remove: true });
    expect(runner.argvs()).toEqual([
      ['docker', 'network', 'inspect', 'kind', '--format', '{{.Name}}'],
      ['docker', ...PS],
    ]);
  });

  it('no, while a stopped container still uses it (network inspect would say 0 containers)', async () => {
    // What Docker prints for a kind cluster of the user's whose nodes are stopped: `docker network
    // inspect kind --format '{{len .Containers}}'` says 0, `docker ps -a --filter network=kind` names them.
    const runner = exists()
      .on('docker', ['network', 'inspect', 'kind', '--format', '{{len .Containers}}'], { stdout: '0\n' })
      .on('docker', PS, { stdout: 'mine-control-plane\nmine-worker\n' });
    expect(await kindNetworkDecision(runner)).toEqual({ remove: false, why: 'in-use', containers: ['mine-control-plane', 'mine-worker'] });
  });

  it('no, when there is no such network', async () => {
    for (const stderr of ['Error response from daemon: network kind not found\n', 'Error: No such network: kind\n']) {
      const runner = new FakeRunner().on('docker', ['network', 'inspect'], { exitCode: 1, stderr });
      expect(await kindNetworkDecision(runner)).toEqual({ remove: false, why: 'absent' });
      expect(runner.calls).toHaveLength(1);
    }
  });

  it('no, when Docker cannot say which containers use it', async () => {
    const denied = new FakeRunner().on('docker', ['network', 'inspect'], { exitCode: 1, stderr: 'permission denied while trying to connect to the Docker daemon socket\n' });
    expect(await kindNetworkDecision(denied)).toEqual({ remove: false, why: 'unknown', detail: 'permission denied while trying to connect to the Docker daemon socket' });
    const psFails = exists().on('docker', PS, { exitCode: 1, stderr: 'Cannot connect to the Docker daemon\n' });
    expect(await kindNetworkDecision(psFails)).toEqual({ remove: false, why: 'unknown', detail: 'Cannot connect to the Docker daemon' });
    const timedOut = exists().on('docker', PS, { failure: 'timeout' });
    expect(await kindNetworkDecision(timedOut)).toMatchObject({ remove: false, why: 'unknown' });
  });
});

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { envLines, readState, writeState } from '../../src/local-cluster/state.ts';

const state = {
  cluster: 'k8s-storage-course',
  nodeImage: 'k8s-storage-course/node:v1.35.4-0123456789ab',
  bin: "/home/o'neil/.cache/k8s-storage-course/cluster/bin",
  kubeconfig: '/k',
  kindVersion: 'v0.31.0',
  kubernetesVersion: 'v1.35.4',
  upAt: '2026-12-03T00:00:00.000Z',
};

describe('cluster state', () => {
  it('round-trips, and ignores a file that is not a state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-'));
    writeState(join(dir, 's.json'), state);
    expect(readState(join(dir, 's.json'))).toEqual(state);
    writeFileSync(join(dir, 'bad.json'), '{"cluster": 1}');
    expect(readState(join(dir, 'bad.json'))).toBeUndefined();
    writeFileSync(join(dir, 'cut.json'), JSON.stringify(state).slice(0, 40));
    expect(readState(join(dir, 'cut.json')), 'a truncated file is ignored, not a crash').toBeUndefined();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp')), 'no temporary file is left').toEqual([]);
    expect(readState(join(dir, 'none.json'))).toBeUndefined();
  });

  it('ignores a file cut short, or one that is not JSON at all, instead of throwing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-'));
    writeState(join(dir, 's.json'), state);
    const whole = readFileSync(join(dir, 's.json'), 'utf8');
    writeFileSync(join(dir, 'cut.json'), whole.slice(0, whole.length / 2));
    expect(readState(join(dir, 'cut.json'))).toBeUndefined();
    writeFileSync(join(dir, 'empty.json'), '');
    expect(readState(join(dir, 'empty.json'))).toBeUndefined();
  });

  it('cluster:env lines are safe to eval in sh, even with a quote in the path', () => {
    const out = execFileSync('sh', ['-c', `${envLines(state).join('\n')}\nprintf '%s\\n' "\${PATH%%:*}" "$K8S_STORAGE_COURSE_NODE_IMAGE"`], { encoding: 'utf8' });
    expect(out).toBe(`${state.bin}\n${state.nodeImage}\n`);
  });

  it('cluster:env hands over the course engine through DOCKER_HOST when the state records it', () => {
    const withEngine = { ...state, dockerHost: 'unix:///run/k8s-storage-course/docker.sock' };
    const out = execFileSync('sh', ['-c', `${envLines(withEngine).join('\n')}\nprintf '%s' "$DOCKER_HOST"`], { encoding: 'utf8' });
    expect(out).toBe(withEngine.dockerHost);
    expect(envLines(state).some((l) => l.includes('DOCKER_HOST'))).toBe(false);
  });
});

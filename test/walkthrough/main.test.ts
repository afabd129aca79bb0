import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeState } from '../../src/local-cluster/state.ts';
import { readCaptureFile } from '../../src/walkthrough/capture-file.ts';
import { main } from '../../src/walkthrough/main.ts';
import { ROOT } from '../graders/harness.ts';

function run(argv: string[], env: Record<string, string> = {}, root = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: { write: (t: string) => out.push(t) }, err: { write: (t: string) => err.push(t) }, env: { K8S_STORAGE_COURSE_CLUSTER_CACHE: '/nonexistent-ksc-cache', ...env }, isTTY: false, root };
  return main(argv, io).then((code) => ({ code, out: out.join(''), err: err.join('') }));
}

describe('walkthroughs:capture command line', () => {
  it('--help prints the usage in the chosen language, exit 0', async () => {
    const r = await run(['--help', '--lang', 'zh-cn']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法：npm run walkthroughs:capture');
  });

  it('an unknown option shows the usage in the user\'s language, exit 2', async () => {
    const en = await run(['--bogus']);
    expect(en.code).toBe(2);
    expect(en.err).toContain('Unknown option or argument: --bogus');
    expect(en.err).toContain('usage: npm run walkthroughs:capture');
    const zh = await run(['--bogus'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.err).toContain('未知的选项或参数：--bogus');
  });

  it('an unknown language is said in both languages, exit 2', async () => {
    const r = await run(['--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown language "fr"');
    expect(r.err).toContain('未知的语言“fr”');
  });

  it('an unknown lesson lists the lessons, exit 2', async () => {
    const r = await run(['lesson-42']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown lesson "lesson-42". The lessons are: lesson-1 (01-emptydir)');
  });

  it('a broken step file is named with file:line before anything runs, exit 2', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wt-main-'));
    mkdirSync(join(root, 'lessons', '01-demo', 'walkthrough'), { recursive: true });
    writeFileSync(join(root, 'lessons', '01-demo', 'walkthrough', '01-a.sh'), 'echo a\n# a note\n');
    const r = await run(['lesson-1', '--lang', 'zh-cn'], {}, root);
    expect(r.code).toBe(2);
    expect(r.err).toBe('lessons/01-demo/walkthrough/01-a.sh:2：步骤文件中不能写注释：两种语言的页面都会显示它，请把解释写在课程正文里\n');
  });

  it('without a cluster built here it says to run cluster:up first, exit 3', async () => {
    const r = await run(['lesson-1']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('run `npm run cluster:up` first');
  });
});

/**
 * A machine as `npm run cluster:up` leaves it, with fake kind, docker and kubectl in its bin
 * folder: kind reports the clusters listed in existing and logs every call; docker and kubectl
 * print what they were asked (kubectl apply -f prints the file it read).
 */
function fakeMachine(existing: string[]) {
  const cache = mkdtempSync(join(tmpdir(), 'wt-machine-'));
  const bin = join(cache, 'bin');
  mkdirSync(bin);
  const log = join(cache, 'calls.log');
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "$FAKE_LOG"\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  script('kind', `if [ "$1 $2" = "get clusters" ]; then printf '${existing.map((c) => `${c}\\n`).join('')}'; fi`);
  script('docker', `if [ "$1 $3 $4" = "exec cat /proc/filesystems" ]; then printf 'nodev\\tnfs\\n'; else echo "docker $*"; fi`);
  script('kubectl', `if [ "$1 $2" = "apply -f" ]; then cat "$3"; else echo "kubectl $*"; fi`);
  writeState(join(cache, 'state.json'), { cluster: 'k8s-storage-course', nodeImage: 'k8s-storage-course/node:v1.35.4-abc', bin, kubeconfig: '/k', kindVersion: 'v0.31.0', kubernetesVersion: 'v1.35.4', upAt: '2026-12-03T00:00:00.000Z' });
  const root = mkdtempSync(join(tmpdir(), 'wt-root-'));
  mkdirSync(join(root, 'lab'));
  writeFileSync(join(root, 'lab', 'kind-course.yaml'), readFileSync(join(process.cwd(), 'lab', 'kind-course.yaml')));
  mkdirSync(join(root, 'lessons', '01-demo', 'walkthrough'), { recursive: true });
  mkdirSync(join(root, 'lessons', '01-demo', 'manifests'));
  const manifest = 'spec:\n  nodeSelector:\n    kubernetes.io/hostname: course-worker\n';
  writeFileSync(join(root, 'lessons', '01-demo', 'manifests', 'pod.yaml'), manifest);
  writeFileSync(join(root, 'lessons', '01-demo', 'walkthrough', '01-a.sh'), 'kubectl apply -f lessons/01-demo/manifests/pod.yaml\ndocker exec course-worker2 ls /var/local\n');
  const env = { K8S_STORAGE_COURSE_CLUSTER_CACHE: cache, FAKE_LOG: log, PATH: process.env.PATH ?? '' };
  return { root, env, manifest, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []) };
}

describe('walkthroughs:capture on a lab cluster of another name', () => {
  it('runs while the lessons\' "course" exists, with node names mapped, and never touches "course"', async () => {
    const m = fakeMachine(['course', 'k8s-storage-course']);
    const out = mkdtempSync(join(tmpdir(), 'wt-out-'));
    const err: string[] = [];
    const code = await main(['lesson-1'], { out: { write: () => undefined }, err: { write: (t: string) => err.push(t) }, env: m.env, isTTY: false, root: m.root, labName: 'course-check-0a1b', outDir: () => out });
    expect(code, err.join('')).toBe(0);
    expect(err.join('')).toContain('on "course-check-0a1b" every command and lesson manifest runs with them as course-check-0a1b-control-plane, course-check-0a1b-worker, course-check-0a1b-worker2');
    const kind = m.calls().filter((c) => c.startsWith('kind '));
    expect(kind[0]).toBe('kind get clusters');
    // Its own copy of lab/kind-course.yaml, whose nodes share a CSI store of this lab's own.
    expect(kind[1]).toMatch(/^kind create cluster --name course-check-0a1b --config \S+\/lab-config-\w+\/kind-course\.yaml --image k8s-storage-course\/node:v1\.35\.4-abc --kubeconfig \S+ --wait 180s$/);
    expect(kind.slice(2)).toEqual(['kind delete cluster --name course-check-0a1b']);
    expect(m.calls()).toContain('docker exec course-check-0a1b-worker cat /proc/filesystems');
    // The lessons start only once the lab's DNS is available.
    const dnsWait = m.calls().findIndex((c) => /^kubectl --kubeconfig \S+ -n kube-system rollout status deployment\/coredns/.test(c));
    expect(dnsWait).toBeGreaterThan(m.calls().indexOf(kind[1]!));
    expect(dnsWait).toBeLessThan(m.calls().findIndex((c) => c.startsWith('kubectl apply -f lessons/01-demo')));

    const capture = readCaptureFile(join(out, 'captured.json'), 'captured.json');
    const step = capture.steps[0];
    expect(step.status === 'captured' && step.commands.map((c) => [c.command, c.output])).toEqual([
      ['kubectl apply -f lessons/01-demo/manifests/pod.yaml', m.manifest.replace('course-worker', 'course-check-0a1b-worker')],
      ['docker exec course-worker2 ls /var/local', 'docker exec course-check-0a1b-worker2 ls /var/local\n'],
    ]);
    // The repository is as it was: its manifest, and no capture written next to the steps.
    expect(readFileSync(join(m.root, 'lessons', '01-demo', 'manifests', 'pod.yaml'), 'utf8')).toBe(m.manifest);
    expect(existsSync(join(m.root, 'lessons', '01-demo', 'walkthrough', 'captured.json'))).toBe(false);
  });

  it('stops before any lesson when the lab\'s DNS never becomes available, saying so in the chosen language, exit 1', async () => {
    const m = fakeMachine([]);
    writeFileSync(join(m.env.K8S_STORAGE_COURSE_CLUSTER_CACHE, 'bin', 'kubectl'), '#!/bin/sh\necho "kubectl $*" >> "$FAKE_LOG"\ncase "$*" in *coredns*) echo "error: timed out waiting for the condition"; exit 1;; esac\n');
    const err: string[] = [];
    const code = await main(['lesson-1', '--lang', 'zh-cn'], { out: { write: () => undefined }, err: { write: (t: string) => err.push(t) }, env: m.env, isTTY: false, root: m.root, labName: 'course-check-0a1b', outDir: () => mkdtempSync(join(tmpdir(), 'wt-out-')) });
    expect(code).toBe(1);
    expect(err.join('')).toContain('实验集群的 DNS（coredns Deployment）没有变为可用');
    expect(err.join('')).toContain('timed out waiting for the condition');
    expect(m.calls().some((c) => c.startsWith('kubectl apply -f lessons/01-demo'))).toBe(false);
    expect(m.calls()).toContain('kind delete cluster --name course-check-0a1b');
  });

  it('the capture for the pages still refuses to run when "course" exists, exit 3', async () => {
    const m = fakeMachine(['course']);
    const err: string[] = [];
    const code = await main(['lesson-1'], { out: { write: () => undefined }, err: { write: (t: string) => err.push(t) }, env: m.env, isTTY: false, root: m.root });
    expect(code).toBe(3);
    expect(err.join('')).toContain('A kind cluster named "course" already exists');
    expect(m.calls()).toEqual(['kind get clusters']);
  });

  it('refuses another name without outDir (its captures would replace the pages\' own), and a name kind cannot take', async () => {
    const m = fakeMachine([]);
    const io = { out: { write: () => undefined }, err: { write: () => undefined }, env: m.env, isTTY: false, root: m.root };
    await expect(main(['lesson-1'], { ...io, labName: 'course-check-0a1b' })).rejects.toThrow('needs outDir');
    await expect(main(['lesson-1'], { ...io, labName: 'Course check', outDir: () => m.root })).rejects.toThrow('cannot be a kind cluster name');
    expect(m.calls()).toEqual([]);
  });
});

describe('walkthroughs:capture with lessons that need the CSI driver', () => {
  it('loads the driver\'s images while the lessons before the first CSI lesson run, and applies the driver only just before that lesson', async () => {
    const m = fakeMachine([]);
    const cache = m.env.K8S_STORAGE_COURSE_CLUSTER_CACHE;
    const bin = join(cache, 'bin');
    writeState(join(cache, 'state.json'), { cluster: 'k8s-storage-course', nodeImage: 'img', bin, kubeconfig: '/k', kindVersion: 'v0.31.0', kubernetesVersion: 'v1.35.4', upAt: '2026-12-03T00:00:00.000Z', csi: { imagesDir: '/images', driverImage: 'driver:1', gomodcache: '/gomod' } });
    // kubectl as the install sees it: three nodes, each CSINode listing the driver; everything else succeeds.
    const node = (n: string) => `{"metadata":{"name":"${n}"},"spec":{"drivers":[{"name":"csi.k8s-storage-course.local"}]}}`;
    writeFileSync(
      join(bin, 'kubectl'),
      `#!/bin/sh\necho "kubectl $*" >> "$FAKE_LOG"\ncase "$*" in\n*"get nodes -o jsonpath"*) echo "course-control-plane course-worker course-worker2";;\n*"get csinode -o json"*) echo '{"items":[${['course-control-plane', 'course-worker', 'course-worker2'].map(node).join(',')}]}';;\n*"apply -f -"*) cat >/dev/null;;\nesac\n`,
    );
    writeFileSync(join(bin, 'go'), '#!/bin/sh\necho "go $*" >> "$FAKE_LOG"\n');
    chmodSync(join(bin, 'go'), 0o755);
    // The first load takes a second, long enough for lesson 1 to run meanwhile.
    mkdirSync(join(m.root, 'cluster', 'build'), { recursive: true });
    mkdirSync(join(m.root, 'cluster', 'csi'), { recursive: true });
    for (const f of ['versions.env', join('csi', 'course-csi.yaml')]) writeFileSync(join(m.root, 'cluster', f), readFileSync(join(ROOT, 'cluster', f)));
    writeFileSync(join(m.root, 'cluster', 'build', 'load-images.sh'), 'echo "load-images start $*" >> "$FAKE_LOG"\n[ -e "$FAKE_LOG.loaded" ] || sleep 1\ntouch "$FAKE_LOG.loaded"\necho "load-images end" >> "$FAKE_LOG"\n');
    mkdirSync(join(m.root, 'lessons', '02-csi', 'walkthrough'), { recursive: true });
    writeFileSync(join(m.root, 'lessons', '02-csi', 'walkthrough', '01-claim.sh'), '#@ needs: csi\nkubectl get storageclass course-csi\n');
    // The install's commands run in this process's environment.
    vi.stubEnv('PATH', `${bin}:${process.env.PATH ?? ''}`);
    vi.stubEnv('FAKE_LOG', m.env.FAKE_LOG);
    try {
      const err: string[] = [];
      const code = await main([], { out: { write: () => undefined }, err: { write: (t: string) => err.push(t) }, env: { ...m.env, PATH: `${bin}:${process.env.PATH ?? ''}` }, isTTY: false, root: m.root, labName: 'course-check-0a1b', outDir: () => mkdtempSync(join(tmpdir(), 'wt-out-')) });
      expect(code, err.join('')).toBe(0);
      expect(err.join('')).toContain('The CSI driver is ready on the lab cluster');
      const calls = m.calls();
      const at = (pred: (c: string) => boolean, from = 0) => calls.findIndex((c, i) => i >= from && pred(c));
      const firstLoad = at((c) => c.startsWith('load-images start'));
      const lesson1 = at((c) => c.startsWith('kubectl apply -f lessons/01-demo'));
      const firstLoadEnd = at((c) => c === 'load-images end');
      const driverApplied = at((c) => c.includes('apply -f -'));
      const lesson2 = at((c) => c.startsWith('kubectl get storageclass course-csi'));
      // Lesson 1 ran while the images were still loading, and the driver's objects came after it and before lesson 2.
      expect(firstLoad).toBeGreaterThanOrEqual(0);
      expect(lesson1).toBeGreaterThan(firstLoad);
      expect(firstLoadEnd).toBeGreaterThan(lesson1);
      expect(driverApplied).toBeGreaterThan(lesson1);
      expect(lesson2).toBeGreaterThan(driverApplied);
      expect(calls.slice(0, lesson1).some((c) => c.includes('apply -f -') || c.includes('snapshot.storage.k8s.io'))).toBe(false);
      // The install checks the nodes again (load-images.sh skips a node that has every image).
      expect(at((c) => c.startsWith('load-images start'), firstLoadEnd)).toBeGreaterThan(firstLoadEnd);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

/**
 * Playground scenarios: the target inferred from each lesson's manifests, fixtures (NFS server,
 * local PV directory), every pod running at the start, and determinism (the server-rendered
 * picture must equal the browser's first picture).
 */
import { describe, expect, it } from 'vitest';
import { allRunning, capabilities, currentPod, inferTarget, startScenario } from '../../src/playground/scenario.ts';
import { listLessonFolders } from '../../src/site/lessons.ts';
import { lessonConfig } from './lessons.ts';

const lessons = listLessonFolders(process.cwd()).map((l) => l.folder);

describe('playground scenarios', () => {
  it.each(lessons)('%s starts with every pod running', (lesson) => {
    const scn = startScenario(lessonConfig(lesson));
    expect(allRunning(scn.model)).toBe(true);
    expect(currentPod(scn)).toBe(scn.target.pod);
  });

  it.each(lessons)('%s starts the same way every time', (lesson) => {
    expect(startScenario(lessonConfig(lesson)).model.snapshot()).toEqual(startScenario(lessonConfig(lesson)).model.snapshot());
  });

  it('infers the pod, container and mount each lesson acts on', () => {
    const t = (lesson: string) => {
      const { manifest, ...rest } = inferTarget(lessonConfig(lesson));
      return { ...rest, bare: !!manifest };
    };
    expect(t('01-emptydir')).toEqual({ pod: 'share-demo', container: 'writer', mountPath: '/cache', bare: true });
    expect(t('02-hostpath')).toEqual({ pod: 'hostpath-demo', container: 'app', mountPath: '/data', bare: true });
    expect(t('03-nfs')).toEqual({ pod: 'nfs-writer', container: 'app', mountPath: '/shared', bare: true });
    expect(t('04-pv-pvc')).toEqual({ pod: 'demo-pod', container: 'app', mountPath: '/data', claim: 'demo-pvc', bare: true });
    expect(t('05-storageclass')).toEqual({ pod: 'demo-dyn-pod', container: 'app', mountPath: '/data', claim: 'demo-dyn-pvc', bare: true });
    expect(t('06-statefulset')).toEqual({ pod: 'kv-0', container: 'app', mountPath: '/data', claim: 'data-kv-0', owner: { kind: 'StatefulSet', name: 'kv', labels: { app: 'kv' } }, bare: false });
  });

  it('skips read-only mounts and honours an explicit target', () => {
    const cfg = lessonConfig('01-emptydir');
    expect(() => inferTarget({ ...cfg, target: { container: 'reader' } })).toThrow(/no pod or workload with a writable volume mount/);
    expect(inferTarget({ ...cfg, target: { pod: 'share-demo', container: 'writer' } }).container).toBe('writer');
    expect(() => inferTarget({ ...cfg, target: { pod: 'nope' } })).toThrow(/named nope/);
  });

  it('offers delete-PVC only with a claim and scale only with a workload', () => {
    expect(capabilities(inferTarget(lessonConfig('01-emptydir')))).toEqual({ deletePvc: false, scale: false });
    expect(capabilities(inferTarget(lessonConfig('04-pv-pvc')))).toEqual({ deletePvc: true, scale: false });
    expect(capabilities(inferTarget(lessonConfig('06-statefulset')))).toEqual({ deletePvc: true, scale: true });
  });

  it('installs the NFS server and the local PV directory the manifests expect', () => {
    expect(startScenario(lessonConfig('03-nfs')).model.snapshot().nfsServers).toHaveLength(1);
    expect(startScenario(lessonConfig('01-emptydir')).model.snapshot().nfsServers).toHaveLength(0);
    expect(startScenario(lessonConfig('04-pv-pvc')).model.listNodeDir('course-worker', '/var/local/demo-pv')).toEqual([]);
  });

  it('finds a Deployment pod by its labels', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], volumeMounts: [{ name: 'v', mountPath: '/v' }] }], volumes: [{ name: 'v', emptyDir: {} }] },
        },
      },
    };
    const scn = startScenario({ lesson: 'x', objects: [deployment] });
    expect(currentPod(scn)).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
  });
});

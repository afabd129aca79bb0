import { beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/grader/report/model.ts';
import { expectProblem, FIXTURES, problemsOf } from './helpers.ts';

const F = (file: string) => `${FIXTURES}/server-rules/${file}`;

describe('API-server rules the schema misses', () => {
  let problems: Problem[] = [];
  beforeAll(async () => {
    problems = await problemsOf('server-rules');
  });

  it('pod specs: image, volume types, names, mounts, ports', () => {
    expectProblem(problems, 'server.invalidName', `${F('pod.yaml')}:4:9`, ['"Cache_Pod" is not a valid Pod name', '(for example "cache-pod")'], ['不是合法的 Pod 名称', '"cache-pod"']);
    expectProblem(problems, 'server.missingImage', `${F('pod.yaml')}:7:5`, ['spec.containers[0] ("writer") has no image'], ['没有 image']);
    expectProblem(problems, 'server.volumeNotFound', `${F('pod.yaml')}:10:13`, ['mounts the volume "cach"', 'did you mean "cache"?'], ['没有这个名称的卷', '"cache"']);
    expectProblem(problems, 'server.duplicateName', `${F('pod.yaml')}:12:11`, ['two containers named "writer"'], ['两个名为 "writer" 的容器']);
    expectProblem(problems, 'server.port', `${F('pod.yaml')}:15:22`, ['70000', 'between 1 and 65535'], ['1 到 65535']);
    expectProblem(problems, 'server.volumeSource', `${F('pod.yaml')}:18:5`, ['the volume "cache" has "emptyDir:" with nothing after it', 'emptyDir: {}'], ['emptyDir: {}（带上花括号）']);
    expectProblem(problems, 'server.volumeSource', `${F('pod.yaml')}:21:5`, ['more than one type (emptyDir, hostPath)'], ['不止一种类型']);
  });

  it('storage: claims need access modes and a size, local PVs need node affinity, StorageClass reclaim policy', () => {
    expectProblem(problems, 'server.accessModes', `${F('storage.yaml')}:5:1`, ['spec.accessModes is missing'], ['至少需要一种访问模式']);
    expectProblem(problems, 'server.claimStorage', `${F('storage.yaml')}:5:1`, ['spec.resources.requests.storage is missing'], ['持久卷申领必须说明需要多少空间']);
    expectProblem(problems, 'server.localNodeAffinity', `${F('storage.yaml')}:17:3`, ['needs spec.nodeAffinity'], ['nodeAffinity']);
    expectProblem(problems, 'server.reclaimPolicy', `${F('storage.yaml')}:25:16`, ['Delete or Retain, not Recycle'], ['Delete 或 Retain']);
    expectProblem(problems, 'object.missingName', `${F('storage.yaml')}:29:1`, ['this ConfigMap has no metadata.name'], ['缺少 metadata.name']);
  });

  it('controllers: selector must match template labels, restartPolicy, claim templates, Service names, duplicates', () => {
    expectProblem(problems, 'server.selectorMismatch', `${F('workloads.yaml')}:13:7`, ['selector: app=web; template: app=website'], ['selector：app=web；模板：app=website']);
    expectProblem(problems, 'server.restartPolicy', `${F('workloads.yaml')}:16:22`, ['must be Always in a StatefulSet'], ['必须是 Always']);
    expectProblem(problems, 'server.claimStorage', `${F('workloads.yaml')}:26:5`, ['spec.volumeClaimTemplates[0].spec.resources.requests.storage is missing'], ['volumeClaimTemplates']);
    expectProblem(problems, 'server.invalidName', `${F('workloads.yaml')}:32:9`, ['"1web" is not a valid Service name', 'start with a letter'], ['以字母开头']);
    expectProblem(problems, 'object.duplicate', `${F('workloads.yaml')}:52:3`, ['a second Pod named "twice"', `${F('workloads.yaml')}:40`], ['第二个名为 "twice" 的 Pod']);
  });

  it('a volumeMount may name a StatefulSet volumeClaimTemplate, and nothing else is reported', () => {
    expect(problems.filter((p) => p.message.en.includes('"www"'))).toEqual([]);
    expect(problems).toHaveLength(17);
  });
});

import { describe, expect, it } from 'vitest';
import { expectProblem, FIXTURES, problemsOf } from './helpers.ts';

const F = (name: string, file: string) => `${FIXTURES}/${name}/${file}`;

describe('unknown fields', () => {
  it('flags a typo with "did you mean", at the key', async () => {
    const problems = await problemsOf('schema-unknown-field');
    const file = F('schema-unknown-field', 'pod.yaml');
    expectProblem(problems, 'schema.unknownField', `${file}:9:5`,
      ['unknown field "volumeMount" in spec.containers[0] (did you mean "volumeMounts"?)'],
      ['spec.containers[0] 中有未知字段 "volumeMount"（你是不是想写 "volumeMounts"？）']);
    expectProblem(problems, 'schema.unknownField', `${file}:20:1`, ['unknown field "specs" at the top level (did you mean "spec"?)'], ['顶层有未知字段 "specs"']);
    expectProblem(problems, 'schema.unknownField', `${F('schema-unknown-field', 'pvc.yaml')}:11:5`, ['"request" in spec.resources (did you mean "requests"?)'], ['"requests"']);
  });

  it('says where a real field belongs when it is written at the wrong level', async () => {
    const problems = await problemsOf('schema-unknown-field');
    const file = F('schema-unknown-field', 'pod.yaml');
    expectProblem(problems, 'schema.unknownField', `${file}:14:5`, ['"volumes" in spec.containers[1]', 'next to containers:'], ['containers: 同级']);
    expectProblem(problems, 'schema.unknownField', `${file}:17:3`, ['"volumeMounts" in spec', 'belongs to a container'], ['它属于容器']);
    expectProblem(problems, 'schema.unknownField', `${F('schema-unknown-field', 'pvc.yaml')}:9:3`, ['"storage" in spec', 'resources: requests: storage:'], ['resources: requests: storage:']);
  });

  it('explains volume types and mount paths swapped between volumes and volumeMounts', async () => {
    const problems = await problemsOf('schema-unknown-field');
    const file = F('schema-unknown-field', 'shared.yaml');
    expectProblem(problems, 'schema.unknownField', `${file}:11:7`, ['"emptyDir" in spec.containers[0].volumeMounts[0]', 'goes in spec.volumes'], ['卷类型应写在 spec.volumes 中']);
    expectProblem(problems, 'schema.unknownField', `${file}:14:5`, ['"mountPath" in spec.volumes[0]', "container's volumeMounts"], ['volumeMounts']);
  });

  it('allows any key in map fields (labels) and reports nothing else', async () => {
    const problems = await problemsOf('schema-unknown-field');
    expect(problems).toHaveLength(9);
    expect(problems.filter((p) => p.code !== 'schema.unknownField').map((p) => `${p.code} ${p.message.en}`)).toEqual([
      'schema.required missing required field "mountPath" in spec.containers[0].volumeMounts[0]',
    ]);
  });
});

describe('schema errors', () => {
  it('explains wrong types, with YAML 1.1 and quoting hints', async () => {
    const problems = await problemsOf('schema-type');
    const deploy = F('schema-type', 'deploy.yaml');
    expectProblem(problems, 'schema.type', `${deploy}:6:13`, ['spec.replicas must be an integer, got the string "two"'], ['spec.replicas 必须是整数，但这里是字符串 "two"']);
    expectProblem(problems, 'schema.type', `${deploy}:19:26`, ['containerPort must be an integer'], ['必须是整数']);
    expectProblem(problems, 'schema.type', `${deploy}:22:18`, ['got the boolean true', 'YAML reads yes as a boolean', '"yes"'], ['布尔值 true', '"yes"']);
    expectProblem(problems, 'schema.type', `${deploy}:24:18`, ['got the number 8080', 'put it in quotes: "8080"'], ['请加上引号："8080"']);
    const svc = F('schema-type', 'svc.yaml');
    expectProblem(problems, 'schema.type', `${svc}:9:11`, ['spec.ports[0].port must be an integer', 'without quotes: 80'], ['去掉引号']);
    expectProblem(problems, 'schema.type', `${svc}:10:17`, ['targetPort must be an integer or a string, got a list'], ['整数或字符串', '一个列表']);
    expect(problems).toHaveLength(6); // oneOf noise collapsed: one problem per field
  });

  it('reports missing required fields at the parent', async () => {
    const problems = await problemsOf('schema-required');
    const file = F('schema-required', 'all.yaml');
    expectProblem(problems, 'schema.required', `${file}:7:5`, ['missing required field "name" in spec.containers[0]'], ['spec.containers[0] 缺少必填字段 "name"']);
    expectProblem(problems, 'schema.required', `${file}:13:1`, ['missing required field "selector" in spec'], ['缺少必填字段 "selector"']);
    expect(problems).toHaveLength(2);
  });

  it('explains enum values and quantities with a suggestion', async () => {
    const problems = await problemsOf('schema-enum-quantity');
    const file = F('schema-enum-quantity', 'pvc.yaml');
    expectProblem(problems, 'schema.enum', `${file}:7:5`, ['"ReadWriteOnly" is not allowed', 'ReadWriteOncePod', '(did you mean "ReadWriteOnce"?)'], ['不被允许', '"ReadWriteOnce"']);
    expectProblem(problems, 'schema.quantity', `${file}:10:16`, ['"1GB" is not a valid quantity (did you mean "1Gi"?)', 'no "B"'], ['不是合法的数量', '"1Gi"']);
    expectProblem(problems, 'schema.type', `${file}:18:14`, ['must be a quantity such as 1Gi', 'got the boolean true'], ['数量（quantity）']);
    expectProblem(problems, 'schema.enum', `${file}:20:34`, ['"retain" is not allowed', '(did you mean "Retain"?)'], ['"Retain"']);
    expect(problems).toHaveLength(4);
  });
});

describe('apiVersion and kind', () => {
  it('names the release that removed an API and what replaces it', async () => {
    const problems = await problemsOf('api-removed');
    const file = F('api-removed', 'all.yaml');
    expectProblem(problems, 'api.removed', `${file}:1:13`, ['Deployment in apps/v1beta2 was removed in Kubernetes 1.16; use apiVersion: apps/v1'], ['apps/v1beta2 中的 Deployment 已在 Kubernetes 1.16 中移除', 'apps/v1']);
    expectProblem(problems, 'api.removed', `${file}:6:13`, ['Ingress in extensions/v1beta1 was removed in Kubernetes 1.22', 'networking.k8s.io/v1'], ['1.22']);
    expectProblem(problems, 'api.removed', `${file}:11:13`, ['CronJob in batch/v1beta1 was removed in Kubernetes 1.25; use apiVersion: batch/v1'], ['batch/v1']);
    expectProblem(problems, 'api.removed', `${file}:16:13`, ['PodSecurityPolicy', 'Pod Security Admission'], ['Pod 安全准入']);
    expectProblem(problems, 'api.removed', `${file}:21:13`, ['StorageClass in storage.k8s.io/v1beta1 was removed in Kubernetes 1.22; use apiVersion: storage.k8s.io/v1'], ['storage.k8s.io/v1']);
    expect(problems).toHaveLength(5);
  });

  it('handles unknown kinds, missing fields, lists, non-objects and custom resources', async () => {
    const problems = await problemsOf('api-unknown-kind');
    const file = F('api-unknown-kind', 'all.yaml');
    expectProblem(problems, 'api.unknownKind', `${file}:2:7`, ['unknown kind "Deploymnet" for apiVersion apps/v1 (did you mean "Deployment"?)'], ['（你是不是想写 "Deployment"？）']);
    expectProblem(problems, 'object.missingApiVersion', `${file}:6:1`, ['no "apiVersion"', 'a Pod needs apiVersion: v1'], ['缺少 "apiVersion"']);
    expectProblem(problems, 'object.missingKind', `${file}:10:1`, ['no "kind"'], ['缺少 "kind"']);
    expectProblem(problems, 'api.unknownKind', `${file}:15:7`, ['"../../../etc/passwd" is not a valid kind'], ['不是合法的 kind']);
    expectProblem(problems, 'api.unknownKind', `${file}:20:7`, ['unknown kind "PodSpec" for apiVersion v1'], ['"PodSpec"']);
    expectProblem(problems, 'object.notMapping', `${file}:24:1`, ['a list, not a Kubernetes object'], ['一个列表']);
    expectProblem(problems, 'api.list', `${file}:28:7`, ['each object as its own YAML document', '---'], ['---']);
    expectProblem(problems, 'api.unknownApiVersion', `${file}:31:13`, ['"monitoring.coreos.com/v1"', 'knows only the built-in kinds and the course cluster\'s snapshot kinds (snapshot.storage.k8s.io/v1)'], ['内置', '快照']);
    expect(problems).toHaveLength(8);
  });

  it('points a kind written under the wrong apiVersion at the right one', async () => {
    const problems = await problemsOf('api-wrong-group');
    const file = F('api-wrong-group', 'all.yaml');
    expectProblem(problems, 'api.wrongGroup', `${file}:1:13`, ['StorageClass is in storage.k8s.io/v1, not v1'], ['StorageClass 属于 storage.k8s.io/v1，而不是 v1']);
    expectProblem(problems, 'api.wrongGroup', `${file}:7:13`, ['PersistentVolumeClaim is in v1, not storage.k8s.io/v1'], ['请写 apiVersion: v1']);
    expectProblem(problems, 'api.wrongGroup', `${file}:12:13`, ['StatefulSet is in apps/v1, not app/v1'], ['apps/v1']);
    expectProblem(problems, 'api.unknownKind', `${file}:18:7`, ['did you mean "StorageClass", which is in storage.k8s.io/v1?'], ['它属于 storage.k8s.io/v1']);
    expect(problems).toHaveLength(4);
  });
});

/**
 * The playground's picture and status text: what the HTML shows for a snapshot, escaping,
 * placeholder filling in both languages, UID shortening and the file counts.
 */
import { describe, expect, it } from 'vitest';
import { runAction } from '../../src/playground/actions.ts';
import { esc, fileCounts, fill, messageText, renderPicture, shortPath } from '../../src/playground/render.ts';
import { startScenario } from '../../src/playground/scenario.ts';
import { englishStrings, lessonConfig } from './lessons.ts';

const strings = englishStrings();

describe('playground picture', () => {
  it('shows the worker nodes, the pod with its UID, containers, volume files and node files', () => {
    const scn = startScenario(lessonConfig('01-emptydir'));
    runAction(scn, 'write');
    const snap = scn.model.snapshot();
    const html = renderPicture(snap, strings, 'share-demo');
    expect(html).toContain('data-node="course-worker"');
    expect(html).toContain('data-node="course-worker2"');
    expect(html).not.toContain('data-node="course-control-plane"');
    const pod = snap.nodes.flatMap((n) => n.pods)[0];
    expect(html).toContain(`UID ${pod.uid.slice(0, 8)}`);
    expect(html).toContain('class="pg-pod is-target"');
    expect(html).toContain('<code>note-1.txt</code>');
    expect(html).toContain('<code>/tmp/note-1.txt</code>');
    expect(html).toContain(`/var/lib/kubelet/pods/${pod.uid.slice(0, 8)}…/volumes/kubernetes.io~empty-dir/cache/note-1.txt`);
    expect(html).toContain('restarts: 0');
  });

  it('lists claims, PersistentVolumes with their files, and workloads', () => {
    const scn = startScenario(lessonConfig('04-pv-pvc'));
    runAction(scn, 'write');
    const html = renderPicture(scn.model.snapshot(), strings);
    expect(html).toMatch(/data-pvc="demo-pvc"[^]*Bound → demo-pv/);
    expect(html).toMatch(/data-pv="demo-pv"[^]*Retain[^]*<code>note-1.txt<\/code>/);
    const sts = renderPicture(startScenario(lessonConfig('06-statefulset')).model.snapshot(), strings);
    expect(sts).toContain('StatefulSet kv</span> <span class="pg-meta">3/3');
  });

  it('escapes names and file names', () => {
    expect(esc(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    const scn = startScenario(lessonConfig('01-emptydir'));
    scn.model.writeFile('default', 'share-demo', 'writer', '/cache/<b>.txt', 'x');
    expect(renderPicture(scn.model.snapshot(), strings)).toContain('<code>&lt;b&gt;.txt</code>');
  });

  it('fills placeholders, picking the language of localized values', () => {
    expect(fill('{a} and {b} and {c}', { a: 1, b: { en: 'two', 'zh-cn': '二' } }, 'zh-cn')).toBe('1 and 二 and {c}');
    expect(messageText([{ key: 'noPod', params: { pod: 'p' } }, { key: 'noPvc' }], strings, 'en')).toBe('There is no pod p right now. There is no PVC to delete.');
    const zh = { noPod: '现在没有名为 {pod} 的 Pod。', noPvc: '没有可以删除的 PVC。' };
    expect(messageText([{ key: 'noPod', params: { pod: 'p' } }, { key: 'noPvc' }], zh, 'zh-cn')).toBe('现在没有名为 p 的 Pod。没有可以删除的 PVC。');
  });

  it('shortens UIDs in paths and PV names', () => {
    expect(shortPath('/var/lib/kubelet/pods/87c4ce62-885f-4870-a380-85832444a916/volumes')).toBe('/var/lib/kubelet/pods/87c4ce62…/volumes');
    expect(shortPath('pvc-2cea0293-4621-4bfa-a751-599e1417be1c')).toBe('pvc-2cea0293…');
  });

  it('counts a shared volume once and container-layer files per container', () => {
    const scn = startScenario(lessonConfig('03-nfs'));
    runAction(scn, 'write');
    expect(fileCounts(scn.model.snapshot())).toEqual({ volume: 1, own: 1 });
    runAction(scn, 'kill');
    expect(fileCounts(scn.model.snapshot())).toEqual({ volume: 1, own: 0 });
  });
});

/**
 * The playground's picture as an HTML string, from a model snapshot: the worker nodes with their
 * pods (UID, phase, containers with restarts and the files in their own layer, volumes with their
 * files), the files on each node's disk, claims and PersistentVolumes, NFS servers, workloads.
 * Pure string building, so the server renders the first picture (readable without JavaScript)
 * and the browser re-renders the same markup after every action.
 */
import type { ModelSnapshot, NodeSnapshot, PodSnapshot } from '../model/index.ts';
import type { Localized } from '../model/types.ts';
import type { Message } from './messages.ts';

/** UI strings of the playground (keys without the course.playground. prefix), in one language. */
export type PlaygroundStrings = Record<string, string>;
export type PageLang = 'en' | 'zh-cn';

/** Escapes text for HTML content and attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Fills {name} placeholders of a template (unknown names stay as they are); values are not escaped. */
export function fill(template: string, params: Record<string, string | number | Localized> = {}, lang: PageLang = 'en'): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = params[k];
    if (v === undefined) return m;
    return typeof v === 'object' ? v[lang] : String(v);
  });
}

/** The status line for a list of messages (plain text, for the aria-live region). */
export function messageText(messages: Message[], strings: PlaygroundStrings, lang: PageLang): string {
  // Chinese sentences end in full-width punctuation and are not separated by spaces.
  return messages.map((m) => fill(strings[m.key] ?? m.key, m.params, lang)).join(lang === 'zh-cn' ? '' : ' ');
}

const UID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Shortens UIDs inside a path or name (pod directories, pvc-<uid> volumes) to their first 8 characters. */
export function shortPath(path: string): string {
  return path.replace(UID, (uid) => `${uid.slice(0, 8)}…`);
}

function fileList(files: string[], strings: PlaygroundStrings, cls = ''): string {
  if (files.length === 0) return `<span class="pg-none">${esc(strings.noFiles)}</span>`;
  return `<ul class="pg-files ${cls}">${files.map((f) => `<li><code>${esc(f)}</code></li>`).join('')}</ul>`;
}

function podCard(pod: PodSnapshot, strings: PlaygroundStrings, target: string | undefined): string {
  const classes = ['pg-pod', pod.name === target ? 'is-target' : '', pod.terminating ? 'is-terminating' : ''].filter(Boolean).join(' ');
  const phase = pod.terminating ? strings.terminating : pod.reason && pod.phase !== 'Running' ? `${pod.phase}: ${pod.reason}` : pod.phase;
  const containers = pod.containers
    .map((c) => {
      const state = c.reason && c.state !== 'running' ? `${c.state} (${c.reason})` : c.state;
      return `<li class="pg-container"><div><span class="pg-label">${esc(c.name)}</span> <span class="pg-meta">${esc(state)} · ${esc(fill(strings.restarts, { n: c.restartCount }))}</span></div>
<div class="pg-own"><span class="pg-meta">${esc(strings.ownLayer)}</span> ${fileList(Object.keys(c.ownFiles).sort(), strings)}</div></li>`;
    })
    .join('');
  const volumes = pod.volumes
    .filter((v) => v.type !== 'projected')
    .map((v) => {
      const detail = [v.type, v.claim ? `→ ${v.claim}` : '', v.persistentVolume ? `→ ${shortPath(v.persistentVolume)}` : ''].filter(Boolean).join(' ');
      return `<li class="pg-volume"><div><span class="pg-label">${esc(strings.volume)} ${esc(v.name)}</span> <span class="pg-meta">${esc(detail)}</span></div>${fileList(Object.keys(v.files).sort(), strings)}</li>`;
    })
    .join('');
  return `<li class="${classes}" data-pod="${esc(pod.name)}"><div class="pg-pod__head"><span class="pg-pod__name">Pod ${esc(pod.name)}</span> <span class="pg-phase">${esc(phase)}</span> <span class="pg-meta">${esc(strings.uid)} ${esc(pod.uid.slice(0, 8))}</span></div>
<ul class="pg-containers">${containers}</ul><ul class="pg-volumes">${volumes}</ul></li>`;
}

function nodeCard(node: NodeSnapshot, strings: PlaygroundStrings, target: string | undefined): string {
  const pods = node.pods.length ? `<ul class="pg-pods">${node.pods.map((p) => podCard(p, strings, target)).join('')}</ul>` : `<p class="pg-none">${esc(strings.noPods)}</p>`;
  const disk = Object.keys(node.files).sort().map(shortPath);
  return `<section class="pg-node" data-node="${esc(node.name)}"><h4 class="pg-node__name">${esc(strings.node)} ${esc(node.name)}</h4>${pods}
<div class="pg-disk"><span class="pg-meta">${esc(strings.nodeDisk)}</span> ${fileList(disk, strings, 'pg-paths')}</div></section>`;
}

function storageList(snap: ModelSnapshot, strings: PlaygroundStrings): string {
  const items: string[] = [];
  for (const c of snap.persistentVolumeClaims) {
    const phase = c.terminating ? strings.terminating : c.phase;
    items.push(`<li data-pvc="${esc(c.name)}"><span class="pg-label">PVC ${esc(c.name)}</span> <span class="pg-meta">${esc(phase)}${c.volume ? ` → ${esc(shortPath(c.volume))}` : ''}${c.storageClass ? ` · ${esc(c.storageClass || '""')}` : ''}</span></li>`);
  }
  for (const pv of snap.persistentVolumes) {
    items.push(`<li data-pv="${esc(pv.name)}"><span class="pg-label">PV ${esc(shortPath(pv.name))}</span> <span class="pg-meta">${esc(pv.phase)} · ${esc(pv.reclaimPolicy)} · ${esc(shortPath(pv.source))}</span><div>${fileList(Object.keys(pv.files).sort(), strings)}</div></li>`);
  }
  for (const w of snap.workloads) items.push(`<li><span class="pg-label">${esc(w.kind)} ${esc(w.name)}</span> <span class="pg-meta">${esc(w.readyReplicas)}/${esc(w.replicas)}</span></li>`);
  for (const s of snap.nfsServers) items.push(`<li><span class="pg-label">${esc(fill(strings.nfsServer, { server: s.server }))}</span><div>${fileList(Object.keys(s.files).sort(), strings)}</div></li>`);
  return items.length ? `<section class="pg-storage"><h4>${esc(strings.claims)}</h4><ul>${items.join('')}</ul></section>` : '';
}

/** The whole picture; `target` marks the pod the buttons act on. */
export function renderPicture(snap: ModelSnapshot, strings: PlaygroundStrings, target?: string): string {
  const nodes = snap.nodes.filter((n) => n.pods.length > 0 || !n.taints.some((t) => t.includes('control-plane')));
  const pending = snap.unscheduledPods.length ? `<section class="pg-node" data-node=""><h4 class="pg-node__name">${esc(strings.unscheduled)}</h4><ul class="pg-pods">${snap.unscheduledPods.map((p) => podCard(p, strings, target)).join('')}</ul></section>` : '';
  return `<div class="pg-nodes">${nodes.map((n) => nodeCard(n, strings, target)).join('')}${pending}</div>${storageList(snap, strings)}`;
}

/** Counts of files in volumes (each volume once) and in container layers, for the status line. */
export function fileCounts(snap: ModelSnapshot): { volume: number; own: number } {
  const seen = new Map<string, number>();
  let own = 0;
  for (const pod of [...snap.nodes.flatMap((n) => n.pods), ...snap.unscheduledPods]) {
    for (const c of pod.containers) own += Object.keys(c.ownFiles).length;
    for (const v of pod.volumes) if (v.mounted && v.type !== 'projected') seen.set(v.where ?? `${pod.uid}/${v.name}`, Object.keys(v.files).length);
  }
  return { volume: [...seen.values()].reduce((a, b) => a + b, 0), own };
}

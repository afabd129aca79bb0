/**
 * The course-wide "what survives what" matrix as data: its rows and events, the cells that have no
 * meaning (and why, in both languages), the course notes' answer for every other cell (the
 * data-lifetime tables of the syllabus), and buildMatrix, which merges what graders and
 * demonstrations prove. buildMatrix throws when two sources disagree on a cell, when a source
 * claims an n/a cell, or when a proof contradicts the course notes, so the site build fails
 * instead of showing a table that lies.
 */
import type { Localized } from '../i18n/lang.ts';
import type { LifetimeClaim, LifetimeEvent, LifetimeRow, LifetimeValue } from './define.ts';

export const ROWS: readonly LifetimeRow[] = ['emptyDir', 'hostPath', 'nfs', 'pvRetain', 'pvDelete', 'statefulSetPvc', 'snapshot'];
export const EVENTS: readonly LifetimeEvent[] = ['containerRestart', 'podDelete', 'otherNode', 'pvcDelete'];
export const VALUES: readonly LifetimeValue[] = ['kept', 'lost', 'pinned'];

/** "pvRetain:otherNode" */
export type CellKey = `${LifetimeRow}:${LifetimeEvent}`;

/** The key of a cell. */
export function cellKey(row: LifetimeRow, event: LifetimeEvent): CellKey {
  return `${row}:${event}`;
}

/** The lesson that teaches each row (the row's link). */
export const ROW_LESSON: Record<LifetimeRow, string> = {
  emptyDir: '01-emptydir',
  hostPath: '02-hostpath',
  nfs: '03-nfs',
  pvRetain: '04-pv-pvc',
  pvDelete: '05-storageclass',
  statefulSetPvc: '06-statefulset',
  snapshot: '07-snapshots-expansion',
};

/** The cells that have no meaning, with the reason the page shows instead of a verdict. */
export const NOT_APPLICABLE: Partial<Record<CellKey, Localized>> = {
  'emptyDir:pvcDelete': {
    en: 'an emptyDir has no claim: it is declared inside the Pod and lives and dies with it',
    'zh-cn': 'emptyDir 没有申领：它直接在 Pod 里声明，与 Pod 同生共死',
  },
  'hostPath:pvcDelete': {
    en: 'an inline hostPath has no claim; a PersistentVolume backed by a node directory follows its reclaim policy (the PV rows)',
    'zh-cn': '内联的 hostPath 没有申领；以节点目录为后端的持久卷按它的回收策略处理（见持久卷那两行）',
  },
  'nfs:pvcDelete': {
    en: 'an inline nfs volume has no claim; an NFS PersistentVolume follows its reclaim policy (the PV rows)',
    'zh-cn': '内联的 nfs 卷没有申领；NFS 持久卷按它的回收策略处理（见持久卷那两行）',
  },
  'snapshot:containerRestart': {
    en: 'no container mounts a snapshot: its data is read through a new claim restored from it, which is a volume of its own (the PV (Delete) row)',
    'zh-cn': '没有容器会挂载快照：要读取快照里的数据，得从它恢复出一个新的申领，那是一个独立的卷（见“持久卷（Delete）”那一行）',
  },
};

/**
 * The course notes (syllabus.md, "Data lifetime" of each lesson) for every cell: what a proof
 * must show. otherNode of the PV rows and the StatefulSet row is `pinned`: the course's volumes
 * there live on one node's disk (a local PV, kind's local-path), so the Pod cannot follow.
 */
export const COURSE_NOTES: Record<LifetimeRow, Record<LifetimeEvent, LifetimeValue | 'na'>> = {
  emptyDir: { containerRestart: 'kept', podDelete: 'lost', otherNode: 'lost', pvcDelete: 'na' },
  hostPath: { containerRestart: 'kept', podDelete: 'kept', otherNode: 'lost', pvcDelete: 'na' },
  nfs: { containerRestart: 'kept', podDelete: 'kept', otherNode: 'kept', pvcDelete: 'na' },
  pvRetain: { containerRestart: 'kept', podDelete: 'kept', otherNode: 'pinned', pvcDelete: 'kept' },
  pvDelete: { containerRestart: 'kept', podDelete: 'kept', otherNode: 'pinned', pvcDelete: 'lost' },
  statefulSetPvc: { containerRestart: 'kept', podDelete: 'kept', otherNode: 'pinned', pvcDelete: 'lost' },
  // A snapshot of a course-csi volume is a copy in the directory all nodes share: the Pod and the
  // claim it was taken of may go, and a claim restored from it can be made on any node.
  snapshot: { containerRestart: 'na', podDelete: 'kept', otherNode: 'kept', pvcDelete: 'kept' },
};

/** Something that proves cells: a lesson's grader or a demonstration scenario. */
export interface LifetimeSource {
  kind: 'grader' | 'demo';
  /** The lesson folder ("04-pv-pvc") for a grader, the demo id for a demo. */
  id: string;
  /** Shown on the page: the demo's title; for a grader, the lesson number is enough. */
  title?: Localized;
  lifetime: LifetimeClaim[];
}

/** A proven cell: its value and every source that proves it. */
export interface ProvenCell {
  value: LifetimeValue;
  sources: LifetimeSource[];
}

/** Two sources disagree, a source claims an n/a cell or an unknown cell, or a proof contradicts the notes. */
export class LifetimeConflictError extends Error {
  constructor(message: string) {
    super(`LifetimeMatrix: ${message}`);
    this.name = 'LifetimeConflictError';
  }
}

function where(s: LifetimeSource): string {
  return s.kind === 'grader' ? `graders/${s.id}.ts` : `demos/${s.id}.ts`;
}

/** Merges every source's claims into one cell map; throws LifetimeConflictError on any inconsistency. */
export function buildMatrix(sources: LifetimeSource[]): Map<CellKey, ProvenCell> {
  const cells = new Map<CellKey, ProvenCell>();
  for (const source of sources) {
    for (const { row, proves } of source.lifetime) {
      if (!ROWS.includes(row)) throw new LifetimeConflictError(`${where(source)} declares an unknown row "${row}"`);
      for (const [event, value] of Object.entries(proves) as [LifetimeEvent, LifetimeValue][]) {
        const key = cellKey(row, event);
        if (!EVENTS.includes(event)) throw new LifetimeConflictError(`${where(source)} declares an unknown event "${event}" in row ${row}`);
        if (!VALUES.includes(value)) throw new LifetimeConflictError(`${where(source)} declares ${key} as "${value}", which is not one of ${VALUES.join(', ')}`);
        if (NOT_APPLICABLE[key]) throw new LifetimeConflictError(`${where(source)} claims to prove ${key}, which has no meaning (${NOT_APPLICABLE[key]!.en})`);
        const before = cells.get(key);
        if (before && before.value !== value) {
          throw new LifetimeConflictError(`${where(before.sources[0]!)} says ${key} is ${before.value}, ${where(source)} says ${value}`);
        }
        const notes = COURSE_NOTES[row][event];
        if (notes !== value) throw new LifetimeConflictError(`${where(source)} says ${key} is ${value}, but the course notes (syllabus) say ${notes}: fix the scenario or the notes`);
        if (before) before.sources.push(source);
        else cells.set(key, { value, sources: [source] });
      }
    }
  }
  return cells;
}

/** The cells that have a meaning but no proof yet (the page shows them as not tested). */
export function unprovenCells(cells: Map<CellKey, ProvenCell>): CellKey[] {
  const out: CellKey[] = [];
  for (const row of ROWS) for (const event of EVENTS) if (!NOT_APPLICABLE[cellKey(row, event)] && !cells.has(cellKey(row, event))) out.push(cellKey(row, event));
  return out;
}

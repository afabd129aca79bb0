/**
 * Lesson 7, snapshots, restore and expansion, on the course's CSI driver. The story, in phases:
 * the claim `data` and its Pod `writer` get a token T1; the VolumeSnapshot `data-snap` becomes
 * readyToUse; a token T2 is written after it; `writer` and `data` are deleted, and the grader waits
 * until data's volume is gone, so nothing can be read from it any more; the claim `restored`, made
 * from the snapshot, and its Pod `reader` run, and the reader sees T1 but not T2; then the grader
 * raises restored's request to 2Gi in place: the reader sees the larger file system, T1 still there.
 */
import { CSI_DRIVER_NAME, CSI_SNAPSHOT_CLASS, CSI_STORAGE_CLASS } from '../src/course-csi.ts';
import { ApplyError, type K8sObject } from '../src/grader/cluster/cluster.ts';
import { defineGrader, type StepContext } from '../src/grader/define.ts';
import { applySubmission, awaitGone, awaitPvcPhase, describePv, describePvc, expectNoToken, expectToken } from '../src/grader/scenario/index.ts';
import { awaitPodSettled } from './common/pods.ts';
import { awaitSnapshotReady } from './common/snapshots.ts';
import { bytesOf } from './common/quantity.ts';
import { fill, t } from './common/text.ts';
import { writeTokenIn } from './common/tokens.ts';
import { waitOrExplain } from './common/waits.ts';
import { DATA, MOUNT, READER, RESTORED, SNAPSHOT, WRITER, mountingContainer, objectFindings, restoreSourceFindings } from './rules/07-snapshots-expansion.ts';

/** The course's CSI driver (cluster/csi-driver), and what `npm run cluster:up` installs for it. */
const DRIVER = CSI_DRIVER_NAME;
const CLASS = CSI_STORAGE_CLASS;
const SNAPSHOT_CLASS = CSI_SNAPSHOT_CLASS;
const BEFORE = `${MOUNT}/before-snapshot`;
const AFTER = `${MOUNT}/after-snapshot`;
const GROWN = '2Gi';
const GROWN_BYTES = 2 * 2 ** 30;
/**
 * What the Pod's df must show at least after growing to 2Gi: XFS keeps a little of the volume for
 * its own log and metadata (its log alone is 64 MiB at this size), so the total is a few per cent less than 2 GiB.
 */
const GROWN_DF_MIN = Math.floor(GROWN_BYTES * 0.9);
const DIAGNOSE_DATA = [
  { kind: 'Pod', name: WRITER },
  { kind: 'PersistentVolumeClaim', name: DATA },
];
const DIAGNOSE_SNAPSHOT = [{ kind: 'VolumeSnapshot', name: SNAPSHOT }, ...DIAGNOSE_DATA];
const DIAGNOSE_RESTORE = [
  { kind: 'Pod', name: READER },
  { kind: 'PersistentVolumeClaim', name: RESTORED },
  { kind: 'VolumeSnapshot', name: SNAPSHOT },
];

/** The grader's annotation on reader that makes its kubelet sync the Pod (Cluster.annotatePod). */
const RESYNC_ANNOTATION = 'storage-course/resync';

/** True if the object has a status condition of this type with status True. */
const conditionOf = (obj: K8sObject | undefined, type: string): boolean =>
  ((obj?.status?.conditions ?? []) as { type?: string; status?: string }[]).some((c) => c.type === type && c.status === 'True');

const isData = (kind: string, name: string) => (o: { object: K8sObject }) => o.object.kind === kind && o.object.metadata.name === name;

/** The objects applied after data and writer: the snapshot (phase 2), then the restore and its reader (phase 3). */
const LATER_PHASES = [
  ['VolumeSnapshot', SNAPSHOT],
  ['PersistentVolumeClaim', RESTORED],
  ['Pod', READER],
] as const;

/** The PV a Bound claim is bound to. */
async function boundVolume(ctx: StepContext, claim: string): Promise<{ name: string; pv: K8sObject | undefined }> {
  const pvc = await awaitPvcPhase(ctx, claim, 'Bound', { timeoutMs: 10_000 });
  const name = String(pvc.spec?.volumeName);
  return { name, pv: await ctx.cluster.get('PersistentVolume', name) };
}

/** Why a claim of the lesson cannot be a volume of the course's driver, if its class says so. */
async function notCourseCsi(ctx: StepContext, claim: string): Promise<ReturnType<typeof t> | undefined> {
  const pvc = await ctx.cluster.get('PersistentVolumeClaim', claim);
  const cls = pvc?.spec?.storageClassName;
  if (!pvc || cls === CLASS) return undefined;
  const sc = typeof cls === 'string' && cls !== '' ? await ctx.cluster.get('StorageClass', cls) : undefined;
  return fill(
    t(
      'the claim {claim} is of the class "{class}" (provisioner {provisioner}), not course-csi: only a CSI driver with snapshots can take, restore and grow them here; write storageClassName: course-csi',
      '申领 {claim} 的存储类是“{class}”（制备器 {provisioner}），不是 course-csi：只有支持快照的 CSI 驱动才能在这里拍快照、恢复和扩容；请写 storageClassName: course-csi',
    ),
    { claim, class: String(cls ?? ''), provisioner: String(sc?.provisioner ?? '?') },
  );
}

/**
 * Why data-snap does not become ready, when the objects make it certain: no class named and no
 * default class for the driver, or a class that does not exist.
 */
async function explainSnapshot(ctx: StepContext, snap: K8sObject | undefined): Promise<ReturnType<typeof t> | undefined> {
  if (!snap?.status?.error) return undefined;
  const named = snap.spec?.volumeSnapshotClassName;
  if (named === undefined || named === '') {
    const classes = await ctx.cluster.list('VolumeSnapshotClass');
    const defaults = classes.filter((c) => c.driver === DRIVER && c.metadata.annotations?.['snapshot.storage.kubernetes.io/is-default-class'] === 'true');
    if (defaults.length === 0) {
      return t(
        'data-snap names no volumeSnapshotClassName, and no VolumeSnapshotClass of the driver is marked as the default, so the snapshot controller cannot take it; write volumeSnapshotClassName: course-snapclass',
        'data-snap 没有写 volumeSnapshotClassName，而该驱动没有任何 VolumeSnapshotClass 被标记为默认类，所以快照控制器无法拍这个快照；请写 volumeSnapshotClassName: course-snapclass',
      );
    }
    return undefined;
  }
  if (!(await ctx.cluster.get('VolumeSnapshotClass', String(named)))) {
    return fill(
      t('data-snap asks for the VolumeSnapshotClass "{class}", which does not exist; the course cluster has course-snapclass', 'data-snap 请求的 VolumeSnapshotClass“{class}”不存在；课程集群里的是 course-snapclass'),
      { class: String(named) },
    );
  }
  return undefined;
}

/**
 * Why restored stays Pending, when the objects make it certain: it asks for less than the
 * snapshot's restoreSize (the provisioner refuses to restore into a smaller volume).
 */
async function explainRestore(ctx: StepContext): Promise<ReturnType<typeof t> | undefined> {
  const pvc = await ctx.cluster.get('PersistentVolumeClaim', RESTORED);
  if (!pvc || pvc.status?.phase === 'Bound') return undefined;
  const other = await notCourseCsi(ctx, RESTORED);
  if (other) return other;
  const snap = await ctx.cluster.get('VolumeSnapshot', SNAPSHOT);
  const asked = bytesOf(pvc.spec?.resources?.requests?.storage);
  const restoreSize = bytesOf(snap?.status?.restoreSize);
  if (asked !== undefined && restoreSize !== undefined && asked < restoreSize) {
    return fill(
      t(
        'restored asks for {asked}, less than the snapshot\'s restoreSize {size}: a volume restored from a snapshot must be at least as large as the snapshot, so the provisioner refuses it; ask for {size} or more',
        'restored 请求 {asked}，小于快照的 restoreSize {size}：从快照恢复的卷至少要和快照一样大，所以制备器拒绝制备；请请求 {size} 或更大',
      ),
      { asked: String(pvc.spec?.resources?.requests?.storage), size: String(snap?.status?.restoreSize) },
    );
  }
  return undefined;
}

export default defineGrader({
  lesson: '07-snapshots-expansion',
  staticChecks: [
    {
      id: 'objects',
      points: 10,
      title: t(
        'claims data and restored, Pods writer and reader mounting them at /data, VolumeSnapshot data-snap of the claim data',
        '申领 data 和 restored，分别把它们挂载到 /data 的 Pod writer 和 reader，以及申领 data 的卷快照 data-snap',
      ),
      hint: t(
        'Write the five objects with exactly these names: writer mounts persistentVolumeClaim: {claimName: data} at /data, reader mounts {claimName: restored} at /data, and data-snap has source: {persistentVolumeClaimName: data}.',
        '用这几个确切的名称编写五个对象：writer 把 persistentVolumeClaim: {claimName: data} 挂载到 /data，reader 把 {claimName: restored} 挂载到 /data，data-snap 写 source: {persistentVolumeClaimName: data}。',
      ),
      check: objectFindings,
    },
    {
      id: 'restore-source',
      points: 10,
      title: t('restored is made from the VolumeSnapshot data-snap', 'restored 由卷快照 data-snap 制备'),
      hint: t(
        'A restore is a new claim whose dataSource is {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: data-snap}: the API group alone, without /v1.',
        '从快照恢复就是新建一个申领，它的 dataSource 是 {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: data-snap}：apiGroup 只写组名，不带 /v1。',
      ),
      check: restoreSourceFindings,
    },
  ],
  steps: [
    {
      id: 'data-written',
      points: 10,
      title: t('data is a volume of the course\'s CSI driver, and writer holds a token T1 on it', 'data 是课程 CSI 驱动的卷，writer 在上面写入了令牌 T1'),
      hint: t(
        'data asks for storageClassName: course-csi, ReadWriteOnce, 1Gi; writer mounts it at /data and keeps running (sleep 3600).',
        'data 请求 storageClassName: course-csi、ReadWriteOnce、1Gi；writer 把它挂载到 /data 并保持运行（sleep 3600）。',
      ),
      diagnose: DIAGNOSE_DATA,
      async run(ctx) {
        // Everything but the later phases' objects: data and writer, and whatever else the answer
        // brings (a StorageClass or VolumeSnapshotClass of its own), so the later phases find it.
        await applySubmission(ctx, (o) => !LATER_PHASES.some(([kind, name]) => isData(kind, name)(o)));
        await waitOrExplain(ctx, (timeoutMs) => awaitPodSettled(ctx, WRITER, { timeoutMs }), async () => {
          const pvc = await ctx.cluster.get('PersistentVolumeClaim', DATA);
          return pvc?.status?.phase === 'Pending' ? notCourseCsi(ctx, DATA) : undefined;
        });
        const { name, pv } = await boundVolume(ctx, DATA);
        if (pv?.spec?.csi?.driver !== DRIVER) {
          ctx.fail(
            (await notCourseCsi(ctx, DATA)) ??
              fill(t('data is bound to {pv}, which is not a volume of the driver {driver}', 'data 绑定到了 {pv}，而它不是驱动 {driver} 的卷'), { pv: name, driver: DRIVER }),
            describePv(name, pv),
          );
        }
        ctx.state.set('data-pv', name);
        ctx.state.set('t1', await writeTokenIn(ctx, WRITER, mountingContainer(ctx.submission, WRITER, DATA), BEFORE));
      },
    },
    {
      id: 'snapshot-ready',
      points: 15,
      needs: ['data-written'],
      title: t('the VolumeSnapshot data-snap becomes readyToUse', '卷快照 data-snap 变为 readyToUse'),
      hint: t(
        'data-snap needs volumeSnapshotClassName: course-snapclass (the course cluster has no default snapshot class) and source: {persistentVolumeClaimName: data}.',
        'data-snap 需要写 volumeSnapshotClassName: course-snapclass（课程集群没有默认的快照类），以及 source: {persistentVolumeClaimName: data}。',
      ),
      diagnose: DIAGNOSE_SNAPSHOT,
      async run(ctx) {
        await applySubmission(ctx, isData('VolumeSnapshot', SNAPSHOT));
        ctx.progress(t('waiting for data-snap to become readyToUse', '正在等待 data-snap 变为 readyToUse'));
        await awaitSnapshotReady(ctx, SNAPSHOT, {
          never: t('data-snap never became readyToUse', 'data-snap 始终没有变为 readyToUse'),
          explain: (snap) => explainSnapshot(ctx, snap),
        });
      },
    },
    {
      id: 'restore-has-t1',
      points: 25,
      needs: ['snapshot-ready'],
      title: t(
        'after data and writer are deleted, restored is Bound and reader sees T1, written before the snapshot',
        '删除 data 和 writer 之后，restored 变为 Bound，reader 能看到快照之前写入的 T1',
      ),
      hint: t(
        'restored is a course-csi claim of at least the snapshot\'s restoreSize (1Gi), with dataSource {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: data-snap}; reader mounts it at /data.',
        'restored 是一个 course-csi 的申领，大小至少为快照的 restoreSize（1Gi），dataSource 为 {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: data-snap}；reader 把它挂载到 /data。',
      ),
      diagnose: DIAGNOSE_RESTORE,
      async run(ctx) {
        ctx.state.set('t2', await writeTokenIn(ctx, WRITER, mountingContainer(ctx.submission, WRITER, DATA), AFTER));
        ctx.progress(t('deleting writer and the claim data, and waiting until its volume is gone', '正在删除 writer 和申领 data，并等待它的卷被删除'));
        await ctx.cluster.deletePod(WRITER);
        await ctx.cluster.delete('PersistentVolumeClaim', DATA);
        await awaitGone(ctx, 'PersistentVolume', ctx.state.get('data-pv') as string, { timeoutMs: 60_000 });
        await applySubmission(ctx, (o) => isData('PersistentVolumeClaim', RESTORED)(o) || isData('Pod', READER)(o));
        await waitOrExplain(ctx, (timeoutMs) => awaitPodSettled(ctx, READER, { timeoutMs }), () => explainRestore(ctx));
        const { name, pv } = await boundVolume(ctx, RESTORED);
        ctx.state.set('restored-pv', name);
        const lacking = pv?.spec?.csi?.driver === DRIVER ? undefined : await notCourseCsi(ctx, RESTORED);
        await expectToken(ctx, { pod: READER, container: mountingContainer(ctx.submission, READER, RESTORED), path: BEFORE }, ctx.state.get('t1') as string, {
          failure:
            lacking ??
            fill(
              t('restored is Bound, but {file} in reader does not hold T1: the claim was not made from the snapshot', 'restored 已经是 Bound，但 reader 中的 {file} 没有令牌 T1：这个申领不是由快照制备的'),
              { file: BEFORE },
            ),
        });
      },
    },
    {
      id: 'restore-lacks-t2',
      points: 10,
      needs: ['restore-has-t1'],
      title: t('reader does not see T2, written after the snapshot', 'reader 看不到快照之后写入的 T2'),
      hint: t(
        'A snapshot holds the volume as it was when it was taken; restore from data-snap, not from the claim data.',
        '快照保存的是拍摄那一刻的卷；请从 data-snap 恢复，而不是从申领 data 克隆。',
      ),
      diagnose: DIAGNOSE_RESTORE,
      async run(ctx) {
        await expectNoToken(ctx, { pod: READER, container: mountingContainer(ctx.submission, READER, RESTORED), path: AFTER }, ctx.state.get('t2') as string, {
          failure: fill(t('reader sees T2 in {file}, written after the snapshot was taken', 'reader 在 {file} 中看到了 T2，而它是在快照拍摄之后才写入的'), { file: AFTER }),
        });
      },
    },
    {
      id: 'expanded',
      points: 20,
      needs: ['restore-has-t1'],
      title: t(
        'restored grown to 2Gi in place: reader sees the larger file system, and T1 is still there',
        'restored 原地扩容到 2Gi：reader 看到了更大的文件系统，T1 仍然在',
      ),
      hint: t(
        'Growing a claim needs a class with allowVolumeExpansion: true (course-csi has it, standard does not); the grader raises spec.resources.requests.storage itself.',
        '扩容申领需要存储类设置 allowVolumeExpansion: true（course-csi 有，standard 没有）；评分程序会自己调高 spec.resources.requests.storage。',
      ),
      diagnose: DIAGNOSE_RESTORE,
      async run(ctx) {
        const c = mountingContainer(ctx.submission, READER, RESTORED);
        const before = await ctx.cluster.fileSystemSize(READER, c, MOUNT);
        const submitted = ctx.submission.find('PersistentVolumeClaim', RESTORED)!.object;
        const grown: K8sObject = structuredClone(submitted);
        grown.spec.resources = { ...grown.spec.resources, requests: { ...grown.spec.resources?.requests, storage: GROWN } };
        ctx.progress(t('raising restored to 2Gi', '正在把 restored 调高到 2Gi'));
        try {
          await ctx.cluster.apply([grown]);
        } catch (err) {
          if (!(err instanceof ApplyError)) throw err;
          const pvc = await ctx.cluster.get('PersistentVolumeClaim', RESTORED);
          const sc = pvc?.spec?.storageClassName ? await ctx.cluster.get('StorageClass', String(pvc.spec.storageClassName)) : undefined;
          ctx.fail(
            sc && sc.allowVolumeExpansion !== true
              ? fill(
                  t(
                    'the API server refused to grow restored: its class {class} does not set allowVolumeExpansion: true; restore into course-csi, which does',
                    'API 服务器拒绝扩容 restored：它的存储类 {class} 没有设置 allowVolumeExpansion: true；请恢复到设置了它的 course-csi',
                  ),
                  { class: String(pvc!.spec.storageClassName) },
                )
              : t('the API server refused to grow restored to 2Gi', 'API 服务器拒绝把 restored 扩容到 2Gi'),
            err.message,
          );
        }
        ctx.progress(t('waiting for the volume and its file system to grow', '正在等待卷和文件系统扩容'));
        let nudged = false;
        await ctx.until(
          async (observe) => {
            const pvc = await ctx.cluster.get('PersistentVolumeClaim', RESTORED);
            // The volume has grown and only its file system is left: the kubelet does that at its
            // next sync of the Pod, which its periodic resync brings up to about 90 s later
            // (measured: 83 s). A change to the Pod makes it sync now (measured: 1 s).
            if (!nudged && conditionOf(pvc, 'FileSystemResizePending')) {
              nudged = true;
              await ctx.cluster.annotatePod(READER, { [RESYNC_ANNOTATION]: '1' });
            }
            const size = await ctx.cluster.fileSystemSize(READER, c, MOUNT);
            observe(`${describePvc(RESTORED, pvc)}; df in ${READER}/${c}: ${size === undefined ? 'no such path' : `${size} bytes`} (before: ${before} bytes)`);
            const capacity = bytesOf(pvc?.status?.capacity?.storage);
            return capacity !== undefined && capacity >= GROWN_BYTES && size !== undefined && before !== undefined && size > before && size >= GROWN_DF_MIN ? true : undefined;
          },
          t('restored did not grow to 2Gi as the reader sees it (status.capacity and the file system size in /data)', 'restored 没有扩容到 reader 看到的 2Gi（status.capacity 和 /data 的文件系统大小）'),
          { timeoutMs: 90_000 },
        );
        await expectToken(ctx, { pod: READER, container: c, path: BEFORE }, ctx.state.get('t1') as string, {
          failure: t('after growing, reader no longer sees T1', '扩容之后，reader 看不到 T1 了'),
        });
      },
    },
  ],
  // restore-has-t1 reads T1 back through the snapshot after the Pod writer and the claim data
  // (and its volume) are gone.
  lifetime: [{ row: 'snapshot', proves: { podDelete: 'kept', pvcDelete: 'kept' } }],
});

/**
 * The names of the course's CSI stack (cluster/csi/course-csi.yaml, cluster/csi-driver/main.go),
 * in one place for everything that speaks of them: cluster:up's install, the offline model and the
 * graders. It imports nothing, so a grader may use it without loading the model.
 */
export const CSI_DRIVER_NAME = 'csi.k8s-storage-course.local';
export const CSI_NAMESPACE = 'course-csi';
/** The StorageClass of the driver (not the default class: local-path's `standard` is). */
export const CSI_STORAGE_CLASS = 'course-csi';
/** The VolumeSnapshotClass of the driver, deletionPolicy Delete. */
export const CSI_SNAPSHOT_CLASS = 'course-snapclass';

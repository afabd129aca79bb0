/**
 * The offline Kubernetes storage model: public API for the playground, the graders' model back
 * end and tests. Pure TypeScript, no Node-only APIs, deterministic (seeded random, virtual time).
 */
export { StorageModel, mergePatch } from './model.ts';
export { NotModelledError, InvalidObjectError, ModelExecError, ModelError } from './errors.ts';
export { ContainerRules, type Behaviour, type ImageFacts } from './container-rules.ts';
export type { ModelEvent } from './events.ts';
export type { ModelSnapshot, NodeSnapshot, PodSnapshot, ContainerSnapshot, VolumeSnapshot } from './snapshot.ts';
export type { ApplyResult, DeleteOptions, ModelOptions, ObjectRef } from './types.ts';
export type { NfsInstallOptions } from './nfs.ts';
export { CONTROL_PLANE, WORKERS, NFS_SERVER_IP, SERVICE_CIDR, LOCAL_PATH_BASE, LOCAL_PATH_PROVISIONER } from './cluster-facts.ts';
export { kindInfo, KINDS } from './kinds.ts';
export { MAX_MODELLED_PODS, MAX_MODELLED_REPLICAS } from './limits.ts';

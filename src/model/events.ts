/**
 * Events per object, like core/v1 Events: type, reason, message, involvedObject, count and
 * first/last timestamps. A repeat of the same reason and message on the same object increments
 * count instead of adding a line (as the event recorder does). Messages are the cluster's own
 * English text, exactly as kubectl would show them.
 */
import type { K8sObject } from './types.ts';

export interface ModelEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  involvedObject: { kind: string; name: string; namespace?: string; uid?: string };
  /** The component that reported it: default-scheduler, kubelet, persistentvolume-controller, ... */
  source: string;
  count: number;
  firstTimestamp: number;
  lastTimestamp: number;
  /** Order of recording (stable sort key). */
  seq: number;
}

/** Every event the model recorded, per involved object. */
export class EventLog {
  private events: ModelEvent[] = [];
  private seq = 0;

  /**
   * Records an event about obj at time now. A repeat within minIntervalMs of the last one
   * (controllers that re-report a waiting state re-sync every 15 s) does not count again.
   */
  record(obj: Pick<K8sObject, 'kind' | 'metadata'>, type: ModelEvent['type'], reason: string, message: string, source: string, now: number, minIntervalMs = 0): void {
    const involved = { kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid };
    const same = this.events.find(
      (e) => e.reason === reason && e.message === message && e.involvedObject.kind === involved.kind && e.involvedObject.name === involved.name && e.involvedObject.uid === involved.uid && e.involvedObject.namespace === involved.namespace,
    );
    if (same) {
      if (minIntervalMs > 0 && now - same.lastTimestamp < minIntervalMs) return;
      same.count++;
      same.lastTimestamp = now;
      same.seq = ++this.seq;
      return;
    }
    this.events.push({ type, reason, message, involvedObject: involved, source, count: 1, firstTimestamp: now, lastTimestamp: now, seq: ++this.seq });
  }

  /** Events about objects of that kind and name (any uid, i.e. also earlier incarnations), oldest first. */
  about(kind: string, name: string, namespace?: string): ModelEvent[] {
    return this.events
      .filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name && (namespace === undefined || (e.involvedObject.namespace ?? '') === namespace))
      .sort((a, b) => a.seq - b.seq)
      .map((e) => ({ ...e, involvedObject: { ...e.involvedObject } }));
  }

  /** All events (optionally of one namespace), oldest first. */
  all(namespace?: string): ModelEvent[] {
    return this.events
      .filter((e) => namespace === undefined || (e.involvedObject.namespace ?? '') === namespace)
      .sort((a, b) => a.seq - b.seq)
      .map((e) => ({ ...e, involvedObject: { ...e.involvedObject } }));
  }

  /** Drops the events of a namespace (namespace deletion). */
  dropNamespace(namespace: string): void {
    this.events = this.events.filter((e) => e.involvedObject.namespace !== namespace);
  }
}

/** Renders an event as a core/v1 Event object. */
export function eventObject(e: ModelEvent, iso: (t: number) => string): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${e.involvedObject.name}.${e.seq.toString(16).padStart(16, '0')}`, namespace: e.involvedObject.namespace ?? 'default' },
    type: e.type,
    reason: e.reason,
    message: e.message,
    involvedObject: { apiVersion: 'v1', ...e.involvedObject },
    source: { component: e.source },
    count: e.count,
    firstTimestamp: iso(e.firstTimestamp),
    lastTimestamp: iso(e.lastTimestamp),
  };
}

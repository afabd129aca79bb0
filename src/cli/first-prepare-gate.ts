/**
 * For a class graded N at a time on one shared cluster: the first student's prepare() may create
 * (or recreate) the course kind cluster, and the first installFixture(name) installs a fixture
 * the whole class then shares (lesson 3's NFS server). Two students doing either at the same
 * moment would race (two `kind create cluster` of one name). gateFirstUse wraps a cluster
 * factory so that every cluster it makes waits, before its own prepare() or installFixture(name),
 * until the first such call of the class has passed; after that, the calls
 * run in parallel as the back end already allows (each run has its own namespace). Nothing else
 * of the Cluster is changed, and no back-end code is touched.
 */
import type { Cluster } from '../grader/cluster/cluster.ts';

/**
 * Runs the first call for a key alone; later calls for that key wait for it to settle. When it
 * failed, the next waiting call runs alone in its turn (a cluster that could not be brought up
 * is tried again one student at a time, never by several at once).
 */
function firstAlone(): <T>(key: string, call: () => Promise<T>) => Promise<T> {
  const leads = new Map<string, Promise<boolean>>();
  return async (key, call) => {
    for (;;) {
      const lead = leads.get(key);
      if (!lead) {
        const running = call();
        leads.set(key, running.then(() => true, () => false));
        return running;
      }
      if (await lead) return call();
      if (leads.get(key) === lead) leads.delete(key);
    }
  };
}

/** The factory, with prepare() and installFixture(name) gated as the module comment says. */
export function gateFirstUse(factory: (runId: string) => Cluster): (runId: string) => Cluster {
  const gate = firstAlone();
  return (runId) => {
    const cluster = factory(runId);
    const prepare: Cluster['prepare'] = (signal) => gate('prepare', () => cluster.prepare(signal));
    const installFixture: Cluster['installFixture'] = (name, signal) => gate(`fixture:${name}`, () => cluster.installFixture(name, signal));
    return new Proxy(cluster, {
      get(target, prop, receiver) {
        if (prop === 'prepare') return prepare;
        if (prop === 'installFixture') return installFixture;
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
}

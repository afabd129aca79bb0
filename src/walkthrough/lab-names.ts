/**
 * The names of a lab cluster and of its nodes. kind names every node after its cluster
 * (<name>-control-plane, <name>-worker, <name>-worker2), and the lessons show the ones of the
 * cluster they tell students to make, "course": their commands say `docker exec course-worker`,
 * their manifests pin Pods and PersistentVolumes to `course-worker`.
 *
 * A lab cluster of another name (the real-cluster test's own, so it never needs "course" to be
 * free) runs the same commands with those node names mapped to its own: mapNodeNames() rewrites
 * the three node names of "course" wherever they stand as a whole name, and nothing else.
 * For "course" itself it changes nothing.
 */
export const LAB_CLUSTER = 'course';

/** The node names of a kind cluster made from lab/kind-course.yaml (1 control plane, 2 workers). */
export function labNodes(cluster: string): { controlPlane: string; worker: string; worker2: string } {
  return { controlPlane: `${cluster}-control-plane`, worker: `${cluster}-worker`, worker2: `${cluster}-worker2` };
}

// Short enough that <name>-control-plane is a valid host name (63), lower-case like kind wants.
const NAME = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

/** Whether name can be a lab cluster's name. */
export function isLabClusterName(name: string): boolean {
  return NAME.test(name);
}

// A node name of "course" standing alone: not inside a longer name (storage-course, course-worker3).
const COURSE_NODE = new RegExp(`(?<![A-Za-z0-9.-])${LAB_CLUSTER}-(control-plane|worker2|worker)(?![A-Za-z0-9-])`, 'g');

/** text with the node names of "course" replaced by those of cluster (unchanged for "course"). */
export function mapNodeNames(text: string, cluster: string): string {
  if (cluster === LAB_CLUSTER) return text;
  const nodes = labNodes(cluster);
  const to: Record<string, string> = { 'control-plane': nodes.controlPlane, worker: nodes.worker, worker2: nodes.worker2 };
  return text.replace(COURSE_NODE, (_, role: string) => to[role]);
}

/** Every node name of "course" in text, as written (for checks that the mapping sees them all). */
export function courseNodeNames(text: string): string[] {
  return [...text.matchAll(COURSE_NODE)].map((m) => m[0]);
}

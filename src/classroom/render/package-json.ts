/**
 * The student repository's package.json: no course package, only the grader's run-time
 * dependencies at the course's exact versions, and `npm run grade`, which runs the course grader
 * at the pinned ref through .classroom/grade.ts. Installing the course package itself would pull
 * its whole site toolchain (Astro, Starlight, shiki), about six times the size.
 */
import type { Assignment } from '../assignment.ts';

export const PACKAGE_FILE = 'package.json';
export const LAUNCHER_FILE = '.classroom/grade.ts';
export const LAUNCHER_TSCONFIG_FILE = '.classroom/tsconfig.json';
/** The `grade` script: tsx with the launcher's own tsconfig, then the launcher. */
export const GRADE_SCRIPT = `tsx --tsconfig ${LAUNCHER_TSCONFIG_FILE} ${LAUNCHER_FILE}`;

/** Renders package.json (two-space JSON, trailing newline). */
export function renderPackageJson(a: Assignment, deps: Record<string, string>, nodeEngines: string): string {
  const pkg = {
    name: 'k8s-storage-exercises',
    version: '1.0.0',
    private: true,
    description: `Kubernetes Storage Course exercises (${a.lessons.join(', ')}), graded by the course grader from ${a.course.repository} at ${a.course.ref}.`,
    type: 'module',
    engines: { node: nodeEngines },
    scripts: { grade: GRADE_SCRIPT },
    dependencies: Object.fromEntries(Object.entries(deps).sort(([x], [y]) => x.localeCompare(y))),
  };
  return JSON.stringify(pkg, null, 2) + '\n';
}

/**
 * Which npm packages the grader needs at run time, found by following the course's own imports
 * from the entry points a student repository runs (scripts/grade.ts, scripts/classroom.ts and every
 * graders/*.ts). The student repository installs only these (105 packages, about 35 MB) instead of the course
 * package with its whole site toolchain (Astro, Starlight, shiki: 431 packages, about 310 MB).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** The entry points, relative to the course root. */
export const GRADER_ENTRY_POINTS = ['scripts/grade.ts', 'scripts/classroom.ts'];
/** The TypeScript runner the student's scripts use; not imported by the grader, but needed. */
export const RUNNER_PACKAGE = 'tsx';

const IMPORT_PATTERNS = [
  /\bimport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bimport\(\s*`([^`$]+)/g,
];

/** Every module specifier a TypeScript source imports (static, re-exports, side-effect, dynamic with a literal or a template prefix). */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const found = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const m of code.matchAll(pattern)) {
      if (/\bimport\s+type\b|\bexport\s+type\b/.test(m[0])) continue;
      found.add(m[1]!);
    }
  }
  return [...found];
}

/** The npm package a bare specifier belongs to ("kubernetes-models/v1/Pod" -> "kubernetes-models"), or undefined for relative and built-in ones. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  if (specifier.startsWith('~/')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  if (builtinModules.includes(name)) return undefined;
  return name;
}

function tsFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFilesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function resolveRelative(from: string, specifier: string, root: string): string | undefined {
  const target = specifier.startsWith('~/') ? join(root, 'src', specifier.slice(2)) : resolve(dirname(from), specifier);
  for (const candidate of [target, `${target}.ts`, join(target, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The packages reachable from the grader's entry points under root, sorted, always including the runner. */
export function graderPackages(root: string): string[] {
  const queue = [...GRADER_ENTRY_POINTS.map((p) => join(root, p)).filter((p) => existsSync(p)), ...tsFilesUnder(join(root, 'graders'))];
  const seen = new Set<string>();
  const packages = new Set<string>([RUNNER_PACKAGE]);
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
      const pkg = packageOf(spec);
      if (pkg) packages.add(pkg);
      else if (spec.startsWith('.') || spec.startsWith('~/')) {
        const next = resolveRelative(file, spec, root);
        if (next && !seen.has(next)) queue.push(next);
      }
    }
  }
  return [...packages].sort();
}

export interface PackageJsonLike {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** name -> version for each package, taken from the course package.json; throws naming any package it does not declare. */
export function pinnedVersions(packages: string[], pkg: PackageJsonLike): Record<string, string> {
  const out: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of packages) {
    const version = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name];
    if (version) out[name] = version;
    else missing.push(name);
  }
  if (missing.length) throw new Error(`the grader imports ${missing.join(', ')}, which package.json does not declare`);
  return out;
}

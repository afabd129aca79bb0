import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { graderPackages, importSpecifiers, packageOf, pinnedVersions } from '../../src/classroom/grader-deps.ts';
import { COURSE_ROOT, tempDir } from './helpers.ts';

describe('finding the grader’s run-time packages', () => {
  it('reads static, side-effect, re-export and dynamic imports, not type-only ones or comments', () => {
    const src = [
      "import { a } from './a.ts';",
      "import type { B } from 'type-only-pkg';",
      "import 'side-effect';",
      "export { c } from '@scope/pkg/sub';",
      "const m = await import('dyn-pkg');",
      'const k = await import(`kubernetes-models/${v}/${k}`);',
      "// import { x } from 'commented';",
      "/* import { y } from 'block-commented'; */",
    ].join('\n');
    expect(importSpecifiers(src).sort()).toEqual(['./a.ts', '@scope/pkg/sub', 'dyn-pkg', 'kubernetes-models/', 'side-effect'].sort());
  });

  it('maps specifiers to packages and skips relative and built-in ones', () => {
    expect(packageOf('kubernetes-models/v1/Pod')).toBe('kubernetes-models');
    expect(packageOf('@scope/pkg/sub')).toBe('@scope/pkg');
    expect(packageOf('node:fs')).toBeUndefined();
    expect(packageOf('fs')).toBeUndefined();
    expect(packageOf('./x.ts')).toBeUndefined();
    expect(packageOf('~/grader/x.ts')).toBeUndefined();
  });

  it('finds the course grader’s packages, and none of the site toolchain', () => {
    const pkgs = graderPackages(COURSE_ROOT);
    for (const p of ['tsx', 'yaml', 'zod', 'commander', 'execa', 'kubernetes-models']) expect(pkgs).toContain(p);
    for (const p of ['astro', '@astrojs/starlight', '@astrojs/mdx', 'shiki', 'vitest', 'playwright-core']) expect(pkgs).not.toContain(p);
  });

  it('follows relative imports from the entry points and graders/', () => {
    const root = tempDir('deps-');
    mkdirSync(join(root, 'scripts'));
    mkdirSync(join(root, 'graders', 'common'), { recursive: true });
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'scripts', 'grade.ts'), "import { x } from '../src/x.ts';\n");
    writeFileSync(join(root, 'src', 'x.ts'), "import pc from 'picocolors';\nexport const x = 1;\n");
    writeFileSync(join(root, 'graders', 'common', 'h.ts'), "import { parse } from 'yaml';\n");
    expect(graderPackages(root)).toEqual(['picocolors', 'tsx', 'yaml']);
  });

  it('takes exact versions from the course package.json and names a missing package', () => {
    expect(pinnedVersions(['yaml', 'tsx'], { dependencies: { yaml: '2.9.1' }, devDependencies: { tsx: '4.23.15' } })).toEqual({ yaml: '2.9.1', tsx: '4.23.15' });
    expect(() => pinnedVersions(['left-pad'], { dependencies: {} })).toThrow(/left-pad/);
  });
});

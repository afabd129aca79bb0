/**
 * How the model decides what a container does, from its image and command alone. The model runs
 * no real programs, so these rules are deliberately conservative: it never claims that a program
 * it does not know keeps running.
 *
 * IMAGES
 * - Unpullable (ErrImagePull, then ImagePullBackOff): the reference contains "does-not-exist",
 *   "doesnotexist", "nonexistent", "no-such" or "invalid" (any case), or it is listed in
 *   ModelOptions.unpullableImages (exact reference or repository, e.g. "example.com/app").
 * - InvalidImageName (never pulled): empty reference, whitespace, or upper-case letters in the
 *   repository part.
 * - No shell (writeFile/readFile through the container fail with `exec: "sh": executable file not
 *   found in $PATH`; a `sh -c` command fails to start with StartError, exit code 128): the
 *   repository's last segment is "scratch", "pause" or "hello-world", or the reference contains
 *   "distroless", or it is listed in ModelOptions.noShellImages.
 * - Known server images keep running with their default command and stop at once on SIGTERM:
 *   nginx, nginx-unprivileged, httpd, redis, postgres, mysql, mariadb, memcached, mongo, rabbitmq,
 *   caddy, traefik, haproxy, registry, pause, nfs-server-alpine and the e2e image volume/nfs.
 * - Known shell images (busybox, alpine, ubuntu, debian, centos, fedora, rockylinux, almalinux,
 *   amazonlinux, bash, python, node, golang) run a shell by default, which exits at once (code 0)
 *   because there is no terminal, unless the container sets both stdin: true and tty: true.
 * - Any other image started without command and args exits at once with code 0.
 *
 * COMMANDS (command + args; with args only, args are the command, as official images' entrypoints
 * exec them). `sh|bash|ash -c SCRIPT` runs SCRIPT; a script is a sequence of statements joined by
 * newline, `;`, `&&`, `||` or `&` (background, ignored). Statements, by their first word:
 * - `sleep N` (N in seconds, suffix s/m/h/d allowed) waits N seconds; `sleep infinity` never ends.
 * - `tail -f|-F ...` never ends; `while true|while :|while [ 1 ]|while sleep ...|until false` loops
 *   never end (their bodies, including any `break`/`exit`, are not evaluated).
 * - `exit N` ends the script with N; `false` has status 1; `true` and `:` status 0.
 * - Servers never end: `nginx` only with `-g 'daemon off;'` (plain `nginx` daemonizes and the
 *   command returns), `httpd-foreground`, `httpd -DFOREGROUND|-D FOREGROUND|-f`, `redis-server`,
 *   `postgres`, `mysqld`, `mongod`, `memcached`, `nc -l...`, `python -m http.server`,
 *   `docker-entrypoint.sh` (the image's own behaviour).
 * - `cat` without files and `read` wait for stdin: they never end only with stdin: true.
 * - A nested `sh -c` is evaluated recursively; `exec X` evaluates X.
 * - Anything else (echo, printf, mkdir, touch, cp, date, an unknown program) ends at once with 0.
 * File effects of commands (e.g. `echo x > /data/f`) are NOT executed.
 * A container that runs forever is "running"; one that ends has its exit code (reason Completed
 * for 0, Error otherwise). SIGTERM (pod deletion) stops a container at once only if its main
 * process is a server or the script traps TERM; `sleep`, `tail -f` and shell loops ignore it as
 * PID 1, so deletion waits the full terminationGracePeriodSeconds (then SIGKILL).
 */

import { SHELLS, basename, runArgv } from './command-eval.ts';

export interface ContainerSpecLike {
  image?: string;
  command?: string[];
  args?: string[];
  stdin?: boolean;
  tty?: boolean;
}

/** What a container does once started. */
export type Behaviour =
  | { kind: 'runs'; handlesSigterm: boolean }
  | { kind: 'exits'; afterMs: number; exitCode: number; reason: 'Completed' | 'Error' | 'StartError'; message?: string; handlesSigterm: boolean };

export interface ImageFacts {
  repository: string;
  /** Last path segment of the repository, e.g. "busybox". */
  name: string;
  pull: 'ok' | 'unpullable' | 'invalid';
  hasShell: boolean;
  /** Directories the image's filesystem has (for writes outside volumes). */
  dirs: string[];
}

const UNPULLABLE = /does-not-exist|doesnotexist|nonexistent|no-such|invalid/i;
const NO_SHELL_NAMES = ['scratch', 'pause', 'hello-world'];
const SERVER_IMAGES = ['nginx', 'nginx-unprivileged', 'httpd', 'redis', 'postgres', 'mysql', 'mariadb', 'memcached', 'mongo', 'rabbitmq', 'caddy', 'traefik', 'haproxy', 'registry', 'pause', 'nfs-server-alpine'];
const SHELL_IMAGES = ['busybox', 'alpine', 'ubuntu', 'debian', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'bash', 'python', 'node', 'golang'];
const BASE_DIRS = ['/bin', '/dev', '/etc', '/home', '/lib', '/opt', '/proc', '/root', '/run', '/srv', '/sys', '/tmp', '/usr/bin', '/usr/local/bin', '/usr/share', '/var/log', '/var/tmp', '/mnt'];
const IMAGE_DIRS: Record<string, string[]> = {
  nginx: ['/usr/share/nginx/html', '/etc/nginx', '/var/cache/nginx'],
  httpd: ['/usr/local/apache2/htdocs'],
  redis: ['/data'],
  postgres: ['/var/lib/postgresql/data'],
  mysql: ['/var/lib/mysql'],
  mariadb: ['/var/lib/mysql'],
};

/** The rules above, with the configured extra unpullable / no-shell images. */
export class ContainerRules {
  constructor(
    private readonly extraUnpullable: string[] = [],
    private readonly extraNoShell: string[] = [],
  ) {}

  /** Facts about an image reference. */
  image(reference: string | undefined): ImageFacts {
    const ref = (reference ?? '').trim();
    const noDigest = ref.split('@')[0]!;
    const lastSlash = noDigest.lastIndexOf('/');
    const colon = noDigest.lastIndexOf(':');
    const repository = colon > lastSlash ? noDigest.slice(0, colon) : noDigest;
    const name = repository.slice(repository.lastIndexOf('/') + 1);
    const listed = (list: string[]) => list.some((x) => x === ref || x === repository || x === name);
    let pull: ImageFacts['pull'] = 'ok';
    if (!ref || /\s/.test(reference ?? '') || /[A-Z]/.test(repository)) pull = 'invalid';
    else if (UNPULLABLE.test(ref) || listed(this.extraUnpullable)) pull = 'unpullable';
    const hasShell = !(NO_SHELL_NAMES.includes(name) || /distroless/i.test(ref) || listed(this.extraNoShell));
    const dirs = [...BASE_DIRS, ...(IMAGE_DIRS[name] ?? [])];
    return { repository, name, pull, hasShell, dirs };
  }

  /** What the container does once started. */
  behaviour(spec: ContainerSpecLike): Behaviour {
    const img = this.image(spec.image);
    const interactive = !!spec.stdin && !!spec.tty;
    const argv = spec.command?.length ? [...spec.command, ...(spec.args ?? [])] : (spec.args ?? []);
    if (argv.length === 0) return defaultBehaviour(img, interactive);
    const first = basename(argv[0]!);
    if (!img.hasShell && SHELLS.includes(first)) {
      return { kind: 'exits', afterMs: 0, exitCode: 128, reason: 'StartError', message: `exec: "${argv[0]}": executable file not found in $PATH`, handlesSigterm: true };
    }
    const r = runArgv(argv, { imageRuns: defaultBehaviour(img, interactive).kind === 'runs', stdin: !!spec.stdin, interactive, depth: 0 });
    if (r.forever) return { kind: 'runs', handlesSigterm: r.sigterm };
    return { kind: 'exits', afterMs: r.ms, exitCode: r.status, reason: r.status === 0 ? 'Completed' : 'Error', handlesSigterm: r.sigterm };
  }
}

function defaultBehaviour(img: ImageFacts, interactive: boolean): Behaviour {
  const isE2eNfs = /volume\/nfs$/.test(img.repository);
  if (SERVER_IMAGES.includes(img.name) || isE2eNfs) return { kind: 'runs', handlesSigterm: true };
  if (SHELL_IMAGES.includes(img.name) && interactive) return { kind: 'runs', handlesSigterm: false };
  return { kind: 'exits', afterMs: 0, exitCode: 0, reason: 'Completed', handlesSigterm: true };
}

/**
 * Evaluates a container's command the way container-rules.ts documents it: argv or a `sh -c`
 * script (statements joined by newline, `;`, `&&`, `||`, `&`) is reduced to "runs forever" or
 * "ends after N ms with status S", and whether the long-running process stops on SIGTERM.
 * No command is really executed and file effects are ignored.
 */

export const SHELLS = ['sh', 'bash', 'ash', 'dash', 'zsh'];

/** The last path segment of a command word ("/bin/sh" -> "sh"). */
export function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

export interface Ctx {
  /** Whether the image's own default command keeps running (for docker-entrypoint.sh). */
  imageRuns: boolean;
  stdin: boolean;
  interactive: boolean;
  depth: number;
}

export interface Outcome {
  forever: boolean;
  ms: number;
  status: number;
  /** True if the process that keeps the container alive stops on SIGTERM. */
  sigterm: boolean;
  /** `exit` was called: stop the enclosing script. */
  exited?: boolean;
}

const QUICK = (status = 0): Outcome => ({ forever: false, ms: 0, status, sigterm: true });
const FOREVER = (sigterm: boolean): Outcome => ({ forever: true, ms: 0, status: 0, sigterm });

function seconds(arg: string | undefined): number | 'infinity' | undefined {
  if (!arg) return undefined;
  if (arg === 'infinity' || arg === 'inf') return 'infinity';
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
}

/** Evaluates one command line given as argv. */
export function runArgv(argv: string[], ctx: Ctx): Outcome {
  const words = argv.filter((w, i) => !(/^\w+=/.test(w) && argv.slice(0, i).every((p) => /^\w+=/.test(p))));
  if (words.length === 0) return QUICK();
  const cmd = basename(words[0]!);
  const args = words.slice(1);
  const has = (...flags: string[]) => args.some((a) => flags.includes(a));
  switch (cmd) {
    case 'exec':
      return runArgv(args, ctx);
    case 'sleep': {
      const s = seconds(args[0]);
      if (s === 'infinity') return FOREVER(false);
      return { forever: false, ms: (s ?? 0) * 1000, status: s === undefined ? 1 : 0, sigterm: false };
    }
    case 'tail':
      return has('-f', '-F', '--follow') || args.some((a) => /^-[a-zA-Z]*[fF]/.test(a)) ? FOREVER(false) : QUICK();
    case 'exit':
      return { ...QUICK(Number(args[0] ?? 0) || 0), exited: true };
    case 'false':
      return QUICK(1);
    case 'true':
    case ':':
      return QUICK(0);
    case 'nginx':
      return args.join(' ').includes('daemon off') ? FOREVER(true) : QUICK();
    case 'httpd':
      return has('-DFOREGROUND', '-f') || args.join(' ').includes('-D FOREGROUND') ? FOREVER(true) : QUICK();
    case 'httpd-foreground':
    case 'redis-server':
    case 'postgres':
    case 'mysqld':
    case 'mongod':
    case 'memcached':
      return FOREVER(true);
    case 'docker-entrypoint.sh':
      return ctx.imageRuns ? FOREVER(true) : QUICK();
    case 'nc':
      return args.some((a) => /^-[a-zA-Z]*l/.test(a)) ? FOREVER(false) : QUICK();
    case 'python':
    case 'python3':
      return args.join(' ').includes('http.server') ? FOREVER(false) : QUICK();
    case 'cat':
      return args.filter((a) => !a.startsWith('-')).length === 0 && ctx.stdin ? FOREVER(false) : QUICK();
    case 'read':
      return ctx.stdin ? FOREVER(false) : QUICK(1);
    default:
      if (SHELLS.includes(cmd)) {
        const c = args.indexOf('-c');
        if (c >= 0 && args[c + 1] !== undefined && ctx.depth < 5) return runScript(args[c + 1]!, { ...ctx, depth: ctx.depth + 1 });
        return ctx.interactive ? FOREVER(false) : QUICK();
      }
      return QUICK();
  }
}

const FOREVER_LOOP = /(?:^|[;&|\n({]\s*)(?:while\s+(?:true|:|\[\s*(?:1|true)\s*\]|sleep\b[^;\n]*)|until\s+false)\s*[;\n]\s*do\b/;

/** Evaluates a shell script (the argument of sh -c). */
function runScript(script: string, ctx: Ctx): Outcome {
  const loop = FOREVER_LOOP.exec(script);
  const head = loop ? script.slice(0, loop.index + (loop[0].match(/^[;&|\n({]/) ? 1 : 0)) : script;
  const traps = /\btrap\b[^\n;]*\b(TERM|SIGTERM|15)\b/.test(script);
  const r = runStatements(splitStatements(head), ctx);
  if (r.exited || r.forever || !loop) return { ...r, sigterm: r.sigterm || traps };
  return FOREVER(traps);
}

type Joined = { words: string[]; join: ';' | '&&' | '||' | '&' };

/**
 * A job started with `&` does not hold the script up: the script ends without it (the container
 * with the script) unless a later bare `wait` waits for it, which lasts as long as its longest job.
 */
function runStatements(statements: Joined[], ctx: Ctx): Outcome {
  let total = 0;
  let status = 0;
  let sigterm = true;
  let prevJoin: Joined['join'] = ';';
  let background: Outcome[] = [];
  for (const st of statements) {
    const skip = (prevJoin === '&&' && status !== 0) || (prevJoin === '||' && status === 0);
    prevJoin = st.join;
    if (skip || st.words.length === 0) continue;
    if (st.join === '&') {
      background.push(runArgv(st.words, ctx));
      continue;
    }
    const r = st.words.length === 1 && basename(st.words[0]!) === 'wait' ? waitFor(background) : runArgv(st.words, ctx);
    if (st.words[0] === 'wait') background = [];
    if (r.forever) return { ...r, ms: total };
    total += r.ms;
    status = r.status;
    if (r.ms > 0) sigterm = r.sigterm;
    if (r.exited) return { forever: false, ms: total, status, sigterm, exited: true };
  }
  return { forever: false, ms: total, status, sigterm };
}

/** A bare `wait`: as long as the longest background job, forever if one runs forever; status 0. */
function waitFor(jobs: Outcome[]): Outcome {
  const forever = jobs.find((j) => j.forever);
  if (forever) return FOREVER(forever.sigterm);
  const longest = jobs.reduce<Outcome | undefined>((a, j) => (!a || j.ms > a.ms ? j : a), undefined);
  return longest ? { forever: false, ms: longest.ms, status: 0, sigterm: longest.sigterm } : QUICK();
}

/** Splits a script into statements with the connector that follows each, honouring quotes. */
export function splitStatements(script: string): Joined[] {
  const out: Joined[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endStatement = (join: Joined['join']) => {
    endWord();
    out.push({ words, join });
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else word += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\n' || ch === ';') endStatement(';');
    else if (ch === '&' && script[i + 1] === '&') endStatement('&&'), i++;
    else if (ch === '|' && script[i + 1] === '|') endStatement('||'), i++;
    else if (ch === '&') endStatement('&');
    else if (ch === '|') endStatement(';');
    else if (ch === ' ' || ch === '\t') endWord();
    else if (ch === '>' || ch === '<') {
      // redirection: drop a file-descriptor number before it, swallow the operator and its target
      if (/^\d+$/.test(word)) (word = ''), (inWord = false);
      endWord();
      let j = i + 1;
      while (script[j] === '>' || script[j] === '&') j++;
      while (script[j] === ' ') j++;
      while (j < script.length && !' \t\n;&|'.includes(script[j]!)) j++;
      i = j - 1;
    } else {
      word += ch;
      inWord = true;
    }
  }
  endStatement(';');
  return out.filter((s) => s.words.length > 0);
}

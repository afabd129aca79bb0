/**
 * The cluster command line: `up`, `down [--purge]` and `env`, each with --lang. Resolves to the
 * exit code; Ctrl-C aborts the running step (130).
 */
import { Command, CommanderError } from 'commander';
import { cliMsg } from '../cli/messages.ts';
import { detectLang, fill, inBoth, type Lang } from '../i18n/lang.ts';
import { clusterDown } from './down.ts';
import { clusterPaths } from './paths.ts';
import { envLines, readState } from './state.ts';
import { labCsiCommand } from './lab-csi.ts';
import { clusterUp } from './up.ts';

export interface MainIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  isTTY: boolean;
  root: string;
}

const HELP: Record<Lang, string> = {
  en: [
    'usage: npm run cluster:up | cluster:down [-- --purge] | cluster:env | lab:csi [-- --name NAME]   (each takes --lang en|zh-cn)',
    '',
    '  up     build (or reuse from the cache) a real kind cluster from source and start it',
    '  down   delete the cluster, its network and the engine cluster:up started; --purge also the build cache',
    '  env    print the shell lines that make `npm run grade -- --cluster kind` use it:  eval "$(npm run -s cluster:env)"',
    '  lab:csi  install the course\'s CSI driver (lessons 5 and 7) on your own kind cluster NAME (default course, from lab/kind-course.yaml)',
    '',
  ].join('\n'),
  'zh-cn': [
    '用法：npm run cluster:up | cluster:down [-- --purge] | cluster:env | lab:csi [-- --name NAME]   （都接受 --lang en|zh-cn）',
    '',
    '  up     从源码构建（或从缓存复用）一个真实的 kind 集群并启动它',
    '  down   删除集群、它的网络以及 cluster:up 启动的引擎；加 --purge 时连构建缓存一起删除',
    '  env    打印让 `npm run grade -- --cluster kind` 使用该集群的 shell 命令：eval "$(npm run -s cluster:env)"',
    '  lab:csi  在你自己的 kind 集群 NAME（默认 course，由 lab/kind-course.yaml 创建）上安装课程的 CSI 驱动（第 5 课和第 7 课）',
    '',
  ].join('\n'),
};

const NO_STATE: Record<Lang, string> = {
  en: 'No cluster built here yet: run `npm run cluster:up` first.',
  'zh-cn': '这里还没有构建过集群：请先运行 `npm run cluster:up`。',
};

export async function main(argv: string[], io: MainIo): Promise<number> {
  let lang: Lang = detectLang(undefined, io.env);
  const program = new Command()
    .name('cluster')
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
    .helpOption(false)
    .argument('[command]')
    .option('--lang <lang>')
    .option('--purge')
    .option('--name <cluster>')
    .option('-h, --help');
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      io.err.write(`${lang === 'en' ? 'Unknown option or argument' : '未知的选项或参数'}: ${argv.join(' ')}\n${HELP[lang]}`);
      return 2;
    }
    throw err;
  }
  const opts = program.opts<{ lang?: string; purge?: boolean; name?: string; help?: boolean }>();
  try {
    lang = detectLang(opts.lang, io.env);
  } catch {
    // The language itself was not understood, so say it in both.
    io.err.write(inBoth(fill(cliMsg.badLang, { value: opts.lang ?? '' })));
    return 2;
  }
  const command = program.args[0];
  if (opts.help || !command) {
    io.out.write(HELP[lang]);
    return opts.help ? 0 : 2;
  }
  const progress = { err: io.err, out: io.out, isTTY: io.isTTY, lang };
  switch (command) {
    case 'up': {
      const controller = new AbortController();
      const onSigint = () => controller.abort(new Error('interrupted'));
      process.once('SIGINT', onSigint);
      process.once('SIGTERM', onSigint);
      try {
        return await clusterUp({ root: io.root, io: progress, env: io.env, signal: controller.signal });
      } finally {
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigint);
      }
    }
    case 'down':
      return clusterDown({ io: progress, env: io.env, purge: opts.purge === true });
    case 'env': {
      const state = readState(clusterPaths(io.env).state);
      if (!state) {
        io.err.write(`${NO_STATE[lang]}\n`);
        return 3;
      }
      io.out.write(`${envLines(state).join('\n')}\n`);
      return 0;
    }
    case 'lab-csi': {
      const controller = new AbortController();
      const onSigint = () => controller.abort(new Error('interrupted'));
      process.once('SIGINT', onSigint);
      try {
        return await labCsiCommand({ root: io.root, name: opts.name ?? 'course', env: io.env, io: progress, state: readState(clusterPaths(io.env).state), signal: controller.signal });
      } finally {
        process.off('SIGINT', onSigint);
      }
    }
    default:
      io.err.write(`${lang === 'en' ? `unknown command "${command}"` : `未知的命令“${command}”`}\n${HELP[lang]}`);
      return 2;
  }
}

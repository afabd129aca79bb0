/**
 * `npm run walkthroughs:capture [-- <lesson> ...] [--keep] [--lang en|zh-cn]`: makes the lab
 * cluster of lab/kind-course.yaml from the node image `npm run cluster:up` built, captures each
 * named lesson's walk-through on it (all lessons when none is named), writes each lesson's
 * captured.json as soon as it is complete and checked, and deletes the lab cluster at the end
 * (unless --keep). Progress goes to stderr: a spinner per command on a terminal, one line per
 * command elsewhere.
 *
 * Exit codes: 0 every lesson written; 1 a lesson could not be captured (its old capture is kept,
 * and later lessons are not run, since the lab cluster may hold its leftovers); 2 usage;
 * 3 no cluster built here, or the lab cluster already exists; 130 interrupted.
 *
 * The lab cluster is "course", the one the lessons show, unless a caller names another
 * (WalkthroughIo.labName: the real-cluster test, which must not need "course" to be free, since
 * students make it). Then the same commands run with the node names mapped (lab-names.ts) in a
 * staged copy of the repository (staged-root.ts), and the captures, which hold that cluster's
 * output, may only go to outDir, never where the pages read them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import ora, { type Ora } from 'ora';
import { resolveLesson, UnknownLessonError } from '../grader/lessons.ts';
import { cliMsg } from '../cli/messages.ts';
import { detectLang, fill, inBoth, type Lang, type Localized } from '../i18n/lang.ts';
import { formatDuration, tail } from '../local-cluster/format.ts';
import { clusterPaths } from '../local-cluster/paths.ts';
import { readState } from '../local-cluster/state.ts';
import { listLessonFolders } from '../site/lessons.ts';
import { captureLesson, CaptureError, writeCapture } from './capture.ts';
import { CaptureFileError } from './capture-file.ts';
import { installLabCsi, preloadLabCsiImages } from '../local-cluster/lab-csi.ts';
import { StepFailedError } from '../local-cluster/run-steps.ts';
import { awaitLabDns, createLabCluster, deleteLabCluster, LAB_CONFIG, labClusterExists, labNfsClient, type LabTools } from './lab-cluster.ts';
import { isLabClusterName, LAB_CLUSTER, labNodes, mapNodeNames } from './lab-names.ts';
import { loadLessonSteps, walkthroughDir } from './lesson-steps.ts';
import { msg } from './messages.ts';
import type { CommandEvent } from './run-session.ts';
import { SessionError } from './run-session.ts';
import { stageRoot } from './staged-root.ts';
import { WalkthroughFileError } from './step-file.ts';

export interface WalkthroughIo {
  err: { write(text: string): unknown };
  out: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  isTTY: boolean;
  root: string;
  /** Where captures go, per lesson folder (default: the lesson's walkthrough folder). */
  outDir?: (folder: string) => string;
  /** Stopping this stops the capture (Ctrl-C in scripts/walkthroughs.ts). */
  signal?: AbortSignal;
  /**
   * The lab cluster's name (default "course"). Any other needs outDir: its captures show that
   * cluster's node names, so they never replace the ones the pages show.
   */
  labName?: string;
}

/** How long one walk-through command may run before the capture stops it. */
export const COMMAND_TIMEOUT_MS = 240_000;

export async function main(argv: string[], io: WalkthroughIo): Promise<number> {
  const name = io.labName ?? LAB_CLUSTER;
  if (!isLabClusterName(name)) throw new Error(`walkthroughs: "${name}" cannot be a kind cluster name (lower-case letters, digits and dashes, at most 32)`);
  if (name !== LAB_CLUSTER && !io.outDir) throw new Error(`walkthroughs: a lab cluster not named "${LAB_CLUSTER}" needs outDir, so its captures never replace the lessons' own`);
  let lang: Lang = detectLang(undefined, io.env);
  const say = (m: Localized, params: Record<string, string | number> = {}) => io.err.write(`${fill(m, params)[lang]}\n`);
  const program = new Command()
    .name('walkthroughs:capture')
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
    .helpOption(false)
    .argument('[lessons...]')
    .option('--lang <lang>')
    .option('--keep')
    .option('-h, --help');
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      say(msg.unknownArgument, { args: argv.join(' ') });
      io.err.write(msg.usage[lang]);
      return 2;
    }
    throw err;
  }
  const opts = program.opts<{ lang?: string; keep?: boolean; help?: boolean }>();
  try {
    lang = detectLang(opts.lang, io.env);
  } catch {
    io.err.write(inBoth(fill(cliMsg.badLang, { value: opts.lang ?? '' })));
    return 2;
  }
  if (opts.help) {
    io.out.write(msg.usage[lang]);
    return 0;
  }

  let folders: string[];
  try {
    folders = program.args.length > 0 ? program.args.map((a) => resolveLesson(io.root, a).folder) : listLessonFolders(io.root).map((l) => l.folder);
    for (const folder of folders) loadLessonSteps(io.root, folder);
  } catch (err) {
    if (err instanceof UnknownLessonError) {
      io.err.write(`${err.reason[lang]}\n`);
      return 2;
    }
    if (err instanceof WalkthroughFileError) {
      io.err.write(`${err.localized[lang]}\n`);
      return 2;
    }
    throw err;
  }

  const state = readState(clusterPaths(io.env).state);
  if (!state) {
    say(msg.noClusterState);
    return 3;
  }
  const tools: LabTools = { bin: state.bin, env: { ...io.env, PATH: `${state.bin}:${io.env.PATH ?? ''}`, ...(state.dockerHost ? { DOCKER_HOST: state.dockerHost } : {}) } };
  if (await labClusterExists(tools, name)) {
    say(msg.labClusterExists, { name });
    return 3;
  }

  const work = mkdtempSync(join(tmpdir(), 'walkthroughs-'));
  const kubeconfig = join(work, 'kubeconfig');
  const mapCommand = name === LAB_CLUSTER ? undefined : (text: string) => mapNodeNames(text, name);
  let created = false;
  // The background load of the CSI images, settled before the lab cluster is deleted.
  let preload: Promise<void> | undefined;
  try {
    // Where the commands run: the repository, or for another cluster a copy whose manifests name its nodes.
    const cwd = mapCommand ? stageRoot(io.root, name, join(work, 'root')) : io.root;
    const started = Date.now();
    say(msg.creatingLab, { name, config: LAB_CONFIG, image: state.nodeImage });
    if (mapCommand) say(msg.mappedLab, { name, nodes: Object.values(labNodes(name)).join(', ') });
    created = true;
    const lab = await createLabCluster(tools, { root: io.root, name, image: state.nodeImage, kubeconfig, signal: io.signal });
    if (io.signal?.aborted) throw io.signal.reason;
    if (lab.exitCode !== 0) {
      say(msg.labFailed, { code: lab.exitCode });
      io.err.write(`${tail(lab.output, 15).join('\n')}\n`);
      return 1;
    }
    // Steps marked `#@ needs: csi` use the course's CSI driver, which a student's lab gets from `npm run lab:csi`.
    // Its images go into the nodes in the background while the lessons before the first such lesson
    // run (they change no API object, so those lessons' outputs are as a lab without the driver
    // shows them); the rest of the install comes just before that lesson.
    const csiLessons = folders.filter((f) => loadLessonSteps(io.root, f).some((s) => s.needs.includes('csi')));
    const csiSignal = io.signal ?? new AbortController().signal;
    let csiInstalled = csiLessons.length === 0;
    // A failed preload is not reported here: the install before the first CSI lesson loads again, and reports.
    preload = csiInstalled ? undefined : preloadLabCsiImages({ root: io.root, state, kubeconfig, lang, logsDir: join(work, 'logs'), signal: csiSignal }).catch(() => undefined);
    // Meanwhile the lab's DNS comes up; the lessons wait for it.
    const dns = await awaitLabDns(tools, kubeconfig, io.signal);
    if (io.signal?.aborted) throw io.signal.reason;
    if (dns.exitCode !== 0) {
      say(msg.labDnsFailed, { code: dns.exitCode });
      io.err.write(`${tail(dns.output, 15).join('\n')}\n`);
      return 1;
    }
    say(msg.labReady, { time: formatDuration(Date.now() - started) });
    const nfs = await labNfsClient(tools, name);

    for (const folder of folders) {
      const steps = loadLessonSteps(io.root, folder);
      if (steps.length === 0) continue;
      if (!csiInstalled && csiLessons.includes(folder)) {
        await preload;
        const installStarted = Date.now();
        say(msg.installingCsi, { lessons: csiLessons.join(', ') });
        await installLabCsi({ root: io.root, state, kubeconfig, io: { err: io.err, isTTY: io.isTTY, lang }, logsDir: join(work, 'logs'), signal: csiSignal });
        say(msg.csiInstalled, { time: formatDuration(Date.now() - installStarted) });
        csiInstalled = true;
      }
      const lessonStarted = Date.now();
      say(msg.lessonStart, { lesson: folder, steps: steps.length });
      const progress = commandProgress(io, lang);
      try {
        const capture = await captureLesson(folder, steps, {
          missing: nfs.client === 'none' ? { nfs: nfs.reason } : {},
          mapCommand,
          cluster: {
            kindConfig: LAB_CONFIG,
            kindVersion: state.kindVersion,
            kubernetesVersion: state.kubernetesVersion,
            nodeImage: state.nodeImage,
            // The page says which client made a lesson's NFS mounts.
            ...(nfs.client !== 'none' && steps.some((s) => s.needs.includes('nfs')) ? { nfsClient: nfs.client } : {}),
          },
          session: {
            cwd,
            // C.UTF-8: the programs' own messages in English, as on most machines students use.
            env: { ...tools.env, KUBECONFIG: kubeconfig, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', TERM: 'dumb' },
            commandTimeoutMs: COMMAND_TIMEOUT_MS,
            signal: io.signal,
            onStart: progress.start,
            onDone: progress.done,
          },
        });
        const file = writeCapture(io.outDir?.(folder) ?? join(io.root, walkthroughDir(folder)), capture);
        const skipped = capture.steps.find((s) => s.status === 'not-captured');
        if (skipped && skipped.status === 'not-captured') say(msg.lessonNotCaptured, { lesson: folder, reason: skipped.reason[lang], file: relative(io.root, file) });
        else say(msg.lessonWritten, { lesson: folder, file: relative(io.root, file), time: formatDuration(Date.now() - lessonStarted) });
      } catch (err) {
        progress.stop();
        if (io.signal?.aborted) throw io.signal.reason;
        if (err instanceof CaptureError || err instanceof SessionError || err instanceof CaptureFileError) {
          io.err.write(`${err.localized[lang]}\n`);
          if (err instanceof CaptureError && err.output) io.err.write(`${err.output.replace(/^/gm, '  | ')}${err.output.endsWith('\n') ? '' : '\n'}`);
          say(msg.keptPrevious, { lesson: folder });
          return 1;
        }
        throw err;
      }
    }
    return 0;
  } catch (err) {
    if (io.signal?.aborted) {
      say(msg.interrupted);
      return 130;
    }
    if (err instanceof StepFailedError) {
      io.err.write(`${err.lines.join('\n')}\n`);
      return 1;
    }
    throw err;
  } finally {
    await preload;
    if (created && opts.keep) {
      say(msg.keptLab, { name, kubeconfig });
    } else {
      if (created) {
        say(msg.deletingLab, { name });
        await deleteLabCluster(tools, name, io.root);
      }
      rmSync(work, { recursive: true, force: true });
    }
  }
}

function relative(root: string, file: string): string {
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}

/** Per-command progress: a spinner on a terminal, a line per command otherwise. */
function commandProgress(io: WalkthroughIo, lang: Lang) {
  let spinner: Ora | undefined;
  const label = (e: CommandEvent) => ({ step: e.step.id, n: e.index + 1, total: e.step.commands.length, command: e.command.text.split('\n')[0] });
  return {
    start(e: CommandEvent) {
      const text = fill(msg.commandStart, label(e))[lang];
      if (io.isTTY) spinner = ora({ text, stream: io.err as NodeJS.WriteStream }).start();
      else io.err.write(`${text}\n`);
    },
    done(e: CommandEvent) {
      const r = e.result!;
      const text = `${fill(msg.commandStart, label(e))[lang]}  · ${fill(msg.commandDone, { ...label(e), code: r.exitCode, time: formatDuration(r.seconds * 1000) })[lang].trim()}`;
      if (spinner) {
        spinner.stopAndPersist({ symbol: r.exitCode === 0 ? '✓' : '•', text });
        spinner = undefined;
      } else {
        io.err.write(`${fill(msg.commandDone, { ...label(e), code: r.exitCode, time: formatDuration(r.seconds * 1000) })[lang]}\n`);
      }
    },
    stop() {
      spinner?.stop();
      spinner = undefined;
    },
  };
}

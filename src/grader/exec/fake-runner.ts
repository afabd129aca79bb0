/**
 * A scripted CommandRunner for tests: answers commands from scripted rules (the most recently
 * registered matching rule wins, so a test can override a shared setup), records every call, and
 * fails loudly on a command nobody scripted (a test can never pass by accident).
 */
import { escapeCommand } from './escape.ts';
import { settle, type CommandRunner, type RunOptions, type RunResult } from './runner.ts';

export interface FakeCall {
  file: string;
  args: string[];
  input?: string;
  opts: RunOptions;
}

/** What a scripted command "prints" and how it exits (defaults: empty output, exit 0). */
export type FakeResponse = Partial<Pick<RunResult, 'stdout' | 'stderr' | 'exitCode' | 'failure'>>;

interface Rule {
  match: (call: FakeCall) => boolean;
  responses: (FakeResponse | ((call: FakeCall) => FakeResponse))[];
  used: number;
  /** After the scripted responses run out: repeat the last one (default) or stop matching. */
  once: boolean;
}

export class FakeRunner implements CommandRunner {
  readonly calls: FakeCall[] = [];
  private readonly rules: Rule[] = [];

  /** Scripts a command matched by its file and argv prefix; later responses answer later calls. */
  on(file: string, argsPrefix: readonly string[], ...responses: (FakeResponse | ((call: FakeCall) => FakeResponse))[]): this {
    return this.when((c) => c.file === file && argsPrefix.every((a, i) => c.args[i] === a), ...responses);
  }

  /** Scripts a command matched by a predicate. */
  when(match: (call: FakeCall) => boolean, ...responses: (FakeResponse | ((call: FakeCall) => FakeResponse))[]): this {
    this.rules.push({ match, responses: responses.length ? responses : [{}], used: 0, once: false });
    return this;
  }

  /** Like `on`, but each response answers exactly one call and the rule then stops matching. */
  once(file: string, argsPrefix: readonly string[], ...responses: FakeResponse[]): this {
    this.rules.push({
      match: (c) => c.file === file && argsPrefix.every((a, i) => c.args[i] === a),
      responses: responses.length ? responses : [{}],
      used: 0,
      once: true,
    });
    return this;
  }

  /** The recorded calls as [file, ...args] lists, for golden comparisons. */
  argvs(): string[][] {
    return this.calls.map((c) => [c.file, ...c.args]);
  }

  async run(file: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const call: FakeCall = { file, args: [...args], input: opts.input, opts };
    this.calls.push(call);
    if (opts.signal?.aborted) {
      return settle({ stdout: '', stderr: 'canceled', exitCode: -1, durationMs: 0, command: escapeCommand(file, args), failure: 'canceled' }, opts);
    }
    const rule = [...this.rules].reverse().find((r) => (!r.once || r.used < r.responses.length) && r.match(call));
    if (!rule) throw new Error(`FakeRunner: unscripted command: ${escapeCommand(file, args)}`);
    const picked = rule.responses[Math.min(rule.used, rule.responses.length - 1)];
    rule.used++;
    const resp = typeof picked === 'function' ? picked(call) : picked;
    const result: RunResult = {
      stdout: resp.stdout ?? '',
      stderr: resp.stderr ?? '',
      exitCode: resp.exitCode ?? (resp.failure === 'not-found' ? 127 : resp.failure ? -1 : 0),
      durationMs: 1,
      command: escapeCommand(file, args),
      ...(resp.failure ? { failure: resp.failure } : {}),
    };
    return settle(result, opts);
  }
}

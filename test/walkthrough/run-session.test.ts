import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseOutput, runSession, SessionError } from '../../src/walkthrough/run-session.ts';
import { parseStepFile } from '../../src/walkthrough/step-file.ts';

const step = (name: string, text: string) => parseStepFile(text, `lessons/09-demo/walkthrough/${name}.sh`);
const opts = (extra: Partial<Parameters<typeof runSession>[1]> = {}) => ({ cwd: tmpdir(), env: { PATH: process.env.PATH }, commandTimeoutMs: 10_000, ...extra });

describe('runSession', () => {
  it("returns each command's output and exit code, stdout and stderr in the order written", async () => {
    const results = await runSession([step('01-a', 'echo out; echo err >&2; echo out2\nfalse\nprintf "no newline"\ntrue\n')], opts());
    expect(results).toHaveLength(1);
    expect(results[0].step).toBe('01-a');
    expect(results[0].commands.map((c) => [c.command, c.exitCode, c.output])).toEqual([
      ['echo out; echo err >&2; echo out2', 0, 'out\nerr\nout2\n'],
      ['false', 1, ''],
      ['printf "no newline"', 0, 'no newline\n'],
      ['true', 0, ''],
    ]);
  });

  it('keeps shell variables from one step to the next, like a terminal', async () => {
    const results = await runSession([step('01-set', 'NODE=course-worker\nID=abc\n'), step('02-use', 'echo "$NODE/${ID#a}"\n')], opts());
    expect(results.map((r) => r.commands.map((c) => c.output))).toEqual([['', ''], ['course-worker/bc\n']]);
  });

  it('runs in cwd with stdin closed and the given environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wt-cwd-'));
    const [r] = await runSession([step('01-a', 'pwd\ncat\necho "$COURSE_X"\n')], opts({ cwd: dir, env: { PATH: process.env.PATH, COURSE_X: 'set' } }));
    expect(r.commands.map((c) => c.output)).toEqual([`${dir}\n`, '', 'set\n']);
  });

  it('keeps a multi-line command whole and output that looks like a marker but lacks the nonce', async () => {
    const [r] = await runSession([step('01-a', "printf '%s\\n' \\\n  one two\necho '@@wt0000 end 0 0'\n")], opts());
    expect(r.commands.map((c) => c.output)).toEqual(['one\ntwo\n', '@@wt0000 end 0 0\n']);
  });

  it('reports start and end of every command', async () => {
    const seen: string[] = [];
    await runSession([step('01-a', 'echo a\nexit_code() { return 3; }; exit_code\n')], opts({ onStart: (e) => seen.push(`start ${e.index}`), onDone: (e) => seen.push(`done ${e.index} ${e.result!.exitCode}`) }));
    expect(seen).toEqual(['start 0', 'done 0 0', 'start 1', 'done 1 3']);
  });

  it('stops a command that does not end, with its whole process group, naming file:line', async () => {
    const started = Date.now();
    const err = await runSession([step('01-a', 'echo a\nsleep 31.7 | cat\n')], opts({ commandTimeoutMs: 500 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionError);
    expect((err as SessionError).localized.en).toMatch(/^lessons\/09-demo\/walkthrough\/01-a\.sh:2: `sleep 31\.7 \| cat` was still running after/);
    // The sleep of the pipeline went with the shell.
    expect(execFileSync('sh', ['-c', 'pgrep -f "[s]leep 31.7" || true'], { encoding: 'utf8' }).trim()).toBe('');
    expect((err as SessionError).localized['zh-cn']).toContain('仍未结束，已被停止');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('rejects with the reason when aborted, and removes its script', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop now')), 300);
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('walkthrough-')).length;
    await expect(runSession([step('01-a', 'sleep 30\n')], opts({ signal: controller.signal }))).rejects.toThrow('stop now');
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('walkthrough-')).length).toBe(before);
  });

  it('fails when the shell ends before the last command', async () => {
    const err = await runSession([step('01-a', 'echo a\nexit 4\necho never\n')], opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionError);
    expect((err as SessionError).localized.en).toContain('ended before its last command (exit code 4)');
  });
});

describe('normaliseOutput', () => {
  it('removes colours, turns CRLF into LF and keeps the last version of a line redrawn with CR', () => {
    expect(normaliseOutput('\u001b[32mok\u001b[0m\r\nstep 1\rstep 2\rdone\n')).toBe('ok\ndone\n');
  });
});

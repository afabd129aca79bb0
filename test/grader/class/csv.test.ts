import { describe, it, expect } from 'vitest';
import { csvField, csvRecord, renderCsv } from '../../../src/grader/class/csv.ts';
import { CLASS_CSV_HEADER, renderClassCsv, studentRow } from '../../../src/grader/class/summary.ts';
import type { ExerciseResult } from '../../../src/grader/report/model.ts';

/** A strict RFC 4180 reader, to read back what the writer wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (ch === '"') (quoted = false), i++;
      else (field += ch), i++;
    } else if (ch === '"') (quoted = true), i++;
    else if (ch === ',') row.push(field), (field = ''), i++;
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), (i += 2);
    else (field += ch), i++;
  }
  if (field || row.length) throw new Error('last record without CRLF');
  return rows;
}

describe('csv writer', () => {
  it('leaves plain fields alone and writes numbers as they are', () => {
    expect(csvRecord(['alice', 100, 0.5, 'pass'])).toBe('alice,100,0.5,pass\r\n');
  });

  it('quotes commas, double quotes, CR and LF, doubling the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('keeps Chinese text as UTF-8, quoted only when it needs to be', () => {
    expect(csvField('张三')).toBe('张三');
    expect(csvField('李四，王五')).toBe('李四，王五'); // a full-width comma is not a separator
    expect(csvField('张三,李四')).toBe('"张三,李四"');
  });

  it('defuses fields a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe('-3');
  });

  it('round-trips through an RFC 4180 reader', () => {
    const rows = [
      ['a,b', 'x"y', 'line\r\nbreak', '张三'],
      ['', ' spaced ', '"', 'ok'],
    ];
    expect(parseCsv(renderCsv(['h1', 'h2', 'h3', 'h4'], rows))).toEqual([['h1', 'h2', 'h3', 'h4'], ...rows]);
  });
});

describe('class-summary.csv', () => {
  const result = (over: Partial<ExerciseResult>): ExerciseResult => ({
    id: 'lesson-1',
    lesson: '01-emptydir',
    title: { en: 't', 'zh-cn': 't' },
    submissionDir: '/x',
    maxScore: 100,
    score: 40,
    checks: [
      { id: 'a', kind: 'static', title: { en: 'a', 'zh-cn': 'a' }, points: 40, score: 40, status: 'passed', diagnostics: [], durationMs: 1 },
      { id: 'b', kind: 'step', title: { en: 'b', 'zh-cn': 'b' }, points: 30, score: 0, status: 'failed', diagnostics: [], durationMs: 1 },
      { id: 'c', kind: 'step', title: { en: 'c', 'zh-cn': 'c' }, points: 30, score: 0, status: 'failed', diagnostics: [], durationMs: 1 },
    ],
    notes: [],
    startedAt: new Date(0).toISOString(),
    durationMs: 12_345,
    ...over,
  });

  it('has the stable English header and one row per student, in order', () => {
    const csv = renderClassCsv([
      studentRow({ student: '王, 小明', result: result({}) }),
      studentRow({ student: 'broken', result: result({ score: 0, checks: [], error: { kind: 'submission', problems: [] } }) }),
      studentRow({ student: 'late', result: result({ score: 0, checks: [], error: { kind: 'interrupted' } }) }),
    ]);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CLASS_CSV_HEADER]);
    expect(rows[0]).toEqual(['student', 'score', 'max_score', 'status', 'failed_checks', 'seconds']);
    expect(rows.slice(1)).toEqual([
      ['王, 小明', '40', '100', 'fail', 'b c', '12.3'],
      ['broken', '0', '100', 'error', '', '12.3'],
      ['late', '0', '100', 'interrupted', '', '12.3'],
    ]);
  });
});

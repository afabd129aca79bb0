/** The matrix data: n/a cells and notes agree, and buildMatrix refuses every inconsistency. */
import { describe, expect, it } from 'vitest';
import { buildMatrix, cellKey, COURSE_NOTES, EVENTS, LifetimeConflictError, NOT_APPLICABLE, ROWS, unprovenCells, type LifetimeSource } from '../../src/grader/lifetime.ts';

const CJK = /[\u4e00-\u9fff]/u;
const grader = (id: string, lifetime: LifetimeSource['lifetime']): LifetimeSource => ({ kind: 'grader', id, lifetime });
const demo = (id: string, lifetime: LifetimeSource['lifetime']): LifetimeSource => ({ kind: 'demo', id, lifetime });

describe('lifetime matrix data', () => {
  it('the n/a cells are exactly the notes\' n/a cells, each with a reason in both languages', () => {
    for (const row of ROWS) {
      for (const event of EVENTS) {
        const reason = NOT_APPLICABLE[cellKey(row, event)];
        expect(!!reason, cellKey(row, event)).toBe(COURSE_NOTES[row][event] === 'na');
        if (reason) {
          expect(reason.en).toMatch(/claim/);
          expect(reason['zh-cn']).toMatch(CJK);
          expect(reason['zh-cn']).toMatch(/申领/);
        }
      }
    }
  });

  it('merges agreeing sources and lists the cells nobody proves', () => {
    const cells = buildMatrix([grader('01-emptydir', [{ row: 'emptyDir', proves: { podDelete: 'lost' } }]), demo('x', [{ row: 'emptyDir', proves: { podDelete: 'lost', otherNode: 'lost' } }])]);
    expect(cells.get('emptyDir:podDelete')?.sources.map((s) => s.id)).toEqual(['01-emptydir', 'x']);
    expect(unprovenCells(cells)).not.toContain('emptyDir:otherNode');
    expect(unprovenCells(cells)).toContain('emptyDir:containerRestart');
    expect(unprovenCells(cells)).not.toContain('emptyDir:pvcDelete');
  });

  it('fails when two sources disagree on a cell, naming both files', () => {
    // Both values are checked against each other before the notes: the first source agrees with them.
    const run = () => buildMatrix([grader('04-pv-pvc', [{ row: 'pvRetain', proves: { otherNode: 'pinned' } }]), demo('pv-retain-other-node', [{ row: 'pvRetain', proves: { otherNode: 'lost' } }])]);
    expect(run).toThrow(LifetimeConflictError);
    expect(run).toThrow('graders/04-pv-pvc.ts says pvRetain:otherNode is pinned, demos/pv-retain-other-node.ts says lost');
  });

  it('fails when a proof contradicts the course notes, claims an n/a cell, or names an unknown row, event or value', () => {
    expect(() => buildMatrix([demo('d', [{ row: 'nfs', proves: { otherNode: 'lost' } }])])).toThrow('demos/d.ts says nfs:otherNode is lost, but the course notes (syllabus) say kept');
    expect(() => buildMatrix([demo('d', [{ row: 'nfs', proves: { pvcDelete: 'kept' } }])])).toThrow('claims to prove nfs:pvcDelete, which has no meaning');
    expect(() => buildMatrix([demo('d', [{ row: 'tape' as never, proves: {} }])])).toThrow('unknown row "tape"');
    expect(() => buildMatrix([demo('d', [{ row: 'nfs', proves: { reboot: 'kept' } as never }])])).toThrow('unknown event "reboot"');
    expect(() => buildMatrix([demo('d', [{ row: 'nfs', proves: { podDelete: 'depends' } as never }])])).toThrow('not one of kept, lost, pinned');
  });
});

describe('the site component', () => {
  it('builds its cells from every grader and every demo through buildMatrix, so a conflict fails the build', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../src/components/LifetimeMatrix.astro', import.meta.url), 'utf8');
    const front = text.slice(0, text.indexOf('---', 3));
    expect(front).toContain("import.meta.glob('/graders/*.ts'");
    expect(front).toContain("import.meta.glob('/demos/*.ts'");
    expect(front).toMatch(/^const proven = buildMatrix\(sources\);$/m);
    expect(text).not.toContain("course.matrix.depends");
  });
});

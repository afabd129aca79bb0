/** File access through a container: mount resolution, own layer, missing parents, read-only, subPath. */
import { describe, it, expect } from 'vitest';
import { ExecError } from '../../src/grader/cluster/cluster.ts';
import { ModelExecError } from '../../src/model/index.ts';
import { newModel, sleeper } from './helpers.ts';

const pod = (mounts: object[], volumes: object[]) => sleeper('p', { volumes }, { volumeMounts: mounts });

describe('writeFile / readFile through a container', () => {
  it('a path under a mountPath lands in that volume; the longest mountPath wins', () => {
    const m = newModel();
    m.apply(pod([{ name: 'outer', mountPath: '/data' }, { name: 'inner', mountPath: '/data/inner' }], [{ name: 'outer', emptyDir: {} }, { name: 'inner', hostPath: { path: '/var/local/inner', type: 'DirectoryOrCreate' } }]));
    const node = m.get({ kind: 'Pod', name: 'p' })!.spec.nodeName;
    m.writeFile('default', 'p', 'app', '/data/inner/f', 'inner');
    m.writeFile('default', 'p', 'app', '/data/f', 'outer');
    expect(m.readNodeFile(node, '/var/local/inner/f')).toBe('inner');
    expect(m.readNodeFile(node, '/var/local/inner/../inner/f')).toBe('inner');
    expect(m.listDir('default', 'p', 'app', '/data')).toEqual(['f', 'inner']);
  });

  it("anything else lands in the container's own layer, where standard directories exist", () => {
    const m = newModel();
    m.apply(sleeper('p'));
    m.writeFile('default', 'p', 'app', '/tmp/x', '1');
    expect(m.readFile('default', 'p', 'app', '/tmp/x')).toBe('1');
    expect(m.readFile('default', 'p', 'app', '/tmp/none')).toBeUndefined();
  });

  it('a missing parent directory is an error; mountPath directories exist', () => {
    const m = newModel();
    m.apply(pod([{ name: 'v', mountPath: '/deep/mount/point' }], [{ name: 'v', emptyDir: {} }]));
    expect(() => m.writeFile('default', 'p', 'app', '/nope/x', '1')).toThrow(ModelExecError);
    expect(() => m.writeFile('default', 'p', 'app', '/nope/x', '1')).toThrow(/can't create \/nope\/x: nonexistent directory/);
    expect(() => m.writeFile('default', 'p', 'app', '/deep/mount/point/sub/x', '1')).toThrow(ExecError);
    m.writeFile('default', 'p', 'app', '/deep/mount/point/x', '1');
    expect(m.listDir('default', 'p', 'app', '/deep')).toEqual(['mount']);
  });

  it('writing onto a directory is an error', () => {
    const m = newModel();
    m.apply(pod([{ name: 'v', mountPath: '/data' }], [{ name: 'v', emptyDir: {} }]));
    expect(() => m.writeFile('default', 'p', 'app', '/data', '1')).toThrow(/Is a directory/);
  });

  it('a readOnly mount refuses writes but allows reads', () => {
    const m = newModel();
    m.writeNodeFile('course-worker', '/var/local/f', 'host');
    m.apply({ ...pod([{ name: 'v', mountPath: '/host', readOnly: true }], [{ name: 'v', hostPath: { path: '/var/local' } }]), spec: { ...pod([{ name: 'v', mountPath: '/host', readOnly: true }], [{ name: 'v', hostPath: { path: '/var/local' } }]).spec, nodeName: 'course-worker' } });
    expect(m.readFile('default', 'p', 'app', '/host/f')).toBe('host');
    expect(() => m.writeFile('default', 'p', 'app', '/host/g', '1')).toThrow(/Read-only file system/);
  });

  it('subPath mounts a sub-directory of the volume (created if missing)', () => {
    const m = newModel();
    m.apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'lamp' },
      spec: {
        nodeName: 'course-worker',
        containers: [
          { name: 'mysql', image: 'busybox', command: ['sleep', 'infinity'], volumeMounts: [{ name: 'site', mountPath: '/var/lib/mysql', subPath: 'mysql' }] },
          { name: 'php', image: 'busybox', command: ['sleep', 'infinity'], volumeMounts: [{ name: 'site', mountPath: '/var/www/html', subPath: 'html' }] },
        ],
        volumes: [{ name: 'site', hostPath: { path: '/var/local/site', type: 'DirectoryOrCreate' } }],
      },
    });
    expect(m.listNodeDir('course-worker', '/var/local/site')).toEqual(['html', 'mysql']);
    m.writeFile('default', 'lamp', 'php', '/var/www/html/index.php', '<?php');
    expect(m.readNodeFile('course-worker', '/var/local/site/html/index.php')).toBe('<?php');
    expect(m.readFile('default', 'lamp', 'mysql', '/var/lib/mysql/index.php')).toBeUndefined();
  });

  it('unknown pods and containers, and containers that are not running, are exec errors', () => {
    const m = newModel();
    m.apply(sleeper('p', {}, { image: 'busybox:does-not-exist' }));
    expect(() => m.readFile('default', 'ghost', 'app', '/x')).toThrow(/pods "ghost" not found/);
    expect(() => m.readFile('default', 'p', 'nope', '/x')).toThrow(/container nope is not valid/);
    expect(() => m.readFile('default', 'p', 'app', '/x')).toThrow(/not running \(ErrImagePull\)/);
    expect(() => m.killContainer('default', 'p', 'app')).toThrow(ExecError);
  });

  it('exec errors carry an en + zh-cn message', () => {
    const m = newModel();
    m.apply(sleeper('p'));
    try {
      m.writeFile('default', 'p', 'app', '/nope/x', '1');
    } catch (e) {
      expect((e as ModelExecError).localized['zh-cn']).toContain('上级目录不存在');
      return;
    }
    throw new Error('expected an error');
  });
});

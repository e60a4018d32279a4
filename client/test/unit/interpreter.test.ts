import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { findOnPath, type InterpreterInputs, isInside, resolveInterpreter } from '../../src/interpreter';

function inputs(overrides: Partial<InterpreterInputs> = {}): InterpreterInputs & { logged: string[]; asked: string[] } {
  const logged: string[] = [];
  const asked: string[] = [];
  return {
    setting: [],
    pythonExtension: () => Promise.resolve(undefined),
    findOnPath: (name) => {
      asked.push(name);
      return Promise.resolve(name === 'python3' ? '/usr/bin/python3' : undefined);
    },
    platform: 'linux',
    trusted: true,
    workspaceFolders: ['/work/project'],
    log: (message) => logged.push(message),
    logged,
    asked,
    ...overrides,
  };
}

describe('resolveInterpreter: the order', () => {
  it('takes gradguard.interpreter first, with its arguments, without asking the Python extension', async () => {
    let askedExtension = false;
    const resolved = await resolveInterpreter(
      inputs({
        setting: ['/opt/py/bin/python', '-X', 'utf8'],
        pythonExtension: () => {
          askedExtension = true;
          return Promise.resolve(['/env/bin/python']);
        },
      }),
    );
    assert.deepEqual(resolved, { command: ['/opt/py/bin/python', '-X', 'utf8'], source: 'setting' });
    assert.equal(askedExtension, false);
  });

  it("then the Python extension's active environment", async () => {
    const resolved = await resolveInterpreter(inputs({ pythonExtension: () => Promise.resolve(['/env/bin/python']) }));
    assert.deepEqual(resolved, { command: ['/env/bin/python'], source: 'pythonExtension' });
  });

  it('then python3 on PATH when the Python extension is absent or has no environment', async () => {
    const all = inputs();
    assert.deepEqual(await resolveInterpreter(all), { command: ['/usr/bin/python3'], source: 'path' });
    assert.deepEqual(all.asked, ['python3']);
  });

  it('falls back to PATH when the Python extension fails', async () => {
    const all = inputs({ pythonExtension: () => Promise.reject(new Error('not activated')) });
    assert.deepEqual(await resolveInterpreter(all), { command: ['/usr/bin/python3'], source: 'path' });
    assert.match(all.logged.join('\n'), /not activated/);
  });

  it('tries python after python3, and py/python on Windows', async () => {
    const asked: string[] = [];
    const none = await resolveInterpreter(
      inputs({
        findOnPath: (name) => {
          asked.push(name);
          return Promise.resolve(undefined);
        },
      }),
    );
    assert.equal(none, undefined);
    assert.deepEqual(asked, ['python3', 'python']);
    const windows = await resolveInterpreter(
      inputs({
        platform: 'win32',
        workspaceFolders: [],
        findOnPath: (name) => Promise.resolve(name === 'py' ? 'C:\\Windows\\py.exe' : undefined),
      }),
    );
    assert.deepEqual(windows, { command: ['C:\\Windows\\py.exe'], source: 'path' });
  });

  it('ignores an empty setting', async () => {
    const resolved = await resolveInterpreter(inputs({ setting: [''] }));
    assert.equal(resolved?.source, 'path');
  });

  it('in an untrusted workspace, never runs an interpreter inside the workspace', async () => {
    const all = inputs({
      trusted: false,
      setting: ['/work/project/.venv/bin/python'],
      pythonExtension: () => Promise.resolve(['/work/project/.venv/bin/python']),
    });
    assert.deepEqual(await resolveInterpreter(all), { command: ['/usr/bin/python3'], source: 'path' });
    assert.equal(all.logged.length, 2);
    assert.match(all.logged[0] ?? '', /untrusted/);
  });

  it('in an untrusted workspace, still uses interpreters outside it', async () => {
    const resolved = await resolveInterpreter(
      inputs({ trusted: false, pythonExtension: () => Promise.resolve(['/home/me/.venvs/torch/bin/python']) }),
    );
    assert.deepEqual(resolved, { command: ['/home/me/.venvs/torch/bin/python'], source: 'pythonExtension' });
  });

  it('in a trusted workspace, uses the workspace virtual environment', async () => {
    const resolved = await resolveInterpreter(inputs({ pythonExtension: () => Promise.resolve(['/work/project/.venv/bin/python']) }));
    assert.equal(resolved?.source, 'pythonExtension');
  });
});

describe('isInside', () => {
  it('compares whole path components', () => {
    assert.equal(isInside('/work/project/.venv/bin/python', '/work/project', 'linux'), true);
    assert.equal(isInside('/work/project', '/work/project', 'linux'), true);
    assert.equal(isInside('/work/project2/bin/python', '/work/project', 'linux'), false);
    assert.equal(isInside('/work/other/../project/x', '/work/project', 'linux'), true);
  });

  it('ignores case on Windows', () => {
    assert.equal(isInside('C:\\Work\\Project\\.venv\\python.exe', 'c:\\work\\project', 'win32'), true);
    assert.equal(isInside('D:\\python.exe', 'c:\\work\\project', 'win32'), false);
  });
});

describe('findOnPath', () => {
  it('finds the first executable file and skips non-executables and directories', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-which-'));
    try {
      const [a, b, c] = ['a', 'b', 'c'].map((d) => path.join(root, d));
      for (const dir of [a, b, c]) {
        fs.mkdirSync(dir as string);
      }
      fs.writeFileSync(path.join(a as string, 'python3'), '');
      fs.chmodSync(path.join(a as string, 'python3'), 0o644);
      fs.mkdirSync(path.join(b as string, 'python3'));
      fs.writeFileSync(path.join(c as string, 'python3'), '#!/bin/sh\n');
      fs.chmodSync(path.join(c as string, 'python3'), 0o755);
      const env = { PATH: [a, '', b, c].join(':') };
      assert.equal(await findOnPath('python3', env, 'linux'), path.join(c as string, 'python3'));
      assert.equal(await findOnPath('python4', env, 'linux'), undefined);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

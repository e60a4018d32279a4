import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { displayCommand, parseProbe, serverCommand, supported } from '../../src/launch';

const base = { path: [] as string[], args: [] as string[], importStrategy: 'useBundled' as const };
const ext = '/ext/gradguard';
const launcher = path.join(ext, 'bundled', 'tool', 'server.py');

describe('serverCommand', () => {
  it('runs the bundled launcher with the interpreter and its arguments', () => {
    const launch = serverCommand(base, { command: ['/usr/bin/python3', '-X', 'utf8'], source: 'path' }, ext, true);
    assert.deepEqual(launch, {
      command: '/usr/bin/python3',
      args: ['-X', 'utf8', launcher, '--import-strategy=useBundled'],
      origin: 'bundled',
    });
  });

  it('passes the import strategy and appends gradguard.args', () => {
    const launch = serverCommand(
      { ...base, importStrategy: 'fromEnvironment', args: ['--stdio'] },
      { command: ['py'], source: 'setting' },
      ext,
      true,
    );
    assert.deepEqual(launch?.args, [launcher, '--import-strategy=fromEnvironment', '--stdio']);
  });

  it('gradguard.path replaces the whole command', () => {
    const launch = serverCommand(
      { ...base, path: ['/opt/gg/bin/gradguard', 'server'], args: ['--stdio'] },
      { command: ['/usr/bin/python3'], source: 'path' },
      ext,
      true,
    );
    assert.deepEqual(launch, { command: '/opt/gg/bin/gradguard', args: ['server', '--stdio'], origin: 'path' });
  });

  it('without a launcher runs `-m gradguard server` from the environment', () => {
    const launch = serverCommand(base, { command: ['/usr/bin/python3'], source: 'path' }, ext, false);
    assert.deepEqual(launch, { command: '/usr/bin/python3', args: ['-m', 'gradguard', 'server'], origin: 'environment' });
  });

  it('needs an interpreter unless gradguard.path is set', () => {
    assert.equal(serverCommand(base, undefined, ext, true), undefined);
  });
});

describe('the interpreter probe', () => {
  it('parses the version and executable', () => {
    assert.deepEqual(parseProbe('3 11 /usr/bin/python3\n'), { major: 3, minor: 11, executable: '/usr/bin/python3' });
    assert.deepEqual(parseProbe('3 12 C:\\Program Files\\Python\\python.exe\r\n'), {
      major: 3,
      minor: 12,
      executable: 'C:\\Program Files\\Python\\python.exe',
    });
    assert.equal(parseProbe('Python 2.7'), undefined);
  });

  it('accepts Python 3.10 and newer', () => {
    assert.equal(supported({ major: 3, minor: 9, executable: '' }), false);
    assert.equal(supported({ major: 3, minor: 10, executable: '' }), true);
    assert.equal(supported({ major: 3, minor: 14, executable: '' }), true);
    assert.equal(supported({ major: 4, minor: 0, executable: '' }), true);
  });

  it('quotes only what needs quoting in the log', () => {
    assert.equal(displayCommand('/usr/bin/python3', ['-m', 'gradguard server']), '/usr/bin/python3 -m "gradguard server"');
  });
});

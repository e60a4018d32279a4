import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  type ConfigReader,
  DEFAULT_VERIFY_TIMEOUT,
  expandVariables,
  initializationOptions,
  needsRestart,
  readSettings,
  ruleCodes,
  toServerSettings,
  unknownSeverities,
} from '../../src/settings';

/** What `workspace.getConfiguration('gradguard')` returns for these values (package.json defaults). */
function config(values: Record<string, unknown> = {}): ConfigReader {
  const defaults: Record<string, unknown> = {
    interpreter: [],
    path: [],
    args: [],
    importStrategy: 'useBundled',
    showNotifications: 'onError',
    select: [],
    ignore: [],
    severity: {},
    jedi: null,
    lintOnChange: true,
    'verify.timeout': 60,
    'fixAll.unsafe': false,
  };
  const all = { ...defaults, ...values };
  return { get: (key: string) => all[key] };
}

describe('settings sent to the server', () => {
  it('defaults: only what the server should not take from pyproject.toml', () => {
    const options = initializationOptions(readSettings(config()));
    assert.deepEqual(options, {
      gradguard: { severity: {}, lintOnChange: true, verify: { timeout: 60 }, fixAll: { unsafe: false } },
    });
    // no select/ignore/jedi keys at all: the server then reads [tool.gradguard]
    assert.equal('select' in options.gradguard, false);
    assert.equal('ignore' in options.gradguard, false);
    assert.equal('jedi' in options.gradguard, false);
  });

  it('maps every server key as server/gradguard/lsp/settings.py reads it', () => {
    const server = toServerSettings(
      readSettings(
        config({
          select: ['gg001', ' GG002 , GG003'],
          ignore: ['GG008'],
          severity: { gg009: 'warning', GG00: 'hint' },
          jedi: false,
          lintOnChange: false,
          'verify.timeout': 5.5,
          'fixAll.unsafe': true,
        }),
      ),
    );
    assert.deepEqual(server, {
      select: ['GG001', 'GG002', 'GG003'],
      ignore: ['GG008'],
      severity: { GG009: 'warning', GG00: 'hint' },
      jedi: false,
      lintOnChange: false,
      verify: { timeout: 5.5 },
      fixAll: { unsafe: true },
    });
  });

  it('drops values of the wrong type instead of sending them', () => {
    const settings = readSettings(
      config({
        select: 5,
        ignore: ['GG001', 7, ''],
        severity: ['GG001'],
        jedi: 'yes',
        lintOnChange: 'no',
        'verify.timeout': -1,
        'fixAll.unsafe': 'yes',
        importStrategy: 'sometimes',
        showNotifications: 'loud',
        interpreter: '/usr/bin/python3',
        args: ['--stdio', 3],
      }),
    );
    assert.deepEqual(settings.select, []);
    assert.deepEqual(settings.ignore, ['GG001']);
    assert.deepEqual(settings.severity, {});
    assert.equal(settings.jedi, null);
    assert.equal(settings.lintOnChange, true);
    assert.equal(settings.verifyTimeout, DEFAULT_VERIFY_TIMEOUT);
    assert.equal(settings.fixAllUnsafe, false);
    assert.equal(settings.importStrategy, 'useBundled');
    assert.equal(settings.showNotifications, 'onError');
    assert.deepEqual(settings.interpreter, ['/usr/bin/python3']);
    assert.deepEqual(settings.args, ['--stdio']);
  });

  it('passes unknown severity names on (the server logs them) and lists them for the client log', () => {
    const settings = readSettings(config({ severity: { GG002: 'loud', GG001: 'error' } }));
    assert.deepEqual(toServerSettings(settings).severity, { GG002: 'loud', GG001: 'error' });
    assert.deepEqual(unknownSeverities(settings), ['GG002: loud']);
  });

  it('does not share arrays with the settings object', () => {
    const settings = readSettings(config({ select: ['GG001'] }));
    toServerSettings(settings).select?.push('GG999');
    assert.deepEqual(settings.select, ['GG001']);
  });

  it('splits and normalises rule codes', () => {
    assert.deepEqual(ruleCodes('gg001,gg002'), ['GG001', 'GG002']);
    assert.deepEqual(ruleCodes([' ', ',']), []);
  });
});

describe('which changes restart the server', () => {
  const affects = (changed: string[]) => (section: string) =>
    changed.some((c) => c === section || c.startsWith(`${section}.`) || section.startsWith(`${c}.`));

  it('interpreter, path, args and importStrategy restart', () => {
    for (const key of ['interpreter', 'path', 'args', 'importStrategy']) {
      assert.equal(needsRestart(affects([`gradguard.${key}`])), true, key);
    }
  });

  it('the analysis settings are sent to the running server', () => {
    for (const key of ['select', 'ignore', 'severity', 'jedi', 'lintOnChange', 'verify.timeout', 'fixAll.unsafe', 'showNotifications']) {
      assert.equal(needsRestart(affects([`gradguard.${key}`])), false, key);
    }
  });
});

describe('expandVariables', () => {
  const vars = { workspaceFolder: '/work/p', userHome: '/home/me', env: { VENV: '/opt/venv' } };
  it('expands the supported variables', () => {
    assert.equal(expandVariables('${workspaceFolder}/.venv/bin/python', vars), '/work/p/.venv/bin/python');
    assert.equal(expandVariables('${userHome}/py', vars), '/home/me/py');
    assert.equal(expandVariables('~/py', vars), '/home/me/py');
    assert.equal(expandVariables('${env:VENV}/bin/python', vars), '/opt/venv/bin/python');
    assert.equal(expandVariables('${env:NOPE}x', vars), 'x');
    assert.equal(expandVariables('/a~b', vars), '/a~b');
  });
  it('leaves ${workspaceFolder} alone without a folder', () => {
    assert.equal(expandVariables('${workspaceFolder}/py', { userHome: '/h' }), '${workspaceFolder}/py');
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { readSettings, RESTART_KEYS } from '../../src/settings';

interface Manifest {
  engines: { vscode: string };
  activationEvents: string[];
  extensionDependencies?: string[];
  dependencies: Record<string, string>;
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: {
    configuration: { properties: Record<string, { default: unknown; markdownDescription?: string; description?: string }> };
    commands: { command: string }[];
    menus: Record<string, { command: string }[]>;
  };
}

// the tests run from client/out/unit; the manifest is at the repository root
const manifest = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'),
) as Manifest;
const properties = manifest.contributes.configuration.properties;

describe('package.json', () => {
  it('contributes every setting the client reads, each with a description', () => {
    const read: string[] = [];
    readSettings({
      get: (key: string) => {
        read.push(key);
        return properties[`gradguard.${key}`]?.default;
      },
    });
    for (const key of read) {
      const property = properties[`gradguard.${key}`];
      assert.ok(property, `gradguard.${key} is not contributed`);
      assert.ok((property.markdownDescription ?? property.description ?? '').length > 20, `gradguard.${key} has no description`);
    }
    for (const name of ['interpreter', 'path', 'args', 'importStrategy', 'showNotifications', 'select', 'ignore', 'severity', 'lintOnChange', 'verify.timeout', 'fixAll.unsafe']) {
      assert.ok(read.includes(name), `gradguard.${name} is contributed but not read`);
    }
  });

  it('declares limited untrusted-workspace support and restricts the settings that start processes', () => {
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    for (const key of RESTART_KEYS) {
      assert.ok(trust.restrictedConfigurations.includes(`gradguard.${key}`), key);
    }
  });

  it('activates on Python files and notebooks, and does not require the Python extension', () => {
    assert.ok(manifest.activationEvents.includes('onLanguage:python'));
    assert.ok(manifest.activationEvents.includes('onNotebook:jupyter-notebook'));
    assert.equal(manifest.extensionDependencies, undefined);
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.match(manifest.dependencies['vscode-languageclient'] ?? '', /^\^?11\./);
  });

  it('contributes the five commands, and Verify cell in the notebook cell toolbar', () => {
    const commands = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(commands, ['gradguard.fixAll', 'gradguard.restart', 'gradguard.showLogs', 'gradguard.showStory', 'gradguard.verifyCell']);
    assert.ok(manifest.contributes.menus['notebook/cell/title']?.some((m) => m.command === 'gradguard.verifyCell'));
  });
});

describe('requirements-bundle.txt', () => {
  const root = path.resolve(__dirname, '..', '..', '..');
  const pins = (file: string): Map<string, string> =>
    new Map(
      fs
        .readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .map((line) => line.replace(/#.*/, '').trim())
        .filter((line) => line !== '')
        .map((line) => {
          const [name, version] = line.split('==');
          return [(name ?? '').trim().toLowerCase().replace(/_/g, '-'), (version ?? '').trim()];
        }),
    );

  it('pins every bundled library exactly, without environment markers, and never torch', () => {
    const bundle = pins('requirements-bundle.txt');
    for (const [name, version] of bundle) {
      assert.match(version, /^\d+(\.\d+)*$/, `${name} is not pinned with ==`);
    }
    for (const name of ['pygls', 'lsprotocol', 'jedi', 'parso', 'attrs', 'cattrs', 'typing-extensions', 'exceptiongroup', 'tomli']) {
      assert.ok(bundle.has(name), `${name} is not bundled`);
    }
    assert.equal(bundle.has('torch'), false);
  });

  it('bundles the versions the test suite runs the server with', () => {
    const bundle = pins('requirements-bundle.txt');
    const dev = pins('requirements-dev.txt');
    for (const name of ['pygls', 'lsprotocol', 'jedi']) {
      assert.equal(bundle.get(name), dev.get(name), `${name}: requirements-bundle.txt and requirements-dev.txt differ`);
    }
  });
});

// esbuild configuration: the extension bundle (dist/extension.js) and, with --tests, the unit
// tests and the end-to-end driver (client/out/). Usage: node client/scripts/build.mjs
// [--production] [--watch] [--tests]
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = new Set(process.argv.slice(2));
const production = argv.has('--production');
const watch = argv.has('--watch');
const tests = argv.has('--tests');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'info',
  absWorkingDir: root,
};

/** @type {esbuild.BuildOptions} */
const extension = {
  ...common,
  entryPoints: ['client/src/extension.ts'],
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  // vscode-languageclient and vscode-jsonrpc pick their entry points by `main`/`module`
  mainFields: ['module', 'main'],
};

const unitDir = join(root, 'client', 'test', 'unit');
/** @type {esbuild.BuildOptions} */
const testBuild = {
  ...common,
  entryPoints: [
    ...readdirSync(unitDir)
      .filter((name) => name.endsWith('.test.ts'))
      .map((name) => `client/test/unit/${name}`),
    'client/test/e2e/driver.ts',
  ],
  outdir: 'client/out',
  outbase: 'client/test',
  external: ['vscode', 'playwright-core'],
  sourcemap: 'inline',
};

const builds = tests ? [testBuild] : [extension];
if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}

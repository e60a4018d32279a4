/**
 * The command line that starts the server. Pure: unit-tested without VS Code.
 *
 * - `gradguard.path` set: that command, then `gradguard.args`.
 * - otherwise `<interpreter> <extension>/bundled/tool/server.py --import-strategy=S <args>`: the
 *   launcher puts `bundled/libs` (gradguard, pygls, lsprotocol, jedi and their needs) first on
 *   `sys.path` (or last, for `fromEnvironment`) and runs `gradguard server`. The libraries are not
 *   passed through PYTHONPATH: Verify cell runs the user's code with the server's environment,
 *   and the bundled libraries must not leak into it.
 * - no launcher (a development checkout where `npm run bundle-libs` was not run):
 *   `<interpreter> -m gradguard server <args>`, gradguard from the interpreter's environment.
 */

import * as path from 'node:path';

import type { ResolvedInterpreter } from './interpreter';
import type { ExtensionSettings } from './settings';

export const MIN_PYTHON: readonly [number, number] = [3, 10];

export interface ServerCommand {
  command: string;
  args: string[];
  /** How it was chosen, for the log. */
  origin: 'path' | 'bundled' | 'environment';
}

export function launcherPath(extensionPath: string): string {
  return path.join(extensionPath, 'bundled', 'tool', 'server.py');
}

export function serverCommand(
  settings: Pick<ExtensionSettings, 'path' | 'args' | 'importStrategy'>,
  interpreter: ResolvedInterpreter | undefined,
  extensionPath: string,
  launcherExists: boolean,
): ServerCommand | undefined {
  const [custom, ...customArgs] = settings.path;
  if (custom !== undefined && custom !== '') {
    return { command: custom, args: [...customArgs, ...settings.args], origin: 'path' };
  }
  if (interpreter === undefined) {
    return undefined;
  }
  const [python, ...pythonArgs] = interpreter.command;
  if (python === undefined) {
    return undefined;
  }
  if (!launcherExists) {
    return {
      command: python,
      args: [...pythonArgs, '-m', 'gradguard', 'server', ...settings.args],
      origin: 'environment',
    };
  }
  return {
    command: python,
    args: [
      ...pythonArgs,
      launcherPath(extensionPath),
      `--import-strategy=${settings.importStrategy}`,
      ...settings.args,
    ],
    origin: 'bundled',
  };
}

/** The probe run before the server: prints `major minor executable`. */
export const VERSION_PROBE = 'import sys; print(sys.version_info[0], sys.version_info[1], sys.executable)';

export interface PythonInfo {
  major: number;
  minor: number;
  executable: string;
}

export function parseProbe(stdout: string): PythonInfo | undefined {
  const match = /^(\d+) (\d+) (.*)$/m.exec(stdout.trim());
  if (match === null) {
    return undefined;
  }
  return { major: Number(match[1]), minor: Number(match[2]), executable: (match[3] ?? '').trim() };
}

export function supported(info: PythonInfo): boolean {
  const [major, minor] = MIN_PYTHON;
  return info.major > major || (info.major === major && info.minor >= minor);
}

/** A command line for the log, quoted where needed. */
export function displayCommand(command: string, args: readonly string[]): string {
  return [command, ...args].map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : JSON.stringify(part))).join(' ');
}

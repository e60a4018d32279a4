/**
 * Which Python runs the server: `gradguard.interpreter`, else the Python extension's active
 * environment (when that extension is installed), else `python3` on PATH.
 *
 * Pure apart from `findOnPath` (node's fs only): the order is unit-tested without VS Code.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';

export type InterpreterSource = 'setting' | 'pythonExtension' | 'path';

export interface ResolvedInterpreter {
  /** The executable followed by its arguments. */
  command: string[];
  source: InterpreterSource;
}

export interface InterpreterInputs {
  /** `gradguard.interpreter`, variables already expanded. */
  setting: string[];
  /** The Python extension's active environment; undefined when not installed or none is selected. */
  pythonExtension: () => Promise<string[] | undefined>;
  findOnPath: (name: string) => Promise<string | undefined>;
  platform: NodeJS.Platform;
  /** Workspace trust: an untrusted workspace's own interpreters are never run. */
  trusted: boolean;
  workspaceFolders: readonly string[];
  log: (message: string) => void;
}

export const SOURCE_LABELS: Record<InterpreterSource, string> = {
  setting: 'gradguard.interpreter',
  pythonExtension: 'Python extension',
  path: 'PATH',
};

/** `child` is `parent` or lies below it (case-insensitive on Windows). */
export function isInside(child: string, parent: string, platform: NodeJS.Platform): boolean {
  const impl = platform === 'win32' ? path.win32 : path.posix;
  const fold = (p: string) => (platform === 'win32' ? p.toLowerCase() : p);
  const relative = impl.relative(fold(impl.resolve(parent)), fold(impl.resolve(child)));
  return relative === '' || (!relative.startsWith('..') && !impl.isAbsolute(relative));
}

export function pathCandidates(platform: NodeJS.Platform): string[] {
  return platform === 'win32' ? ['python', 'py'] : ['python3', 'python'];
}

export async function resolveInterpreter(inputs: InterpreterInputs): Promise<ResolvedInterpreter | undefined> {
  const untrustedLocal = (command: string[]): boolean => {
    const executable = command[0];
    if (inputs.trusted || executable === undefined || !path.isAbsolute(executable)) {
      return false;
    }
    const folder = inputs.workspaceFolders.find((f) => isInside(executable, f, inputs.platform));
    if (folder !== undefined) {
      inputs.log(
        `Not running ${executable}: it lies inside the untrusted workspace folder ${folder}. ` +
          'Trust the workspace to use it.',
      );
      return true;
    }
    return false;
  };

  if (inputs.setting.length > 0 && inputs.setting[0] !== '') {
    if (!untrustedLocal(inputs.setting)) {
      return { command: [...inputs.setting], source: 'setting' };
    }
  }

  let fromExtension: string[] | undefined;
  try {
    fromExtension = await inputs.pythonExtension();
  } catch (error) {
    inputs.log(`The Python extension did not give an interpreter: ${String(error)}`);
  }
  if (fromExtension !== undefined && fromExtension.length > 0 && fromExtension[0] !== '') {
    if (!untrustedLocal(fromExtension)) {
      return { command: [...fromExtension], source: 'pythonExtension' };
    }
  }

  for (const name of pathCandidates(inputs.platform)) {
    const found = await inputs.findOnPath(name);
    if (found !== undefined) {
      return { command: [found], source: 'path' };
    }
  }
  return undefined;
}

/** `which`: the first executable `name` in the PATH directories (with PATHEXT on Windows). */
export async function findOnPath(
  name: string,
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<string | undefined> {
  const pathValue = env.PATH ?? env.Path ?? '';
  const delimiter = platform === 'win32' ? ';' : ':';
  const extensions =
    platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean) : [''];
  const impl = platform === 'win32' ? path.win32 : path.posix;
  for (const dir of pathValue.split(delimiter)) {
    if (dir === '') {
      continue;
    }
    for (const ext of extensions) {
      const candidate = impl.join(dir, name + ext);
      try {
        const stat = await fs.promises.stat(candidate);
        if (!stat.isFile()) {
          continue;
        }
        if (platform !== 'win32') {
          await fs.promises.access(candidate, fs.constants.X_OK);
        }
        return candidate;
      } catch {
        // not here: try the next directory
      }
    }
  }
  return undefined;
}

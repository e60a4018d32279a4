/**
 * The Python extension (ms-python.python), optional: its active environment through
 * `@vscode/python-extension`'s public API, and its "interpreter changed" event.
 */

import { PythonExtension, PVSC_EXTENSION_ID } from '@vscode/python-extension';
import * as vscode from 'vscode';

export class PythonEnvironments implements vscode.Disposable {
  private api: PythonExtension | undefined;
  private readonly disposables: { dispose(): unknown }[] = [];
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** The active environment changed, or the Python extension was installed or removed. */
  readonly onDidChange = this.changed.event;
  private installed = PythonEnvironments.isInstalled();

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      this.changed,
      vscode.extensions.onDidChange(() => {
        const now = PythonEnvironments.isInstalled();
        if (now !== this.installed) {
          this.installed = now;
          this.api = undefined;
          this.log.info(`The Python extension was ${now ? 'installed or enabled' : 'removed or disabled'}.`);
          this.changed.fire(undefined);
        }
      }),
    );
  }

  static isInstalled(): boolean {
    return vscode.extensions.getExtension(PVSC_EXTENSION_ID) !== undefined;
  }

  private async getApi(): Promise<PythonExtension | undefined> {
    if (!PythonEnvironments.isInstalled()) {
      return undefined;
    }
    if (this.api === undefined) {
      const api = await PythonExtension.api();
      this.disposables.push(
        api.environments.onDidChangeActiveEnvironmentPath((event) => {
          this.log.info(`The Python extension's active environment changed to ${event.path}.`);
          this.changed.fire(event.path);
        }),
      );
      this.api = api;
    }
    return this.api;
  }

  /** The active environment's interpreter for `resource`, or undefined (no extension, or none selected). */
  async activeInterpreter(resource: vscode.Uri | undefined): Promise<string[] | undefined> {
    const api = await this.getApi();
    if (api === undefined) {
      return undefined;
    }
    const active = api.environments.getActiveEnvironmentPath(resource);
    const resolved = await api.environments.resolveEnvironment(active);
    const executable = resolved?.executable.uri?.fsPath;
    if (executable !== undefined && executable !== '') {
      return [executable];
    }
    // an environment the extension could not resolve (yet): its path may still be an interpreter
    return active.path ? [active.path] : undefined;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
  }
}

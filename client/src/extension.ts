/**
 * The gradguard VS Code extension: a thin client that starts the gradguard language server
 * (`<interpreter> -m gradguard server`, with its pure-Python libraries bundled) and adds the
 * commands, code lenses and status the editor needs around it.
 */

import * as vscode from 'vscode';

import { CellCodeLensProvider, fixAll, verifyCell } from './commands';
import { PythonEnvironments } from './python';
import { ServerManager } from './server';
import { needsRestart, SECTION } from './settings';
import { StatusItem } from './status';
import { SHOW_STORY } from './story';
import { StoryPanels } from './storyPanel';

let manager: ServerManager | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('gradguard', { log: true });
  const status = new StatusItem();
  const pythonEnvironments = new PythonEnvironments(log);
  const server = new ServerManager(context, log, status, pythonEnvironments);
  manager = server;
  const stories = new StoryPanels(server, log);
  const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
  log.info(`gradguard extension ${version}; VS Code ${vscode.version}; workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted (Restricted Mode)'}`);

  context.subscriptions.push(
    log,
    status,
    pythonEnvironments,
    { dispose: () => void server.dispose() },
    vscode.commands.registerCommand('gradguard.restart', () => server.restart('Restart Server command')),
    vscode.commands.registerCommand('gradguard.showLogs', () => log.show()),
    stories,
    vscode.commands.registerCommand('gradguard.verifyCell', async (...args: unknown[]) => {
      await verifyCell(server, log, args);
      // an open story now shows what the run saw (confirmed, real versions and shapes)
      await stories.refresh();
    }),
    vscode.commands.registerCommand(SHOW_STORY, (...args: unknown[]) => stories.show(...args)),
    vscode.commands.registerCommand('gradguard.fixAll', () => fixAll(server, log)),
    vscode.languages.registerCodeLensProvider(
      [
        { scheme: 'file', language: 'python' },
        { scheme: 'untitled', language: 'python' },
      ],
      new CellCodeLensProvider(),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) {
        return;
      }
      if (needsRestart((section) => event.affectsConfiguration(section))) {
        void server.restart('the interpreter or server settings changed');
      } else {
        server.pushSettings();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void server.restart('the workspace is now trusted');
    }),
    pythonEnvironments.onDidChange((newPath) => {
      const settings = server.settings();
      const current = server.interpreter;
      const unchanged = current?.source === 'pythonExtension' && newPath !== undefined && current.command[0] === newPath;
      // the Python extension's choice only matters when neither setting overrides it
      if (settings.path.length === 0 && settings.interpreter.length === 0 && !unchanged) {
        void server.restart("the Python extension's interpreter changed");
      }
    }),
  );

  // not awaited: activation does not wait for the interpreter probe and the server's start-up
  void server.restart('activation');
}

export async function deactivate(): Promise<void> {
  await manager?.dispose();
  manager = undefined;
}

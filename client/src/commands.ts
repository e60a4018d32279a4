/**
 * Commands: Verify cell (command palette, code lens over `# %%` cells, notebook cell toolbar),
 * Fix all, and the "Verify cell" code lenses.
 */

import * as vscode from 'vscode';
import {
  CodeActionRequest,
  CodeActionTriggerKind,
  ExecuteCommandRequest,
  type LanguageClient,
} from 'vscode-languageclient/node';

import { findCells, hasCells, notebookCellArgument, resultLogLines, textCellArgument, type VerifyCellArgument } from './cells';
import type { ServerManager } from './server';

export const VERIFY_CELL = 'gradguard.verifyCell';
export const FIX_ALL_KIND = 'source.fixAll.gradguard';
export const NOTEBOOK_FIX_ALL_KIND = 'notebook.source.fixAll.gradguard';
/** Seconds the client waits beyond `gradguard.verify.timeout` before it gives up on the answer. */
const VERIFY_GRACE_S = 30;

function isNotebookCell(value: unknown): value is vscode.NotebookCell {
  return (
    typeof value === 'object' &&
    value !== null &&
    'notebook' in value &&
    'document' in value &&
    typeof (value as { index?: unknown }).index === 'number'
  );
}

function documentLines(document: vscode.TextDocument): string[] {
  const lines: string[] = [];
  for (let i = 0; i < document.lineCount; i++) {
    lines.push(document.lineAt(i).text);
  }
  return lines;
}

interface VerifyTarget {
  argument: VerifyCellArgument;
  label: string;
}

function notebookTarget(cell: vscode.NotebookCell, timeout: number): VerifyTarget | string {
  if (cell.kind !== vscode.NotebookCellKind.Code) {
    return 'gradguard: Verify cell works on code cells.';
  }
  return {
    argument: notebookCellArgument(cell.notebook.uri.toString(), cell.index, cell.document.uri.toString(), timeout),
    label: `cell ${cell.index + 1}`,
  };
}

async function textTarget(uri: vscode.Uri, line: number, timeout: number): Promise<VerifyTarget> {
  const document = await vscode.workspace.openTextDocument(uri);
  const argument = textCellArgument(document.uri.toString(), documentLines(document), line, timeout);
  const cell = 'cell' in argument ? argument.cell : 1;
  return { argument, label: `cell ${cell}` };
}

/** What to verify, from the command's arguments or the active editor; a string is why not. */
async function verifyTarget(args: unknown[], timeout: number): Promise<VerifyTarget | string> {
  const [first, second] = args;
  if (isNotebookCell(first)) {
    return notebookTarget(first, timeout);
  }
  if (first instanceof vscode.Uri) {
    const notebookCell = findNotebookCell(first);
    if (notebookCell !== undefined) {
      return notebookTarget(notebookCell, timeout);
    }
    return textTarget(first, typeof second === 'number' ? second : 0, timeout);
  }
  const notebookEditor = vscode.window.activeNotebookEditor;
  const textEditor = vscode.window.activeTextEditor;
  if (textEditor !== undefined && textEditor.document.uri.scheme !== 'vscode-notebook-cell') {
    if (textEditor.document.languageId !== 'python') {
      return 'gradguard: Verify cell works on Python files and notebooks.';
    }
    return textTarget(textEditor.document.uri, textEditor.selection.active.line, timeout);
  }
  if (notebookEditor !== undefined) {
    const index = notebookEditor.selection.start;
    if (index >= notebookEditor.notebook.cellCount) {
      return 'gradguard: select a code cell first.';
    }
    return notebookTarget(notebookEditor.notebook.cellAt(index), timeout);
  }
  return 'gradguard: open a Python file or a notebook to verify a cell.';
}

function findNotebookCell(uri: vscode.Uri): vscode.NotebookCell | undefined {
  if (uri.scheme !== 'vscode-notebook-cell') {
    return undefined;
  }
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((c) => c.document.uri.toString() === uri.toString());
    if (cell !== undefined) {
      return cell;
    }
  }
  return undefined;
}

function describeResult(result: unknown): string | undefined {
  if (typeof result === 'string' && result.trim() !== '') {
    return result;
  }
  if (typeof result === 'object' && result !== null) {
    const message = (result as { message?: unknown }).message;
    if (typeof message === 'string' && message.trim() !== '') {
      return message;
    }
  }
  return undefined;
}

export async function verifyCell(server: ServerManager, log: vscode.LogOutputChannel, args: unknown[]): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage(
      'gradguard: Verify cell runs your code, so it is not available in Restricted Mode. ' +
        'Trust this workspace to use it; diagnostics and fixes work without trust.',
      'Manage Workspace Trust',
    );
    if (choice === 'Manage Workspace Trust') {
      await vscode.commands.executeCommand('workbench.trust.manage');
    }
    return;
  }
  const timeout = server.settings().verifyTimeout;
  const target = await verifyTarget(args, timeout);
  if (typeof target === 'string') {
    void vscode.window.showInformationMessage(target);
    return;
  }
  log.info(`Verify ${target.label} requested: ${JSON.stringify(target.argument)}`);
  const client = server.running;
  if (client === undefined) {
    void vscode.window
      .showErrorMessage('gradguard: the server is not running, so no cell can be verified.', 'Show Logs', 'Restart Server')
      .then((choice) => {
        if (choice === 'Show Logs') {
          log.show();
        } else if (choice === 'Restart Server') {
          void vscode.commands.executeCommand('gradguard.restart');
        }
      });
    return;
  }
  if (!server.serverOffers(VERIFY_CELL)) {
    const version = server.serverVersion() ?? 'this gradguard server';
    log.warn(`${version} does not list ${VERIFY_CELL} among its commands (executeCommandProvider).`);
    void vscode.window.showWarningMessage(
      `gradguard: Verify cell is not available: the running server (${version}) does not support it yet. ` +
        'Diagnostics and fixes are not affected; `gradguard verify FILE --cell N` runs a cell from a terminal.',
    );
    return;
  }
  await runVerify(client, log, target, timeout);
}

async function runVerify(
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  target: VerifyTarget,
  timeout: number,
): Promise<void> {
  try {
    const result = await vscode.window.withProgress<unknown>(
      {
        location: vscode.ProgressLocation.Notification,
        title: `gradguard: verifying ${target.label}…`,
        cancellable: true,
      },
      async (_progress, token) => {
        const source = new vscode.CancellationTokenSource();
        const cancel = token.onCancellationRequested(() => source.cancel());
        const timer = setTimeout(() => source.cancel(), (timeout + VERIFY_GRACE_S) * 1000);
        try {
          const answer: unknown = await client.sendRequest(
            ExecuteCommandRequest.type,
            { command: VERIFY_CELL, arguments: [target.argument] },
            source.token,
          );
          return answer;
        } finally {
          clearTimeout(timer);
          cancel.dispose();
          source.dispose();
        }
      },
    );
    for (const line of resultLogLines(result)) {
      log.info(`Verify ${target.label}: ${line}`);
    }
    log.debug(`Verify ${target.label} result: ${JSON.stringify(result)}`);
    const message = describeResult(result) ?? `gradguard: ${target.label} verified; see the logs for details.`;
    void vscode.window.showInformationMessage(message, 'Show Logs').then((choice) => {
      if (choice === 'Show Logs') {
        log.show();
      }
    });
  } catch (error) {
    log.error(`Verify ${target.label} failed: ${String(error)}`);
    void vscode.window.showErrorMessage(`gradguard: Verify ${target.label} failed: ${String(error)}`, 'Show Logs').then(
      (choice) => {
        if (choice === 'Show Logs') {
          log.show();
        }
      },
    );
  }
}

/** Apply the server's fix-all action for the active file, or for the whole active notebook. */
export async function fixAll(server: ServerManager, log: vscode.LogOutputChannel): Promise<void> {
  const client = server.running;
  if (client === undefined) {
    void vscode.window.showErrorMessage('gradguard: the server is not running.', 'Show Logs').then((choice) => {
      if (choice === 'Show Logs') {
        log.show();
      }
    });
    return;
  }
  let document: vscode.TextDocument | undefined;
  let kind = FIX_ALL_KIND;
  const textEditor = vscode.window.activeTextEditor;
  const notebookEditor = vscode.window.activeNotebookEditor;
  if (textEditor !== undefined && textEditor.document.uri.scheme !== 'vscode-notebook-cell') {
    document = textEditor.document;
  } else if (notebookEditor !== undefined) {
    const cell = notebookEditor.notebook
      .getCells()
      .find((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    document = cell?.document;
    kind = NOTEBOOK_FIX_ALL_KIND;
  }
  if (document === undefined || document.languageId !== 'python') {
    void vscode.window.showInformationMessage('gradguard: open a Python file or notebook to fix.');
    return;
  }
  const end = document.lineAt(Math.max(document.lineCount - 1, 0)).range.end;
  const response = await client.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
    range: { start: { line: 0, character: 0 }, end: { line: end.line, character: end.character } },
    context: { diagnostics: [], only: [kind], triggerKind: CodeActionTriggerKind.Invoked },
  });
  const actions = (await client.protocol2CodeConverter.asCodeActionResult(response ?? [])).filter(
    (action): action is vscode.CodeAction => action instanceof vscode.CodeAction && action.kind?.value === kind,
  );
  const action = actions[0];
  if (action === undefined) {
    void vscode.window.showInformationMessage('gradguard: nothing to fix here.');
    return;
  }
  if (action.edit !== undefined && !(await vscode.workspace.applyEdit(action.edit))) {
    void vscode.window.showWarningMessage('gradguard: the fixes could not be applied (the text changed meanwhile?).');
    return;
  }
  if (action.command !== undefined) {
    const commandArgs: unknown[] = action.command.arguments ?? [];
    await vscode.commands.executeCommand(action.command.command, ...commandArgs);
  }
  log.info(`Applied: ${action.title}`);
}

/** "Verify cell" over each `# %%` marker of a Python file. */
export class CellCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const lines = documentLines(document);
    if (!hasCells(lines)) {
      return [];
    }
    return findCells(lines)
      .filter((cell) => cell.markerLine !== undefined)
      .map((cell) => {
        const line = cell.markerLine ?? 0;
        return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: '$(beaker) Verify cell',
          tooltip: `gradguard: run cell ${cell.index} (after the cells before it) under instrumented torch`,
          command: VERIFY_CELL,
          arguments: [document.uri, line],
        });
      });
  }
}

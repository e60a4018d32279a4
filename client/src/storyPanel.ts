/**
 * "gradguard: Show Autograd Story": asks the server for a finding's story
 * (`workspace/executeCommand gradguard.story`) and shows its picture in one webview panel beside
 * the editor, reused for the next story. Clicking an event of the picture reveals its line; the
 * picture is drawn again when the colour theme changes and after Verify cell (the run's
 * versions and shapes).
 */

import { randomBytes } from 'node:crypto';

import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';

import type { ServerManager } from './server';
import {
  diagnosticAt,
  parseRevealMessage,
  parseStoryArgs,
  parseStoryResult,
  type StoryArgs,
  STORY_REQUEST,
  storyHtml,
  type StoryResult,
  storyRequestArguments,
  themeOfKind,
} from './story';

const VIEW_TYPE = 'gradguard.story';

function currentTheme(): 'light' | 'dark' {
  return themeOfKind(vscode.window.activeColorTheme.kind);
}

/**
 * The finding under the cursor (the command run from the palette): in the active text editor
 * (a notebook cell's included), else the first gradguard problem of the selected notebook cell.
 */
function argsAtCursor(): StoryArgs | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor !== undefined) {
    const position = editor.selection.active;
    const diagnostic = diagnosticAt(vscode.languages.getDiagnostics(editor.document.uri), position);
    const at = diagnostic?.range.start ?? position;
    return { uri: editor.document.uri.toString(), line: at.line, character: at.character };
  }
  const notebook = vscode.window.activeNotebookEditor;
  if (notebook === undefined || notebook.selection.start >= notebook.notebook.cellCount) {
    return undefined;
  }
  const cell = notebook.notebook.cellAt(notebook.selection.start).document.uri;
  const diagnostic = vscode.languages.getDiagnostics(cell).find((d) => d.source === 'gradguard');
  const at = diagnostic?.range.start ?? new vscode.Position(0, 0);
  return { uri: cell.toString(), line: at.line, character: at.character };
}

/** The text document behind a uri: an open one (a notebook cell's too), else opened from disk. */
async function documentOf(uri: string): Promise<vscode.TextDocument> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  return open ?? vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
}

function notebookCellOf(uri: string): vscode.NotebookCell | undefined {
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((c) => c.document.uri.toString() === uri);
    if (cell !== undefined) {
      return cell;
    }
  }
  return undefined;
}

export class StoryPanels implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: StoryArgs | undefined;
  /** The editor column the story was asked for from: where clicked lines are revealed. */
  private sourceColumn: vscode.ViewColumn = vscode.ViewColumn.One;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly server: ServerManager,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(vscode.window.onDidChangeActiveColorTheme(() => void this.refresh()));
  }

  /** The command: its argument from a code action or a hover link, else the cursor's finding. */
  async show(...commandArgs: unknown[]): Promise<void> {
    const args = parseStoryArgs(commandArgs[0]) ?? (commandArgs.length === 0 ? argsAtCursor() : undefined);
    if (args === undefined) {
      void vscode.window.showInformationMessage('gradguard: put the cursor on a gradguard problem to see its autograd story.');
      return;
    }
    const column = vscode.window.activeTextEditor?.viewColumn ?? vscode.window.activeNotebookEditor?.viewColumn;
    const result = await this.request(args);
    if (result === null) {
      void vscode.window.showInformationMessage('gradguard: there is no autograd story at this position.');
    }
    if (result === null || result === undefined) {
      return;
    }
    this.shown = args;
    if (column !== undefined) {
      this.sourceColumn = column;
    }
    this.render(result, undefined, true);
  }

  /** Draw the shown story again (theme changed, a cell was verified); no-op without a panel. */
  async refresh(): Promise<void> {
    const panel = this.panel;
    if (panel === undefined || this.shown === undefined) {
      return;
    }
    const result = await this.request(this.shown, true);
    if (this.panel !== panel || result === undefined) {
      return; // closed meanwhile, or the server failed (logged): the picture stays
    }
    if (result === null) {
      this.render(undefined, 'The finding this story was about is no longer reported here.', false);
    } else {
      this.render(result, undefined, false);
    }
  }

  /**
   * The server's story, null when no finding is there, undefined when the request failed
   * (failures pop up when the user asked; `quiet`: a redraw only logs them).
   */
  private async request(args: StoryArgs, quiet = false): Promise<StoryResult | null | undefined> {
    const complain = (message: string): void => {
      this.log.warn(message);
      if (!quiet) {
        void vscode.window.showErrorMessage(message);
      }
    };
    const client = this.server.running;
    if (client === undefined) {
      complain('gradguard: the server is not running, so no story can be drawn.');
      return undefined;
    }
    try {
      const answer: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
        command: STORY_REQUEST,
        arguments: storyRequestArguments(args, currentTheme()),
      });
      return parseStoryResult(answer) ?? null;
    } catch (error) {
      complain(`gradguard: the autograd story failed: ${String(error)}`);
      return undefined;
    }
  }

  private render(result: StoryResult | undefined, note: string | undefined, reveal: boolean): void {
    const panel = this.panel ?? this.createPanel();
    if (result !== undefined) {
      panel.title = result.title;
    }
    const nonce = randomBytes(18).toString('base64');
    const page = { cspSource: panel.webview.cspSource, nonce, theme: currentTheme(), result };
    panel.webview.html = storyHtml(note === undefined ? page : { ...page, note });
    if (reveal && !panel.visible) {
      panel.reveal(vscode.ViewColumn.Beside, true);
    }
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'gradguard: autograd story',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableCommandUris: false, localResourceRoots: [] },
    );
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.shown = undefined;
    });
    panel.webview.onDidReceiveMessage((message: unknown) => {
      const reveal = parseRevealMessage(message);
      if (reveal !== undefined) {
        void this.revealLine(reveal.uri, reveal.line);
      }
    });
    this.panel = panel;
    return panel;
  }

  /** Show `line` of `uri` (a file or a notebook cell) in the editor column the story came from. */
  private async revealLine(uri: string, line: number): Promise<void> {
    try {
      const document = await documentOf(uri);
      const at = new vscode.Position(Math.min(line, Math.max(document.lineCount - 1, 0)), 0);
      const cell = notebookCellOf(uri);
      if (cell !== undefined) {
        await vscode.window.showNotebookDocument(cell.notebook, {
          viewColumn: this.sourceColumn,
          selections: [new vscode.NotebookRange(cell.index, cell.index + 1)],
        });
      }
      const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
      const editor = await vscode.window.showTextDocument(document, {
        viewColumn: visible?.viewColumn ?? this.sourceColumn,
        selection: new vscode.Range(at, at),
        preserveFocus: false,
      });
      editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (error) {
      this.log.warn(`Revealing ${uri} line ${line + 1} failed: ${String(error)}`);
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
  }
}

/** The language status item: server state and interpreter; clicking it opens the logs. */

import * as vscode from 'vscode';

import { DOCUMENT_SELECTOR } from './selector';

export type ServerState =
  | { kind: 'starting'; detail: string }
  | { kind: 'running'; detail: string }
  | { kind: 'stopped'; detail: string }
  | { kind: 'failed'; detail: string };

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private current: ServerState = { kind: 'stopped', detail: 'not started' };

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('gradguard.status', DOCUMENT_SELECTOR);
    this.item.name = 'gradguard';
    this.item.command = { title: 'Show Logs', command: 'gradguard.showLogs', tooltip: 'gradguard: Show Logs' };
    this.update(this.current);
  }

  get state(): ServerState {
    return this.current;
  }

  update(state: ServerState): void {
    this.current = state;
    const item = this.item;
    item.busy = state.kind === 'starting';
    item.detail = state.detail;
    switch (state.kind) {
      case 'starting':
        item.text = 'gradguard: starting';
        item.severity = vscode.LanguageStatusSeverity.Information;
        break;
      case 'running':
        item.text = '$(check) gradguard';
        item.severity = vscode.LanguageStatusSeverity.Information;
        break;
      case 'stopped':
        item.text = 'gradguard: stopped';
        item.severity = vscode.LanguageStatusSeverity.Warning;
        break;
      case 'failed':
        item.text = '$(error) gradguard: not running';
        item.severity = vscode.LanguageStatusSeverity.Error;
        break;
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** Which messages become pop-ups under `gradguard.showNotifications`. Pure. */

import type { NotificationLevel } from './settings';

export type MessageLevel = 'error' | 'warning' | 'info';

export function shouldNotify(level: MessageLevel, setting: NotificationLevel): boolean {
  switch (setting) {
    case 'off':
      return false;
    case 'onError':
      return level === 'error';
    case 'onWarning':
      return level === 'error' || level === 'warning';
    case 'always':
      return true;
  }
}

/**
 * The log level of each line the server writes to stderr (vscode-languageclient would log every
 * one as an error): Python tracebacks and error lines are errors, warnings are warnings, the rest
 * (the launcher's banner, stray prints of the server's libraries) is information.
 */
export class StderrClassifier {
  private inTraceback = false;

  level(line: string): MessageLevel {
    if (this.inTraceback) {
      // a traceback ends with its first unindented line: the exception
      if (!/^\s/.test(line) && line.trim() !== '') {
        this.inTraceback = false;
      }
      return 'error';
    }
    if (/^Traceback \(most recent call last\)/.test(line)) {
      this.inTraceback = true;
      return 'error';
    }
    if (/\b(ERROR|CRITICAL|FATAL)\b|internal error|^\w+(Error|Exception):/.test(line)) {
      return 'error';
    }
    if (/\bWARN(ING)?\b|Warning:/.test(line)) {
      return 'warning';
    }
    return 'info';
  }
}

/**
 * Starting, restarting and configuring the language server process.
 */

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as readline from 'node:readline';
import type { Readable } from 'node:stream';

import * as vscode from 'vscode';
import {
  CloseAction,
  type CloseHandlerResult,
  DidChangeConfigurationNotification,
  DynamicFeature,
  ErrorAction,
  type ErrorHandlerResult,
  ExecuteCommandRequest,
  type ExecuteCommandRegistrationOptions,
  LanguageClient,
  type LanguageClientOptions,
  MessageType,
  type RegistrationData,
  type ResponseError,
  RevealOutputChannelOn,
  type ServerOptions,
  ShowMessageNotification,
  State,
  type StaticFeature,
  Trace,
} from 'vscode-languageclient/node';

import { findOnPath, resolveInterpreter, type ResolvedInterpreter, SOURCE_LABELS } from './interpreter';
import {
  displayCommand,
  launcherPath,
  MIN_PYTHON,
  parseProbe,
  type PythonInfo,
  serverCommand,
  supported,
  VERSION_PROBE,
} from './launch';
import { type MessageLevel, shouldNotify, StderrClassifier } from './notify';
import type { PythonEnvironments } from './python';
import { DOCUMENT_SELECTOR } from './selector';
import {
  type ExtensionSettings,
  expandVariables,
  initializationOptions,
  readSettings,
  SECTION,
  toServerSettings,
  unknownSeverities,
} from './settings';
import type { ServerState, StatusItem } from './status';
import { SHOW_STORY } from './story';

export const SERVER_ID = 'gradguard';
export const SERVER_NAME = 'gradguard';

/** Commands the extension itself registers: the language client must not register them again. */
export const CLIENT_COMMANDS: ReadonlySet<string> = new Set([
  'gradguard.verifyCell',
  'gradguard.fixAll',
  'gradguard.restart',
  'gradguard.showLogs',
  'gradguard.showStory',
]);

const PROBE_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 3_000;
const MAX_CRASHES = 4;
const CRASH_WINDOW_MS = 3 * 60_000;

/** Commands each client's server advertised (statically or by registration). */
const advertisedCommands = new WeakMap<LanguageClient, Set<string>>();

/**
 * vscode-languageclient registers a VS Code command for every command the server lists in
 * `executeCommandProvider`; the extension registers `gradguard.verifyCell` itself (trust check,
 * arguments from a code lens or a notebook cell), so those names are left out here. The rest
 * (commands code actions may carry) are registered as usual.
 */
class GradguardLanguageClient extends LanguageClient {
  override registerFeature(feature: StaticFeature | DynamicFeature<unknown>): void {
    if (DynamicFeature.is(feature) && feature.registrationType.method === ExecuteCommandRequest.method) {
      const commandFeature = feature as DynamicFeature<ExecuteCommandRegistrationOptions>;
      const register = commandFeature.register.bind(commandFeature);
      commandFeature.register = (data: RegistrationData<ExecuteCommandRegistrationOptions>) => {
        const commands = data.registerOptions.commands;
        let seen = advertisedCommands.get(this);
        if (seen === undefined) {
          seen = new Set();
          advertisedCommands.set(this, seen);
        }
        commands.forEach((command) => seen.add(command));
        register({
          ...data,
          registerOptions: { ...data.registerOptions, commands: commands.filter((c) => !CLIENT_COMMANDS.has(c)) },
        });
      };
    }
    super.registerFeature(feature);
  }
}

/** Server output, line by line, into the log at the level each line deserves. */
function pipeLines(input: Readable, channel: vscode.LogOutputChannel, classify: (line: string) => MessageLevel): void {
  readline
    .createInterface({ input, crlfDelay: Infinity, terminal: false, historySize: 0 })
    .on('line', (line: string) => {
      const level = classify(line);
      if (level === 'error') {
        channel.error(line);
      } else if (level === 'warning') {
        channel.warn(line);
      } else {
        channel.info(line);
      }
    });
}

function probePython(command: string[]): Promise<PythonInfo> {
  const [python, ...args] = command;
  return new Promise((resolve, reject) => {
    if (python === undefined) {
      reject(new Error('empty interpreter command'));
      return;
    }
    execFile(
      python,
      [...args, '-c', VERSION_PROBE],
      { timeout: PROBE_TIMEOUT_MS, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(stderr.trim() || error.message));
          return;
        }
        const info = parseProbe(stdout);
        if (info === undefined) {
          reject(new Error(`unexpected output: ${stdout.trim() || stderr.trim()}`));
        } else {
          resolve(info);
        }
      },
    );
  });
}

export class ServerManager implements vscode.Disposable {
  private client: GradguardLanguageClient | undefined;
  private clientDisposables: { dispose(): unknown }[] = [];
  private restarting: Promise<void> | undefined;
  private again = false;
  private disposed = false;
  private crashes: number[] = [];
  /** What the running (or last started) server was launched with. */
  interpreter: ResolvedInterpreter | undefined;
  python: PythonInfo | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly status: StatusItem,
    private readonly pythonEnvironments: PythonEnvironments,
  ) {}

  /** The running client, if the server is up. */
  get running(): LanguageClient | undefined {
    return this.client !== undefined && this.client.state === State.Running ? this.client : undefined;
  }

  settings(): ExtensionSettings {
    return readSettings(vscode.workspace.getConfiguration(SECTION, this.scope()));
  }

  /** Whether the running server lists `command` among its commands. */
  serverOffers(command: string): boolean {
    const client = this.running;
    if (client === undefined) {
      return false;
    }
    const fromInit = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    return fromInit.includes(command) || (advertisedCommands.get(client)?.has(command) ?? false);
  }

  serverVersion(): string | undefined {
    const info = this.client?.initializeResult?.serverInfo;
    return info === undefined ? undefined : `${info.name}${info.version ? ` ${info.version}` : ''}`;
  }

  /** Stop the server if it runs and start it again; calls made meanwhile coalesce into one more. */
  restart(reason: string): Promise<void> {
    this.log.info(`Server (re)start: ${reason}`);
    this.crashes = [];
    if (this.restarting !== undefined) {
      this.again = true;
      return this.restarting;
    }
    this.restarting = (async () => {
      try {
        do {
          this.again = false;
          await this.stopClient();
          if (!this.disposed) {
            await this.start();
          }
        } while (this.restartRequested());
      } finally {
        this.restarting = undefined;
      }
    })();
    return this.restarting;
  }

  /** A restart was asked for while one ran (read through a call: it changes across awaits). */
  private restartRequested(): boolean {
    return this.again && !this.disposed;
  }

  /** Send the settings the server reads to the running server. */
  pushSettings(): void {
    const client = this.running;
    if (client === undefined) {
      return;
    }
    const settings = this.settings();
    this.warnAboutSettings(settings);
    void client
      .sendNotification(DidChangeConfigurationNotification.type, { settings: initializationOptions(settings) })
      .catch((error: unknown) => this.log.error(`Sending settings failed: ${String(error)}`));
  }

  notify(level: MessageLevel, message: string, ...actions: string[]): Thenable<string | undefined> {
    if (level === 'error') {
      this.log.error(message);
    } else if (level === 'warning') {
      this.log.warn(message);
    } else {
      this.log.info(message);
    }
    if (!shouldNotify(level, this.settings().showNotifications)) {
      return Promise.resolve(undefined);
    }
    const show =
      level === 'error'
        ? vscode.window.showErrorMessage
        : level === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    const buttons = actions.length > 0 ? actions : ['Show Logs'];
    return show(message, ...buttons).then((choice) => {
      if (choice === 'Show Logs') {
        this.log.show();
      }
      return choice;
    });
  }

  private scope(): vscode.Uri | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri;
  }

  private setState(state: ServerState): void {
    this.status.update(state);
  }

  private warnAboutSettings(settings: ExtensionSettings): void {
    for (const bad of unknownSeverities(settings)) {
      this.log.warn(`gradguard.severity: ${bad} is not one of error, warning, information, hint; the server ignores it.`);
    }
  }

  private async resolve(settings: ExtensionSettings): Promise<ResolvedInterpreter | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const vars = { workspaceFolder: folder, userHome: os.homedir(), env: process.env };
    return resolveInterpreter({
      setting: settings.interpreter.map((part) => expandVariables(part, vars)),
      pythonExtension: () => this.pythonEnvironments.activeInterpreter(this.scope()),
      findOnPath: (name) => findOnPath(name),
      platform: process.platform,
      trusted: vscode.workspace.isTrusted,
      workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
      log: (message) => this.log.warn(message),
    });
  }

  private async start(): Promise<void> {
    const settings = this.settings();
    this.setState({ kind: 'starting', detail: 'resolving the Python interpreter' });
    const usesPath = settings.path.length > 0 && settings.path[0] !== '';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const vars = { workspaceFolder: folder, userHome: os.homedir(), env: process.env };
    if (usesPath) {
      settings.path = settings.path.map((part) => expandVariables(part, vars));
      this.interpreter = undefined;
      this.python = undefined;
    } else {
      this.interpreter = await this.resolve(settings);
      if (this.interpreter === undefined) {
        const message =
          'gradguard: no Python interpreter found. Set `gradguard.interpreter`, select one with the Python ' +
          `extension, or put python3 (${MIN_PYTHON.join('.')} or newer) on PATH.`;
        this.setState({ kind: 'failed', detail: 'no Python interpreter found' });
        void this.notify('error', message);
        return;
      }
      this.log.info(
        `Interpreter: ${displayCommand(this.interpreter.command[0] ?? '', this.interpreter.command.slice(1))} ` +
          `(from ${SOURCE_LABELS[this.interpreter.source]})`,
      );
      try {
        this.python = await probePython(this.interpreter.command);
      } catch (error) {
        this.python = undefined;
        const message = `gradguard: cannot run the Python interpreter ${this.interpreter.command.join(' ')}: ${String(
          error instanceof Error ? error.message : error,
        )}`;
        this.setState({ kind: 'failed', detail: `cannot run ${this.interpreter.command[0] ?? ''}` });
        void this.notify('error', message);
        return;
      }
      if (!supported(this.python)) {
        const message =
          `gradguard: the server needs Python ${MIN_PYTHON.join('.')} or newer; ` +
          `${this.python.executable} is Python ${this.python.major}.${this.python.minor}. ` +
          'Set `gradguard.interpreter` or select another interpreter.';
        this.setState({ kind: 'failed', detail: `Python ${this.python.major}.${this.python.minor} is too old` });
        void this.notify('error', message);
        return;
      }
    }

    const launcher = launcherPath(this.context.extensionPath);
    const launch = serverCommand(settings, this.interpreter, this.context.extensionPath, fs.existsSync(launcher));
    if (launch === undefined) {
      this.setState({ kind: 'failed', detail: 'no server command' });
      return;
    }
    if (launch.origin === 'environment') {
      this.log.warn(`${launcher} is missing (run \`npm run bundle-libs\`): using gradguard from the interpreter's environment.`);
    }
    this.log.info(`Server command: ${displayCommand(launch.command, launch.args)}`);
    this.warnAboutSettings(settings);

    const serverOptions: ServerOptions = {
      command: launch.command,
      args: launch.args,
      options: {
        // an untrusted folder is not the working directory of a process we start
        cwd: vscode.workspace.isTrusted && folder !== undefined ? folder : this.context.extensionPath,
        env: { ...process.env },
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.log,
      traceOutputChannel: this.log,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: initializationOptions(settings),
      diagnosticCollectionName: 'gradguard',
      stdioOptions: {
        stdout: (input, channel) => {
          pipeLines(input, channel, () => 'info');
        },
        stderr: (input, channel) => {
          const classifier = new StderrClassifier();
          pipeLines(input, channel, (line) => classifier.level(line));
        },
      },
      initializationFailedHandler: (error) => {
        this.log.error(`Server initialization failed: ${String(error)}`);
        return false;
      },
      errorHandler: {
        error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue, handled: true }),
        closed: (): CloseHandlerResult => this.onClosed(),
      },
      middleware: {
        // the server's "Verify cell" lenses serve other editors; VS Code gets this extension's
        // own (which also handle Restricted Mode and notebooks)
        provideCodeLenses: () => [],
        // hovers are untrusted markdown; a gradguard hover may run exactly one command, from
        // its "Show autograd story" link
        provideHover: async (document, position, token, next) => {
          const hover = await next(document, position, token);
          for (const content of hover?.contents ?? []) {
            if (content instanceof vscode.MarkdownString) {
              content.isTrusted = { enabledCommands: [SHOW_STORY] };
            }
          }
          return hover;
        },
        workspace: {
          // the server asks for its section: answer with what it reads, not the raw settings
          configuration: async (params, token, next) => {
            const answers: unknown = await next(params, token);
            if (!Array.isArray(answers)) {
              return answers as ResponseError;
            }
            const items: unknown[] = answers;
            return params.items.map((item, index) => {
              if (item.section !== SECTION) {
                return items[index];
              }
              const scope = item.scopeUri !== undefined ? vscode.Uri.parse(item.scopeUri) : this.scope();
              return toServerSettings(readSettings(vscode.workspace.getConfiguration(SECTION, scope)));
            });
          },
        },
      },
    };
    const client = new GradguardLanguageClient(SERVER_ID, SERVER_NAME, serverOptions, clientOptions);
    this.client = client;
    this.clientDisposables.push(
      client.onDidChangeState((event) => {
        if (event.newState === State.Running) {
          this.setState({ kind: 'running', detail: this.runningDetail() });
        } else if (event.newState === State.Starting) {
          this.setState({ kind: 'starting', detail: 'starting the server' });
        } else if (this.status.state.kind !== 'failed') {
          this.setState({ kind: 'stopped', detail: 'the server is not running' });
        }
      }),
      client.onNotification(ShowMessageNotification.type, (params) => {
        const level: MessageLevel =
          params.type === MessageType.Error ? 'error' : params.type === MessageType.Warning ? 'warning' : 'info';
        void this.notify(level, params.message);
      }),
    );
    this.setState({ kind: 'starting', detail: 'starting the server' });
    try {
      await client.start();
    } catch (error) {
      this.setState({ kind: 'failed', detail: 'the server did not start' });
      void this.notify('error', `gradguard: the server did not start: ${String(error)}. See the logs.`);
      return;
    }
    if (this.log.logLevel === vscode.LogLevel.Trace) {
      await client.setTrace(Trace.Verbose);
    }
    this.log.info(`Server running: ${this.serverVersion() ?? 'unknown version'}`);
    this.setState({ kind: 'running', detail: this.runningDetail() });
  }

  private runningDetail(): string {
    const parts = [this.serverVersion() ?? 'gradguard'];
    if (this.python !== undefined) {
      parts.push(`Python ${this.python.major}.${this.python.minor}: ${this.python.executable}`);
    } else if (this.interpreter === undefined) {
      parts.push('custom command (gradguard.path)');
    }
    if (this.interpreter !== undefined) {
      parts.push(`from ${SOURCE_LABELS[this.interpreter.source]}`);
    }
    return parts.join(' · ');
  }

  private onClosed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    if (this.crashes.length <= MAX_CRASHES) {
      this.log.warn(`The server stopped unexpectedly; restarting it (${this.crashes.length}/${MAX_CRASHES}).`);
      return { action: CloseAction.Restart, handled: true };
    }
    this.setState({ kind: 'failed', detail: 'the server keeps crashing' });
    void this.notify(
      'error',
      `gradguard: the server stopped ${this.crashes.length} times in 3 minutes and is not restarted. See the logs, then run "gradguard: Restart Server".`,
    );
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const d of this.clientDisposables.splice(0)) {
      d.dispose();
    }
    if (client === undefined) {
      return;
    }
    try {
      if (client.needsStop()) {
        await client.stop(STOP_TIMEOUT_MS);
      }
    } catch (error) {
      this.log.warn(`Stopping the server: ${String(error)}`);
    }
    try {
      await client.dispose(STOP_TIMEOUT_MS);
    } catch {
      // already stopped
    }
    this.setState({ kind: 'stopped', detail: 'the server is not running' });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.restarting?.catch(() => undefined);
    await this.stopClient();
  }
}

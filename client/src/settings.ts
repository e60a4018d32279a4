/**
 * The extension's settings, read from VS Code's configuration, and the part of them the server
 * reads (server/gradguard/lsp/settings.py: `select`, `ignore`, `severity`, `jedi`,
 * `lintOnChange`, `debounceMs`, `fixAll.unsafe`, plus `verify.timeout` for Verify cell).
 *
 * Pure: no `vscode` import, so the mapping is unit-tested with plain objects.
 */

export const SECTION = 'gradguard';

export type ImportStrategy = 'useBundled' | 'fromEnvironment';
export type NotificationLevel = 'off' | 'onError' | 'onWarning' | 'always';

export const DEFAULT_VERIFY_TIMEOUT = 60;
const IMPORT_STRATEGIES: readonly ImportStrategy[] = ['useBundled', 'fromEnvironment'];
const NOTIFICATION_LEVELS: readonly NotificationLevel[] = ['off', 'onError', 'onWarning', 'always'];
const SEVERITIES = new Set(['error', 'warning', 'information', 'info', 'hint']);

/** What `vscode.WorkspaceConfiguration` offers, and all the mapping needs. */
export interface ConfigReader {
  get(key: string): unknown;
}

export interface ExtensionSettings {
  interpreter: string[];
  path: string[];
  args: string[];
  importStrategy: ImportStrategy;
  showNotifications: NotificationLevel;
  select: string[];
  ignore: string[];
  severity: Record<string, string>;
  jedi: boolean | null;
  lintOnChange: boolean;
  verifyTimeout: number;
  fixAllUnsafe: boolean;
}

/** The `gradguard` section as the server parses it; an absent key means "not set here". */
export interface ServerSettings {
  select?: string[];
  ignore?: string[];
  severity: Record<string, string>;
  jedi?: boolean;
  lintOnChange: boolean;
  verify: { timeout: number };
  fixAll: { unsafe: boolean };
}

export interface InitializationOptions {
  gradguard: ServerSettings;
}

/** Settings whose change needs a new server process (the others are sent to the running one). */
export const RESTART_KEYS: readonly string[] = ['interpreter', 'path', 'args', 'importStrategy'];

function stringList(value: unknown): string[] {
  if (typeof value === 'string') {
    return value.trim() ? [value] : [];
  }
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/** Codes as the user typed them, split at commas, trimmed and upper-cased, empty ones dropped. */
export function ruleCodes(value: unknown): string[] {
  return stringList(value)
    .flatMap((item) => item.split(','))
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '');
}

export function readSettings(config: ConfigReader): ExtensionSettings {
  const severity: Record<string, string> = {};
  const rawSeverity = config.get('severity');
  if (rawSeverity !== null && typeof rawSeverity === 'object' && !Array.isArray(rawSeverity)) {
    for (const [code, level] of Object.entries(rawSeverity as Record<string, unknown>)) {
      if (code.trim() !== '' && typeof level === 'string') {
        severity[code.trim().toUpperCase()] = level;
      }
    }
  }
  const jedi = config.get('jedi');
  const lintOnChange = config.get('lintOnChange');
  const timeout = config.get('verify.timeout');
  const fixAllUnsafe = config.get('fixAll.unsafe');
  return {
    interpreter: stringList(config.get('interpreter')),
    path: stringList(config.get('path')),
    args: Array.isArray(config.get('args'))
      ? (config.get('args') as unknown[]).filter((a): a is string => typeof a === 'string')
      : [],
    importStrategy: oneOf(config.get('importStrategy'), IMPORT_STRATEGIES, 'useBundled'),
    showNotifications: oneOf(config.get('showNotifications'), NOTIFICATION_LEVELS, 'onError'),
    select: ruleCodes(config.get('select')),
    ignore: ruleCodes(config.get('ignore')),
    severity,
    jedi: typeof jedi === 'boolean' ? jedi : null,
    lintOnChange: typeof lintOnChange === 'boolean' ? lintOnChange : true,
    verifyTimeout:
      typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0
        ? timeout
        : DEFAULT_VERIFY_TIMEOUT,
    fixAllUnsafe: fixAllUnsafe === true,
  };
}

/**
 * The server's view. An empty `select`/`ignore` and a `null` `jedi` are left out, so that
 * `[tool.gradguard]` in pyproject.toml (or the server's default) decides: the server gives a
 * client value precedence over pyproject.toml key by key, and an empty list would select nothing.
 * Severity names the server does not know are passed on: it reports them in the log.
 */
export function toServerSettings(settings: ExtensionSettings): ServerSettings {
  const server: ServerSettings = {
    severity: { ...settings.severity },
    lintOnChange: settings.lintOnChange,
    verify: { timeout: settings.verifyTimeout },
    fixAll: { unsafe: settings.fixAllUnsafe },
  };
  if (settings.select.length > 0) {
    server.select = [...settings.select];
  }
  if (settings.ignore.length > 0) {
    server.ignore = [...settings.ignore];
  }
  if (settings.jedi !== null) {
    server.jedi = settings.jedi;
  }
  return server;
}

export function initializationOptions(settings: ExtensionSettings): InitializationOptions {
  return { gradguard: toServerSettings(settings) };
}

/** Severity values that the server will refuse (for a warning in the client's log). */
export function unknownSeverities(settings: ExtensionSettings): string[] {
  return Object.entries(settings.severity)
    .filter(([, level]) => !SEVERITIES.has(level.toLowerCase()))
    .map(([code, level]) => `${code}: ${level}`);
}

/** Whether a configuration change (as `ConfigurationChangeEvent.affectsConfiguration`) needs a restart. */
export function needsRestart(affects: (section: string) => boolean): boolean {
  return RESTART_KEYS.some((key) => affects(`${SECTION}.${key}`));
}

export interface Variables {
  workspaceFolder?: string;
  userHome: string;
  env?: Record<string, string | undefined>;
}

/**
 * `${workspaceFolder}`, `${userHome}`, `${env:NAME}` and a leading `~` in a path setting.
 * A `${workspaceFolder}` with no folder open is left as it is (the command then fails visibly).
 */
export function expandVariables(value: string, vars: Variables): string {
  let out = value.replace(/\$\{(workspaceFolder|userHome|env:([^}]+))\}/g, (whole, name: string, envName?: string) => {
    if (name === 'workspaceFolder') {
      return vars.workspaceFolder ?? whole;
    }
    if (name === 'userHome') {
      return vars.userHome;
    }
    return (envName !== undefined ? vars.env?.[envName] : undefined) ?? '';
  });
  if (out === '~' || out.startsWith('~/') || out.startsWith('~\\')) {
    out = vars.userHome + out.slice(1);
  }
  return out;
}

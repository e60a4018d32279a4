/**
 * End-to-end test of the packaged extension in real VS Code: code-server (VS Code 1.100) in
 * headless Chromium, driven by playwright-core. Started by run.sh, which installs everything and
 * passes the paths in the environment:
 *
 *   CODE_SERVER  the code-server launcher        GRADGUARD_VSIX  the .vsix to install
 *   CHROMIUM     the Chromium binary             E2E_ARTIFACTS   where screenshots and logs go
 *   GRADGUARD_E2E_PYTHON  the interpreter (with torch) the extension runs the server with
 *
 * Trusted workspace: the gradguard squiggle and the Problems entry (GG002 and its message), the
 * "Verify cell" code lens (the run confirms the finding: in the notification and in the Problems
 * entry), the quick fix applied from the light-bulb menu (text becomes `y = y.mul(2)`, the
 * diagnostic clears), "Fix All Problems", the logs, the language status, a restart, and a
 * notebook (diagnostics in a cell, Verify cell from the cell toolbar confirms, fix-all).
 * Fixes workspace: a constructor-site `inplace=False` quick fix (flagged where forward calls the
 * layer, the edit is in `__init__`) and one `with torch.no_grad():` block around two adjacent
 * parameter writes; the saved files are compared with the expected text, the diagnostics clear.
 * Story workspace: "gradguard: Show autograd story" from the light-bulb menu (light theme) and
 * from the hover link (dark theme) opens the webview beside the editor; its DOM holds the drawn
 * events at the expected lines, the failing read marked; a click on an event reveals its line;
 * a theme change and Verify cell draw it again; a notebook finding's story (from the command
 * palette, for the problem under the cursor) reveals another cell;
 * the webview requests nothing from the network; a screenshot of the picture in each theme.
 * Untrusted workspace (Restricted Mode): diagnostics still appear, Verify cell is refused.
 * A screenshot is saved after each step, and on failure.
 */

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { type BrowserContext, chromium, type Frame, type Locator, type Page } from 'playwright-core';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set (run client/test/e2e/run.sh)`);
  }
  return value;
}

const CODE_SERVER = required('CODE_SERVER');
const VSIX = required('GRADGUARD_VSIX');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = required('E2E_ARTIFACTS');
const PYTHON = required('GRADGUARD_E2E_PYTHON');
const FIXTURES = path.resolve(__dirname, '..', '..', 'test', 'e2e', 'workspace');
const TIMEOUT = 90_000;

const started = Date.now();
let shot = 0;

function log(message: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[e2e ${seconds}s] ${message}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  shot += 1;
  const file = path.join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  log(`screenshot ${path.relative(process.cwd(), file)}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('no port'));
        }
      });
    });
  });
}

/** Isolated code-server state: user data, extensions and XDG folders, all in one temp folder. */
interface Sandbox {
  root: string;
  userData: string;
  extensions: string;
  env: NodeJS.ProcessEnv;
}

function makeSandbox(): Sandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gradguard-e2e-'));
  const userData = path.join(root, 'user-data');
  const extensions = path.join(root, 'extensions');
  for (const dir of [userData, extensions, path.join(root, 'xdg-config'), path.join(root, 'xdg-data'), path.join(userData, 'User')]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'chat.disableAIFeatures': true,
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'always',
        'editor.codeLens': true,
        'editor.minimap.enabled': false,
        'files.autoSave': 'off',
        'git.enabled': false,
        'gradguard.interpreter': PYTHON,
      },
      null,
      2,
    ),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  return { root, userData, extensions, env };
}

function codeServerArgs(sandbox: Sandbox): string[] {
  return [
    '--config',
    path.join(sandbox.root, 'config.yaml'),
    '--user-data-dir',
    sandbox.userData,
    '--extensions-dir',
    sandbox.extensions,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
  ];
}

function installExtension(sandbox: Sandbox): void {
  fs.writeFileSync(path.join(sandbox.root, 'config.yaml'), 'auth: none\n');
  log(`installing ${VSIX}`);
  const out = execFileSync(CODE_SERVER, [...codeServerArgs(sandbox), '--install-extension', VSIX, '--force'], {
    env: sandbox.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  log(out.trim().split('\n').slice(-1)[0] ?? '');
  const listed = execFileSync(CODE_SERVER, [...codeServerArgs(sandbox), '--list-extensions', '--show-versions'], {
    env: sandbox.env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (!listed.includes('gradguard.gradguard@')) {
    throw new Error(`the extension is not installed:\n${listed}`);
  }
}

async function startCodeServer(sandbox: Sandbox, port: number): Promise<{ child: ChildProcess; output: string[] }> {
  const output: string[] = [];
  // loopback only
  const child = spawn(CODE_SERVER, [...codeServerArgs(sandbox), '--bind-addr', `127.0.0.1:${port}`], {
    env: sandbox.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const collect = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited (${child.exitCode}):\n${output.join('')}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) {
        log(`code-server listening on 127.0.0.1:${port}`);
        return { child, output };
      }
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not start:\n${output.join('')}`);
}

function stopCodeServer(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM'); // its own process group: the extension host and the server too
    } catch {
      // gone
    }
  }
}

function copyFixture(name: string, into: string): string {
  const target = path.join(into, name);
  fs.cpSync(path.join(FIXTURES, name), target, { recursive: true });
  return target;
}

/** The text of the visible editor lines (Monaco renders spaces as U+00A0). */
async function editorText(page: Page): Promise<string> {
  const text = await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

async function openWorkspace(context: BrowserContext, port: number, folder: string, trust: boolean): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
  // the workspace trust dialog for a folder opened for the first time
  const button = page.getByRole('button', { name: trust ? /Yes, I trust the authors/ : /No, I don.t trust the authors/ });
  await button.waitFor({ state: 'visible' });
  await button.click();
  await page.locator('.explorer-folders-view').waitFor({ state: 'visible' });
  return page;
}

async function openFile(page: Page, name: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }).click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible' });
  if (!name.endsWith('.ipynb')) {
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }
}

async function problemsPanel(page: Page): Promise<Locator> {
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible' });
  return panel;
}

async function notification(page: Page, text: RegExp): Promise<Locator> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible' });
  await page.waitForTimeout(400); // let it finish sliding in before a screenshot
  return toast;
}

async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached' });
}

/**
 * Open the light-bulb (Quick Fix) menu on the line showing `lineText` (in the text editor, or in
 * `scope`, e.g. a notebook cell) and run the entry `entry`.
 */
async function quickFix(
  page: Page,
  lineText: string,
  entry: string | RegExp,
  shotName?: string,
  scope: Locator = page.locator('.editor-instance'),
): Promise<void> {
  await scope.locator('.view-line', { hasText: lineText }).first().click();
  await page.keyboard.press('Control+Period');
  const menu = page.locator('.action-widget');
  await menu.waitFor({ state: 'visible' });
  const wanted = menu.locator('.monaco-list-row', { hasText: entry }).first();
  await wanted.waitFor({ state: 'visible' });
  if (shotName !== undefined) {
    await screenshot(page, shotName);
  }
  // a mouse click on the entry is blocked by an overlay: move the focus and press Enter
  for (let i = 0; i < 15 && !(await wanted.evaluate((row) => row.classList.contains('focused'))); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}

/** Wait until the file on disk (after a save) has exactly `expected` as its text. */
async function waitForFileText(file: string, expected: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT;
  let text = '';
  while (Date.now() < deadline) {
    text = fs.readFileSync(file, 'utf8');
    if (text === expected) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${path.basename(file)} is not as expected:\n${text}\n--- expected:\n${expected}`);
}

function findFiles(dir: string, name: RegExp, found: string[] = []): string[] {
  if (!fs.existsSync(dir)) {
    return found;
  }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      findFiles(full, name, found);
    } else if (name.test(entry.name)) {
      found.push(full);
    }
  }
  return found;
}

/** Wait until one of the extension's log files (one per window) satisfies `test`. */
async function waitForLog(sandbox: Sandbox, test: (text: string) => boolean): Promise<void> {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    for (const file of findFiles(path.join(sandbox.userData, 'logs'), /^gradguard\.log$/)) {
      if (test(fs.readFileSync(file, 'utf8'))) {
        return;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the expected lines never reached the gradguard log');
}

async function trustedScenario(context: BrowserContext, port: number, workspace: string, sandbox: Sandbox): Promise<void> {
  const page = await openWorkspace(context, port, workspace, true);
  await screenshot(page, 'workspace-trusted');

  log('open train.py: wait for the gradguard squiggle');
  await openFile(page, 'train.py');
  await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible' });
  await screenshot(page, 'squiggle');

  log('Problems: GG002 and its message');
  const panel = await problemsPanel(page);
  const entry = panel.locator('.monaco-list-row', { hasText: 'modifies in place the output of' }).first();
  await entry.waitFor({ state: 'visible' });
  const entryText = (await entry.innerText()).replace(/\s+/g, ' ');
  for (const expected of ['GG002', '`y.mul_(2)` modifies in place the output of `sigmoid`', 'gradguard']) {
    if (!entryText.includes(expected)) {
      throw new Error(`the Problems entry lacks ${JSON.stringify(expected)}: ${entryText}`);
    }
  }
  log(`Problems entry: ${entryText}`);
  await screenshot(page, 'problems');

  log('"Verify cell" code lens over `# %% the bug`: the run confirms the finding');
  const lens = page.locator('.editor-instance .codelens-decoration a', { hasText: 'Verify cell' }).nth(1);
  await lens.waitFor({ state: 'visible' });
  await lens.click();
  // the request the server gets: the file, the lens's line and `# %%` cell 2
  await waitForLog(sandbox, (text) =>
    /Verify cell 2 requested: \{"uri":"file:[^"]*train\.py","position":\{"line":5,"character":0\},"cell":2,"timeout":60,"quiet":true\}/.test(text),
  );
  const verifyToast = await notification(page, /static findings confirmed/);
  const verifyText = (await verifyToast.innerText()).replace(/\s+/g, ' ');
  log(`Verify cell said: ${verifyText}`);
  if (!verifyText.includes('gradguard verify (cell 2): RuntimeError at line 9; 1 runtime finding, 1/1 static findings confirmed')) {
    throw new Error(`unexpected Verify cell message: ${verifyText}`);
  }
  const confirmed = panel.locator('.monaco-list-row', { hasText: 'verify: confirmed by running cell 2' }).first();
  await confirmed.waitFor({ state: 'visible' });
  log(`Problems entry after the run: ${(await confirmed.innerText()).replace(/\s+/g, ' ')}`);
  await screenshot(page, 'verify-cell-confirmed');
  await clearNotifications(page);

  log('quick fix: Rewrite `y.mul_(2)` as `y = y.mul(2)`');
  await page.locator('.editor-instance .view-line', { hasText: 'y.mul_(2)' }).click();
  await page.keyboard.press('Control+Period');
  const menu = page.locator('.action-widget');
  await menu.waitFor({ state: 'visible' });
  const wanted = menu.locator('.monaco-list-row', { hasText: 'y = y.mul(2)' });
  await wanted.waitFor({ state: 'visible' });
  await screenshot(page, 'quick-fix-menu');
  // a mouse click on the entry is blocked by an overlay: move the focus and press Enter
  for (let i = 0; i < 10 && !(await wanted.evaluate((row) => row.classList.contains('focused'))); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => {
      const lines = document.querySelector('.editor-instance .monaco-editor .view-lines');
      return lines !== null && (lines as HTMLElement).innerText.replace(/\u00a0/g, ' ').includes('y = y.mul(2)');
    },
    undefined,
    { timeout: TIMEOUT },
  );
  const text = await editorText(page);
  if (text.includes('y.mul_(2)')) {
    throw new Error(`the in-place call is still there:\n${text}`);
  }
  await screenshot(page, 'fixed');

  log('the diagnostic clears');
  await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'detached' });
  await panel.locator('.monaco-list-row', { hasText: 'modifies in place the output of' }).first().waitFor({ state: 'detached' });
  await screenshot(page, 'clean');

  log('gradguard: Fix All Problems on fixall.py');
  await openFile(page, 'fixall.py');
  await page.locator('.editor-instance .squiggly-error').nth(1).waitFor({ state: 'visible' });
  await runCommand(page, 'gradguard: Fix All Problems');
  await page.waitForFunction(() => {
    const lines = document.querySelector('.editor-instance .monaco-editor .view-lines');
    const text = lines === null ? '' : (lines as HTMLElement).innerText.replace(/\u00a0/g, ' ');
    return text.includes('h = h + 1') && text.includes('z = z.add(1)');
  });
  await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'detached' });
  await screenshot(page, 'fix-all');

  log('gradguard: Show Logs');
  await runCommand(page, 'gradguard: Show Logs');
  // the Output panel shows the gradguard channel, ending with the last thing it did
  const output = page.locator('.part.panel .monaco-editor .view-lines', { hasText: 'Applied: gradguard: fix 2 problems' }).first();
  await output.waitFor({ state: 'visible' });
  const outputText = (await output.innerText()).replace(/\u00a0/g, ' ');
  if (!/Verify cell 2: gradguard verify \(cell 2\)/.test(outputText)) {
    throw new Error(`unexpected log:\n${outputText}`);
  }
  await screenshot(page, 'logs');

  log('language status item: server state and interpreter');
  await page.locator('.editor-instance .view-lines').first().click();
  await page.locator('#status\\.languageStatus').click();
  const hover = page.locator('.hover-language-status', { hasText: 'gradguard' }).first();
  await hover.waitFor({ state: 'visible' });
  const hoverText = (await hover.innerText()).replace(/\s+/g, ' ');
  log(`language status: ${hoverText}`);
  if (!/gradguard 0\.\d.*Python 3\.\d+/.test(hoverText)) {
    throw new Error(`the language status lacks the server version and interpreter: ${hoverText}`);
  }
  await screenshot(page, 'language-status');
  await page.keyboard.press('Escape');

  log('gradguard: Restart Server');
  await runCommand(page, 'gradguard: Restart Server');
  await page.locator('.part.panel .monaco-editor .view-lines', { hasText: 'Restart Server command' }).first().waitFor();
  // Monaco's line elements are not in text order: the log file tells what happened
  await waitForLog(sandbox, (text) => {
    const restart = text.lastIndexOf('Restart Server command');
    return restart >= 0 && text.indexOf('Server running: gradguard', restart) > restart;
  });
  await screenshot(page, 'restarted');

  log('notebook: diagnostics in a cell, Verify cell in the cell toolbar');
  await openFile(page, 'notebook.ipynb');
  // the second cell (by position: its text changes below)
  const cell = page.locator('.notebook-editor .cell-list-container .code-cell-row').nth(1);
  await cell.locator('.view-lines', { hasText: 'y.mul_(2)' }).waitFor({ state: 'visible' });
  await cell.locator('.squiggly-error').first().waitFor({ state: 'visible' });
  await screenshot(page, 'notebook-squiggle');
  await cell.locator('.view-lines').click();
  const toolbarButton = cell.locator('.cell-title-toolbar .action-item a[aria-label*="Verify Cell"]').first();
  await toolbarButton.waitFor({ state: 'visible' });
  await toolbarButton.click();
  await waitForLog(sandbox, (text) =>
    /Verify cell 2 requested: \{"uri":"file:[^"]*notebook\.ipynb","cellIndex":1,"cellUri":"vscode-notebook-cell:[^"]*","timeout":60,"quiet":true\}/.test(text),
  );
  const notebookToast = await notification(page, /static findings confirmed/);
  const notebookText = (await notebookToast.innerText()).replace(/\s+/g, ' ');
  log(`notebook Verify cell said: ${notebookText}`);
  if (!notebookText.includes('gradguard verify (cell 2): RuntimeError at cell 2, line 3; 1 runtime finding, 1/1 static findings confirmed')) {
    throw new Error(`unexpected notebook Verify cell message: ${notebookText}`);
  }
  await screenshot(page, 'notebook-verify-cell');
  await clearNotifications(page);

  log('notebook: gradguard: Fix All Problems');
  await runCommand(page, 'gradguard: Fix All Problems');
  await cell.locator('.view-lines', { hasText: 'y = y.mul(2)' }).waitFor({ state: 'visible' });
  await cell.locator('.squiggly-error').first().waitFor({ state: 'detached' });
  await screenshot(page, 'notebook-fix-all');
  await page.close();
}

async function fixesScenario(context: BrowserContext, port: number, workspace: string): Promise<void> {
  const page = await openWorkspace(context, port, workspace, true);

  log('constructor-site fix: `nn.ReLU(inplace=True)` in __init__, flagged where forward calls it');
  await openFile(page, 'constructor.py');
  await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible' });
  await quickFix(page, 'return self.act(y)', 'inplace=False', 'constructor-quick-fix-menu');
  const constructor = path.join(workspace, 'constructor.py');
  const original = fs.readFileSync(constructor, 'utf8');
  await page.keyboard.press('Control+S');
  await waitForFileText(constructor, original.replace('nn.ReLU(inplace=True)', 'nn.ReLU(inplace=False)'));
  await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'detached' });
  log('constructor.py: `self.act = nn.ReLU(inplace=False)`, no diagnostic left');
  await screenshot(page, 'constructor-fixed');

  log('multi-line no_grad wrap over two adjacent parameter writes');
  await openFile(page, 'surgery.py');
  await page.locator('.editor-instance .squiggly-error').nth(1).waitFor({ state: 'visible' });
  await quickFix(page, 'layer.weight.mul_(0.5)', /Wrap lines 5-6 in .with torch\.no_grad\(\):/, 'wrap-quick-fix-menu');
  const surgery = path.join(workspace, 'surgery.py');
  const before = fs.readFileSync(surgery, 'utf8');
  await page.keyboard.press('Control+S');
  await waitForFileText(
    surgery,
    before.replace(
      'layer.weight.mul_(0.5)\nlayer.bias.zero_()\n',
      'with torch.no_grad():\n    layer.weight.mul_(0.5)\n    layer.bias.zero_()\n',
    ),
  );
  await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'detached' });
  log('surgery.py: both writes in one `with torch.no_grad():` block, no diagnostic left');
  await screenshot(page, 'wrap-fixed');
  await page.close();
}

/** The webview frame showing an autograd story (the inner frame of VS Code's webview). */
async function storyFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame.$('svg.gg-story').catch(() => null);
      if (found !== null) {
        return frame;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('no webview shows an autograd story');
}

interface DrawnEvent {
  uri: string;
  line: number;
  kind: string;
  fail: boolean;
  title: string;
}

/** The events the picture draws, read from the webview's DOM. */
async function drawnEvents(frame: Frame): Promise<{ theme: string; background: string; events: DrawnEvent[] }> {
  return frame.evaluate(() => ({
    theme: document.documentElement.getAttribute('data-theme') ?? '',
    background: getComputedStyle(document.body).backgroundColor,
    events: Array.from(document.querySelectorAll('svg.gg-story .gg-event')).map((event) => ({
      uri: event.getAttribute('data-uri') ?? '',
      line: Number(event.getAttribute('data-line')),
      kind: event.getAttribute('data-kind') ?? '',
      fail: event.classList.contains('gg-fail'),
      title: event.querySelector('title')?.textContent ?? '',
    })),
  }));
}

/** Luminance of a CSS `rgb(...)` colour, 0 (black) to 255 (white). */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Switch the colour theme with the theme picker (Ctrl+K Ctrl+T), as a user does. The picker
 * lists the themes known when it opens (none while the built-in extensions still load): it is
 * opened again until the theme is listed.
 */
async function setColorTheme(page: Page, theme: 'Light Modern' | 'Dark Modern'): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: `Default ${theme}` }).first();
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+T');
    await input.waitFor({ state: 'visible' });
    await input.fill(theme);
    const listed = await row.waitFor({ state: 'visible', timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (listed) {
      break;
    }
    if (Date.now() > deadline) {
      throw new Error(`the theme picker never listed ${theme}`);
    }
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden' });
  }
  for (let i = 0; i < 10 && !(await row.evaluate((r) => r.classList.contains('focused'))); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await page.locator(theme === 'Light Modern' ? '.monaco-workbench.vs' : '.monaco-workbench.vs-dark').waitFor({ state: 'visible' });
}

/**
 * The drawn story of story.py's GG002: the save (sigmoid, line 4), the write (mul_, line 5) and
 * the failing backward (line 6), 0-based in data-line; a picture of the webview as `name`.
 */
async function checkStory(page: Page, theme: 'light' | 'dark', name: string): Promise<Frame> {
  const deadline = Date.now() + TIMEOUT;
  let frame: Frame | undefined;
  let drawn: Awaited<ReturnType<typeof drawnEvents>> | undefined;
  // a theme change draws the page again: its frame is replaced meanwhile
  while (Date.now() < deadline) {
    try {
      frame = await storyFrame(page);
      drawn = await drawnEvents(frame);
      if (drawn.theme === theme) {
        break;
      }
    } catch {
      // the frame went away while it was read: read the new one
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (frame === undefined || drawn === undefined) {
    throw new Error('the story could not be read from the webview');
  }
  log(`story (${drawn.theme}, background ${drawn.background}): ${JSON.stringify(drawn.events)}`);
  if (drawn.theme !== theme) {
    throw new Error(`the story is drawn for the ${drawn.theme} theme, not ${theme}`);
  }
  const lines = new Set(drawn.events.map((e) => e.line));
  for (const line of [3, 4, 5]) {
    if (!lines.has(line)) {
      throw new Error(`the story draws no event at line ${line + 1}: ${JSON.stringify(drawn.events)}`);
    }
  }
  const failing = drawn.events.filter((e) => e.fail);
  if (failing.length === 0 || !failing.every((e) => e.line === 5)) {
    throw new Error(`the failing read should be the backward at line 6: ${JSON.stringify(failing)}`);
  }
  const light = luminance(drawn.background) > 128;
  if (light !== (theme === 'light')) {
    throw new Error(`the webview background ${drawn.background} does not follow the ${theme} theme`);
  }
  const webview = page.locator('iframe.webview.ready').last();
  await page.waitForTimeout(300);
  const file = path.join(ARTIFACTS, `${name}.png`);
  await webview.screenshot({ path: file });
  const size = fs.statSync(file).size;
  log(`screenshot ${path.relative(process.cwd(), file)} (${size} bytes)`);
  if (size < 5_000) {
    throw new Error(`the story screenshot is nearly empty (${size} bytes)`);
  }
  await screenshot(page, `${name}-window`);
  return frame;
}

/** The cursor line the status bar shows ("Ln 4, Col 1"), 1-based. */
async function cursorLine(page: Page): Promise<number> {
  const text = await page.locator('#status\\.editor\\.selection').innerText();
  const match = /Ln (\d+)/.exec(text);
  return match === null ? -1 : Number(match[1]);
}

async function storyScenario(context: BrowserContext, port: number, workspace: string): Promise<void> {
  const page = await openWorkspace(context, port, workspace, true);
  const remote: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) {
      remote.push(request.url());
    }
  });

  log('story.py: "gradguard: Show autograd story" from the light-bulb menu, light theme');
  await openFile(page, 'story.py');
  await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible' });
  await setColorTheme(page, 'Light Modern');
  await quickFix(page, 'y.mul_(2)', 'Show autograd story', 'story-quick-fix-menu');
  const frame = await checkStory(page, 'light', 'story-light');

  log('a click on the saving event reveals line 4 in the editor');
  await page.locator('.editor-instance .view-line', { hasText: 'y.sum().backward()' }).first().click();
  await frame.locator('.gg-event[data-line="3"]').first().click();
  const deadline = Date.now() + TIMEOUT;
  while ((await cursorLine(page)) !== 4 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if ((await cursorLine(page)) !== 4) {
    throw new Error(`the click did not reveal line 4 (the cursor is at line ${await cursorLine(page)})`);
  }
  await screenshot(page, 'story-click-revealed');

  log('close the story, switch to the dark theme, open it again from the hover link');
  await runCommand(page, 'View: Close Editors in Other Groups');
  await page.locator('iframe.webview.ready').first().waitFor({ state: 'detached' });
  await setColorTheme(page, 'Dark Modern');
  await page.locator('.editor-instance .view-line', { hasText: 'y.mul_(2)' }).first().click();
  await runCommand(page, 'Show or Focus Hover');
  const link = page.locator('.monaco-hover a', { hasText: 'Show autograd story' }).first();
  await link.waitFor({ state: 'visible' });
  await screenshot(page, 'story-hover-link');
  await link.click();
  await page.keyboard.press('Escape'); // the hover stays open over the webview otherwise
  await link.waitFor({ state: 'hidden' });
  await checkStory(page, 'dark', 'story-dark');

  log('back to the light theme: the open story is drawn again for it');
  await setColorTheme(page, 'Light Modern');
  const redrawn = await checkStory(page, 'light', 'story-light-redrawn');
  const factsBefore = await redrawn.evaluate(() => document.querySelector('svg.gg-story')?.getAttribute('data-facts'));

  log('Verify cell with the story open: the story is drawn again from what the run saw');
  await page.locator('.editor-instance .view-line', { hasText: 'y.mul_(2)' }).first().click();
  await runCommand(page, 'gradguard: Verify Cell');
  await notification(page, /static findings confirmed/);
  const verifiedBy = Date.now() + TIMEOUT;
  let facts: string | null | undefined = factsBefore;
  while (facts !== 'run' && Date.now() < verifiedBy) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    facts = await storyFrame(page)
      .then((frame) => frame.evaluate(() => document.querySelector('svg.gg-story')?.getAttribute('data-facts')))
      .catch(() => facts);
  }
  log(`the story's facts: ${String(factsBefore)} before the run, ${String(facts)} after`);
  if (factsBefore !== 'static' || facts !== 'run') {
    throw new Error(`the story was not drawn again from the run (data-facts ${String(factsBefore)} -> ${String(facts)})`);
  }
  await clearNotifications(page);
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility'); // room for the picture
  await checkStory(page, 'light', 'story-verified');

  log('notebook: the story of cell 3\'s finding (command palette, cursor on it) in the same panel; a click on the save reveals cell 2');
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  await openFile(page, 'notebook.ipynb');
  const bugCell = page.locator('.notebook-editor .cell-list-container .code-cell-row').nth(2);
  await bugCell.locator('.squiggly-error').first().waitFor({ state: 'visible' });
  // from the command palette this time: the problem under the cursor
  await bugCell.locator('.view-line', { hasText: 'y.mul_(2)' }).first().click();
  await runCommand(page, 'gradguard: Show Autograd Story');
  const cellsBy = Date.now() + TIMEOUT;
  let notebookFrame: Frame | undefined;
  let cellEvents: DrawnEvent[] = [];
  while (Date.now() < cellsBy) {
    try {
      notebookFrame = await storyFrame(page);
      cellEvents = (await drawnEvents(notebookFrame)).events;
      if (cellEvents.some((e) => e.uri.startsWith('vscode-notebook-cell:'))) {
        break;
      }
    } catch {
      // redrawn meanwhile
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  log(`notebook story: ${JSON.stringify(cellEvents.map((e) => [e.kind, e.uri.replace(/^.*#/, '#'), e.line]))}`);
  const save = cellEvents.find((e) => e.kind === 'save');
  const write = cellEvents.find((e) => e.kind === 'write');
  if (notebookFrame === undefined || save === undefined || write === undefined || save.uri === write.uri || !save.uri.startsWith('vscode-notebook-cell:')) {
    throw new Error(`the notebook story should save in one cell and write in another: ${JSON.stringify(cellEvents)}`);
  }
  await screenshot(page, 'story-notebook');
  await notebookFrame.locator('.gg-event[data-kind="save"]').first().click();
  await page
    .locator('.notebook-editor .cell-list-container .code-cell-row.focused', { hasText: 'torch.sigmoid(x)' })
    .waitFor({ state: 'visible' });
  log('the saving cell (cell 2) has the focus');
  await screenshot(page, 'story-notebook-revealed');

  if (remote.length > 0) {
    throw new Error(`requests left the machine: ${remote.join(', ')}`);
  }
  log('no request left 127.0.0.1');
  await page.close();
}

async function untrustedScenario(context: BrowserContext, port: number, workspace: string): Promise<void> {
  const page = await openWorkspace(context, port, workspace, false);
  await screenshot(page, 'workspace-restricted');

  log('Restricted Mode: diagnostics still appear');
  await openFile(page, 'train.py');
  await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible' });
  await screenshot(page, 'restricted-squiggle');

  log('Restricted Mode: Verify cell is refused');
  await page.locator('.editor-instance .view-line', { hasText: 'y.mul_(2)' }).click();
  await runCommand(page, 'gradguard: Verify Cell');
  await notification(page, /not available in Restricted Mode/);
  await screenshot(page, 'restricted-verify-refused');
  await page.close();
}

function dumpLogs(sandbox: Sandbox, serverOutput: string[], print: boolean): void {
  const logs = findFiles(sandbox.userData, /gradguard.*\.log$|exthost\.log$/i);
  logs.forEach((file, index) => {
    const target = path.join(ARTIFACTS, `${index}-${path.basename(file)}`);
    fs.copyFileSync(file, target);
    if (print && /gradguard/i.test(path.basename(file))) {
      console.log(`----- ${target}\n${fs.readFileSync(file, 'utf8').split('\n').slice(-60).join('\n')}`);
    }
  });
  fs.writeFileSync(path.join(ARTIFACTS, 'code-server.log'), serverOutput.join(''));
}

async function main(): Promise<number> {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const sandbox = makeSandbox();
  installExtension(sandbox);
  const workspaces = path.join(sandbox.root, 'workspaces');
  fs.mkdirSync(workspaces);
  const trusted = copyFixture('trusted', workspaces);
  const untrusted = copyFixture('untrusted', workspaces);
  const fixes = copyFixture('fixes', workspaces);
  const story = copyFixture('story', workspaces);

  const port = await freePort();
  const { child, output } = await startCodeServer(sandbox, port);
  const profile = path.join(sandbox.root, 'chromium-profile');
  let context: BrowserContext | undefined;
  let passed = 0;
  let failed = 0;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const browser = context;
    const scenarios: [string, () => Promise<void>][] = [
      ['trusted workspace', () => trustedScenario(browser, port, trusted, sandbox)],
      ['fixes workspace', () => fixesScenario(browser, port, fixes)],
      ['story workspace', () => storyScenario(browser, port, story)],
      ['untrusted workspace', () => untrustedScenario(browser, port, untrusted)],
    ];
    // E2E_ONLY=story,fixes runs the scenarios whose names contain one of the words (for iterating)
    const only = (process.env.E2E_ONLY ?? '').split(',').filter((word) => word !== '');
    const chosen = scenarios.filter(([name]) => only.length === 0 || only.some((word) => name.includes(word)));
    for (const [name, scenario] of chosen) {
      try {
        await scenario();
        passed += 1;
        log(`PASS ${name}`);
      } catch (error) {
        failed += 1;
        console.error(`[e2e] FAIL ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        const open = browser.pages().filter((page) => page.url() !== 'about:blank');
        for (const [index, page] of open.entries()) {
          const file = path.join(ARTIFACTS, `failure-${name.replace(/\W+/g, '-')}-${index}.png`);
          await page.screenshot({ path: file }).catch(() => undefined);
          await page.close().catch(() => undefined);
        }
      }
    }
  } catch (error) {
    failed += 1;
    console.error(`[e2e] FAIL: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    dumpLogs(sandbox, output, failed > 0);
    await context?.close().catch(() => undefined);
    stopCodeServer(child);
    if (failed === 0 && process.env.E2E_KEEP !== '1') {
      fs.rmSync(sandbox.root, { recursive: true, force: true });
    } else {
      log(`sandbox kept in ${sandbox.root}`);
    }
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

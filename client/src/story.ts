/**
 * The autograd story of a finding (what was saved, what overwrote it, which backward failed),
 * drawn by the server as SVG (`workspace/executeCommand gradguard.story`) and shown by the
 * extension in a webview. This module holds the pure parts: the command's arguments and answer,
 * the messages the webview posts, and the webview's HTML with its Content-Security-Policy.
 *
 * Pure: no `vscode` import, so it is unit-tested with plain values.
 */

export const SHOW_STORY = 'gradguard.showStory';
export const STORY_REQUEST = 'gradguard.story';

export type StoryTheme = 'light' | 'dark';

/** Where a finding starts: an LSP 0-based position in a document (a notebook cell's own uri). */
export interface StoryArgs {
  uri: string;
  line: number;
  character: number;
}

/** `gradguard.story`'s answer for a finding. */
export interface StoryResult {
  title: string;
  svg: string;
  markdown: string;
  story: unknown;
}

/** What the webview posts when an event of the picture is clicked: reveal that line. */
export interface RevealMessage {
  type: 'reveal';
  uri: string;
  line: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLineNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * The finding a `gradguard.showStory` invocation names: `{uri, line, character}` itself, or as
 * the first element of an argument list (a code action's `arguments`, a hover link's query).
 */
export function parseStoryArgs(value: unknown): StoryArgs | undefined {
  const candidate: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (!isRecord(candidate)) {
    return undefined;
  }
  const { uri, line, character } = candidate;
  if (typeof uri !== 'string' || uri === '' || !isLineNumber(line)) {
    return undefined;
  }
  return { uri, line, character: isLineNumber(character) ? character : 0 };
}

/** The hover link that opens a story: `command:gradguard.showStory?<url-encoded JSON args>`. */
export function storyCommandLink(args: StoryArgs): string {
  const payload = [{ uri: args.uri, line: args.line, character: args.character }];
  return `command:${SHOW_STORY}?${encodeURIComponent(JSON.stringify(payload))}`;
}

/** The arguments of the server request, with the theme the picture is drawn for. */
export function storyRequestArguments(args: StoryArgs, theme: StoryTheme): [StoryArgs & { theme: StoryTheme }] {
  return [{ uri: args.uri, line: args.line, character: args.character, theme }];
}

/**
 * VS Code's `ColorThemeKind` (1 light, 2 dark, 3 high contrast, 4 high contrast light) as the
 * server's two themes.
 */
export function themeOfKind(kind: number): StoryTheme {
  return kind === 1 || kind === 4 ? 'light' : 'dark';
}

/** The server's answer, or undefined when there is no finding there (or the answer is malformed). */
export function parseStoryResult(value: unknown): StoryResult | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const { title, svg, markdown, story } = value;
  if (typeof title !== 'string' || typeof svg !== 'string' || !/<svg[\s>]/.test(svg)) {
    return undefined;
  }
  return { title, svg, markdown: typeof markdown === 'string' ? markdown : '', story };
}

export function parseRevealMessage(value: unknown): RevealMessage | undefined {
  if (!isRecord(value) || value.type !== 'reveal') {
    return undefined;
  }
  const { uri } = value;
  const line = typeof value.line === 'string' ? Number(value.line) : value.line;
  if (typeof uri !== 'string' || uri === '' || !isLineNumber(line)) {
    return undefined;
  }
  return { type: 'reveal', uri, line };
}

/** A diagnostic as far as choosing one goes (vscode.Diagnostic has these fields). */
export interface DiagnosticLike {
  source?: string | undefined;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/**
 * The gradguard diagnostic under the cursor (the palette command without arguments): the
 * innermost one whose range holds the position, else the first on the cursor's line.
 */
export function diagnosticAt<T extends DiagnosticLike>(
  diagnostics: readonly T[],
  position: { line: number; character: number },
): T | undefined {
  const ours = diagnostics.filter((d) => d.source === 'gradguard');
  const holding = ours.filter((d) => !before(position, d.range.start) && !before(d.range.end, position));
  holding.sort((a, b) => (before(a.range.start, b.range.start) ? 1 : before(b.range.start, a.range.start) ? -1 : 0));
  return holding[0] ?? ours.find((d) => d.range.start.line <= position.line && position.line <= d.range.end.line);
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The webview's policy: nothing by default; styles from the webview's own origin or carrying
 * the nonce; the one script carrying the nonce; images only local or inline. No connect-src,
 * no frames, no fonts: the picture loads nothing.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The server's SVG as the page embeds it: from the `<svg` on (no XML prolog), without scripts
 * or inline event handlers (the policy would block them; they are not kept either), its
 * `<style>` elements given the nonce so the policy lets them apply.
 */
export function embeddableSvg(svg: string, nonce: string): string {
  const start = svg.search(/<svg[\s>]/);
  return svg
    .slice(Math.max(start, 0))
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<[a-z][^>]*>/gi, (tag) => tag.replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, ''))
    .replace(/<style\b/gi, `<style nonce="${nonce}"`);
}

/** The click handler: an event of the picture (`.gg-event`) asks the extension to reveal its line. */
const SCRIPT = `
const vscode = acquireVsCodeApi();
function reveal(target) {
  const event = target instanceof Element ? target.closest('.gg-event') : null;
  if (event === null) { return; }
  vscode.postMessage({ type: 'reveal', uri: event.getAttribute('data-uri'), line: Number(event.getAttribute('data-line')) });
}
for (const event of document.querySelectorAll('.gg-event')) {
  event.setAttribute('tabindex', '0');
  event.setAttribute('role', 'button');
}
document.addEventListener('click', (e) => reveal(e.target));
document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' || e.key === ' ') { reveal(e.target); }
});
`;

const STYLE = `
body { color: var(--vscode-editor-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px; }
h1 { font-size: 1.15em; font-weight: 600; margin: 12px 0 8px; }
.gg-note { color: var(--vscode-descriptionForeground); margin: 0 0 8px; }
.gg-picture svg { max-width: 100%; height: auto; }
.gg-event { cursor: pointer; }
.gg-event:hover, .gg-event:focus { outline: 1px solid var(--vscode-focusBorder); }
details { margin: 12px 0; }
pre { white-space: pre-wrap; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
`;

export interface StoryPage {
  cspSource: string;
  nonce: string;
  theme: StoryTheme;
  /** The story to draw, or undefined with `note` saying why there is none. */
  result: StoryResult | undefined;
  note?: string;
}

/** The whole webview document. */
export function storyHtml(page: StoryPage): string {
  const { cspSource, nonce, theme, result } = page;
  const title = result?.title ?? 'gradguard: autograd story';
  // the picture carries its own heading; a page without one says why
  const note = page.note === undefined ? '' : `<h1>${escapeHtml(title)}</h1><p class="gg-note">${escapeHtml(page.note)}</p>`;
  const body =
    result === undefined
      ? ''
      : `<div class="gg-picture">${embeddableSvg(result.svg, nonce)}</div>` +
        (result.markdown.trim() === ''
          ? ''
          : `<details><summary>Text timeline</summary><pre>${escapeHtml(result.markdown)}</pre></details>`);
  return `<!DOCTYPE html>
<html lang="en" data-theme="${theme}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
${note}${body}
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  contentSecurityPolicy,
  diagnosticAt,
  embeddableSvg,
  parseRevealMessage,
  parseStoryArgs,
  parseStoryResult,
  storyCommandLink,
  storyHtml,
  storyRequestArguments,
  themeOfKind,
} from '../../src/story';

const URI = 'file:///work/p/train.py';
const CELL = 'vscode-notebook-cell:/work/p/nb.ipynb#W1sZmlsZQ%3D%3D';
const SVG =
  '<?xml version="1.0"?>\n<svg class="gg-story" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 120">' +
  '<style>.gg-fail { stroke: var(--vscode-errorForeground, #e51400); }</style>' +
  `<g class="gg-event" data-uri="${URI}" data-line="2" data-kind="save"><title>saved by sigmoid</title><circle r="4"/></g>` +
  `<g class="gg-event gg-fail" data-uri="${URI}" data-line="4" data-kind="backward"><title>backward</title></g></svg>`;

describe('gradguard.showStory arguments', () => {
  it('takes {uri, line, character} alone or first in an argument list', () => {
    const args = { uri: URI, line: 3, character: 0 };
    assert.deepEqual(parseStoryArgs(args), args);
    assert.deepEqual(parseStoryArgs([args]), args);
    assert.deepEqual(parseStoryArgs({ uri: CELL, line: 0 }), { uri: CELL, line: 0, character: 0 });
  });

  it('refuses what names no position', () => {
    for (const bad of [undefined, null, 'file:///x.py', [], [5], { uri: URI }, { uri: '', line: 1 }, { uri: URI, line: -1 }, { uri: URI, line: 1.5 }]) {
      assert.equal(parseStoryArgs(bad), undefined, JSON.stringify(bad));
    }
  });

  it('a hover link round-trips through the command URI encoding VS Code decodes', () => {
    const args = { uri: CELL, line: 7, character: 4 };
    const link = storyCommandLink(args);
    assert.match(link, /^command:gradguard\.showStory\?%5B%7B/);
    assert.equal(/[\s()[\]"]/.test(link), false, 'markdown link targets need no escaping');
    const query = link.slice(link.indexOf('?') + 1);
    assert.deepEqual(parseStoryArgs(JSON.parse(decodeURIComponent(query))), args);
  });

  it('the server request carries the theme', () => {
    assert.deepEqual(storyRequestArguments({ uri: URI, line: 1, character: 2 }, 'dark'), [
      { uri: URI, line: 1, character: 2, theme: 'dark' },
    ]);
    assert.deepEqual([1, 2, 3, 4].map(themeOfKind), ['light', 'dark', 'dark', 'light']);
  });
});

describe('gradguard.story answers and webview messages', () => {
  it('an answer needs a title and an SVG; null means no finding', () => {
    const result = parseStoryResult({ title: 'GG002', svg: SVG, markdown: '1. saved', story: { events: [] } });
    assert.ok(result);
    assert.equal(result.title, 'GG002');
    assert.deepEqual(result.story, { events: [] });
    assert.equal(parseStoryResult(null), undefined);
    assert.equal(parseStoryResult({ title: 'x', svg: '<div></div>' }), undefined);
    assert.equal(parseStoryResult({ title: 'x', svg: SVG })?.markdown, '');
  });

  it('a reveal message names a uri and a 0-based line (data-line arrives as a number or a string)', () => {
    assert.deepEqual(parseRevealMessage({ type: 'reveal', uri: URI, line: 4 }), { type: 'reveal', uri: URI, line: 4 });
    assert.deepEqual(parseRevealMessage({ type: 'reveal', uri: CELL, line: '0' }), { type: 'reveal', uri: CELL, line: 0 });
    for (const bad of [null, { type: 'other', uri: URI, line: 1 }, { type: 'reveal', uri: URI, line: Number.NaN }, { type: 'reveal', line: 1 }]) {
      assert.equal(parseRevealMessage(bad), undefined);
    }
  });
});

describe('the diagnostic under the cursor', () => {
  const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
  const outer = { source: 'gradguard', range: range(3, 0, 6, 0), id: 'outer' };
  const inner = { source: 'gradguard', range: range(4, 2, 4, 9), id: 'inner' };
  const other = { source: 'Pylance', range: range(4, 0, 4, 20), id: 'other' };

  it('the innermost gradguard diagnostic holding the position', () => {
    assert.equal(diagnosticAt([outer, inner, other], { line: 4, character: 5 })?.id, 'inner');
    assert.equal(diagnosticAt([outer, inner, other], { line: 5, character: 0 })?.id, 'outer');
  });

  it('else one on the same line; never another tool\'s', () => {
    assert.equal(diagnosticAt([inner], { line: 4, character: 15 })?.id, 'inner');
    assert.equal(diagnosticAt([other], { line: 4, character: 5 }), undefined);
    assert.equal(diagnosticAt([inner], { line: 8, character: 0 }), undefined);
  });
});

describe('the webview page', () => {
  const NONCE = 'bm9uY2Vub25jZW5vbmNl';
  const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

  it('the policy allows nothing but its own styles, the nonce script and local or inline images', () => {
    const policy = contentSecurityPolicy(CSP_SOURCE, NONCE);
    const directives = new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), [`'nonce-${NONCE}'`]);
    assert.deepEqual(directives.get('style-src'), [CSP_SOURCE, `'nonce-${NONCE}'`]);
    assert.deepEqual(directives.get('img-src'), [CSP_SOURCE, 'data:']);
    assert.equal(policy.includes('unsafe'), false);
    assert.equal(directives.has('connect-src'), false);
  });

  it('embeds the SVG without prolog, scripts or handlers; its styles get the nonce', () => {
    const hostile = SVG.replace(
      '<title>backward</title>',
      '<title>f(x, one="a")</title><circle r="4" onclick="alert(1)"/><script>fetch("https://x")</script>',
    );
    const svg = embeddableSvg(hostile, NONCE);
    assert.ok(svg.startsWith('<svg class="gg-story"'));
    assert.equal(/<script|onclick|fetch/.test(svg), false);
    assert.ok(svg.includes('<title>f(x, one="a")</title>'), 'text that looks like a handler is text');
    assert.ok(svg.includes(`<style nonce="${NONCE}">.gg-fail`));
    assert.equal((svg.match(/class="gg-event/g) ?? []).length, 2);
  });

  it('every script and style carries the nonce; the page names no remote resource', () => {
    const result = parseStoryResult({ title: 'GG002: `y.mul_(2)` <overwrote>', svg: SVG, markdown: 'line 3 -> <b>', story: {} });
    const html = storyHtml({ cspSource: CSP_SOURCE, nonce: NONCE, theme: 'light', result });
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; /);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    const styles = html.match(/<style[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.equal(styles.length, 2); // the page's and the picture's
    for (const tag of [...scripts, ...styles]) {
      assert.ok(tag.includes(`nonce="${NONCE}"`), tag);
    }
    assert.equal(/\b(src|href)=/.test(html), false);
    assert.equal(/https?:\/\/(?!www\.w3\.org)/.test(html.split(CSP_SOURCE).join('')), false);
    assert.ok(html.includes('<title>GG002: `y.mul_(2)` &lt;overwrote&gt;</title>'));
    assert.ok(html.includes('<pre>line 3 -&gt; &lt;b&gt;</pre>'));
    assert.ok(html.includes('data-theme="light"'));
    assert.ok(html.includes("closest('.gg-event')") && html.includes("type: 'reveal'"));
  });

  it('without a story the page says why', () => {
    const html = storyHtml({ cspSource: CSP_SOURCE, nonce: NONCE, theme: 'dark', result: undefined, note: 'No finding <here>.' });
    assert.ok(html.includes('<p class="gg-note">No finding &lt;here&gt;.</p>'));
    assert.equal(html.includes('<svg'), false);
  });
});

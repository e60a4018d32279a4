import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { cellAt, findCells, hasCells, notebookCellArgument, resultLogLines, textCellArgument } from '../../src/cells';
import { shouldNotify, StderrClassifier } from '../../src/notify';

describe('`# %%` cells, numbered as `gradguard verify --cell N`', () => {
  it('a file without markers is one cell', () => {
    assert.deepEqual(findCells(['import torch', 'x = 1']), [{ index: 1, startLine: 0, endLine: 1, markerLine: undefined }]);
    assert.equal(hasCells(['import torch']), false);
  });

  it('lines before the first marker form cell 1', () => {
    const lines = ['import torch', '# %% setup', 'x = 1', '#%%', 'y = 2'];
    assert.deepEqual(findCells(lines), [
      { index: 1, startLine: 0, endLine: 0, markerLine: undefined },
      { index: 2, startLine: 1, endLine: 2, markerLine: 1 },
      { index: 3, startLine: 3, endLine: 4, markerLine: 3 },
    ]);
    assert.equal(cellAt(lines, 2).index, 2);
    assert.equal(cellAt(lines, 3).index, 3);
    assert.equal(cellAt(lines, 99).index, 3);
  });

  it('a marker on the first line starts cell 1', () => {
    const lines = ['# %%', 'x = 1', '# %% [markdown]', '# text'];
    assert.deepEqual(
      findCells(lines).map((c) => [c.index, c.markerLine]),
      [
        [1, 0],
        [2, 2],
      ],
    );
  });

  it('only a marker at the start of the line counts (as the analysis)', () => {
    assert.equal(hasCells(['    # %%', 'x = "# %%"']), false);
  });

  it('builds the executeCommand arguments', () => {
    const lines = ['import torch', '# %%', 'y.mul_(2)'];
    assert.deepEqual(textCellArgument('file:///t.py', lines, 2, 30), {
      uri: 'file:///t.py',
      position: { line: 2, character: 0 },
      cell: 2,
      timeout: 30,
      quiet: true,
    });
    assert.deepEqual(notebookCellArgument('file:///n.ipynb', 3, 'vscode-notebook-cell:/n.ipynb#X3', 30), {
      uri: 'file:///n.ipynb',
      cellIndex: 3,
      cellUri: 'vscode-notebook-cell:/n.ipynb#X3',
      timeout: 30,
      quiet: true,
    });
  });
});

describe('the verify answer in the log', () => {
  it('gives the summary, each runtime finding and the exception, one line each', () => {
    const answer = {
      message: 'gradguard verify (cell 2): RuntimeError at line 9; 1 runtime finding, 1/1 static findings confirmed',
      findings: [{ kind: 'GG002', message: '`mul_` at line 8 modified ...', inplace: { line: 8, op: 'mul_' } }],
      exception: { type: 'RuntimeError', message: 'one of the variables ...\nmore', line: 9 },
      stderr: 'x'.repeat(10000),
    };
    assert.deepEqual(resultLogLines(answer), [
      'gradguard verify (cell 2): RuntimeError at line 9; 1 runtime finding, 1/1 static findings confirmed',
      'line 8: GG002 `mul_` at line 8 modified ...',
      'RuntimeError at line 9: one of the variables ...',
    ]);
    assert.deepEqual(resultLogLines({ status: 'error', message: 'no cell 7' }), ['no cell 7']);
    assert.deepEqual(resultLogLines(null), ['null']);
  });
});

describe('gradguard.showNotifications', () => {
  it('filters by level', () => {
    assert.deepEqual(
      (['off', 'onError', 'onWarning', 'always'] as const).map((setting) =>
        (['error', 'warning', 'info'] as const).filter((level) => shouldNotify(level, setting)),
      ),
      [[], ['error'], ['error', 'warning'], ['error', 'warning', 'info']],
    );
  });
});

describe('server stderr lines in the log', () => {
  it('logs the banner as information, tracebacks as errors, warnings as warnings', () => {
    const classifier = new StderrClassifier();
    const lines = [
      'gradguard 0.1.0 from /ext/bundled/libs/gradguard (import strategy useBundled), Python 3.11.7 at /usr/bin/python3',
      'Traceback (most recent call last):',
      '  File "/x/server.py", line 3, in main',
      '    y.mul_(2)',
      'ValueError: boom',
      'after the traceback',
      'WARNING:pygls.protocol:Cancel notification for unknown message id',
      'ERROR:pygls:failed',
    ];
    assert.deepEqual(
      lines.map((line) => classifier.level(line)),
      ['info', 'error', 'error', 'error', 'error', 'info', 'warning', 'error'],
    );
  });
});

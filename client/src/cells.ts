/**
 * `# %%` cells of a Python file, numbered as `gradguard verify --cell N` numbers them
 * (server/gradguard/verify/cells.py): from 1, in file order; lines before the first marker form
 * cell 1; a file without markers is one cell. Pure.
 */

/** The marker the analysis and `verify --cell` use (`_CELL` in analysis/parsing.py). */
export const CELL_MARKER = /^#\s*%%/;

export interface Cell {
  /** 1-based, as `verify --cell`. */
  index: number;
  /** 0-based first and last line (inclusive). */
  startLine: number;
  endLine: number;
  /** 0-based line of its `# %%` marker; undefined for the lines before the first marker. */
  markerLine: number | undefined;
}

export function findCells(lines: readonly string[]): Cell[] {
  const markers: number[] = [];
  lines.forEach((line, i) => {
    if (CELL_MARKER.test(line)) {
      markers.push(i);
    }
  });
  const last = Math.max(lines.length - 1, 0);
  if (markers.length === 0) {
    return [{ index: 1, startLine: 0, endLine: last, markerLine: undefined }];
  }
  const starts: { line: number; marker: boolean }[] = markers.map((line) => ({ line, marker: true }));
  if (markers[0] !== 0) {
    starts.unshift({ line: 0, marker: false });
  }
  return starts.map((start, i) => ({
    index: i + 1,
    startLine: start.line,
    endLine: i + 1 < starts.length ? (starts[i + 1]?.line ?? lines.length) - 1 : last,
    markerLine: start.marker ? start.line : undefined,
  }));
}

/** The cell holding 0-based `line` (clamped into the file). */
export function cellAt(lines: readonly string[], line: number): Cell {
  const cells = findCells(lines);
  const found = cells.find((cell) => line >= cell.startLine && line <= cell.endLine);
  const fallback = line < 0 ? cells[0] : cells[cells.length - 1];
  // findCells always returns at least one cell
  return found ?? fallback ?? { index: 1, startLine: 0, endLine: 0, markerLine: undefined };
}

/** Whether a file has `# %%` markers, i.e. is a cell script that gets "Verify cell" lenses. */
export function hasCells(lines: readonly string[]): boolean {
  return lines.some((line) => CELL_MARKER.test(line));
}

/**
 * The single argument of `workspace/executeCommand gradguard.verifyCell`.
 * Text file: `uri` of the file, `position` (0-based, LSP) and the 1-based `# %%` `cell`.
 * Notebook: `uri` of the notebook, `cellIndex` (0-based, in the notebook) and `cellUri`.
 * `timeout` is `gradguard.verify.timeout` in seconds; `quiet`: the client shows the answer itself,
 * so the server sends no window/showMessage for it.
 */
export type VerifyCellArgument =
  | { uri: string; position: { line: number; character: number }; cell: number; timeout: number; quiet: true }
  | { uri: string; cellIndex: number; cellUri: string; timeout: number; quiet: true };

export function textCellArgument(uri: string, lines: readonly string[], line: number, timeout: number): VerifyCellArgument {
  const cell = cellAt(lines, line);
  return { uri, position: { line, character: 0 }, cell: cell.index, timeout, quiet: true };
}

/**
 * The verify answer in a few log lines: the summary, each runtime finding with its lines, the
 * exception; the whole JSON goes to the debug level (its stderr can be long).
 */
export function resultLogLines(result: unknown): string[] {
  if (typeof result !== 'object' || result === null) {
    return [String(result)];
  }
  const doc = result as {
    message?: unknown;
    findings?: unknown;
    exception?: unknown;
  };
  const lines = [typeof doc.message === 'string' ? doc.message : 'no summary'];
  if (Array.isArray(doc.findings)) {
    for (const finding of doc.findings as { kind?: unknown; message?: unknown; inplace?: { line?: unknown } | null }[]) {
      const line = finding.inplace && typeof finding.inplace.line === 'number' ? `line ${finding.inplace.line}` : 'line ?';
      lines.push(`${line}: ${String(finding.kind)} ${String(finding.message)}`);
    }
  }
  const exception = doc.exception as { type?: unknown; message?: unknown; line?: unknown } | null | undefined;
  if (exception && typeof exception === 'object') {
    const where = typeof exception.line === 'number' ? ` at line ${exception.line}` : '';
    lines.push(`${String(exception.type)}${where}: ${String(exception.message).split('\n')[0]}`);
  }
  return lines;
}

export function notebookCellArgument(notebookUri: string, cellIndex: number, cellUri: string, timeout: number): VerifyCellArgument {
  return { uri: notebookUri, cellIndex, cellUri, timeout, quiet: true };
}

/** Python files, unsaved Python buffers and Python notebook cells (`# %%` files are Python files). */
export const DOCUMENT_SELECTOR: { scheme: string; language: string }[] = [
  { scheme: 'file', language: 'python' },
  { scheme: 'untitled', language: 'python' },
  { scheme: 'vscode-notebook-cell', language: 'python' },
];

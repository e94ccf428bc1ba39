// Every data folder of a run lives under one temporary folder, removed when the run ends.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let root: string | null = null;

/** A new empty folder for one server's data. */
export function newDataDir(prefix: string): string {
  root ??= fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-'));
  return fs.mkdtempSync(path.join(root, `${prefix}-`));
}

/** Removes every data folder this run made. */
export function removeDataDirs(): void {
  if (root) fs.rmSync(root, { recursive: true, force: true });
  root = null;
}

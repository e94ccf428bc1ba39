// The export file: JSON Lines, one table after another, each table's rows between a header
// naming its columns and a footer with its row count and SHA-256, and a summary at the end.
//
//   {"countersign":"export","version":1,"exportedAt":"...","from":"SQLite ..."}
//   {"table":"users","columns":["id","email",...]}
//   ["Xb3...","pcc@example.org",...]
//   {"end":"users","rows":5,"sha256":"..."}
//   ...
//   {"summary":{"users":{"rows":5,"sha256":"..."},...},"sha256":"..."}
//
// A table's hash is the SHA-256 of its row lines, each followed by a newline; the summary's is
// the SHA-256 of one line per table, "<name> <rows> <sha256>\n", in file order. Both sides
// compute them from the rows in the file's form, so equal hashes mean equal records.
import { createHash, type Hash } from 'node:crypto';
import type { DumpRow } from './tables';

export const DUMP_FORMAT = 'countersign-export';
export const DUMP_VERSION = 1;

export interface DumpHeader {
  countersign: typeof DUMP_FORMAT;
  version: number;
  exportedAt: string;
  from: string;
}

export interface TableSummary {
  rows: number;
  sha256: string;
}

/** Counts and hashes the rows of one table as they go by. */
export class TableHasher {
  rows = 0;
  private readonly hash: Hash = createHash('sha256');

  /** Adds a row, and gives back its line (without the newline). */
  add(row: DumpRow): string {
    const line = JSON.stringify(row);
    this.hash.update(`${line}\n`);
    this.rows += 1;
    return line;
  }

  summary(): TableSummary {
    return { rows: this.rows, sha256: this.hash.digest('hex') };
  }
}

/** The hash over every table's count and hash, in order. */
export function summaryHash(tables: ReadonlyArray<readonly [string, TableSummary]>): string {
  const hash = createHash('sha256');
  for (const [name, summary] of tables) hash.update(`${name} ${summary.rows} ${summary.sha256}\n`);
  return hash.digest('hex');
}

/** The counts and hashes as the commands print them. */
export function formatSummary(tables: ReadonlyArray<readonly [string, TableSummary]>): string {
  const width = Math.max(5, ...tables.map(([name]) => name.length));
  const total = tables.reduce((sum, [, summary]) => sum + summary.rows, 0);
  const lines = [`  ${'table'.padEnd(width)}  ${'rows'.padStart(9)}  sha256`];
  for (const [name, summary] of tables) lines.push(`  ${name.padEnd(width)}  ${String(summary.rows).padStart(9)}  ${summary.sha256}`);
  lines.push(`  ${'all'.padEnd(width)}  ${String(total).padStart(9)}  ${summaryHash(tables)}`);
  return `${lines.join('\n')}\n`;
}

// A database as `countersign export` and `import` see it: tables of rows in the file's form
// (tables.ts), read in one consistent snapshot or written in one transaction. SQLite and
// PostgreSQL each implement it beside their stores (SqliteDump, PgDump).
import type { DumpRow, DumpTable } from './tables';

export interface DumpReader {
  /** Every table that holds data (not the database's own bookkeeping), with its columns. */
  tables(): Promise<Map<string, string[]>>;
  /** A table's rows in its export order, in the file's form, a page at a time. */
  rows(table: DumpTable): AsyncIterable<DumpRow[]>;
  /** How many rows a table holds. */
  count(table: string): Promise<number>;
}

export interface DumpWriter extends DumpReader {
  /** Adds rows (in the file's form) to a table, in the order given. */
  insert(table: DumpTable, rows: DumpRow[]): Promise<void>;
}

export interface DatabaseDump {
  /** What the database is, for messages ("SQLite /srv/data/countersign.db"); never a password. */
  readonly description: string;
  /** Columns a table has on this database beyond those exported (PostgreSQL's `seq` of insertion order). */
  readonly ownColumns: (table: DumpTable) => string[];
  /** Runs `work` on one consistent snapshot: rows written meanwhile are not seen. */
  read<T>(work: (reader: DumpReader) => Promise<T>): Promise<T>;
  /** Runs `work` in one transaction: nothing it wrote is kept unless it resolves. */
  write<T>(work: (writer: DumpWriter) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

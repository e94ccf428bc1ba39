import path from 'node:path';
import { rowToFile, fromFileValue } from '../dump/canonical';
import type { DatabaseDump, DumpReader, DumpWriter } from '../dump/DatabaseDump';
import type { DumpRow, DumpTable } from '../dump/tables';
import { DATABASE_FILE } from './openDatabase';
import { openSqliteStore } from './openSqliteStore';

/** Rows handed over at a time. */
const PAGE_ROWS = 500;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The SQLite database of a data folder for export and import, opened as the server opens it
 * (migrated, older activity entries chained). Reads run in one read transaction, which in WAL
 * mode is a snapshot however much a running server writes meanwhile.
 */
export function openSqliteDump(dataDir: string): DatabaseDump {
  const store = openSqliteStore(dataDir);
  const { db } = store.connection;

  const reader: DumpReader = {
    async tables() {
      const names = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
      return new Map(names.map(({ name }) => [name, db.prepare<[], { name: string }>(`PRAGMA table_info(${quote(name)})`).all().map((column) => column.name)]));
    },
    async *rows(table: DumpTable) {
      const order = table.order === 'insertion' ? 'rowid' : table.order.map(quote).join(', ');
      const statement = db.prepare<[], Record<string, unknown>>(`SELECT ${table.columns.map(([name]) => quote(name)).join(', ')} FROM ${quote(table.name)} ORDER BY ${order}`);
      let page: DumpRow[] = [];
      for (const row of statement.iterate()) {
        page.push(rowToFile(table, row));
        if (page.length >= PAGE_ROWS) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    },
    async count(table: string) {
      return db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${quote(table)}`).get()!.n;
    },
  };

  const writer: DumpWriter = {
    ...reader,
    async insert(table: DumpTable, rows: DumpRow[]) {
      const names = table.columns.map(([name]) => name);
      const statement = db.prepare(`INSERT INTO ${quote(table.name)} (${names.map(quote).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
      for (const row of rows) statement.run(...table.columns.map(([name, kind], i) => fromFileValue(table, name, kind, row[i], true)));
    },
  };

  return {
    description: `SQLite ${path.join(dataDir, DATABASE_FILE)}`,
    ownColumns: () => [],
    async read(work) {
      db.exec('BEGIN');
      try {
        return await work(reader);
      } finally {
        db.exec('COMMIT');
      }
    },
    async write(work) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(writer);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
    close: () => store.close(),
  };
}

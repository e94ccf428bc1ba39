// Values between a database's driver and an export file: the file holds one form of each value
// whichever database wrote it (see tables.ts), so a table hashes the same on both.
import type { ColumnKind, DumpRow, DumpTable } from './tables';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function problem(table: DumpTable, column: string, value: unknown, what: string): Error {
  return new Error(`${table.name}.${column}: ${JSON.stringify(String(value)).slice(0, 80)} is not ${what}`);
}

/** A value read from either database, in the file's form. */
export function toFileValue(table: DumpTable, column: string, kind: ColumnKind, value: unknown): DumpRow[number] {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
      if (typeof value !== 'string') throw problem(table, column, value, 'text');
      return value;
    case 'integer': {
      const number = typeof value === 'bigint' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw problem(table, column, value, 'a whole number');
      return number;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 0 || value === 1) return value === 1;
      throw problem(table, column, value, 'true or false');
    case 'time': {
      const time = value instanceof Date ? value : new Date(String(value));
      if (Number.isNaN(time.getTime())) throw problem(table, column, value, 'a time');
      return time.toISOString();
    }
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value)) throw problem(table, column, value, 'a date (YYYY-MM-DD)');
      return value;
    case 'bytes':
      if (!(value instanceof Uint8Array)) throw problem(table, column, value, 'bytes');
      return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  }
}

/** A value from a file, checked against its column, as the drivers take it (SQLite: `sqlite` true). */
export function fromFileValue(table: DumpTable, column: string, kind: ColumnKind, value: unknown, sqlite: boolean): unknown {
  if (value === null) return null;
  switch (kind) {
    case 'text':
      if (typeof value !== 'string') throw problem(table, column, value, 'text');
      return value;
    case 'date':
    case 'time':
      // Exactly as an export writes it, so that what is stored hashes as the file does.
      if (typeof value !== 'string' || toFileValue(table, column, kind, value) !== value) throw problem(table, column, value, `a ${kind} as an export writes it`);
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw problem(table, column, value, 'a whole number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw problem(table, column, value, 'true or false');
      return sqlite ? (value ? 1 : 0) : value;
    case 'bytes':
      if (typeof value !== 'string') throw problem(table, column, value, 'base64');
      return Buffer.from(value, 'base64');
  }
}

/** A row read from a database (an object by column name), in the file's form. */
export function rowToFile(table: DumpTable, row: Record<string, unknown>): DumpRow {
  return table.columns.map(([column, kind]) => toFileValue(table, column, kind, row[column]));
}

import type pg from 'pg';
import { fromFileValue, rowToFile } from '../dump/canonical';
import type { DatabaseDump, DumpReader, DumpWriter } from '../dump/DatabaseDump';
import { DUMP_TABLES, type DumpRow, type DumpTable } from '../dump/tables';
import { createPool, describeDatabaseUrl } from './PgConnection';
import { migrate } from './migrate';

/** Rows read per query, and written per INSERT (a publication's files can be large). */
const PAGE_ROWS = 200;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The column that records the order rows were written in, for tables exported in that order. */
const INSERTION_COLUMN = 'seq';

function on(client: pg.PoolClient): DumpWriter {
  const reader: DumpReader = {
    async tables() {
      const { rows } = await client.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> 'countersign_migrations' ORDER BY table_name, ordinal_position`,
      );
      const tables = new Map<string, string[]>();
      for (const row of rows) tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), row.column_name]);
      return tables;
    },
    async *rows(table: DumpTable): AsyncGenerator<DumpRow[]> {
      // Pages by key (keyset), in the export's order: each query starts after the last row of the one before.
      const keys = table.order === 'insertion' ? [INSERTION_COLUMN] : [...table.order];
      const columns = table.columns.map(([name]) => quote(name)).join(', ');
      const keyList = keys.map(quote).join(', ');
      let after: unknown[] | null = null;
      for (;;) {
        const where: string = after ? `WHERE (${keyList}) > (${keys.map((_, i) => `$${i + 1}`).join(', ')})` : '';
        const result: pg.QueryResult<Record<string, unknown>> = await client.query(
          `SELECT ${columns}, ${keys.map((key, i) => `${quote(key)} AS "__key${i}"`).join(', ')} FROM ${quote(table.name)} ${where} ORDER BY ${keyList} LIMIT ${PAGE_ROWS}`,
          after ?? [],
        );
        const rows: Array<Record<string, unknown>> = result.rows;
        if (rows.length === 0) return;
        yield rows.map((row) => rowToFile(table, row));
        const last: Record<string, unknown> = rows[rows.length - 1]!;
        after = keys.map((_, i): unknown => last[`__key${i}`]);
        if (rows.length < PAGE_ROWS) return;
      }
    },
    async count(table: string) {
      return (await client.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quote(table)}`)).rows[0]!.n;
    },
  };
  return {
    ...reader,
    async insert(table: DumpTable, rows: DumpRow[]) {
      const names = table.columns.map(([name]) => name);
      for (let start = 0; start < rows.length; start += PAGE_ROWS) {
        const chunk = rows.slice(start, start + PAGE_ROWS);
        const values: unknown[] = [];
        const tuples = chunk.map((row) => {
          const placeholders = table.columns.map(([name, kind], i) => {
            values.push(fromFileValue(table, name, kind, row[i], false));
            return `$${values.length}`;
          });
          return `(${placeholders.join(', ')})`;
        });
        await client.query(`INSERT INTO ${quote(table.name)} (${names.map(quote).join(', ')}) VALUES ${tuples.join(', ')}`, values);
      }
    },
  };
}

/** A PostgreSQL database for export and import, migrated as the server migrates it. */
export async function openPostgresDump(url: string): Promise<DatabaseDump> {
  const pool = createPool(url, { max: 2 });
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const inClient = async <T>(begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };

  return {
    description: `PostgreSQL ${describeDatabaseUrl(url)}`,
    ownColumns: (table) => (table.order === 'insertion' ? [INSERTION_COLUMN] : []),
    // One snapshot for the whole export, whatever running instances write meanwhile.
    read: (work) => inClient('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (client) => work(on(client))),
    write: (work) =>
      inClient('BEGIN', async (client) => {
        const result = await work(on(client));
        // New rows take ids after the imported ones.
        for (const table of DUMP_TABLES) {
          if (!table.identity) continue;
          await client.query(
            `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${quote(table.identity)}), 0) + 1, false) FROM ${quote(table.name)}`,
            [table.name, table.identity],
          );
        }
        return result;
      }),
    close: () => pool.end(),
  };
}

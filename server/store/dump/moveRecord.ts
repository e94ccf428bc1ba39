// Export and import: every table of tables.ts between a database and a file (dumpFile.ts),
// verified by counts and hashes.
import fs from 'node:fs';
import readline from 'node:readline';
import { once } from 'node:events';
import type { DatabaseDump, DumpReader } from './DatabaseDump';
import { DUMP_FORMAT, DUMP_VERSION, summaryHash, TableHasher, type DumpHeader, type TableSummary } from './dumpFile';
import { DUMP_TABLES, NOT_EXPORTED, type DumpRow } from './tables';

export type Summary = Array<[string, TableSummary]>;

/** Rows written to the database at a time during an import. */
const INSERT_BATCH = 500;

/** Refuses a database with a table or column the export does not know (or lacks one it knows). */
async function checkTables(dump: DatabaseDump, reader: DumpReader): Promise<void> {
  const actual = await reader.tables();
  const problems: string[] = [];
  for (const name of actual.keys()) {
    if (!DUMP_TABLES.some((table) => table.name === name) && !(name in NOT_EXPORTED)) problems.push(`table ${name} is not one the export knows`);
  }
  for (const table of DUMP_TABLES) {
    const columns = actual.get(table.name);
    if (!columns) {
      problems.push(`table ${table.name} is missing`);
      continue;
    }
    const expected = [...table.columns.map(([name]) => name), ...dump.ownColumns(table)].sort();
    if (JSON.stringify([...columns].sort()) !== JSON.stringify(expected)) {
      problems.push(`table ${table.name} has the columns ${[...columns].sort().join(', ')}, not ${expected.join(', ')}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`${dump.description} is not the schema this export knows (${problems.join('; ')}). Add new tables to server/store/dump/tables.ts.`);
  }
}

/** The counts and hashes of every table as the database holds it. */
async function summarise(reader: DumpReader): Promise<Summary> {
  const summary: Summary = [];
  for (const table of DUMP_TABLES) {
    const hasher = new TableHasher();
    for await (const page of reader.rows(table)) for (const row of page) hasher.add(row);
    summary.push([table.name, hasher.summary()]);
  }
  return summary;
}

/** Writes the whole record, from one snapshot, to `file` (via a temporary file, renamed at the end). */
export async function exportRecord(dump: DatabaseDump, file: string, now = new Date()): Promise<Summary> {
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  const write = async (line: string): Promise<void> => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  try {
    const summary = await dump.read(async (reader) => {
      await checkTables(dump, reader);
      const header: DumpHeader = { countersign: DUMP_FORMAT, version: DUMP_VERSION, exportedAt: now.toISOString(), from: dump.description };
      await write(JSON.stringify(header));
      const tables: Summary = [];
      for (const table of DUMP_TABLES) {
        await write(JSON.stringify({ table: table.name, columns: table.columns.map(([name]) => name) }));
        const hasher = new TableHasher();
        for await (const page of reader.rows(table)) for (const row of page) await write(hasher.add(row));
        const done = hasher.summary();
        await write(JSON.stringify({ end: table.name, ...done }));
        tables.push([table.name, done]);
      }
      await write(JSON.stringify({ summary: Object.fromEntries(tables), sha256: summaryHash(tables) }));
      return tables;
    });
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    fs.renameSync(partial, file);
    return summary;
  } catch (error) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/** One line of the file, parsed, with where it is for messages. */
function parseLine(line: string, number: number): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new Error(`line ${number} of the file is not JSON`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads `file` into an empty database, in one transaction: each table's rows checked against
 * the file's own counts and hashes as they are read, then read back from the database and
 * hashed again before anything is committed. Refused, changing nothing, if the database holds
 * anything, the file is damaged, or what the database holds differs from the file.
 */
export async function importRecord(dump: DatabaseDump, file: string): Promise<Summary> {
  const reading: { lines: readline.Interface | null } = { lines: null };
  try {
    return await dump.write(async (writer) => {
      await checkTables(dump, writer);
      const occupied: string[] = [];
      for (const name of [...DUMP_TABLES.map((table) => table.name), ...Object.keys(NOT_EXPORTED)]) {
        const rows = await writer.count(name);
        if (rows > 0) occupied.push(`${name} has ${rows}`);
      }
      if (occupied.length > 0) throw new Error(`${dump.description} is not empty (${occupied.join(', ')}); import only into an empty database`);

      // Read from here on: readline hands lines only to an iterator that exists when they are read.
      const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
      reading.lines = lines;
      const iterator = lines[Symbol.asyncIterator]();
      let number = 0;
      const next = async (): Promise<unknown> => {
        const result = await iterator.next();
        number += 1;
        if (result.done) throw new Error(`the file ends at line ${number - 1}, before its summary: it is incomplete`);
        return parseLine(result.value, number);
      };

      const header = await next();
      if (!isRecord(header) || header.countersign !== DUMP_FORMAT) throw new Error('this is not a Countersign export file');
      if (header.version !== DUMP_VERSION) throw new Error(`the file is an export of version ${String(header.version)}; this Countersign reads version ${DUMP_VERSION}`);

      const fromFile: Summary = [];
      for (const table of DUMP_TABLES) {
        const start = await next();
        if (!isRecord(start) || start.table !== table.name) throw new Error(`line ${number}: expected the table ${table.name}`);
        const columns = table.columns.map(([name]) => name);
        if (JSON.stringify(start.columns) !== JSON.stringify(columns)) throw new Error(`line ${number}: the table ${table.name} has other columns than this Countersign's`);
        const hasher = new TableHasher();
        let batch: DumpRow[] = [];
        for (;;) {
          const line = await next();
          if (Array.isArray(line)) {
            if (line.length !== columns.length) throw new Error(`line ${number}: a row of ${table.name} with ${line.length} values, not ${columns.length}`);
            hasher.add(line as DumpRow);
            batch.push(line as DumpRow);
            if (batch.length >= INSERT_BATCH) {
              await writer.insert(table, batch);
              batch = [];
            }
            continue;
          }
          if (!isRecord(line) || line.end !== table.name) throw new Error(`line ${number}: expected a row of ${table.name} or its end`);
          if (batch.length > 0) await writer.insert(table, batch);
          const read = hasher.summary();
          if (line.rows !== read.rows || line.sha256 !== read.sha256) {
            throw new Error(`the table ${table.name} in the file is damaged: its end says ${String(line.rows)} rows, SHA-256 ${String(line.sha256)}; its rows are ${read.rows}, SHA-256 ${read.sha256}`);
          }
          fromFile.push([table.name, read]);
          break;
        }
      }
      const summary = await next();
      if (!isRecord(summary) || summary.sha256 !== summaryHash(fromFile)) throw new Error(`line ${number}: the file's summary does not match its tables`);
      const after = await iterator.next();
      if (!after.done) throw new Error(`the file goes on after its summary (line ${number + 1})`);

      // What the database now holds, read back and hashed as an export would.
      const stored = await summarise(writer);
      const differ = stored.filter(([name, held], i) => held.rows !== fromFile[i]![1].rows || held.sha256 !== fromFile[i]![1].sha256 || name !== fromFile[i]![0]);
      if (differ.length > 0) {
        throw new Error(`after the import the database differs from the file in ${differ.map(([name]) => name).join(', ')}; nothing was imported`);
      }
      return stored;
    });
  } finally {
    reading.lines?.close();
  }
}

/** The counts and hashes of the whole record in a database, read from one snapshot. */
export function summariseRecord(dump: DatabaseDump): Promise<Summary> {
  return dump.read(async (reader) => {
    await checkTables(dump, reader);
    return summarise(reader);
  });
}

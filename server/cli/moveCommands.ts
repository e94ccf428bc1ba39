// `countersign export <file>` and `countersign import <file>`: the whole record between the
// configured database (COUNTERSIGN_DATABASE_URL, or SQLite in COUNTERSIGN_DATA) and a file, so
// a deployment can move from SQLite to PostgreSQL and back. Both print every table's count and
// SHA-256; equal hashes on both sides mean the same record.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { setLogLevel } from '../log';
import { formatSummary } from '../store/dump/dumpFile';
import { exportRecord, importRecord } from '../store/dump/moveRecord';
import { openDump } from '../store/dump/openDump';
import { NOT_EXPORTED } from '../store/dump/tables';
import type { CliCommand, CliIo } from './command';

function fileArgument(name: string, args: string[], io: CliIo): string | null {
  if (args.length !== 1 || !args[0] || args[0].startsWith('-')) {
    io.error(`Usage: countersign ${name} <file>\n`);
    return null;
  }
  return path.resolve(args[0]);
}

const leftOut = () => Object.entries(NOT_EXPORTED).map(([table, why]) => `  ${table}: ${why}`).join('\n');

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export <file>',
  summary: 'write every response, member, user, history, thread, suggestion, sign-off, publication and activity entry of the database to a file',
  async run(args, io) {
    const file = fileArgument('export', args, io);
    if (!file) return 2;
    if (fs.existsSync(file)) {
      io.error(`export: ${file} exists already; give a new file\n`);
      return 2;
    }
    setLogLevel('silent');
    const config = loadConfig(io.env);
    const dump = await openDump({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, mustExist: true });
    try {
      const summary = await exportRecord(dump, file);
      io.out(`Countersign export: ${dump.description} -> ${file}\n\n${formatSummary(summary)}\nLeft out:\n${leftOut()}\n`);
      return 0;
    } finally {
      await dump.close();
    }
  },
};

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import <file>',
  summary: 'read an export file into the configured database, which must be empty; verified by counts and hashes',
  async run(args, io) {
    const file = fileArgument('import', args, io);
    if (!file) return 2;
    if (!fs.existsSync(file)) {
      io.error(`import: there is no file ${file}\n`);
      return 2;
    }
    setLogLevel('silent');
    const config = loadConfig(io.env);
    const dump = await openDump({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, mustExist: false });
    try {
      const summary = await importRecord(dump, file);
      io.out(
        `Countersign import: ${file} -> ${dump.description}\n\n${formatSummary(summary)}\n` +
          'Verified: read back from the database, every table has the count and SHA-256 the file gives it.\n' +
          `Left out:\n${leftOut()}\n`,
      );
      return 0;
    } catch (error) {
      io.error(`import: ${error instanceof Error ? error.message : String(error)}\nNothing was imported.\n`);
      return 1;
    } finally {
      await dump.close();
    }
  },
};

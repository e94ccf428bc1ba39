// `countersign backup <file>`: a consistent copy of the embedded SQLite database, taken while
// the server runs. On PostgreSQL the database's own tools do this (pg_dump), so it refuses.
import path from 'node:path';
import { loadConfig } from '../config';
import { describeDatabaseUrl } from '../store/postgres/PgConnection';
import { backupDatabase } from '../store/sqlite/backupDatabase';
import type { CliCommand } from './command';

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup <file>',
  summary: 'copy the embedded SQLite database (COUNTERSIGN_DATA) to a file, consistently, while the server runs',
  async run(args, io) {
    if (args.length !== 1 || !args[0] || args[0].startsWith('-')) {
      io.error('Usage: countersign backup <file>\n');
      return 2;
    }
    const config = loadConfig(io.env);
    if (config.databaseUrl) {
      io.error(
        `backup: Countersign is on PostgreSQL (${describeDatabaseUrl(config.databaseUrl)}); back it up with PostgreSQL's own tools, for example\n` +
          '  pg_dump --format=custom --file=countersign.dump "$COUNTERSIGN_DATABASE_URL"\n' +
          '(or `countersign export <file>` for a copy that either database can read).\n',
      );
      return 2;
    }
    const result = await backupDatabase(config.dataDir, path.resolve(args[0]));
    const width = Math.max(...result.tables.map(([name]) => name.length));
    io.out(
      `Countersign backup: ${path.join(config.dataDir, 'countersign.db')} -> ${result.file}\n` +
        `  ${result.bytes.toLocaleString('en-GB')} bytes, schema ${result.schema}, integrity check ok\n\n` +
        result.tables.map(([name, rows]) => `  ${name.padEnd(width)}  ${String(rows).padStart(9)}`).join('\n') +
        '\n\nRestore: stop the server and put the file in place as countersign.db in the data folder (with no countersign.db-wal beside it).\n',
    );
    return 0;
  },
};

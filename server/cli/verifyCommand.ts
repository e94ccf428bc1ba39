// `countersign verify [--data <folder>]`: checks the whole record in a data folder's database
// (or, with COUNTERSIGN_DATABASE_URL set and no --data, the PostgreSQL database) and prints
// what it checked; exits 1 when anything is wrong.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { setLogLevel } from '../log';
import { openStore } from '../store/openStore';
import { describeDatabaseUrl } from '../store/postgres/PgConnection';
import { DATABASE_FILE } from '../store/sqlite/openDatabase';
import { verifyRecord, type VerifyReport } from '../verify/verifyRecord';
import type { CliCommand, CliIo } from './command';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** The report as the command prints it. */
export function formatReport(report: VerifyReport, database: string): string {
  const { counts } = report;
  const lines = [`Countersign verify: ${database}`, '', 'Checked:'];
  for (const line of report.checked) lines.push(`  ok    ${line}`);
  if (report.problems.length > 0) {
    lines.push('', 'Problems:');
    for (const problem of report.problems) lines.push(`  FAIL  ${problem.place}: ${problem.message}`);
  }
  const scope = `${plural(counts.entries, 'activity entry', 'activity entries')} of ${plural(counts.responses, 'response')}, ${plural(counts.publications, 'publication')} and ${plural(counts.recommendationUpdates, 'recommendation update')}`;
  lines.push(
    '',
    report.problems.length === 0
      ? `Result: OK. ${scope} checked; nothing was changed or removed.`
      : `Result: ${plural(report.problems.length, 'problem')} found in ${scope}.`,
  );
  return `${lines.join('\n')}\n`;
}

function dataFolder(args: string[], io: CliIo): string | null {
  const at = args.indexOf('--data');
  if (at >= 0) {
    const folder = args[at + 1];
    if (!folder) {
      io.error('verify: --data needs a folder\n');
      return null;
    }
    return path.resolve(folder);
  }
  return loadConfig(io.env).dataDir;
}

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: 'verify [--data <folder>]',
  summary: 'check every activity record, publication and recommendation history in the database (COUNTERSIGN_DATABASE_URL, or COUNTERSIGN_DATA, default ./data)',
  async run(args, io) {
    const config = loadConfig(io.env);
    if (config.databaseUrl && !args.includes('--data')) {
      setLogLevel('silent');
      const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        const report = await verifyRecord(store);
        io.out(formatReport(report, `PostgreSQL ${describeDatabaseUrl(config.databaseUrl)}`));
        return report.problems.length === 0 ? 0 : 1;
      } finally {
        await store.close();
      }
    }
    const dataDir = dataFolder(args, io);
    if (!dataDir) return 2;
    const database = path.join(dataDir, DATABASE_FILE);
    // Never create a database just to check it.
    if (!fs.existsSync(database)) {
      io.error(`verify: there is no Countersign database at ${database}\n`);
      return 2;
    }
    setLogLevel('silent');
    // Opened as the server opens it: an older database is migrated first.
    const store = await openStore({ dataDir });
    try {
      const report = await verifyRecord(store);
      io.out(formatReport(report, database));
      return report.problems.length === 0 ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};

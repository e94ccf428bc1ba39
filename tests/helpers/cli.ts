// Runs Countersign's command line as a user runs it: a process of its own, from the sources
// (`node --import tsx server/cli.ts`, what `npm run countersign --` does).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `countersign <args>` with `env` on top of this process's environment. The database it uses is
 * the one `env` names: COUNTERSIGN_DATABASE_URL (PostgreSQL) or COUNTERSIGN_DATA (SQLite), so a
 * caller names one and blanks the other.
 */
export function runCountersign(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, COUNTERSIGN_LOG: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The environment for a command on SQLite in `dataDir`. */
export const onSqlite = (dataDir: string): Record<string, string> => ({ COUNTERSIGN_DATA: dataDir, COUNTERSIGN_DATABASE_URL: '' });

/** The environment for a command on the PostgreSQL database at `url`. */
export const onPostgres = (url: string): Record<string, string> => ({ COUNTERSIGN_DATABASE_URL: url });

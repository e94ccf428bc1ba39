// Launcher of Hocuspocus 3.4 with its SQLite extension on a file, on loopback, with the
// documented defaults (store debounced 2 s, at most every 10 s, and when a document unloads).
// Run as a child process by the benchmark: prints {"event":"bench.ready","port":N} when listening.
import path from 'node:path';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
const sqlite = new SQLite({ database: path.join(dataDir, 'hocuspocus.sqlite') });
const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  // We stop it ourselves below, so that the SQLite writes finish before the process exits.
  stopOnSignals: false,
  extensions: [sqlite],
});
await server.listen();
process.stdout.write(JSON.stringify({ event: 'bench.ready', port: server.address.port }) + '\n');

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void (async () => {
    // Closes every connection; each document is stored as it unloads.
    await server.destroy();
    // The extension does not wait for its writes; closing the database does.
    await new Promise<void>((resolve) => (sqlite.db ? sqlite.db.close(() => resolve()) : resolve()));
    process.stdout.write(JSON.stringify({ event: 'bench.stopped' }) + '\n');
    process.exit(0);
  })();
});

// Launcher of one Hocuspocus 3.4 instance of a cluster, for bench/cluster.ts: its Redis
// extension (@hocuspocus/extension-redis, on ioredis) shares documents with the other instances,
// its Database extension keeps them in PostgreSQL (the whole document per row, as the SQLite
// extension does), both with their documented defaults. Prints {"event":"bench.ready","port":N}.
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Server } from '@hocuspocus/server';
import pg from 'pg';

const databaseUrl = process.env.BENCH_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL;
if (!databaseUrl || !redisUrl) throw new Error('BENCH_DATABASE_URL and BENCH_REDIS_URL are required');
const redis = new URL(redisUrl);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  extensions: [
    new Redis({ host: redis.hostname, port: Number(redis.port), prefix: process.env.BENCH_REDIS_PREFIX ?? 'hocuspocus' }),
    new Database({
      fetch: async ({ documentName }) => {
        const { rows } = await pool.query<{ data: Buffer }>('SELECT data FROM hocuspocus_documents WHERE name = $1', [documentName]);
        return rows[0] ? new Uint8Array(rows[0].data) : null;
      },
      store: async ({ documentName, state }) => {
        await pool.query('INSERT INTO hocuspocus_documents (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = excluded.data', [documentName, state]);
      },
    }),
  ],
});
await server.listen();
process.stdout.write(JSON.stringify({ event: 'bench.ready', port: server.address.port }) + '\n');

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void (async () => {
    await server.destroy();
    await pool.end();
    process.stdout.write(JSON.stringify({ event: 'bench.stopped' }) + '\n');
    process.exit(0);
  })();
});

// Launcher of the reference y-websocket server (@y/websocket-server 0.1.1, the yjs 13 line), as
// its own bin/server.js runs it, on loopback, with its LevelDB persistence (YPERSISTENCE).
// Run as a child process by the benchmark: prints {"event":"bench.ready","port":N} when listening.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const persistenceDir = process.env.BENCH_DATA_DIR;
if (!persistenceDir) throw new Error('BENCH_DATA_DIR is required');
// The server module reads YPERSISTENCE when it loads.
process.env.YPERSISTENCE = persistenceDir;
const { setupWSConnection, getPersistence, docs } = await import('@y/websocket-server/utils');

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(JSON.stringify({ event: 'bench.ready', port }) + '\n');
});

// A graceful stop, so that every update handed to LevelDB is written before the process ends.
let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void (async () => {
    for (const client of wss.clients) client.close(1001, 'Server shutting down');
    server.close();
    // Let the close handlers run (they unbind the documents), then wait for LevelDB's queue.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const persistence = getPersistence() as { provider?: { destroy(): Promise<void> } } | null;
    await persistence?.provider?.destroy();
    process.stdout.write(JSON.stringify({ event: 'bench.stopped', openDocs: docs.size }) + '\n');
    process.exit(0);
  })();
});

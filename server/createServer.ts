import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { recordActivity, type ServerContext } from './context';
import { isEmptyStore, seedDemo } from './demo/seedDemo';
import { createApp } from './http/app';
import { log } from './log';
import { openStore } from './store/Store';
import { SyncServer } from './sync/SyncServer';

export interface RunningServer {
  url: string;
  port: number;
  context: ServerContext;
  /** Closes sockets, stores every open room, closes the database. */
  close(): Promise<void>;
}

/** Opens the store, seeds the demo on an empty folder, and serves HTTP and sync on one port. */
export async function startServer(config: Config): Promise<RunningServer> {
  const store = openStore(config.dataDir);
  const seeded = config.demo && isEmptyStore(store);
  if (seeded) await seedDemo(store);
  store.sessions.deleteExpired();

  const sync: SyncServer = new SyncServer({
    store,
    allowedOrigins: config.allowedOrigins,
    onRefusedWrite: (room, connection) =>
      recordActivity(context, {
        responseId: room.responseId,
        actor: { userId: connection.identity.userId, name: connection.identity.name },
        action: 'write.refused',
        sectionId: room.sectionId,
        detail: 'An edit to a section this member may not write was refused',
      }),
  });
  const context: ServerContext = { config, store, sync };
  const server = http.createServer(createApp(context));
  sync.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  log.info('server.started', { url, dataDir: config.dataDir, demoCreated: seeded });

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    context,
    close: () => {
      closing ??= (async () => {
        server.close();
        server.closeAllConnections();
        await sync.close();
        store.close();
      })();
      return closing;
    },
  };
}

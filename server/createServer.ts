import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LoginThrottle } from './auth/LoginThrottle';
import { OidcClients } from './auth/oidc';
import { sessionPolicyOf } from './auth/sessions';
import { openCluster } from './cluster/openCluster';
import { isLoopbackHost, type Config } from './config';
import type { Clock, ServerContext } from './context';
import { demoLoginsWork, isEmptyStore, seedDemo } from './demo/seedDemo';
import { SyncActivity } from './domain/syncActivity';
import { createApp } from './http/app';
import { log } from './log';
import { MailSender } from './mail/MailSender';
import { Scheduler } from './schedule/Scheduler';
import { openStore } from './store/openStore';
import { SectionHistory } from './history/SectionHistory';
import { SuggestionWatch } from './suggestions/SuggestionWatch';
import { combineHooks } from './sync/combineHooks';
import { SESSION_SWEEP_MS, SessionSweep } from './sync/SessionSweep';
import { SyncServer } from './sync/SyncServer';

export interface RunningServer {
  url: string;
  port: number;
  context: ServerContext;
  /** Reminders and digests (tests call `runNow` with a clock of their own). */
  scheduler: Scheduler;
  /** Closes sockets, stores every open room, closes the database. */
  close(): Promise<void>;
}

/** Why the server must not start as configured, or null: the demo's public logins on a public interface. */
async function unsafeDemo(config: Config, context: Pick<ServerContext, 'store'>): Promise<string | null> {
  if (isLoopbackHost(config.host)) return null;
  if (config.demo && (await isEmptyStore(context.store))) {
    return `HOST is ${config.host}, a public interface, and COUNTERSIGN_DEMO is on: the demo's logins and password are public. Set COUNTERSIGN_DEMO=0, or leave HOST unset to listen on 127.0.0.1 only.`;
  }
  if (await demoLoginsWork(context.store)) {
    return `HOST is ${config.host}, a public interface, and this data folder still has the demo's logins with their public password. Use another data folder (COUNTERSIGN_DATA), or leave HOST unset to listen on 127.0.0.1 only.`;
  }
  return null;
}

/** Opens the store, seeds the demo on an empty folder, and serves HTTP and sync on one port. */
export async function startServer(config: Config, options: { clock?: Clock } = {}): Promise<RunningServer> {
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const refusal = await unsafeDemo(config, { store });
  if (refusal) {
    await store.close();
    throw new Error(refusal);
  }
  const seeded = config.demo && (await isEmptyStore(store));
  if (seeded) await seedDemo(store);
  const now = new Date();
  await store.sessions.deleteExpired(now, new Date(now.getTime() - config.sessionIdleMs));
  await store.oidcLogins.deleteExpired(now);

  // Without a mail server, mail stays in the outbox (held) for the administrators to read.
  const mailSender = config.smtpUrl
    ? new MailSender({ store, smtpUrl: config.smtpUrl, from: config.mailFrom, retryBaseMs: config.mailRetryBaseMs, clock: () => new Date() })
    : null;
  // Alone, or with the other instances on this database (COUNTERSIGN_REDIS_URL).
  const node = await openCluster(config);
  const { events } = node;
  const activity = new SyncActivity({ store, sync: { events } });
  const history = new SectionHistory(store, config.autoVersionMs);
  const suggestions = new SuggestionWatch({ store, events });
  const sync = new SyncServer({
    store,
    events,
    allowedOrigins: config.allowedOrigins,
    sessionPolicy: sessionPolicyOf(config),
    maxSectionBytes: config.maxSectionBytes,
    roomHooks: combineHooks(activity.hooks, history.hooks, suggestions.hooks, node.roomHooks),
    cluster: node.cluster,
  });
  node.attach(sync);
  const sessionSweep = new SessionSweep({ store, sync, intervalMs: Math.min(SESSION_SWEEP_MS, config.sessionAbsoluteMs / 4) });
  sessionSweep.start();
  const context: ServerContext = {
    config,
    store,
    sync,
    history,
    suggestions,
    loginThrottle: new LoginThrottle(node.throttleCounts),
    oidc: new OidcClients(config.oidcProviders, () => `${context.links.base}/auth/oidc/callback`),
    links: { base: config.publicUrl ?? '' },
    mail: { wake: () => mailSender?.wake() },
    clock: options.clock ?? (() => new Date()),
  };
  const server = http.createServer(createApp(context));
  sync.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${isLoopbackHost(config.host) ? 'localhost' : config.host}:${port}`;
  context.links.base = config.publicUrl ?? url;
  log.info('server.started', {
    url,
    host: config.host,
    database: config.databaseUrl ? 'postgresql' : 'sqlite',
    dataDir: config.dataDir,
    demoCreated: seeded,
    mail: config.smtpUrl ? 'smtp' : 'outbox only',
    cluster: config.redisUrl ? 'redis' : 'single instance',
  });
  mailSender?.start();
  const scheduler = new Scheduler(context, { clock: context.clock, intervalMs: config.schedulerIntervalMs });
  scheduler.start();

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    context,
    scheduler,
    close: () => {
      closing ??= (async () => {
        await scheduler.close();
        server.close();
        server.closeAllConnections();
        await sessionSweep.stop();
        await sync.close();
        await node.close();
        await activity.flush();
        await mailSender?.close();
        await store.close();
      })();
      return closing;
    },
  };
}

// The cluster over Redis pub/sub (ioredis): one channel per deployment, every instance on it.
// Pub/sub delivers at most once, which is enough because nothing depends on it for durability:
// while Redis is unreachable news is dropped, not queued (a queue would replay stale presence
// and grow without bound), and once it is back each side catches up from the database — the
// instance that missed news by resyncing its own rooms, the one that failed to send by asking
// everyone else to (a `resync` message).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { log } from '../log';
import type { Cluster, ClusterMessage } from './Cluster';

/** How long the start waits for Redis before serving anyway (alone, until Redis answers). */
const FIRST_CONNECT_WAIT_MS = 5_000;
/** Reconnect back-off: doubling from this, up to the cap. */
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 2_000;

interface Envelope {
  from: string;
  message: ClusterMessage;
}

export interface RedisClusterOptions {
  url: string;
  /** Keys and channels start with it. */
  prefix: string;
}

export class RedisCluster implements Cluster {
  readonly instanceId = randomUUID();
  /** For commands (publish, the login throttle's counts); fails fast while Redis is away. */
  readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;
  private readonly handlers: Array<(message: ClusterMessage, from: string) => void> = [];
  private readonly resyncHandlers: Array<() => void> = [];
  /** Whether news we sent may have been lost since Redis was last reachable. */
  private sendFailed = false;
  /** Whether the subscriber has been subscribed once (a later subscription follows a gap). */
  private subscribedOnce = false;
  private closing = false;

  constructor(private readonly options: RedisClusterOptions) {
    this.channel = `${options.prefix}cluster`;
    const common = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (times: number) => Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.min(times, 10)),
    };
    this.commands = new Redis(options.url, { ...common, connectionName: 'countersign' });
    // Subscriptions are renewed by hand on each connection, so that a resync starts only once
    // news flows again (nothing published between the resync's read and the subscription is lost).
    this.subscriber = new Redis(options.url, { ...common, autoResubscribe: false, connectionName: 'countersign-sub' });
    for (const client of [this.commands, this.subscriber]) {
      // ioredis reports each failed attempt; the first one after being connected is what matters.
      client.on('error', (error: Error) => log.warn('cluster.redis_error', { error: error.message }));
    }
    this.commands.on('ready', () => {
      if (!this.sendFailed) return;
      this.sendFailed = false;
      log.info('cluster.redis_back', { role: 'publish' });
      this.publish({ kind: 'resync' });
    });
    this.commands.on('close', () => {
      if (!this.closing) this.sendFailed = true;
    });
    this.subscriber.on('ready', () => void this.subscribe());
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.channel) this.receive(text);
    });
  }

  get connected(): boolean {
    return this.commands.status === 'ready' && this.subscriber.status === 'ready';
  }

  /** Waits a little for Redis; the server starts either way, and joins when Redis answers. */
  async start(): Promise<void> {
    const ready = (client: Redis) => (client.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => client.once('ready', () => resolve())));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), FIRST_CONNECT_WAIT_MS)));
    const outcome = await Promise.race([Promise.all([ready(this.commands), ready(this.subscriber)]), timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') log.warn('cluster.redis_unreachable', { url: redactedUrl(this.options.url), servingAlone: true });
  }

  publish(message: ClusterMessage): void {
    if (this.closing) return;
    if (this.commands.status !== 'ready') {
      this.sendFailed = true;
      return;
    }
    const envelope: Envelope = { from: this.instanceId, message };
    this.commands.publish(this.channel, JSON.stringify(envelope)).catch((error: unknown) => {
      this.sendFailed = true;
      log.warn('cluster.publish_failed', { kind: message.kind, error: String(error) });
    });
  }

  onMessage(handler: (message: ClusterMessage, from: string) => void): void {
    this.handlers.push(handler);
  }

  onResync(handler: () => void): void {
    this.resyncHandlers.push(handler);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([this.subscriber.quit(), this.commands.quit()]);
    this.subscriber.disconnect();
    this.commands.disconnect();
  }

  private async subscribe(): Promise<void> {
    try {
      await this.subscriber.subscribe(this.channel);
    } catch (error) {
      // The connection dropped again; the next `ready` tries again.
      log.warn('cluster.subscribe_failed', { error: String(error) });
      return;
    }
    if (this.subscribedOnce) {
      log.info('cluster.redis_back', { role: 'subscribe' });
      this.resync();
    }
    this.subscribedOnce = true;
  }

  private receive(text: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      log.warn('cluster.message_unreadable', { bytes: text.length });
      return;
    }
    if (envelope.from === this.instanceId) return;
    if (envelope.message.kind === 'resync') {
      this.resync();
      return;
    }
    for (const handler of this.handlers) {
      try {
        handler(envelope.message, envelope.from);
      } catch (error) {
        log.error('cluster.message_failed', { kind: envelope.message.kind, error: String(error) });
      }
    }
  }

  private resync(): void {
    for (const handler of this.resyncHandlers) handler();
  }
}

/** A Redis URL without its password, for the log. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://?';
  }
}

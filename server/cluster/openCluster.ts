// The cluster as configured: alone (no COUNTERSIGN_REDIS_URL), or with the other instances on
// the same database through Redis. What the server wires in either way.
import { MemoryThrottleCounts, type ThrottleCounts } from '../auth/LoginThrottle';
import type { Config } from '../config';
import { EventHub } from '../sync/EventHub';
import type { RoomHooks } from '../sync/RoomOptions';
import type { SyncServer } from '../sync/SyncServer';
import { SingleInstance, type Cluster } from './Cluster';
import { ClusterEventHub } from './ClusterEventHub';
import { ClusterRelay } from './ClusterRelay';
import { RedisCluster } from './RedisCluster';
import { RedisThrottleCounts } from './RedisThrottleCounts';

export interface ClusterNode {
  cluster: Cluster;
  /** The event hub to give everything that publishes events. */
  events: EventHub;
  /** Room hooks that tell the other instances (none when alone). */
  roomHooks: RoomHooks;
  /** Where the login throttle counts failures. */
  throttleCounts: ThrottleCounts;
  /** Starts applying the other instances' news to the sync server's rooms. */
  attach(sync: SyncServer): void;
  close(): Promise<void>;
}

export async function openCluster(config: Pick<Config, 'redisUrl' | 'redisPrefix'>): Promise<ClusterNode> {
  if (!config.redisUrl) {
    return {
      cluster: new SingleInstance(),
      events: new EventHub(),
      roomHooks: {},
      throttleCounts: new MemoryThrottleCounts(),
      attach: () => undefined,
      close: async () => undefined,
    };
  }
  const cluster = new RedisCluster({ url: config.redisUrl, prefix: config.redisPrefix });
  const events = new ClusterEventHub(cluster);
  const relay = new ClusterRelay(cluster, events);
  await cluster.start();
  return {
    cluster,
    events,
    roomHooks: relay.hooks,
    throttleCounts: new RedisThrottleCounts(cluster.commands, config.redisPrefix),
    attach: (sync) => relay.attach(sync),
    close: async () => {
      events.close();
      await cluster.close();
    },
  };
}

// The login throttle's counts in Redis, so that guessing passwords through several instances
// is slowed as through one. While Redis is unreachable the counts of this instance are used
// (each instance still throttles on its own), rather than letting every attempt through.
import type { Redis } from 'ioredis';
import { FORGET_AFTER_MS, MemoryThrottleCounts, type ThrottleCounts } from '../auth/LoginThrottle';
import { log } from '../log';

type Failures = NonNullable<Awaited<ReturnType<ThrottleCounts['get']>>>;

export class RedisThrottleCounts implements ThrottleCounts {
  private readonly local = new MemoryThrottleCounts();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<Failures | undefined> {
    try {
      const text = await this.redis.get(this.key(key));
      return text ? parseFailures(text) : undefined;
    } catch (error) {
      this.fellBack(error);
      return this.local.get(key);
    }
  }

  async set(key: string, failures: Failures): Promise<void> {
    await this.local.set(key, failures);
    try {
      // A key forgets its failures after an hour without one: Redis forgets it then too.
      await this.redis.set(this.key(key), JSON.stringify(failures), 'PX', FORGET_AFTER_MS);
    } catch (error) {
      this.fellBack(error);
    }
  }

  async delete(key: string): Promise<void> {
    await this.local.delete(key);
    try {
      await this.redis.del(this.key(key));
    } catch (error) {
      this.fellBack(error);
    }
  }

  private key(key: string): string {
    return `${this.prefix}throttle:${key}`;
  }

  private fellBack(error: unknown): void {
    log.warn('cluster.throttle_local', { error: String(error) });
  }
}

function parseFailures(text: string): Failures | undefined {
  try {
    const value = JSON.parse(text) as Partial<Failures>;
    return typeof value.count === 'number' && typeof value.last === 'number' ? { count: value.count, last: value.last } : undefined;
  } catch {
    return undefined;
  }
}

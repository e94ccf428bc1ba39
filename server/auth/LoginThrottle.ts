// Slows password guessing without ever locking anyone out: failures are counted per e-mail and
// address pair (and, more loosely, per address), and each failure past the first few makes the
// next attempt from that pair wait longer. The owner of an account, signing in from elsewhere,
// is never delayed by someone guessing their password from another address.

/** Failures allowed with no delay, per pair and per address. */
const FREE_FAILURES_PER_PAIR = 3;
const FREE_FAILURES_PER_ADDRESS = 30;
/** The first delay, doubling with each failure after it, up to the longest. */
const FIRST_DELAY_MS = 1_000;
const LONGEST_DELAY_MS = 15 * 60 * 1000;
/** A key forgets its failures after this long without one. */
export const FORGET_AFTER_MS = 60 * 60 * 1000;
const MAX_KEYS = 50_000;

interface Failures {
  count: number;
  last: number;
}

/** The counts behind a throttle (in memory; a shared one for several instances). */
export interface ThrottleCounts {
  get(key: string): Promise<Failures | undefined>;
  set(key: string, failures: Failures): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Counts in this process, pruned so a flood of keys cannot fill memory. */
export class MemoryThrottleCounts implements ThrottleCounts {
  private readonly entries = new Map<string, Failures>();

  async get(key: string): Promise<Failures | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, failures: Failures): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, failures);
    if (this.entries.size > MAX_KEYS) {
      // Map keeps insertion order: the oldest entries are the first ones.
      for (const oldest of this.entries.keys()) {
        this.entries.delete(oldest);
        if (this.entries.size <= MAX_KEYS * 0.9) break;
      }
    }
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
}

function delayAfter(count: number, free: number): number {
  if (count < free) return 0;
  return Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** (count - free));
}

export class LoginThrottle {
  constructor(private readonly counts: ThrottleCounts = new MemoryThrottleCounts()) {}

  /** Milliseconds to wait before this e-mail may be tried from this address (0: go ahead). */
  async waitMs(email: string, address: string, now: number = Date.now()): Promise<number> {
    const [pair, byAddress] = await Promise.all([this.counts.get(pairKey(email, address)), this.counts.get(addressKey(address))]);
    return Math.max(remaining(pair, FREE_FAILURES_PER_PAIR, now), remaining(byAddress, FREE_FAILURES_PER_ADDRESS, now));
  }

  async recordFailure(email: string, address: string, now: number = Date.now()): Promise<void> {
    for (const key of [pairKey(email, address), addressKey(address)]) {
      const current = await this.counts.get(key);
      const count = current && now - current.last < FORGET_AFTER_MS ? current.count + 1 : 1;
      await this.counts.set(key, { count, last: now });
    }
  }

  /** A correct password clears the pair (the address keeps its count: it may be guessing others). */
  async recordSuccess(email: string, address: string): Promise<void> {
    await this.counts.delete(pairKey(email, address));
  }
}

function remaining(failures: Failures | undefined, free: number, now: number): number {
  if (!failures || now - failures.last >= FORGET_AFTER_MS) return 0;
  return Math.max(0, failures.last + delayAfter(failures.count, free) - now);
}

function pairKey(email: string, address: string): string {
  return `pair:${email.toLowerCase()}|${address}`;
}

function addressKey(address: string): string {
  return `address:${address}`;
}

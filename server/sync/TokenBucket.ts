/** An allowance that refills at a steady rate up to a burst: how much may be spent now. */
export class TokenBucket {
  private tokens: number;
  private lastRefill: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number = Date.now(),
  ) {
    this.tokens = burst;
    this.lastRefill = now;
  }

  /** Spends `amount` (it may go below zero: what was received or sent cannot be undone). */
  spend(amount: number, now: number = Date.now()): void {
    this.refill(now);
    this.tokens -= amount;
  }

  /** Milliseconds until the allowance is positive again (0 when it is). */
  waitMs(now: number = Date.now()): number {
    this.refill(now);
    return this.tokens > 0 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastRefill) / 1000) * this.perSecond);
    this.lastRefill = now;
  }
}

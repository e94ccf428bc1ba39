// The server's own schedule: once a minute (and at start), from REMINDER_HOUR UK time, the
// reminders and digests due today. Running twice, or after a restart, sends nothing twice: each
// reminder and digest has a key of its day in the database. Tests give it a clock of their own
// and call `runNow`.
import type { Clock, ServerContext } from '../context';
import { REMINDER_HOUR, sendDigests, sendDueReminders, ukHour } from '../domain/reminders';
import { log } from '../log';

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly context: ServerContext,
    private readonly options: { clock: Clock; intervalMs: number },
  ) {}

  start(): void {
    void this.runNow();
    this.timer = setInterval(() => void this.runNow(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Sends what is due at the clock's time; resolves when done (a run under way is joined). */
  runNow(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    const now = this.options.clock();
    if (ukHour(now) < REMINDER_HOUR) return;
    try {
      await sendDueReminders(this.context, now);
      await sendDigests(this.context, now);
    } catch (error) {
      log.error('scheduler.failed', { error: String(error) });
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}

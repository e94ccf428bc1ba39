// Delivers the outbox over SMTP (nodemailer). Each mail is sent once: one sender per process
// takes the due mail in order and marks each sent as soon as the server accepted it. A server
// that is down, or that answers "try later" (4xx), has the mail tried again with a doubling
// wait; one that refuses it for good (5xx) has it marked failed. The Message-ID is fixed by the
// event, so a mail the server accepted just before a crash, and that is sent again after it,
// is the same message to the recipient's mail system.
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Clock } from '../context';
import { log } from '../log';
import type { OutboxMail } from '../store/records';
import type { Stores } from '../store/Store';

/** Mail taken from the outbox at a time. */
const BATCH = 20;
/** The longest wait between two tries of a mail. */
const MAX_RETRY_MS = 60 * 60 * 1000;
/** Tries after which a mail is given up (with the doubling wait, about two days). */
const MAX_ATTEMPTS = 60;
/** How long one SMTP exchange may take. */
const SMTP_TIMEOUT_MS = 30_000;
/**
 * How long mail this sender took is kept from other senders (on other instances): long enough
 * to send a whole batch at the slowest; after it, mail whose sender died is taken again.
 */
const CLAIM_LEASE_MS = BATCH * SMTP_TIMEOUT_MS + 60_000;

export interface MailSenderOptions {
  store: Stores;
  smtpUrl: string;
  from: string;
  /** The first wait before a mail is tried again. */
  retryBaseMs: number;
  clock: Clock;
}

/** Why a send failed, and whether trying again could help. */
function failureOf(error: unknown): { message: string; permanent: boolean } {
  const responseCode = (error as { responseCode?: unknown }).responseCode;
  const message = error instanceof Error ? error.message : String(error);
  return { message, permanent: typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 };
}

/** The nodemailer message of an outbox mail. */
function messageOf(mail: OutboxMail, from: string): SendMailOptions {
  const { 'Message-ID': messageId, 'In-Reply-To': inReplyTo, References: references, 'Reply-To': replyTo, ...headers } = mail.headers;
  return {
    from,
    to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId,
    inReplyTo,
    references,
    replyTo,
    headers,
  };
}

export class MailSender {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: MailSenderOptions) {
    this.transport = nodemailer.createTransport({
      url: options.smtpUrl,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    });
  }

  /** Sends what is due now, and keeps looking for mail whose time comes. */
  start(): void {
    this.wake();
  }

  /** Looks at the outbox now (new mail was committed). */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      } else {
        this.schedule();
      }
    });
  }

  /** Stops sending (a mail being sent is finished first). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    // Mail waiting for a retry: look again once the shortest wait has passed.
    this.timer = setTimeout(() => this.wake(), Math.min(this.options.retryBaseMs, 30_000));
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    const { store, clock } = this.options;
    for (;;) {
      if (this.closed) return;
      const due = await store.outbox.claim(clock(), BATCH, CLAIM_LEASE_MS);
      if (due.length === 0) return;
      let failedAll = true;
      for (const mail of due) {
        if (this.closed) return;
        if (await this.send(mail)) failedAll = false;
      }
      // The server is down: leave the rest for their retry time rather than hammer it.
      if (failedAll) return;
    }
  }

  private async send(mail: OutboxMail): Promise<boolean> {
    const { store, clock, retryBaseMs, from } = this.options;
    try {
      await this.transport.sendMail(messageOf(mail, from));
      await store.outbox.markSent(mail.id, clock());
      log.info('mail.sent', { outboxId: mail.id, kind: mail.kind, to: mail.to.address });
      return true;
    } catch (error) {
      const failure = failureOf(error);
      const attempts = mail.attempts + 1;
      const giveUp = failure.permanent || attempts >= MAX_ATTEMPTS;
      const retryAt = giveUp ? null : new Date(clock().getTime() + Math.min(retryBaseMs * 2 ** (attempts - 1), MAX_RETRY_MS));
      await store.outbox.markFailed(mail.id, failure.message, retryAt);
      log.warn(giveUp ? 'mail.failed' : 'mail.retry', { outboxId: mail.id, kind: mail.kind, attempts, error: failure.message, retryAt: retryAt?.toISOString() });
      return false;
    }
  }
}

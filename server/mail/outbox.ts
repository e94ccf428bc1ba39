// Putting mail in the outbox, inside the store transaction of the event that causes it. The
// sender (MailSender) delivers it after the commit; without a mail server it is held: kept,
// logged and shown to the installation's administrators on the outbox page.
import type { Config } from '../config';
import { log } from '../log';
import type { Stores } from '../store/Store';
import { composeMail, type MailContent } from './compose';

/** What enqueueing mail needs to know. */
export interface MailContext {
  config: Pick<Config, 'smtpUrl'>;
  links: { base: string };
}

/** An absolute link to a path of the app. */
export function appUrl(context: Pick<MailContext, 'links'>, path: string): string {
  return context.links.base.replace(/\/+$/, '') + path;
}

/** The preferences page, linked from every mail to a person with an account. */
export function preferencesUrl(context: Pick<MailContext, 'links'>): string {
  return appUrl(context, '/preferences');
}

/** Adds a mail to the outbox (once per key); call it with the transaction's stores. */
export async function enqueueMail(context: MailContext, store: Stores, content: MailContent): Promise<boolean> {
  const held = context.config.smtpUrl === null;
  const added = await store.outbox.enqueue(composeMail(content, { baseUrl: context.links.base, held }));
  if (added && held) log.info('mail.held', { kind: content.kind, to: content.to.address, subject: added.subject, outboxId: added.id });
  return added !== null;
}

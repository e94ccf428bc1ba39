// Schemas of the outbox page: every mail Countersign made, for the installation's administrators.
import { z } from 'zod';

export const outboxMailSchema = z.object({
  id: z.number(),
  kind: z.string(),
  to: z.object({ address: z.string(), name: z.string().nullable() }),
  subject: z.string(),
  /** The plain-text body (the HTML body says the same). */
  text: z.string(),
  /** held: kept without a mail server; pending: to be tried (again); sent; failed: given up. */
  state: z.enum(['held', 'pending', 'sent', 'failed']),
  attempts: z.number(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

/** `GET /api/outbox`: newest first. */
export const outboxPageSchema = z.object({
  mails: z.array(outboxMailSchema),
  nextBefore: z.number().nullable(),
  /** Whether a mail server is configured (without one, mail is held here). */
  smtpConfigured: z.boolean(),
});

import './notifications.css';
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { outboxPageSchema, type outboxMailSchema } from '../../shared/schemas/outbox';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDateTime } from '../format/dates';
import { ErrorSummary } from '../ui/ErrorSummary';
import { usePageTitle } from '../ui/usePageTitle';

type Mail = z.infer<typeof outboxMailSchema>;

const STATE_LABELS: Record<Mail['state'], string> = {
  held: 'Held (no mail server)',
  pending: 'Waiting to be sent',
  sent: 'Sent',
  failed: 'Could not be sent',
};

/** Every mail Countersign made, for the installation's administrators; without a mail server, this is where it waits. */
export function OutboxPage() {
  usePageTitle('Outbox');
  const [mails, setMails] = useState<Mail[] | null>(null);
  const [smtp, setSmtp] = useState<boolean | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  const load = useCallback(async (before?: number) => {
    try {
      const page = await api('GET', before ? `/api/outbox?before=${before}` : '/api/outbox', outboxPageSchema);
      setMails((current) => (before && current ? [...current, ...page.mails] : page.mails));
      setSmtp(page.smtpConfigured);
      setNextBefore(page.nextBefore);
    } catch (error) {
      setErrors([errorMessage(error)]);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <h1>Outbox</h1>
      <ErrorSummary errors={errors} focus={false} />
      {smtp === false && (
        <div className="alert alert--warning">
          <p className="alert__title">No mail server is configured</p>
          <p>
            Mail is kept here and not sent. Set COUNTERSIGN_SMTP_URL to send it. Until then, people who are invited need the
            one-time code from their mail below to accept, or a sign-in provider that vouches for their address.
          </p>
        </div>
      )}
      {mails === null && errors.length === 0 && <p role="status">Loading the outbox…</p>}
      {mails !== null && mails.length === 0 && <p>No mail yet.</p>}
      {mails?.map((mail) => (
        <article className="outbox-mail" key={mail.id} aria-labelledby={`mail-${mail.id}`}>
          <h2 id={`mail-${mail.id}`}>
            {mail.subject}
          </h2>
          <p className="outbox-mail__meta">
            To {mail.to.name ? `${mail.to.name} <${mail.to.address}>` : mail.to.address} · {STATE_LABELS[mail.state]}
            {mail.sentAt ? ` ${formatDateTime(mail.sentAt)}` : ''} · made <time dateTime={mail.createdAt}>{formatDateTime(mail.createdAt)}</time>
            {mail.attempts > 0 && mail.state !== 'sent' ? ` · ${mail.attempts} attempts` : ''}
            {mail.lastError && mail.state !== 'sent' ? ` · last error: ${mail.lastError}` : ''}
          </p>
          <details>
            <summary>The message</summary>
            <pre>{mail.text}</pre>
          </details>
        </article>
      ))}
      {nextBefore !== null && (
        <button className="button button--secondary" type="button" onClick={() => void load(nextBefore)}>
          Show older mail
        </button>
      )}
    </>
  );
}

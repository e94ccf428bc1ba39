// A mail from what it must say: people's words escaped in the HTML, one-line headers that no
// typed text can break, stable Message-IDs, threading and automatic-mail headers.
import { describe, expect, it } from 'vitest';
import { composeMail, messageId } from '../../../server/mail/compose';

const base = 'https://countersign.example.gov.uk';

function compose(overrides: Partial<Parameters<typeof composeMail>[0]> = {}) {
  return composeMail(
    {
      key: 'mention:c1:u1',
      kind: 'mentioned',
      to: { address: 'lead@example.org', name: 'Jordan <Lee>' },
      subject: 'Someone\r\nBcc: victim@example.org mentioned you',
      paragraphs: ['Robin & co mentioned you in “<b>PCC</b> comments”.'],
      quote: { by: 'Robin', text: '<img src=x onerror=alert(1)>\nline two' },
      action: { label: 'Open the thread', url: `${base}/responses/r#thread-t?a="x"` },
      footer: { reason: 'You are a member.', preferencesUrl: `${base}/preferences` },
      thread: 'thread:t1',
      replyTo: { address: 'officer@example.org', name: 'Robin "R" Shah' },
      ...overrides,
    },
    { baseUrl: base, held: false },
  );
}

describe('composeMail', () => {
  it('escapes every word people typed in the HTML, and keeps them as they are in the text', () => {
    const mail = compose();
    expect(mail.html).not.toMatch(/<img|<b>/);
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;<br>line two');
    expect(mail.html).toContain('Robin &amp; co mentioned you in “&lt;b&gt;PCC&lt;/b&gt; comments”.');
    expect(mail.html).toContain('href="https://countersign.example.gov.uk/responses/r#thread-t?a=&quot;x&quot;"');
    expect(mail.text).toContain('Dear Jordan <Lee>,');
    expect(mail.text).toContain('> <img src=x onerror=alert(1)>\n> line two');
    expect(mail.text).toContain(`Choose what Countersign e-mails you: ${base}/preferences`);
  });

  it('keeps the subject and headers on one line', () => {
    const mail = compose();
    expect(mail.subject).toBe('Someone Bcc: victim@example.org mentioned you');
    for (const value of Object.values(mail.headers)) expect(value).not.toMatch(/[\r\n]/);
    expect(mail.headers['Reply-To']).toBe('"Robin R Shah" <officer@example.org>');
  });

  it('gives the same event the same Message-ID, threads by its subject, and marks automatic mail', () => {
    expect(compose().headers['Message-ID']).toBe(messageId('mention:c1:u1', base));
    expect(compose().headers['Message-ID']).toMatch(/^<[0-9a-f]{32}@countersign\.example\.gov\.uk>$/);
    expect(compose({ key: 'other' }).headers['Message-ID']).not.toBe(compose().headers['Message-ID']);
    expect(compose().headers['In-Reply-To']).toBe('<thread.t1@countersign.example.gov.uk>');
    expect(compose().headers['Auto-Submitted']).toBeUndefined();
    expect(compose({ automatic: true }).headers['Auto-Submitted']).toBe('auto-generated');
    expect(compose({ footer: { reason: 'x', preferencesUrl: null } }).headers['List-Unsubscribe']).toBeUndefined();
  });
});

// A real SMTP server on loopback for the tests (smtp-server), with the mail it accepted, read
// back into headers, plain text and HTML. It can be taken down and brought back on the same
// port, or made to answer "try again later", to test that the outbox delivers once.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './waitFor';

/** A mail as the server received it. */
export interface ReceivedMail {
  /** The envelope's recipients. */
  rcptTo: string[];
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

/** Decodes RFC 2047 encoded words ("=?UTF-8?Q?...?=", "=?UTF-8?B?...?="). */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=(\s+(?==\?))?/g, (_all, _charset: string, encoding: string, text: string) => {
    if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
    const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = block.replace(/\r\n(?=[ \t])/g, '');
  for (const line of unfolded.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    default:
      return body;
  }
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function split(raw: string): Part {
  const end = raw.indexOf('\r\n\r\n');
  return { headers: parseHeaders(end < 0 ? raw : raw.slice(0, end)), body: end < 0 ? '' : raw.slice(end + 4) };
}

/** Every leaf part of a MIME message, decoded, by content type. */
function leaves(part: Part, out: Array<{ type: string; text: string }> = []): Array<{ type: string; text: string }> {
  const contentType = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary) {
    const pieces = part.body.split(`--${boundary}`).slice(1);
    for (const piece of pieces) {
      if (piece.startsWith('--')) break;
      leaves(split(piece.replace(/^\r\n/, '')), out);
    }
    return out;
  }
  out.push({ type: contentType.split(';')[0]!.trim().toLowerCase(), text: decodeBody(part.body, part.headers.get('content-transfer-encoding')).replace(/\r\n/g, '\n') });
  return out;
}

/** Reads a raw message into headers, text and HTML. */
export function parseMail(raw: string, rcptTo: string[]): ReceivedMail {
  const message = split(raw);
  const parts = leaves(message);
  return {
    rcptTo,
    headers: message.headers,
    subject: message.headers.get('subject') ?? '',
    text: parts.find((p) => p.type === 'text/plain')?.text ?? '',
    html: parts.find((p) => p.type === 'text/html')?.text ?? '',
    raw,
  };
}

/** How the server answers mail: takes it, or says "try again later" (451). */
export type MailServerMode = 'accept' | 'tempfail';

export class TestMailServer {
  readonly mails: ReceivedMail[] = [];
  mode: MailServerMode = 'accept';
  /** Deliveries answered 451. */
  refused = 0;
  private server: SMTPServer | null = null;

  private constructor(public port: number) {}

  /** Starts a server on a free port (or `port`). */
  static async start(port = 0): Promise<TestMailServer> {
    const mailServer = new TestMailServer(port);
    await mailServer.listen();
    return mailServer;
  }

  /** smtp://127.0.0.1:<port>, for COUNTERSIGN_SMTP_URL. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private listen(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.mode === 'tempfail') {
            this.refused += 1;
            const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
            callback(error);
            return;
          }
          this.mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address.toLowerCase())));
          callback();
        });
      },
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Takes the server down: connections to its port are refused. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Brings it back on the same port. */
  async startAgain(): Promise<void> {
    if (!this.server) await this.listen();
  }

  /** The mail to an address (envelope recipient), in order of arrival. */
  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.rcptTo.includes(address.toLowerCase()));
  }

  /** Waits for a mail to an address whose subject matches, and returns it. */
  async waitForMail(address: string, subject: RegExp, timeoutMs = 15_000): Promise<ReceivedMail> {
    return waitFor(() => {
      const found = this.to(address).find((mail) => subject.test(mail.subject));
      if (!found) throw new Error(`no mail to ${address} matching ${subject} (got: ${this.mails.map((m) => `${m.rcptTo.join(',')}: ${m.subject}`).join('; ') || 'none'})`);
      return found;
    }, timeoutMs);
  }
}

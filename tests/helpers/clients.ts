// Node clients of the real server: HTTP with a session cookie, and y-websocket providers.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ResponseDetail } from '../../shared/api';
import { MESSAGE_SYNC, MESSAGE_WRITE_ACK, SECTION_FRAGMENT, SYNC_STEP2 } from '../../shared/protocol';

export const DEMO_PASSWORD = 'countersign';

// y-websocket's provider adds a process 'exit' listener each in Node; tests open dozens.
process.setMaxListeners(200);

/** Signs in over HTTP; returns the Cookie header value to send. */
export async function login(url: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0]!;
}

/** A JSON request with a cookie; returns status and parsed body. */
export async function api<T = unknown>(
  url: string,
  cookie: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T };
}

/** The demo's sample response as a member sees it. */
export async function sampleResponse(url: string, cookie: string): Promise<ResponseDetail> {
  const list = await api<{ responses: Array<{ id: string; title: string }> }>(url, cookie, 'GET', '/api/responses');
  const sample = list.body.responses.find((r) => r.title.includes('Wiltshire'));
  if (!sample) throw new Error('demo sample response not found');
  return (await api<ResponseDetail>(url, cookie, 'GET', `/api/responses/${sample.id}`)).body;
}

/** A ws WebSocket class that sends a Cookie (and optionally an Origin) with the upgrade. */
export function webSocketWith(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  } as typeof WebSocket;
}

export interface SectionClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text(): string;
  destroy(): void;
}

/** Provider options a test may add (e.g. a shorter reconnect back-off); the essentials stay. */
export type SectionProviderOptions = Omit<NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>, 'WebSocketPolyfill' | 'disableBc' | 'params'>;

/** A y-websocket client of one section, as the browser would make (BroadcastChannel off). */
export function connectSection(
  url: string,
  cookie: string,
  responseId: string,
  sectionId: string,
  params: Record<string, string> = {},
  providerOptions: SectionProviderOptions = {},
): SectionClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/sync/${responseId}`, sectionId, doc, {
    ...providerOptions,
    WebSocketPolyfill: webSocketWith({ cookie }) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
  return {
    doc,
    provider,
    text: () => fragmentText(doc),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The text of a section document (paragraphs joined by newlines). */
export function fragmentText(doc: Y.Doc): string {
  return doc
    .getXmlFragment(SECTION_FRAGMENT)
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map((child) => (child instanceof Y.XmlText ? child.toString() : '')).join('') : ''))
    .join('\n');
}

/** Appends a paragraph of text to a section document, as typing would. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
  doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    const content = new Y.XmlText();
    paragraph.insert(0, [content]);
    fragment.push([paragraph]);
    content.insert(0, text);
  });
}

/** Inserts text into the first paragraph at an offset (creating the paragraph if needed). */
export function insertText(doc: Y.Doc, offset: number, text: string): void {
  const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
  doc.transact(() => {
    if (fragment.length === 0) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText()]);
      fragment.push([paragraph]);
    }
    const paragraph = fragment.get(0) as Y.XmlElement;
    const content = paragraph.get(0) as Y.XmlText;
    content.insert(Math.min(offset, content.length), text);
  });
}

/** A caret (a Yjs relative position) at an offset of the first paragraph's text, as y-tiptap sends it. */
export function caretInFirstParagraph(doc: Y.Doc, offset: number): Y.RelativePosition {
  const paragraph = doc.getXmlFragment(SECTION_FRAGMENT).get(0) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  return Y.createRelativePositionFromTypeIndex(text, Math.min(offset, text.length));
}

/** Opens a raw socket to a path with headers; resolves with the socket once open, or the HTTP status it was refused with. */
export function openRawSocket(
  url: string,
  path: string,
  headers: Record<string, string>,
  /** Given every message from the first: a server's greeting can come with the upgrade's answer, before `open` resolves. */
  onMessage?: (data: Buffer) => void,
): Promise<{ socket: WebSocket } | { refused: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`, { headers });
    socket.binaryType = 'nodebuffer';
    if (onMessage) socket.on('message', onMessage);
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ refused: response.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', () => resolve({ refused: -1 }));
  });
}

/** Every MESSAGE_WRITE_ACK a provider receives (it must connect with `?acks=1`), in order. */
export interface WriteAck {
  status: number;
  reason: string;
}

/** Starts recording a provider's write acknowledgements; returns the live list. */
export function recordWriteAcks(provider: WebsocketProvider): WriteAck[] {
  const acks: WriteAck[] = [];
  // y-websocket has already read the message type when it calls the handler.
  provider.messageHandlers[MESSAGE_WRITE_ACK] = (_encoder, decoder) => {
    const status = decoding.readVarUint(decoder);
    const reason = decoding.hasContent(decoder) ? decoding.readVarString(decoder) : '';
    acks.push({ status, reason });
  };
  return acks;
}

const roundTripWaiters = new WeakMap<WebsocketProvider, Array<() => void>>();

/**
 * Resolves once the server has processed every frame the provider sent before the call: it
 * sends a SyncStep1 and waits for the SyncStep2 that answers it. The server handles a
 * connection's frames in order and answers on the same socket, so anything it sent this
 * client about earlier frames (relays, acks) has arrived too. Call it once the provider has
 * synced (the handshake's own SyncStep2 must not be mistaken for the answer).
 */
export function serverRoundTrip(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  let waiters = roundTripWaiters.get(provider);
  if (!waiters) {
    const list: Array<() => void> = [];
    waiters = list;
    roundTripWaiters.set(provider, list);
    const original = provider.messageHandlers[MESSAGE_SYNC]!;
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
      const step = decoding.readVarUint(decoding.clone(decoder));
      original(encoder, decoder, p, emitSynced, messageType);
      if (step === SYNC_STEP2) list.shift()?.();
    };
  }
  const ws = provider.ws;
  if (!ws || ws.readyState !== ws.OPEN) return Promise.reject(new Error('serverRoundTrip: the provider is not connected'));
  const pending = waiters;
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      const index = pending.indexOf(done);
      if (index >= 0) pending.splice(index, 1);
      reject(new Error(`serverRoundTrip: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    function done(): void {
      clearTimeout(timer);
      resolve();
    }
    pending.push(done);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, provider.doc);
    ws.send(encoding.toUint8Array(encoder));
  });
}

/** The newest outbox mail to an address whose subject matches, read as an installation administrator would. */
export async function latestMailTo(
  url: string,
  adminCookie: string,
  address: string,
  subject: RegExp,
): Promise<{ id: number; subject: string; text: string; state: string } | null> {
  const outbox = await api<{ mails: Array<{ id: number; to: { address: string }; subject: string; text: string; state: string }> }>(url, adminCookie, 'GET', '/api/outbox');
  if (outbox.status !== 200) throw new Error(`outbox: ${outbox.status} ${JSON.stringify(outbox.body)}`);
  return outbox.body.mails.find((mail) => mail.to.address === address.toLowerCase() && subject.test(mail.subject)) ?? null;
}

/** The one-time code in an invitation-code mail's text ("Your code is 1234 5678."). */
export function codeIn(text: string): string {
  const match = /Your code is (\d{4}) (\d{4})/.exec(text);
  if (!match) throw new Error(`no code in: ${text}`);
  return match[1]! + match[2]!;
}

/**
 * Creates an account through the invitation flow: an administrator invites the address to a
 * response; the invitee asks for a code, which is mailed to the address (held in the outbox
 * without a mail server, read here as the installation's administrator, `outboxCookie`), and
 * accepts with it. Returns the new user and their session cookie.
 */
export async function inviteUser(
  url: string,
  adminCookie: string,
  responseId: string,
  invitee: { email: string; role: string; capacity: 'signatory' | 'drafter' | 'viewer'; name: string; password?: string },
  outboxCookie: string = adminCookie,
): Promise<{ user: { id: string; email: string; name: string }; cookie: string }> {
  const invited = await api<{ url: string }>(url, adminCookie, 'POST', `/api/responses/${responseId}/invitations`, {
    email: invitee.email,
    role: invitee.role,
    capacity: invitee.capacity,
  });
  if (invited.status !== 201) throw new Error(`invite ${invitee.email}: ${invited.status} ${JSON.stringify(invited.body)}`);
  const token = invited.body.url.replace(/^\/invite\//, '');
  const asked = await api(url, null, 'POST', `/api/invitations/${token}/code`, {});
  if (asked.status !== 202) throw new Error(`code for ${invitee.email}: ${asked.status} ${JSON.stringify(asked.body)}`);
  const mail = await latestMailTo(url, outboxCookie, invitee.email, /^Your code/);
  if (!mail) throw new Error(`no code mail to ${invitee.email}`);
  const response = await fetch(`${url}/api/invitations/${token}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: codeIn(mail.text), name: invitee.name, password: invitee.password ?? 'a long enough password' }),
  });
  const body = (await response.json()) as { user: { id: string; email: string; name: string } };
  if (response.status !== 201) throw new Error(`accept ${invitee.email}: ${response.status} ${JSON.stringify(body)}`);
  return { user: body.user, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
}

/**
 * Adds someone who has an account to a response, with their consent: the administrator invites
 * their address, and they accept the invitation from their dashboard, signed in as themselves.
 */
export async function addExistingMember(
  url: string,
  adminCookie: string,
  responseId: string,
  memberCookie: string,
  seat: { email: string; role: string; capacity: 'signatory' | 'drafter' | 'viewer'; administrator?: boolean },
): Promise<void> {
  const invited = await api<{ invitation: { id: string } }>(url, adminCookie, 'POST', `/api/responses/${responseId}/members`, seat);
  if (invited.status !== 201) throw new Error(`invite ${seat.email}: ${invited.status} ${JSON.stringify(invited.body)}`);
  const accepted = await api(url, memberCookie, 'POST', `/api/me/invitations/${invited.body.invitation.id}/accept`, {});
  if (accepted.status !== 200) throw new Error(`accept ${seat.email}: ${accepted.status} ${JSON.stringify(accepted.body)}`);
}

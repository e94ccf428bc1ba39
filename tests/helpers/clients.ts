// Node clients of the real server: HTTP with a session cookie, and y-websocket providers.
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ResponseDetail } from '../../shared/api';
import { SECTION_FRAGMENT } from '../../shared/protocol';

export const DEMO_PASSWORD = 'countersign';

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

/** A y-websocket client of one section, as the browser would make (BroadcastChannel off). */
export function connectSection(url: string, cookie: string, responseId: string, sectionId: string, params: Record<string, string> = {}): SectionClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/sync/${responseId}`, sectionId, doc, {
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

/** Opens a raw socket to a path with headers; resolves with the socket once open, or the HTTP status it was refused with. */
export function openRawSocket(
  url: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ socket: WebSocket } | { refused: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`, { headers });
    socket.binaryType = 'nodebuffer';
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ refused: response.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', () => resolve({ refused: -1 }));
  });
}

// Headless Yjs clients: y-websocket's provider (for Countersign and the y-websocket server) and
// Hocuspocus's own provider, each on `ws` sockets, all in the benchmark process.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { BenchClient, ClientOptions, ClientSpec } from './types';

type BrowserWebSocketClass = NonNullable<NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill']>;

/** A ws WebSocket class that sends fixed headers (the session cookie) with the upgrade. */
function webSocketWith(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  } as typeof WebSocket;
}

/** A y-websocket client: `serverUrl/roomName`, with a Cookie header when given. */
/** An awareness with no local state: the client shares no presence. */
function silentAwareness(doc: Y.Doc): Awareness {
  const awareness = new Awareness(doc);
  awareness.setLocalState(null);
  return awareness;
}

export function yWebsocketClient(
  serverUrl: string,
  roomName: string,
  doc: Y.Doc,
  cookie: string | null,
  options: ClientOptions = {},
  onDestroy?: () => void,
): BenchClient {
  const polyfill = cookie ? webSocketWith({ cookie }) : WebSocket;
  const provider = new WebsocketProvider(serverUrl, roomName, doc, {
    ...(options.presence === false ? { awareness: silentAwareness(doc) } : {}),
    // ws's WebSocket speaks the browser API the provider uses; the DOM type is only nominally different.
    WebSocketPolyfill: polyfill as unknown as BrowserWebSocketClass,
    disableBc: true,
    maxBackoffTime: 1000,
  });
  let closed = 0;
  let destroyed = false;
  const reasons: string[] = [];
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (destroyed) return;
    closed += 1;
    reasons.push(event ? `${event.code} ${event.reason}`.trim() : 'closed');
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    const onSync = (isSynced: boolean): void => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  return {
    doc,
    awareness: provider.awareness,
    synced,
    closedCount: () => closed,
    closeReasons: () => reasons,
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      provider.destroy();
      doc.destroy();
      onDestroy?.();
    },
  };
}

/** A Hocuspocus client with its own socket (one provider per client, as an editor tab has). */
export function hocuspocusClient(url: string, name: string, doc: Y.Doc, options: ClientOptions = {}): BenchClient {
  let closed = 0;
  let destroyed = false;
  const reasons: string[] = [];
  let resolveSynced: () => void = () => undefined;
  const synced = new Promise<void>((resolve) => {
    resolveSynced = resolve;
  });
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    ...(options.presence === false ? { awareness: silentAwareness(doc) } : {}),
    onSynced: ({ state }) => {
      if (state) resolveSynced();
    },
    onClose: ({ event }) => {
      if (destroyed) return;
      closed += 1;
      reasons.push(`${event.code} ${event.reason}`.trim());
    },
  });
  provider.attach();
  const awareness = provider.awareness;
  if (!awareness) throw new Error('Hocuspocus provider has no awareness');
  return {
    doc,
    awareness,
    synced,
    closedCount: () => closed,
    closeReasons: () => reasons,
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
}

/** Opens the client a spec describes; `onDestroy` runs once it is destroyed. */
export function openClient(spec: ClientSpec, doc: Y.Doc, options: ClientOptions = {}, onDestroy?: () => void): BenchClient {
  if (spec.client === 'y-websocket') return yWebsocketClient(spec.serverUrl, spec.roomName, doc, spec.cookie, options, onDestroy);
  const client = hocuspocusClient(spec.url, spec.name, doc, options);
  return { ...client, destroy: () => (client.destroy(), onDestroy?.()) };
}

/** A fresh doc for a client. Garbage collection stays on, as in an editor. */
export function newDoc(): Y.Doc {
  return new Y.Doc();
}

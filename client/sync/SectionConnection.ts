// One section's live document: its Yjs doc, the save tracker and the y-websocket provider.
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { shouldReconnectAfter } from './closeCodes';
import { SaveTracker } from './SaveTracker';
import { wsBase } from './wsBase';

/** A section's document, connected to its sync room. */
export interface SectionConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  tracker: SaveTracker;
  /** Closes the socket and releases the document. */
  destroy(): void;
}

/** Connects a fresh document to `/sync/<responseId>/<sectionId>` with write acknowledgements. */
export function connectSection(responseId: string, sectionId: string): SectionConnection {
  const doc = new Y.Doc();
  // The tracker must listen to the doc before the provider does (see SaveTracker).
  const tracker = new SaveTracker(doc);
  const provider = new WebsocketProvider(
    `${wsBase()}/sync/${encodeURIComponent(responseId)}`,
    encodeURIComponent(sectionId),
    doc,
    {
      connect: false,
      params: { acks: '1' },
      // Tabs of one browser would otherwise sync with each other around the server.
      disableBc: true,
      WebSocketPolyfill: tracker.socketClass(WebSocket),
      shouldReconnect: (event) => shouldReconnectAfter(event.code),
    },
  );
  tracker.attach(provider);
  provider.connect();
  return {
    doc,
    provider,
    tracker,
    destroy() {
      provider.destroy();
      provider.awareness.destroy();
      tracker.destroy();
      doc.destroy();
    },
  };
}

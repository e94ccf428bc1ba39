// What every server under test offers the scenarios, whatever its kind.
import type { Awareness } from 'y-protocols/awareness';
import type { PhaseMeter } from '../proc';
import type * as Y from 'yjs';

/** Every kind the benchmark runs (by default all; --servers picks some). */
export const SERVER_KINDS = ['countersign', 'y-websocket', 'hocuspocus'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];
export const DEFAULT_KINDS: readonly ServerKind[] = SERVER_KINDS;
/** The other servers, which the goals compare Countersign against. */
export const PEER_KINDS: readonly ServerKind[] = ['y-websocket', 'hocuspocus'];

export const SERVER_LABELS: Record<ServerKind, string> = {
  countersign: 'Countersign',
  'y-websocket': 'y-websocket server (@y/websocket-server 0.1.1)',
  hocuspocus: 'Hocuspocus 3.4.4',
};

export interface ServerSetup {
  /** Documents the scenario uses (Countersign needs them as sections before it starts). */
  docs: number;
  /** Documents are spread evenly over this many responses (Countersign); 1 by default. */
  responses?: number;
  /** Most connections the scenario holds at once (Countersign spreads them over enough users). */
  maxConnections: number;
  /** Stored history to put in place before the first start, one update per edit. */
  seed?: {
    docIndex: number;
    /** One update per edit, in order; the first makes the section's paragraph (editorDoc.ts). */
    updates: readonly Uint8Array[];
    /** The final state, encoded by a document with gc on (what Hocuspocus stores). */
    state: Uint8Array;
    /** How Countersign stores it (the other servers ignore it); `live` by default. */
    countersign?: CountersignSeed;
  };
  /** Users to create at least (Countersign; more when maxConnections needs them). */
  users?: number;
  /** Write a V8 CPU profile of the server process into this folder when it stops. */
  cpuProfileDir?: string;
}

/** How Countersign's data folder holds a seeded document. */
export interface CountersignSeed {
  /**
   * `live`: as its sync server writes it live: each update stored with its author, the log
   * compacted every COMPACT_AFTER_UPDATES (authorship kept as ranges). `log`: one row per
   * update with its author, never compacted. `state`: `state` alone, as one row without author
   * (what Countersign stored before it kept history).
   */
  rows: 'live' | 'log' | 'state';
  /** Who sent each update: the user (index) from an update index on; user 0 for all by default. */
  authors?: Array<{ from: number; user: number }>;
  /** Named versions recorded (by the server's SectionHistory) just after update `after`. */
  versions?: Array<{ after: number; name: string; user: number }>;
  /** Time between two stored updates (the nominal pace of the edits), ms; 200 by default. */
  msPerUpdate?: number;
}

export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface ClientOptions {
  /**
   * Whether the client shares presence (an awareness state), as an editor tab does; true by
   * default. A client without it sends no awareness, so it does not renew one every 15 s either.
   */
  presence?: boolean;
}

/** What a thread needs to open a client of a document (plain data, it crosses to workers). */
export type ClientSpec =
  | { client: 'y-websocket'; serverUrl: string; roomName: string; cookie: string | null }
  | { client: 'hocuspocus'; url: string; name: string };

/** One headless Yjs client of one document. */
export interface BenchClient {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Resolves once the first sync with the server is done. */
  readonly synced: Promise<void>;
  /** Whether the server closed this client's socket (for whatever reason) since it synced. */
  readonly closedCount: () => number;
  /** Close code and reason of each such close. */
  readonly closeReasons: () => string[];
  destroy(): void;
}

export interface ServerUnderTest {
  readonly kind: ServerKind;
  readonly label: string;
  /** ws://127.0.0.1:port */
  readonly wsUrl: string;
  readonly pid: number;
  readonly dataDir: string;
  /** The documents prepared for the scenario, by index. */
  readonly docNames: readonly string[];
  /** How this server keeps documents, as run here. */
  readonly persistence: string;
  /** A new client of a document, with its own Y.Doc unless one is given. */
  connect(docName: string, doc?: Y.Doc, options?: ClientOptions): BenchClient;
  /**
   * How to open a client of a document in another thread (observerThreads.ts); `release` once
   * that client is gone (Countersign spreads sockets over its members).
   */
  clientSpec(docName: string): { spec: ClientSpec; release: () => void };
  /** Starts measuring a phase on the server process (CPU, peak RSS; marks the CPU profile window). */
  meter(): PhaseMeter;
  /** The server process's memory (after a full GC when asked). */
  memory(gc: boolean): Promise<MemoryUsage>;
  /** Stops the process gracefully (it stores what it holds), then waits for it to exit. */
  stop(): Promise<void>;
  /** Starts the same server again on the same data (after stop). */
  restart(): Promise<ServerUnderTest>;
  /** The section text (editorDoc.ts sectionText) of the state stored on disk; only once stopped. */
  readStoredText(docName: string): Promise<string>;
  /** Bytes the document takes in storage (see persistence for what is counted); only once stopped. */
  storedBytes(docName: string): Promise<{ bytes: number; rows: number; note: string }>;
}

// The editing traces in bench/data (josephg/editing-traces, CC BY 4.0; see bench/data/README.md),
// turned into Yjs updates once per run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as Y from 'yjs';
import { editorText, paragraphUpdate } from './editorDoc';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

/** [position, deleted, inserted] */
export type Patch = [number, number, string];

interface SequentialTrace {
  startContent: string;
  endContent: string;
  txns: Array<{ patches: Patch[] }>;
}

interface ConcurrentTrace {
  kind: 'concurrent';
  endContent: string;
  numAgents: number;
  txns: Array<{ agent: number; parents: number[]; patches: Patch[] }>;
}

function readGzipJson(file: string): unknown {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(DATA, file))).toString('utf8'));
}

/** Applies a trace's patches to the paragraph's text (a Y.XmlText is a Y.Text: the same positions). */
function applyPatches(text: Y.Text, patches: readonly Patch[]): void {
  for (const [position, deleted, inserted] of patches) {
    if (deleted > 0) text.delete(position, deleted);
    if (inserted.length > 0) text.insert(position, inserted);
  }
}

export interface SequentialReplay {
  /**
   * One update per edit (transaction of the trace), in order, after the first: the update that
   * makes the section's one paragraph (editorDoc.ts), which every edit types into.
   */
  updates: Uint8Array[];
  /**
   * The state as a document with garbage collection on encodes it (Y.encodeStateAsUpdate, V1:
   * what y-protocols and every server here send and store): deleted text reduced to GC ranges.
   * What the peers keep, and what Countersign kept before it kept history.
   */
  state: Uint8Array;
  /** The same state in Yjs's V2 encoding (the figure the Yjs benchmarks quote). */
  stateV2Bytes: number;
  /** The state with every deleted character kept (gc off), as Countersign's rooms hold and compact it now. */
  historyStateBytes: number;
  content: string;
  edits: number;
  /** Whether `content` is the trace's endContent (a prefix replay has no such check). */
  matchesEndContent: boolean | null;
  /** The text after each number of edits asked for in `textsAt`. */
  textsAt: Map<number, string>;
}

export interface SequentialReplayOptions {
  /** Replay only the first `limit` edits. */
  limit?: number;
  /**
   * The Yjs client id each edit is made with (the edit's index from 0), to have several members
   * take turns; one random id for the whole trace by default.
   */
  clientIdOf?: (edit: number) => number;
  /** Numbers of edits after which to keep the text (see SequentialReplay.textsAt). */
  textsAt?: readonly number[];
}

/**
 * Replays the sequential automerge-paper trace (or its first `limit` edits) into the paragraph
 * of an editor-shaped section document, keeping deleted content (gc off) as Countersign's rooms
 * do; the gc-on state is that document's state applied to a document with gc on.
 */
export function replayAutomergePaper(options: SequentialReplayOptions = {}): SequentialReplay {
  const trace = readGzipJson('automerge-paper.json.gz') as SequentialTrace;
  const txns = options.limit === undefined ? trace.txns : trace.txns.slice(0, options.limit);
  const doc = new Y.Doc({ gc: false });
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  Y.applyUpdate(doc, paragraphUpdate());
  const text = editorText(doc);
  if (trace.startContent) throw new Error('the automerge-paper trace was expected to start empty');
  const wanted = new Set(options.textsAt ?? []);
  const textsAt = new Map<number, string>();
  if (wanted.has(0)) textsAt.set(0, '');
  txns.forEach((txn, index) => {
    if (options.clientIdOf) doc.clientID = options.clientIdOf(index);
    doc.transact(() => applyPatches(text, txn.patches));
    if (wanted.has(index + 1)) textsAt.set(index + 1, text.toString());
  });
  const content = text.toString();
  const historyState = Y.encodeStateAsUpdate(doc);
  const collected = new Y.Doc({ gc: true });
  Y.applyUpdate(collected, historyState);
  const result: SequentialReplay = {
    updates,
    state: Y.encodeStateAsUpdate(collected),
    stateV2Bytes: Y.encodeStateAsUpdateV2(collected).byteLength,
    historyStateBytes: historyState.byteLength,
    content,
    edits: txns.length,
    matchesEndContent: options.limit === undefined || options.limit >= trace.txns.length ? content === trace.endContent : null,
    textsAt,
  };
  collected.destroy();
  doc.destroy();
  return result;
}

export interface ConcurrentTxn {
  index: number;
  agent: number;
  parents: number[];
  /** The Yjs update this transaction makes, on top of exactly its parents' version. */
  update: Uint8Array;
  /** The agent's Yjs clock after this transaction (its client's state once it has arrived). */
  clockEnd: number;
}

export interface ConcurrentReplay {
  agents: number;
  /** The update that makes the section's paragraph: every agent's client applies it before its first transaction. */
  paragraph: Uint8Array;
  /** Yjs client ids, one per agent. */
  clientIds: number[];
  txns: ConcurrentTxn[];
  /** txns of each agent, in order. */
  byAgent: ConcurrentTxn[][];
  endContent: string;
}

/**
 * Turns the concurrent friendsforever trace into one Yjs update per transaction, typed into the
 * paragraph of an editor-shaped section document (editorDoc.ts). Each
 * transaction's patches are positions in the document as its author saw it: exactly the
 * transactions in its causal history (`parents`, transitively). Each agent's copy is brought to
 * that version by applying the other agents' updates it lacks (each agent's own transactions
 * form a chain, so a version is a vector of per-agent counts), then the patch is applied.
 */
export function convertFriendsForever(): ConcurrentReplay {
  const trace = readGzipJson('friendsforever.json.gz') as ConcurrentTrace;
  const agents = trace.numAgents;
  const clientIds = Array.from({ length: agents }, (_, agent) => 1_000_001 + agent);
  const docs = clientIds.map((id) => {
    const doc = new Y.Doc({ gc: false });
    doc.clientID = id;
    Y.applyUpdate(doc, paragraphUpdate());
    return doc;
  });
  const docVersion = docs.map(() => new Array<number>(agents).fill(0));
  const versions: number[][] = [];
  const byAgent: ConcurrentTxn[][] = clientIds.map(() => []);
  const txns: ConcurrentTxn[] = [];
  trace.txns.forEach((raw, index) => {
    const agent = raw.agent;
    const version = new Array<number>(agents).fill(0);
    for (const parent of raw.parents) {
      const parentVersion = versions[parent]!;
      for (let b = 0; b < agents; b++) version[b] = Math.max(version[b]!, parentVersion[b]!);
    }
    if (version[agent] !== byAgent[agent]!.length) {
      throw new Error(`transaction ${index} does not follow its agent's previous one; this replay needs per-agent chains`);
    }
    const doc = docs[agent]!;
    const have = docVersion[agent]!;
    for (let b = 0; b < agents; b++) {
      if (have[b]! > version[b]!) throw new Error(`transaction ${index}: agent ${agent} already saw more of agent ${b} than its parents`);
      for (let k = have[b]!; k < version[b]!; k++) Y.applyUpdate(doc, byAgent[b]![k]!.update);
      have[b] = version[b]!;
    }
    let update: Uint8Array | null = null;
    const capture = (captured: Uint8Array): void => {
      update = captured;
    };
    doc.on('update', capture);
    doc.transact(() => applyPatches(editorText(doc), raw.patches));
    doc.off('update', capture);
    if (!update) throw new Error(`transaction ${index} changed nothing`);
    const txn: ConcurrentTxn = { index, agent, parents: raw.parents, update, clockEnd: Y.getState(doc.store, doc.clientID) };
    byAgent[agent]!.push(txn);
    txns.push(txn);
    version[agent] = byAgent[agent]!.length;
    have[agent] = version[agent]!;
    versions.push(version);
  });
  for (const doc of docs) doc.destroy();
  return { agents, paragraph: paragraphUpdate(), clientIds, txns, byAgent, endContent: trace.endContent };
}

// The editing traces in bench/data (josephg/editing-traces, CC BY 4.0; see bench/data/README.md),
// turned into Yjs updates once per run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as Y from 'yjs';

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

function applyPatches(text: Y.Text, patches: readonly Patch[]): void {
  for (const [position, deleted, inserted] of patches) {
    if (deleted > 0) text.delete(position, deleted);
    if (inserted.length > 0) text.insert(position, inserted);
  }
}

export interface SequentialReplay {
  /** One update per edit (transaction of the trace), in order. */
  updates: Uint8Array[];
  /** Y.encodeStateAsUpdate (V1, what y-protocols and every server here store) of the result. */
  state: Uint8Array;
  /** The same state in Yjs's V2 encoding (the figure the Yjs benchmarks quote). */
  stateV2Bytes: number;
  content: string;
  edits: number;
  /** Whether `content` is the trace's endContent (a prefix replay has no such check). */
  matchesEndContent: boolean | null;
  /** The encoded state (V1) after the first `stateAt` edits, when asked for. */
  stateAtPoint: Uint8Array | null;
}

/** Replays the sequential automerge-paper trace (or its first `limit` edits) into Y.Text 't'. */
export function replayAutomergePaper(limit?: number, stateAt?: number): SequentialReplay {
  const trace = readGzipJson('automerge-paper.json.gz') as SequentialTrace;
  const txns = limit === undefined ? trace.txns : trace.txns.slice(0, limit);
  const doc = new Y.Doc();
  const text = doc.getText('t');
  if (trace.startContent) text.insert(0, trace.startContent);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  let stateAtPoint: Uint8Array | null = null;
  txns.forEach((txn, index) => {
    doc.transact(() => applyPatches(text, txn.patches));
    if (stateAt !== undefined && index + 1 === stateAt) stateAtPoint = Y.encodeStateAsUpdate(doc);
  });
  const content = text.toString();
  const result: SequentialReplay = {
    updates,
    state: Y.encodeStateAsUpdate(doc),
    stateV2Bytes: Y.encodeStateAsUpdateV2(doc).byteLength,
    content,
    edits: txns.length,
    matchesEndContent: limit === undefined || limit >= trace.txns.length ? content === trace.endContent : null,
    stateAtPoint,
  };
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
  /** Yjs client ids, one per agent. */
  clientIds: number[];
  txns: ConcurrentTxn[];
  /** txns of each agent, in order. */
  byAgent: ConcurrentTxn[][];
  endContent: string;
}

/**
 * Turns the concurrent friendsforever trace into one Yjs update per transaction. Each
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
    doc.transact(() => applyPatches(doc.getText('t'), raw.patches));
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
  return { agents, clientIds, txns, byAgent, endContent: trace.endContent };
}

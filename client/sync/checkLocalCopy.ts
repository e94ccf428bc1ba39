// Compares a section's copy in this browser with the server without changing either: sends the
// copy's SyncStep1, reads the server's SyncStep1 (its state vector) and the SyncStep2 answering
// ours (which carries the server's whole delete set), counts what the server lacks, and closes.
// Nothing is written, so a copy holding edits the server would refuse is not refused again.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { isFinalClose, MESSAGE_SYNC, SYNC_STEP1, SYNC_STEP2, syncPath } from '../../shared/protocol';
import { closeLocalCopy, openLocalCopy, type LocalCopyKey } from './localCopies';
import { countDeletionsServerLacks, countInsertsServerLacks } from './pendingChanges';
import { wsBase } from './wsBase';

/** How long the server may take to answer before the copy counts as unchecked. */
export const COPY_CHECK_TIMEOUT_MS = 5_000;

/** What comparing a copy with the server found. */
export type CopyCheck =
  | { status: 'checked'; unsaved: number }
  | {
      status: 'unchecked';
      /** The copy could not be read, the server could not be reached, or it refused (44xx). */
      reason: 'unreadable' | 'unreachable' | 'refused';
    };

type ServerState = { ok: true; stateVector: Uint8Array; update: Uint8Array } | { ok: false; reason: 'unreachable' | 'refused' };

/** Counts the changes in copy `name` (of `key`'s section) that the server has not stored. */
export async function checkLocalCopy(name: string, key: LocalCopyKey): Promise<CopyCheck> {
  const doc = new Y.Doc();
  const { persistence, loaded } = openLocalCopy(name, doc);
  try {
    if (!(await loaded)) return { status: 'unchecked', reason: 'unreadable' };
    const server = await serverState(key, Y.encodeStateVector(doc));
    if (!server.ok) return { status: 'unchecked', reason: server.reason };
    const serverDeletions = Y.decodeUpdate(server.update).ds;
    const unsaved =
      countInsertsServerLacks(doc, server.stateVector) + countDeletionsServerLacks(doc, server.stateVector, serverDeletions);
    return { status: 'checked', unsaved };
  } finally {
    await closeLocalCopy(persistence);
    doc.destroy();
  }
}

function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/** The server's state vector and its answer to `stateVector`, over a short-lived socket. */
function serverState({ responseId, sectionId }: LocalCopyKey, stateVector: Uint8Array): Promise<ServerState> {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsBase() + syncPath(responseId, sectionId));
    socket.binaryType = 'arraybuffer';
    let serverVector: Uint8Array | null = null;
    let answer: Uint8Array | null = null;
    const finish = (result: ServerState) => {
      clearTimeout(timer);
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      socket.close();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'unreachable' }), COPY_CHECK_TIMEOUT_MS);
    socket.onopen = () => socket.send(syncStep1Frame(stateVector));
    socket.onmessage = (event: MessageEvent<unknown>) => {
      if (!(event.data instanceof ArrayBuffer)) return;
      try {
        const decoder = decoding.createDecoder(new Uint8Array(event.data));
        if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return; // presence, acks
        const step = decoding.readVarUint(decoder);
        if (step === SYNC_STEP1) serverVector = decoding.readVarUint8Array(decoder);
        else if (step === SYNC_STEP2) answer = decoding.readVarUint8Array(decoder);
      } catch {
        finish({ ok: false, reason: 'unreachable' });
        return;
      }
      if (serverVector && answer) finish({ ok: true, stateVector: serverVector, update: answer });
    };
    socket.onclose = (event) => finish({ ok: false, reason: isFinalClose(event.code) ? 'refused' : 'unreachable' });
  });
}

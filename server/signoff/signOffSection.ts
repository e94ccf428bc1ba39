import * as Y from 'yjs';
import type { User } from '../../shared/api';
import type { Membership, Section } from '../../shared/model';
import { canReopen, canSignOff } from '../../shared/permissions';
import { roleLabel } from '../../shared/roles';
import { isEmptyContent } from '../content/sectionContent';
import { announceChange, recordActivity, type ServerContext } from '../context';
import { conflict, forbidden, notFound } from '../http/errors';
import type { ResponseRecord } from '../store/ResponseStore';
import type { Room } from '../sync/Room';
import { snapshotSection } from './sectionSnapshot';

interface SectionAction {
  user: User;
  response: ResponseRecord;
  membership: Membership;
  sectionId: string;
}

/** How long a sign-off waits for the signer's last edits to arrive over their socket. */
export const SIGN_OFF_WAIT_MS = 5_000;
const SIGN_OFF_POLL_MS = 25;

/** Whether a document holds everything a client's state vector says it has written. */
function covers(doc: Y.Doc, clientStateVector: Map<number, number>): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of clientStateVector) {
    if ((have.get(client) ?? 0) < clock) return false;
  }
  return true;
}

function findSection(context: ServerContext, responseId: string, sectionId: string): Section {
  const section = context.store.responses.getSection(responseId, sectionId);
  if (!section) throw notFound('That section');
  return section;
}

/**
 * Signs a section off: from this moment no update to it is stored or relayed. Runs in the
 * section's room queue, so the hash covers every update received before the sign-off and
 * none after; open write connections are closed and reconnect read-only.
 */
export async function signOffSection(
  context: ServerContext,
  action: SectionAction & { clientStateVector?: Map<number, number> },
): Promise<Section> {
  const { store, sync } = context;
  const { user, response, membership, sectionId, clientStateVector } = action;
  const section = findSection(context, response.id, sectionId);
  if (response.state === 'published') throw conflict('published', 'The response is published and can no longer change');
  if (section.state === 'signed_off') throw conflict('already_signed_off', 'This section is already signed off');
  if (!canSignOff(membership, section, response)) {
    throw forbidden(`Only a signatory for the ${roleLabel(section.ownerRole)} can sign off this section`);
  }

  // The signer's last edits travel over their socket, and may reach us after this request.
  // Given the signer's state vector, wait (outside the room's queue, so they can be processed)
  // until the room holds all of it. Deletions do not show in a state vector; the client also
  // waits until its own edits are acknowledged before it asks.
  const deadline = Date.now() + SIGN_OFF_WAIT_MS;
  let signed: Section | null = null;
  while (signed === null) {
    signed = await sync.rooms.withRoom(response.id, sectionId, async (room) => {
      if (clientStateVector && !covers(room.doc, clientStateVector)) return null;
      return signInRoom(room);
    });
    if (signed) break;
    if (Date.now() > deadline) {
      throw conflict('unsaved_changes', 'Your latest edits to this section have not reached the server yet. Check your connection and try again.');
    }
    await new Promise((resolve) => setTimeout(resolve, SIGN_OFF_POLL_MS));
  }

  async function signInRoom(room: Room): Promise<Section> {
    const current = findSection(context, response.id, sectionId);
    if (current.state !== 'drafting') throw conflict('already_signed_off', 'This section is already signed off');
    const snapshot = await snapshotSection(store.updates, sectionId);
    if (isEmptyContent(snapshot.content)) {
      throw current.kind === 'recommendation'
        ? conflict('empty_response', 'Every recommendation needs a response before it is signed off (Police Act 1996 s.55(5B))')
        : conflict('empty_section', 'An empty section cannot be signed off');
    }
    const signOff = { userId: user.id, name: user.name, at: new Date().toISOString(), contentHash: snapshot.hash };
    store.transaction(() => {
      store.signOffs.record(sectionId, signOff, snapshot.json);
      store.responses.setSectionState(sectionId, 'signed_off');
    });
    sync.refreshRoom(room);
    return findSection(context, response.id, sectionId);
  }

  recordActivity(context, {
    responseId: response.id,
    actor: { userId: user.id, name: user.name },
    action: 'section.signed_off',
    sectionId,
    detail: `${signed.title} signed off (content SHA-256 ${signed.signOff?.contentHash})`,
  });
  announceChange(context, response.id, 'signoff');
  return signed;
}

/** Reopens a signed-off section, on the record: the owner's signatories may write it again. */
export async function reopenSection(context: ServerContext, action: SectionAction & { reason: string }): Promise<Section> {
  const { store, sync } = context;
  const { user, response, membership, sectionId, reason } = action;
  const section = findSection(context, response.id, sectionId);
  if (response.state === 'published') throw conflict('published', 'The response is published and can no longer change');
  if (section.state !== 'signed_off') throw conflict('not_signed_off', 'This section is not signed off');
  if (!canReopen(membership, section, response)) {
    throw forbidden(`Only a signatory for the ${roleLabel(section.ownerRole)} or an administrator can reopen this section`);
  }

  const reopened = await sync.rooms.withRoom(response.id, sectionId, (room) => {
    const current = findSection(context, response.id, sectionId);
    if (current.state !== 'signed_off') throw conflict('not_signed_off', 'This section is not signed off');
    store.transaction(() => {
      store.signOffs.markReopened(sectionId, user.id, reason, new Date().toISOString());
      store.responses.setSectionState(sectionId, 'drafting');
    });
    sync.refreshRoom(room);
    return findSection(context, response.id, sectionId);
  });

  recordActivity(context, {
    responseId: response.id,
    actor: { userId: user.id, name: user.name },
    action: 'section.reopened',
    sectionId,
    detail: `${reopened.title} reopened: ${reason}`,
  });
  announceChange(context, response.id, 'reopen');
  return reopened;
}

import type { User } from '../../shared/api';
import type { Membership, Section } from '../../shared/model';
import { canReopen, canSignOff } from '../../shared/permissions';
import { roleLabel } from '../../shared/roles';
import { isEmptyContent } from '../content/sectionContent';
import { announceChange, recordActivity, type ServerContext } from '../context';
import { conflict, forbidden, notFound } from '../http/errors';
import type { ResponseRecord } from '../store/ResponseStore';
import { snapshotSection } from './sectionSnapshot';

interface SectionAction {
  user: User;
  response: ResponseRecord;
  membership: Membership;
  sectionId: string;
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
export async function signOffSection(context: ServerContext, action: SectionAction): Promise<Section> {
  const { store, sync } = context;
  const { user, response, membership, sectionId } = action;
  const section = findSection(context, response.id, sectionId);
  if (response.state === 'published') throw conflict('published', 'The response is published and can no longer change');
  if (section.state === 'signed_off') throw conflict('already_signed_off', 'This section is already signed off');
  if (!canSignOff(membership, section, response)) {
    throw forbidden(`Only a signatory for the ${roleLabel(section.ownerRole)} can sign off this section`);
  }

  const signed = await sync.rooms.withRoom(response.id, sectionId, async (room) => {
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
  });

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

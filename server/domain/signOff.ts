// Signing a section off, and reopening it, on the record.
import type { User } from '../../shared/api';
import type { Section } from '../../shared/model';
import { signOffOrganisationProblem } from '../../shared/organisations';
import { canEdit, canReopen, canSignOff } from '../../shared/permissions';
import { roleLabel } from '../../shared/roles';
import { isEmptyContent } from '../content/sectionContent';
import type { ServerContext } from '../context';
import { findSection, memberAccess } from './access';
import { actorOf, announceChange, recordActivity } from './activity';
import { conflict, forbidden } from './errors';
import { notifyReadyForSignOff, notifyReopened, signatoriesOf } from './notices';
import { announceNotifications } from './notify';
import { holderOf, identityCheckOf, organisationOfEmail } from './organisations';
import { sectionView } from './views';

/** How long a sign-off waits for the signer's last edits to arrive over their socket. */
export const SIGN_OFF_WAIT_MS = 5_000;

/**
 * Signs a section off: from this moment no update to it is stored or relayed. Runs in the
 * section's room queue and in the store's section barrier, so the hash covers every update
 * received before the sign-off, on this instance or any other, and none after; open write
 * connections are closed and reconnect read-only.
 *
 * The signer's last edits travel over their socket and may reach us after this request. Given
 * the signer's state vector, the room is asked to wait until it holds all of it. Deletions do
 * not show in a state vector; the client also waits until its own edits are acknowledged.
 */
export async function signOffSection(
  context: ServerContext,
  user: User,
  command: { responseId: string; sectionId: string; clientStateVector?: Map<number, number>; expectedHash?: string; signedInWith?: string },
): Promise<Section> {
  const { store, sync, config } = context;
  const { response, membership } = await memberAccess(store, command.responseId, user.id);
  const section = await findSection(store, response.id, command.sectionId);
  if (response.state === 'published') throw conflict('published', 'The response is published and can no longer change');
  if (section.state === 'signed_off') throw conflict('already_signed_off', 'This section is already signed off');
  if (!canSignOff(membership, section, response)) {
    throw forbidden(`Only a signatory for the ${roleLabel(section.ownerRole)} can sign off this section`);
  }
  // The signatory must be one of the people of the organisation holding the role (the seat was
  // checked when it was given; the settings or the address may have changed since).
  const organisation = organisationOfEmail(config, user.email);
  const holder = await holderOf(config, store, response.id, section.ownerRole);
  const wrongOrganisation = signOffOrganisationProblem({ organisationId: organisation?.id ?? null }, section.ownerRole, holder);
  if (wrongOrganisation) throw forbidden(wrongOrganisation, 'organisation_rule');

  if (command.clientStateVector && !(await sync.rooms.waitForState(response.id, section.id, command.clientStateVector, SIGN_OFF_WAIT_MS))) {
    throw conflict('unsaved_changes', 'Your latest edits to this section have not reached the server yet. Check your connection and try again.');
  }

  const signed = await sync.rooms.withRoom(response.id, section.id, async (room) => {
    const createdBy = { userId: user.id, name: user.name, role: membership.role };
    // Inside the section's barrier: every update stored before, here or on another instance, is
    // in the hash, and none is stored beside it (those that arrive meanwhile are refused).
    await store.sectionBarrier(section.id, async (tx) => {
      const current = await findSection(tx, response.id, section.id);
      if (current.state !== 'drafting') throw conflict('already_signed_off', 'This section is already signed off');
      const { version, content } = context.history.versionOfUpdates(section.id, await tx.updates.load(section.id), 'signoff', { createdBy });
      if (isEmptyContent(content.content)) {
        throw current.kind === 'recommendation'
          ? conflict('empty_response', 'Every recommendation needs a response before it is signed off (Police Act 1996 s.55(5B))')
          : conflict('empty_section', 'An empty section cannot be signed off');
      }
      if (command.expectedHash && command.expectedHash !== content.hash) {
        throw conflict('changed_meanwhile', 'The text changed while you were checking it (someone else edited it): check it again before you sign it off');
      }
      const stored = await tx.versions.create(version);
      const signOff = {
        userId: user.id,
        name: user.name,
        at: new Date().toISOString(),
        contentHash: content.hash,
        versionId: stored.id,
        organisation: organisation?.name ?? null,
        identityCheck: identityCheckOf(config, command.signedInWith),
      };
      await tx.signOffs.record(section.id, signOff, content.json);
      await tx.responses.setSectionState(section.id, 'signed_off');
    });
    context.history.recorded(section.id);
    await sync.refreshRoom(room);
    return sectionView(store, (await store.responses.getSection(response.id, section.id))!);
  });

  await recordActivity(context, {
    responseId: response.id,
    actor: actorOf(user),
    action: 'section.signed_off',
    sectionId: section.id,
    detail: `${signed.title} signed off (content SHA-256 ${signed.signOff?.contentHash})`,
  });
  announceChange(context, response.id, 'signoff');
  return signed;
}

/** Reopens a signed-off section, on the record: the owner's writers may write it again. */
export async function reopenSection(context: ServerContext, user: User, command: { responseId: string; sectionId: string; reason: string }): Promise<Section> {
  const { store, sync } = context;
  const { response, membership } = await memberAccess(store, command.responseId, user.id);
  const section = await findSection(store, response.id, command.sectionId);
  if (response.state === 'published') throw conflict('published', 'The response is published and can no longer change');
  if (section.state !== 'signed_off') throw conflict('not_signed_off', 'This section is not signed off');
  if (!canReopen(membership, section, response)) {
    throw forbidden(`Only a signatory for the ${roleLabel(section.ownerRole)} or an administrator can reopen this section`);
  }

  const reopened = await sync.rooms.withRoom(response.id, section.id, async (room) => {
    const current = await findSection(store, response.id, section.id);
    if (current.state !== 'signed_off') throw conflict('not_signed_off', 'This section is not signed off');
    await context.history.record(room, 'reopen', { name: command.reason, createdBy: { userId: user.id, name: user.name, role: membership.role } });
    const signed = await store.signOffs.current(section.id);
    const notified = await store.transaction(async (tx) => {
      await tx.signOffs.markReopened(section.id, user.id, command.reason, new Date().toISOString());
      await tx.responses.setSectionState(section.id, 'drafting');
      // Whoever signed it is told, with the reason (not themselves, nor someone who left).
      const signer = signed && signed.userId !== user.id && (await tx.members.get(response.id, signed.userId)) ? await tx.users.get(signed.userId) : null;
      if (!signer) return null;
      return notifyReopened(context, tx, { key: `reopen:${section.id}:${signed!.at}`, response, section: current, actor: user, signer, reason: command.reason });
    });
    await sync.refreshRoom(room);
    await announceNotifications(context, [notified]);
    return sectionView(store, (await store.responses.getSection(response.id, section.id))!);
  });

  await recordActivity(context, {
    responseId: response.id,
    actor: actorOf(user),
    action: 'section.reopened',
    sectionId: section.id,
    detail: `${reopened.title} reopened: ${command.reason}`,
  });
  announceChange(context, response.id, 'reopen');
  return reopened;
}

/** Asking twice within this long is refused: the signatories have just been told. */
export const ASK_AGAIN_AFTER_MS = 10 * 60 * 1000;

/**
 * "Ask for sign-off": a writer of the section's role tells its signatories it is ready. Nothing
 * changes in the section; the signatories are notified (and mailed, as they chose).
 */
export async function requestSignOff(context: ServerContext, user: User, command: { responseId: string; sectionId: string }): Promise<{ notified: number }> {
  const { store } = context;
  const { response, membership } = await memberAccess(store, command.responseId, user.id);
  const section = await findSection(store, response.id, command.sectionId);
  if (response.state === 'published') throw conflict('published', 'The response is published and can no longer change');
  if (section.state === 'signed_off') throw conflict('already_signed_off', 'This section is already signed off');
  if (!canEdit(membership, section, response)) throw forbidden(`Only the writers for the ${roleLabel(section.ownerRole)} can ask for this section to be signed off`);
  const signatories = signatoriesOf(await store.members.list(response.id), section.ownerRole).filter((m) => m.userId !== user.id);
  if (signatories.length === 0) throw conflict('no_signatory', `Nobody else signs for the ${roleLabel(section.ownerRole)} in this response yet`);
  const now = context.clock();
  if (await store.notifications.existsSince('ready_for_signoff', section.id, new Date(now.getTime() - ASK_AGAIN_AFTER_MS))) {
    throw conflict('already_asked', 'The signatories were asked a few minutes ago; they have been told');
  }
  const records = await store.transaction((tx) =>
    notifyReadyForSignOff(context, tx, { key: `ready:${section.id}:${now.getTime()}:${user.id}`, response, section, actor: user, signatories }),
  );
  await announceNotifications(context, records);
  await recordActivity(context, {
    responseId: response.id,
    actor: actorOf(user),
    action: 'signoff.requested',
    sectionId: section.id,
    detail: `${user.name} asked ${signatories.map((m) => m.name).join(', ')} to sign off ${section.title}`,
  });
  return { notified: signatories.length };
}

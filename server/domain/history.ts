// A section's history: its versions, what changed between two of them (or since one), who
// wrote each passage, and restoring a version as a new change. Computed on the server from what
// is stored; members read it, the owning role's writers save and restore.
import * as Y from 'yjs';
import type { AuthorshipBody, HistoryPerson, User, Version, VersionDetailBody, VersionDiffBody } from '../../shared/api';
import type { Membership } from '../../shared/model';
import { canEdit } from '../../shared/permissions';
import type { ContentNode } from '../content/sectionContent';
import type { ServerContext } from '../context';
import { AuthorshipIndex } from '../history/authorship';
import { authorshipSpans, changesBetween, type TextChange } from '../history/changes';
import { applyContent } from '../history/restore';
import { historyDoc } from '../history/snapshots';
import { ID_PATTERN } from '../store/ids';
import type { ResponseRecord, SectionRecord } from '../store/records';
import type { VersionRecord } from '../store/VersionStore';
import { findSection, memberAccess } from './access';
import { actorOf, announceChange, recordActivity } from './activity';
import { conflict, forbidden, notFound } from './errors';

type SectionRef = { responseId: string; sectionId: string };

function versionView(version: VersionRecord): Version {
  return { id: version.id, kind: version.kind, name: version.name, createdAt: version.createdAt, createdBy: version.createdBy, hash: version.hash };
}

/** The section, for any member of its response. */
async function readable(context: ServerContext, user: User, ref: SectionRef): Promise<{ response: ResponseRecord; membership: Membership; section: SectionRecord }> {
  const { response, membership } = await memberAccess(context.store, ref.responseId, user.id);
  return { response, membership, section: await findSection(context.store, response.id, ref.sectionId) };
}

/** The section, for a member who may write it now. */
async function writable(context: ServerContext, user: User, ref: SectionRef) {
  const access = await readable(context, user, ref);
  const { response, membership, section } = access;
  if (response.state === 'published') throw conflict('published', 'The response is published and can no longer change');
  if (section.state === 'signed_off') throw conflict('signed_off', 'This section is signed off; reopen it to change it');
  if (!canEdit(membership, section, response)) throw forbidden("Only the section's owning role's signatories and drafters can do that");
  return access;
}

async function findVersion(context: ServerContext, section: SectionRecord, versionId: string): Promise<VersionRecord> {
  const version = ID_PATTERN.test(versionId) ? await context.store.versions.get(section.id, versionId) : null;
  if (!version) throw notFound('That version');
  return version;
}

/** Names and roles for the user ids the history mentions (roles as the response has them now). */
async function people(context: ServerContext, responseId: string): Promise<(userId: string | null) => HistoryPerson | null> {
  const members = new Map((await context.store.members.list(responseId)).map((member) => [member.userId, member]));
  const others = new Map<string, HistoryPerson>();
  return (userId) => {
    if (!userId) return null;
    const member = members.get(userId);
    if (member) return { userId, name: member.name, role: member.role };
    return others.get(userId) ?? { userId, name: 'A former member', role: '' };
  };
}

/** The stored document with its history, and who wrote what in it. */
async function storedHistory(context: ServerContext, sectionId: string): Promise<{ doc: Y.Doc; index: AuthorshipIndex }> {
  const [updates, ranges] = await Promise.all([context.store.updates.load(sectionId), context.store.updates.authorship(sectionId)]);
  return { doc: historyDoc(updates), index: new AuthorshipIndex(ranges) };
}

/** A section's versions, newest first. */
export async function listVersions(context: ServerContext, user: User, ref: SectionRef): Promise<Version[]> {
  const { section } = await readable(context, user, ref);
  return (await context.store.versions.list(section.id)).map(versionView);
}

/** Saves the text as it is now as a version with a name. */
export async function saveVersion(context: ServerContext, user: User, command: SectionRef & { name: string }): Promise<Version> {
  const { response, membership, section } = await writable(context, user, command);
  const version = await context.sync.rooms.withRoom(response.id, section.id, (room) =>
    context.history.record(room, 'named', { name: command.name, createdBy: { userId: user.id, name: user.name, role: membership.role } }),
  );
  await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'version.saved', sectionId: section.id, detail: `Version "${command.name}" of ${section.title}` });
  return versionView(version);
}

/** A version with its content and text. */
export async function getVersion(context: ServerContext, user: User, command: SectionRef & { versionId: string }): Promise<VersionDetailBody> {
  const { section } = await readable(context, user, command);
  const version = await findVersion(context, section, command.versionId);
  return { version: versionView(version), content: JSON.parse(version.contentJson) as unknown, text: version.text };
}

/** What changed from a version to the text now, or between two versions (older to newer), with who made each change. */
export async function diffVersion(context: ServerContext, user: User, command: SectionRef & { versionId: string; against: string }): Promise<VersionDiffBody> {
  const { response, section } = await readable(context, user, command);
  const version = await findVersion(context, section, command.versionId);
  const other = command.against === 'current' ? null : await findVersion(context, section, command.against);
  const { doc, index } = await storedHistory(context, section.id);
  try {
    const snapshotOf = (record: VersionRecord) => Y.decodeSnapshot(record.snapshot);
    let from = snapshotOf(version);
    let to = other ? snapshotOf(other) : Y.snapshot(doc);
    if (other && other.createdAt < version.createdAt) [from, to] = [to, from];
    const person = await people(context, response.id);
    return { changes: changesBetween(doc, from, to, index).map((change: TextChange) => (change.type === 'same' ? change : { type: change.type, text: change.text, by: person(change.userId), at: change.at })) };
  } finally {
    doc.destroy();
  }
}

/** Who wrote each run of the text as it is now. */
export async function sectionAuthorship(context: ServerContext, user: User, ref: SectionRef): Promise<AuthorshipBody> {
  const { response, section } = await readable(context, user, ref);
  const { doc, index } = await storedHistory(context, section.id);
  try {
    const person = await people(context, response.id);
    return { spans: authorshipSpans(doc, index).map((span) => ({ text: span.text, by: person(span.userId) })) };
  } finally {
    doc.destroy();
  }
}

/**
 * Restores a version: the text becomes the version's as a new change, credited to the member
 * who restores it, stored and relayed through the room like any edit. Nothing in the history is
 * rewritten: the text as it was just before is kept as a version first.
 */
export async function restoreVersion(context: ServerContext, user: User, command: SectionRef & { versionId: string }): Promise<Version> {
  const { response, membership, section } = await writable(context, user, command);
  const version = await findVersion(context, section, command.versionId);
  const author = { userId: user.id, name: user.name, role: membership.role };
  const before = await context.sync.rooms.withRoom(response.id, section.id, async (room) => {
    // Checked again in the queue: a sign-off may have come first.
    const current = await findSection(context.store, response.id, section.id);
    if (current.state !== 'drafting') throw conflict('signed_off', 'This section was signed off meanwhile; reopen it to restore a version');
    const kept = await context.history.record(room, 'auto', { name: `Before restoring a version of ${version.createdAt}`, createdBy: author });
    const copy = new Y.Doc({ gc: false });
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
      applyContent(copy, JSON.parse(version.contentJson) as ContentNode);
      await room.applyChange(Y.encodeStateAsUpdate(copy, Y.encodeStateVector(room.doc)), author);
    } finally {
      copy.destroy();
    }
    return kept;
  });
  await recordActivity(context, {
    responseId: response.id,
    actor: actorOf(user),
    action: 'section.restored',
    sectionId: section.id,
    detail: `${section.title} restored to the version of ${version.createdAt}${version.name ? ` ("${version.name}")` : ''}`,
  });
  announceChange(context, response.id, 'history');
  return versionView(before);
}

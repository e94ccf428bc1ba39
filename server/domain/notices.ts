// What each event tells whom, in the app and by mail. Each is called inside the transaction
// that records the event, so the notification and its mail are committed with it or not at
// all. Mail names the response and section titles, the person who acted and what they wrote
// in a thread or a reason (all members may read those); never a section's text.
import type { Member, Suggestion, Thread, ThreadComment, User } from '../../shared/api';
import type { RoleId } from '../../shared/model';
import { canDecideSuggestion } from '../../shared/permissions';
import { roleLabel } from '../../shared/roles';
import { appUrl, type MailContext } from '../mail/outbox';
import type { NotificationRecord, ResponseRecord, SectionRecord } from '../store/records';
import type { Stores } from '../store/Store';
import { notify, type Recipient } from './notify';

/** The path of a section on its response's page. */
export function sectionPath(responseId: string, sectionId: string): string {
  return `/responses/${encodeURIComponent(responseId)}#section-${sectionId}`;
}

/** The path of a thread on its response's page. */
export function threadPath(responseId: string, threadId: string): string {
  return `/responses/${encodeURIComponent(responseId)}#thread-${threadId}`;
}

function recipientOf(member: Pick<Member, 'userId' | 'email' | 'name'>): Recipient {
  return { id: member.userId, email: member.email, name: member.name };
}

const MEMBER_REASON = (title: string) => `You received this because you are a member of “${title}” on Countersign.`;

/** A drafter asks the role's signatories to sign a section off. */
export async function notifyReadyForSignOff(
  context: MailContext,
  tx: Stores,
  input: { key: string; response: ResponseRecord; section: SectionRecord; actor: User; signatories: Member[] },
): Promise<Array<NotificationRecord | null>> {
  const { response, section, actor } = input;
  const path = sectionPath(response.id, section.id);
  const title = `${actor.name} asks you to sign off “${section.title}”`;
  return Promise.all(
    input.signatories.map((signatory) =>
      notify(context, tx, recipientOf(signatory), {
        key: input.key,
        kind: 'ready_for_signoff',
        responseId: response.id,
        sectionId: section.id,
        title,
        detail: `In “${response.title}”, as signatory for the ${roleLabel(section.ownerRole)}.`,
        actorName: actor.name,
        path,
        mail: {
          subject: `Ready for your sign-off: “${section.title}” in “${response.title}”`,
          paragraphs: [
            `${actor.name} says “${section.title}” in “${response.title}” is ready for you to sign off, as signatory for the ${roleLabel(section.ownerRole)}.`,
            'Read it on the response page, then sign it off there, or tell them what to change.',
          ],
          action: { label: 'Open the section', url: appUrl(context, path) },
          thread: `section:${section.id}`,
          replyTo: { address: actor.email, name: actor.name },
          reason: MEMBER_REASON(response.title),
        },
      }),
    ),
  );
}

/** A section someone signed off is reopened: they are told, with the reason. */
export async function notifyReopened(
  context: MailContext,
  tx: Stores,
  input: { key: string; response: ResponseRecord; section: SectionRecord; actor: User; signer: Recipient; reason: string },
): Promise<NotificationRecord | null> {
  const { response, section, actor } = input;
  const path = sectionPath(response.id, section.id);
  return notify(context, tx, input.signer, {
    key: input.key,
    kind: 'reopened',
    responseId: response.id,
    sectionId: section.id,
    title: `${actor.name} reopened “${section.title}”, which you signed off`,
    detail: input.reason,
    actorName: actor.name,
    path,
    mail: {
      subject: `Reopened: “${section.title}” in “${response.title}”`,
      paragraphs: [`${actor.name} reopened “${section.title}” in “${response.title}”, which you had signed off. It can be changed again and needs a new sign-off.`],
      quote: { by: `${actor.name}, giving the reason,`, text: input.reason },
      action: { label: 'Open the section', url: appUrl(context, path) },
      thread: `section:${section.id}`,
      replyTo: { address: actor.email, name: actor.name },
      reason: MEMBER_REASON(response.title),
    },
  });
}

/** The hour an event falls in: suggestions come in bursts (a draft is sent at each pause), told once an hour. */
function hourOf(at: Date): string {
  return at.toISOString().slice(0, 13);
}

/** The section's writers (who may accept or reject) are told of a suggestion, once an hour per suggester. */
export async function notifySuggested(
  context: MailContext,
  tx: Stores,
  input: { response: ResponseRecord; section: SectionRecord; actor: User; what: string },
): Promise<Array<NotificationRecord | null>> {
  const { response, section, actor } = input;
  const path = sectionPath(response.id, section.id);
  const writers = (await tx.members.list(response.id)).filter((m) => m.userId !== actor.id && canDecideSuggestion(m, section, response));
  return Promise.all(
    writers.map((writer) =>
      notify(context, tx, recipientOf(writer), {
        key: `suggested:${section.id}:${actor.id}:${hourOf(new Date())}`,
        kind: 'suggested',
        responseId: response.id,
        sectionId: section.id,
        title: `${actor.name} suggests changes to “${section.title}”`,
        detail: input.what,
        actorName: actor.name,
        path,
        mail: {
          subject: `Suggested changes: “${section.title}” in “${response.title}”`,
          paragraphs: [
            `${actor.name} suggests changes to “${section.title}” in “${response.title}”, a section the ${roleLabel(section.ownerRole)} writes. Nothing in its text changes until someone who writes it accepts a suggestion.`,
            'Accept or reject each one on the response page, under Suggestions.',
          ],
          quote: { by: actor.name, text: input.what },
          action: { label: 'Open the section', url: appUrl(context, path) },
          thread: `section:${section.id}`,
          replyTo: { address: actor.email, name: actor.name },
          reason: MEMBER_REASON(response.title),
        },
      }),
    ),
  );
}

/** A suggester is told that their suggestion was accepted or rejected, once an hour per section and decision. */
export async function notifySuggestionDecided(
  context: MailContext,
  tx: Stores,
  input: { response: ResponseRecord; section: SectionRecord; suggestion: Pick<Suggestion, 'by'>; actor: User; accepted: boolean; what: string },
): Promise<NotificationRecord | null> {
  const { response, section, actor, accepted } = input;
  if (input.suggestion.by.userId === actor.id) return null;
  const suggester = (await tx.members.list(response.id)).find((m) => m.userId === input.suggestion.by.userId);
  if (!suggester) return null;
  const path = sectionPath(response.id, section.id);
  const verb = accepted ? 'accepted' : 'rejected';
  return notify(context, tx, recipientOf(suggester), {
    key: `suggestion-${verb}:${section.id}:${actor.id}:${hourOf(new Date())}`,
    kind: 'suggestion_decided',
    responseId: response.id,
    sectionId: section.id,
    title: `${actor.name} ${verb} your suggestion on “${section.title}”`,
    detail: input.what,
    actorName: actor.name,
    path,
    mail: {
      subject: `Suggestion ${verb}: “${section.title}” in “${response.title}”`,
      paragraphs: [
        accepted
          ? `${actor.name} accepted your suggestion on “${section.title}” in “${response.title}”: the text now reads as you proposed, credited to you.`
          : `${actor.name} rejected your suggestion on “${section.title}” in “${response.title}”: the text stays as it was.`,
      ],
      quote: { by: 'Your suggestion', text: input.what },
      action: { label: 'Open the section', url: appUrl(context, path) },
      thread: `section:${section.id}`,
      replyTo: { address: actor.email, name: actor.name },
      reason: MEMBER_REASON(response.title),
    },
  });
}

/** People mentioned in a comment, and the others in its thread (a reply), are told. */
export async function notifyComment(
  context: MailContext,
  tx: Stores,
  input: {
    response: ResponseRecord;
    section: Pick<SectionRecord, 'id' | 'title'>;
    thread: Pick<Thread, 'id' | 'comments' | 'createdBy'>;
    comment: ThreadComment;
    actor: User;
    mentioned: Member[];
    /** False for the first comment of a new thread (nobody else is in it yet). */
    isReply: boolean;
    /** A reply to a suggestion (its thread is the suggestion's): the link goes to its section. */
    onSuggestion?: boolean;
  },
): Promise<Array<NotificationRecord | null>> {
  const { response, section, thread, comment, actor } = input;
  const path = input.onSuggestion ? sectionPath(response.id, section.id) : threadPath(response.id, thread.id);
  const inWhat = input.onSuggestion ? 'a suggestion' : 'a thread';
  const mentionedIds = new Set(input.mentioned.map((m) => m.userId));
  const records: Array<NotificationRecord | null> = [];
  const common = {
    responseId: response.id,
    sectionId: section.id,
    detail: comment.body,
    actorName: actor.name,
    path,
  };
  const mailCommon = {
    quote: { by: actor.name, text: comment.body },
    action: { label: input.onSuggestion ? 'Open the section' : 'Open the thread', url: appUrl(context, path) },
    thread: `${input.onSuggestion ? 'suggestion' : 'thread'}:${thread.id}`,
    replyTo: { address: actor.email, name: actor.name },
    reason: MEMBER_REASON(response.title),
  };
  for (const member of input.mentioned) {
    if (member.userId === actor.id) continue;
    records.push(
      await notify(context, tx, recipientOf(member), {
        ...common,
        key: `mention:${comment.id}`,
        kind: 'mentioned',
        title: `${actor.name} mentioned you in a comment on “${section.title}”`,
        mail: {
          ...mailCommon,
          subject: `${actor.name} mentioned you: “${section.title}” in “${response.title}”`,
          paragraphs: [`${actor.name} mentioned you in a comment on “${section.title}” in “${response.title}”.`],
        },
      }),
    );
  }
  if (!input.isReply) return records;
  // Everyone who wrote in the thread before, but the replier and those just told of a mention.
  const participants = new Set([thread.createdBy.userId, ...thread.comments.map((c) => c.author.userId)]);
  participants.delete(actor.id);
  for (const id of mentionedIds) participants.delete(id);
  const members = new Map((await tx.members.list(response.id)).map((m) => [m.userId, m]));
  for (const id of participants) {
    const member = members.get(id);
    if (!member) continue;
    records.push(
      await notify(context, tx, recipientOf(member), {
        ...common,
        key: `reply:${comment.id}`,
        kind: 'reply',
        title: `${actor.name} replied in ${inWhat} on “${section.title}”`,
        mail: {
          ...mailCommon,
          subject: `Re: ${inWhat} on “${section.title}” in “${response.title}”`,
          paragraphs: [`${actor.name} replied in ${inWhat} you are in, on “${section.title}” in “${response.title}”.`],
        },
      }),
    );
  }
  return records;
}

/** Every member but the publisher is told the response is published. */
export async function notifyPublished(
  context: MailContext,
  tx: Stores,
  input: { response: ResponseRecord; actor: User; htmlUrl: string },
): Promise<Array<NotificationRecord | null>> {
  const { response, actor } = input;
  const path = `/responses/${encodeURIComponent(response.id)}`;
  const members = (await tx.members.list(response.id)).filter((m) => m.userId !== actor.id);
  return Promise.all(
    members.map((member) =>
      notify(context, tx, recipientOf(member), {
        key: `published:${response.id}`,
        kind: 'published',
        responseId: response.id,
        title: `${actor.name} published “${response.title}”`,
        actorName: actor.name,
        path,
        mail: {
          subject: `Published: “${response.title}”`,
          paragraphs: [
            `${actor.name} published “${response.title}”. Its text and sign-off record can no longer change.`,
            `The publication: ${appUrl(context, input.htmlUrl)}`,
          ],
          action: { label: 'Open the response', url: appUrl(context, path) },
          thread: `response:${response.id}`,
          reason: MEMBER_REASON(response.title),
        },
      }),
    ),
  );
}

/** The members of a response who sign for a role. */
export function signatoriesOf(members: Member[], role: RoleId): Member[] {
  return members.filter((m) => m.role === role && m.capacity === 'signatory');
}

// Reminders before the statutory dates, and the daily digest. The scheduler runs these once a
// day is under way (from REMINDER_HOUR, UK time); each reminder and each digest has a key of its
// day in the database, so however often they run, on however many restarts, each is sent once.
import { formatUkDate } from '../publish/PublicationInput';
import { ukToday } from '../../shared/deadline';
import { describeDaysLeft, remindersDue, type DueReminder } from '../../shared/reminders';
import { CHIEF_CONSTABLE_ROLE } from '../../shared/permissions';
import type { Member } from '../../shared/api';
import type { ServerContext } from '../context';
import { log } from '../log';
import { appUrl, enqueueMail, preferencesUrl } from '../mail/outbox';
import type { NotificationRecord, ResponseRecord, SectionRecord } from '../store/records';
import { announceNotifications, notify } from './notify';

/** Reminders and digests go out from this hour of the UK day (not at midnight). */
export const REMINDER_HOUR = 8;

/** The hour of the day in the UK (0-23), whatever the server's time zone. */
export function ukHour(now: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(now));
}

/** Who a reminder goes to: the signatories with sections of theirs not signed off, and the administrators. */
function recipientsOf(reminder: DueReminder, members: Member[], unsigned: SectionRecord[]): Array<{ member: Member; sections: SectionRecord[] }> {
  const relevant = reminder.which === 'chief_comments' ? unsigned.filter((s) => s.ownerRole === CHIEF_CONSTABLE_ROLE) : unsigned;
  // The chief's comments are in once their sections are signed off: no reminder about them.
  if (reminder.which === 'chief_comments' && relevant.length === 0) return [];
  const out: Array<{ member: Member; sections: SectionRecord[] }> = [];
  for (const member of members) {
    const theirs = member.capacity === 'signatory' ? relevant.filter((s) => s.ownerRole === member.role) : [];
    if (theirs.length > 0 || member.administrator) out.push({ member, sections: theirs });
  }
  return out;
}

function wordsFor(reminder: DueReminder, response: ResponseRecord): { what: string; when: string } {
  const what =
    reminder.which === 'deadline'
      ? `“${response.title}” must be published by ${formatUkDate(reminder.date)} (Police Act 1996 s.55)`
      : `The Chief Constable’s comments on “${response.report.title}” are due by ${formatUkDate(reminder.date)}`;
  return { what, when: describeDaysLeft(reminder.daysLeft) };
}

/** Sends the reminders due today for every response being drafted; returns how many were new. */
export async function sendDueReminders(context: ServerContext, now: Date): Promise<number> {
  const { store } = context;
  const today = ukToday(now);
  let sent = 0;
  for (const response of await store.responses.listInState('drafting')) {
    const due = remindersDue(today, response);
    if (due.length === 0) continue;
    const [members, sections] = await Promise.all([store.members.list(response.id), store.responses.listSections(response.id)]);
    const unsigned = sections.filter((s) => s.state !== 'signed_off');
    const path = `/responses/${encodeURIComponent(response.id)}`;
    const records: Array<NotificationRecord | null> = await store.transaction(async (tx) => {
      const made: Array<NotificationRecord | null> = [];
      for (const reminder of due) {
        const { what, when } = wordsFor(reminder, response);
        for (const { member, sections: theirs } of recipientsOf(reminder, members, unsigned)) {
          const yours = theirs.length > 0 ? `Not yet signed off by you: ${theirs.map((s) => `“${s.title}”`).join(', ')}.` : '';
          const open = unsigned.length > 0 ? `${unsigned.length} of ${sections.length} sections are not signed off yet.` : 'Every section is signed off: it is ready to publish.';
          made.push(
            await notify(context, tx, { id: member.userId, email: member.email, name: member.name }, {
              key: `reminder:${response.id}:${reminder.which}:${reminder.date}:${reminder.daysLeft}`,
              kind: 'reminder',
              responseId: response.id,
              title: reminder.daysLeft < 0 ? `Overdue: ${what}, ${when}` : `Reminder: ${what}, ${when}`,
              detail: [yours, open].filter(Boolean).join(' '),
              actorName: null,
              path,
              mail: {
                subject: `${reminder.daysLeft < 0 ? 'Overdue' : 'Reminder'}: “${response.title}”, ${reminder.which === 'deadline' ? 'the statutory deadline' : 'the Chief Constable’s comments'} ${when}`,
                paragraphs: [`${what}: that is ${when}.`, ...(yours ? [yours] : []), open],
                action: { label: 'Open the response', url: appUrl(context, path) },
                thread: `response:${response.id}`,
                automatic: true,
                reason: `You received this because you ${member.administrator ? 'administer' : 'sign for a role in'} “${response.title}” on Countersign.`,
              },
            }),
          );
        }
      }
      return made;
    });
    sent += records.filter(Boolean).length;
    await announceNotifications(context, records);
  }
  if (sent > 0) log.info('reminders.sent', { count: sent, day: today });
  return sent;
}

/** Sends each person who chose a daily digest one mail with what waited for it today; returns how many. */
export async function sendDigests(context: ServerContext, now: Date): Promise<number> {
  const { store } = context;
  const today = ukToday(now);
  let sent = 0;
  for (const userId of await store.notifications.usersWithDigest()) {
    const user = await store.users.get(userId);
    if (!user) continue;
    const made = await store.transaction(async (tx) => {
      const pending = await tx.notifications.pendingDigest(userId);
      if (pending.length === 0) return false;
      const added = await enqueueMail(context, tx, {
        key: `digest:${userId}:${today}`,
        kind: 'digest',
        to: { address: user.email, name: user.name },
        subject: `Countersign: ${pending.length} ${pending.length === 1 ? 'thing' : 'things'} for you today`,
        paragraphs: ['Here is what happened in your responses since your last digest.'],
        items: pending.map((n) => ({ text: n.title, url: appUrl(context, n.path) })),
        footer: { reason: 'You received this because you chose a daily digest for some notifications.', preferencesUrl: preferencesUrl(context) },
        automatic: true,
      });
      // Today's digest went out already: these wait for tomorrow's.
      if (!added) return false;
      await tx.notifications.markDigested(
        pending.map((n) => n.id),
        now,
      );
      return true;
    });
    if (made) sent += 1;
  }
  if (sent > 0) {
    context.mail.wake();
    log.info('digests.sent', { count: sent, day: today });
  }
  return sent;
}

// What members are told, and how each chooses to hear of it: the kinds of notification, the
// ways of delivering them, and the defaults. Shared by the server and the preferences page.

export const NOTIFICATION_KINDS = [
  'ready_for_signoff',
  'reopened',
  'suggested',
  'suggestion_decided',
  'mentioned',
  'reply',
  'published',
  'reminder',
  'invitation',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** By mail at once, in one mail a day, or only in the app. */
export const NOTIFICATION_DELIVERIES = ['immediate', 'digest', 'none'] as const;
export type NotificationDelivery = (typeof NOTIFICATION_DELIVERIES)[number];

/** Every kind is mailed at once unless the member chooses otherwise. */
export const DEFAULT_DELIVERY: Record<NotificationKind, NotificationDelivery> = {
  ready_for_signoff: 'immediate',
  reopened: 'immediate',
  suggested: 'immediate',
  suggestion_decided: 'immediate',
  mentioned: 'immediate',
  reply: 'immediate',
  published: 'immediate',
  reminder: 'immediate',
  invitation: 'immediate',
};

/** A kind in words, for the preferences page and the digest. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  ready_for_signoff: 'A section you sign for is ready for sign-off',
  reopened: 'A section you signed off is reopened',
  suggested: 'Someone suggests a change to a section you write',
  suggestion_decided: 'Your suggestion is accepted or rejected',
  mentioned: 'Someone mentions you in a comment',
  reply: 'A reply in a thread you are in',
  published: 'A response you are in is published',
  reminder: 'Reminders before the statutory deadline and the date for the Chief Constable’s comments',
  invitation: 'An invitation to a response',
};

/** A delivery in words. */
export const DELIVERY_LABELS: Record<NotificationDelivery, string> = {
  immediate: 'E-mail at once',
  digest: 'Daily digest',
  none: 'Only in Countersign',
};

/** The delivery a member gets for a kind: their choice, else the default. */
export function deliveryFor(kind: NotificationKind, chosen: Partial<Record<NotificationKind, NotificationDelivery>>): NotificationDelivery {
  return chosen[kind] ?? DEFAULT_DELIVERY[kind];
}

/** Days before a statutory date on which reminders go out. */
export const REMINDER_DAYS = [14, 7, 3, 1] as const;

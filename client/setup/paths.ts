// The set-up screens' addresses, in one place for the router, links and redirects.

/** `/responses/new`: the form that creates a response. */
export const NEW_RESPONSE_PATH = '/responses/new';

/** A response's page. */
export function responsePath(responseId: string): string {
  return `/responses/${encodeURIComponent(responseId)}`;
}

/** A response's set-up page (sections, recommendations). */
export function setupPath(responseId: string): string {
  return `${responsePath(responseId)}/setup`;
}

/** A response's members page (members, invitations, who is online). */
export function membersPath(responseId: string): string {
  return `${responsePath(responseId)}/members`;
}

/** A response's activity record. */
export function activityPath(responseId: string): string {
  return `${responsePath(responseId)}/activity`;
}

import { randomBytes } from 'node:crypto';

/** A new random id, 16 URL-safe characters (96 bits). */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** The shape every id we issue has; anything else is unknown without a database look-up. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

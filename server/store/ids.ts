import { randomBytes } from 'node:crypto';

export { ID_PATTERN } from '../../shared/ids';

/** A new random id, 16 URL-safe characters (96 bits). */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

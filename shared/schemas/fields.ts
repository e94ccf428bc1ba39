// The fields requests are made of, each with its bounds and its words for what is wrong.
import { z } from 'zod';
import { isCalendarDate } from '../deadline';
import { ID_PATTERN } from '../ids';
import {
  MAX_COMMENT_CHARS,
  MAX_EMAIL_CHARS,
  MAX_NAME_CHARS,
  MAX_PASSWORD_CHARS,
  MAX_REASON_CHARS,
  MAX_RECOMMENDATION_CHARS,
  MAX_TITLE_CHARS,
  MAX_URL_CHARS,
  MIN_PASSWORD_CHARS,
} from '../limits';
import { ROLE_ID_PATTERN } from '../roles';
import { capacitySchema, sectionKindSchema } from './model';
import { multiLineText, singleLineText } from './text';

export { capacitySchema, sectionKindSchema };

export const roleIdField = z.string().regex(ROLE_ID_PATTERN, 'must be a role id such as "chief_constable"');
/** Titles and names: one line, cleaned of invisible and bidi characters (shared/text.ts). */
export const titleField = singleLineText({ max: MAX_TITLE_CHARS });
export const nameField = singleLineText({ max: MAX_NAME_CHARS });
export const emailField = z.string().trim().toLowerCase().pipe(z.email('must be an e-mail address')).pipe(z.string().max(MAX_EMAIL_CHARS));
export const commentBodyField = multiLineText({ max: MAX_COMMENT_CHARS });
export const reasonField = multiLineText({ max: MAX_REASON_CHARS });
export const recommendationTextField = multiLineText({ max: MAX_RECOMMENDATION_CHARS }).overwrite((text) => text.trim());
export const calendarDateField = z.string().refine(isCalendarDate, 'must be a real date written YYYY-MM-DD');
export const webAddressField = z
  .url({ protocol: /^https?$/, error: 'must be a web address starting http:// or https://' })
  .max(MAX_URL_CHARS);
/** A new password: long enough; the server also checks it against common breached passwords. */
export const newPasswordField = z
  .string()
  .min(MIN_PASSWORD_CHARS, `must be at least ${MIN_PASSWORD_CHARS} characters`)
  .max(MAX_PASSWORD_CHARS);
/** A password being checked (any length an old password may have had). */
export const passwordField = z.string().min(1, 'is required').max(MAX_PASSWORD_CHARS);
/** An id we issued: short, URL-safe. */
export const idField = z.string().regex(ID_PATTERN, 'is not a known id');

// Zod schemas for text that people type: cleaned on the way in (shared/text.ts), then checked,
// so what is stored is what a reader sees. Request schemas use these for every title, name,
// label, comment and reason.
import { z } from 'zod';
import { cleanMultiLine, cleanSingleLine, hasVisibleText } from '../text';

interface TextOptions {
  /** The most characters (UTF-16 code units, after cleaning). */
  max: number;
  /** What the text is, to start the messages ("Title must contain visible text"); bare messages without. */
  label?: string;
}

function messages({ max, label }: TextOptions): { empty: string; tooLong: string } {
  return label
    ? { empty: `${label} must contain visible text`, tooLong: `${label} must be ${max} characters or fewer` }
    : { empty: 'must contain visible text', tooLong: `must be ${max} characters or fewer` };
}

/**
 * A title, name or short label: cleaned with cleanSingleLine (one line, no invisible or bidi
 * characters), then refused if nothing visible is left or it is longer than `max`.
 */
export function singleLineText(options: TextOptions): z.ZodString {
  const { empty, tooLong } = messages(options);
  return z.string().overwrite(cleanSingleLine).refine(hasVisibleText, empty).max(options.max, tooLong);
}

/**
 * A comment body, a reason: cleaned with cleanMultiLine (line breaks kept; no disallowed
 * characters or bidi controls), then refused if nothing visible is left or it is longer than `max`.
 */
export function multiLineText(options: TextOptions): z.ZodString {
  const { empty, tooLong } = messages(options);
  return z.string().overwrite(cleanMultiLine).refine(hasVisibleText, empty).max(options.max, tooLong);
}

// What is wrong with a request, in the words of our own messages ("must be 200 characters or
// fewer"), where a schema left a rule to zod's default wording ("Invalid input: expected
// string, received undefined").
import type { z } from 'zod';

/** zod's own wordings; a schema's message of ours never starts like these. */
const ZOD_WORDING = /^(Invalid|Too big|Too small|Unrecognized key)/;

function kind(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** One problem of a request, as "field: what is wrong". */
export function issueText(issue: z.core.$ZodIssue): string {
  const field = issue.path.join('.') || 'body';
  return `${field}: ${ZOD_WORDING.test(issue.message) ? plainWording(issue) : issue.message}`;
}

function plainWording(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.endsWith('received undefined') ? 'is required' : `must be ${kind(issue.expected)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be ${issue.maximum} characters or fewer`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have ${issue.maximum} items or fewer`;
      return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'must not be empty' : `must be ${issue.minimum} characters or more`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have ${issue.minimum} items or more`;
      return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${issue.minimum}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'field' : 'fields'}: ${issue.keys.join(', ')}`;
    case 'invalid_format':
      return `is not a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

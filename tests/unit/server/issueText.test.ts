import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueText } from '../../../server/http/issueText';

function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map(issueText);
}

describe('what is wrong with a request, in plain words', () => {
  const schema = z.strictObject({
    name: z.string().max(5),
    title: z.string().min(1).optional(),
    count: z.number().int().max(10).optional(),
    status: z.enum(['open', 'closed']).optional(),
    tags: z.array(z.string()).max(2).optional(),
    mine: z.string().max(3, 'must be short').optional(),
  });

  it("replaces zod's own wording and keeps ours", () => {
    expect(problems(schema, {})).toEqual(['name: is required']);
    expect(problems(schema, { name: 3 })).toEqual(['name: must be a string']);
    expect(problems(schema, { name: 'toolong' })).toEqual(['name: must be 5 characters or fewer']);
    expect(problems(schema, { name: 'a', title: '' })).toEqual(['title: must not be empty']);
    expect(problems(schema, { name: 'a', count: 11 })).toEqual(['count: must be at most 10']);
    expect(problems(schema, { name: 'a', count: Number.NaN })).toEqual(['count: must be a number']);
    expect(problems(schema, { name: 'a', status: 'shut' })).toEqual(['status: must be one of: "open", "closed"']);
    expect(problems(schema, { name: 'a', tags: ['x', 'y', 'z'] })).toEqual(['tags: must have 2 items or fewer']);
    expect(problems(schema, { name: 'a', extra: 1 })).toEqual(['body: unknown field: extra']);
    expect(problems(schema, { name: 'a', mine: 'long' })).toEqual(['mine: must be short']);
  });
});

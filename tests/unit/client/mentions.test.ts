import { describe, expect, it } from 'vitest';
import { insertMention, matchingMembers, mentionedIn, mentionQuery } from '../../../client/threads/mentions';

const members = [
  { userId: 'a', name: 'Alex Morgan', role: 'pcc' },
  { userId: 's', name: 'Sam Taylor', role: 'chief_constable' },
  { userId: 'j', name: 'Jordan Lee', role: 'portfolio_lead' },
];

describe('mentions', () => {
  it('finds the "@..." typed before the caret, only at the start of a word', () => {
    expect(mentionQuery('Hello @Sa', 9)).toEqual({ start: 6, query: 'Sa' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('mail me at a@b', 14)).toBeNull();
    expect(mentionQuery('Hello @Sam and more', 5)).toBeNull();
    expect(mentionQuery('Hi @Jordan L', 12)).toEqual({ start: 3, query: 'Jordan L' });
    expect(mentionQuery('Hi @Jordan Lee ', 15)).toBeNull();
  });

  it('matches names and their words, best first', () => {
    expect(matchingMembers(members, 'ta').map((m) => m.userId)).toEqual(['s']);
    expect(matchingMembers(members, 'j').map((m) => m.userId)).toEqual(['j']);
    expect(matchingMembers(members, '').map((m) => m.userId)).toEqual(['a', 'j', 's']);
    expect(matchingMembers(members, 'zz')).toEqual([]);
  });

  it('puts the chosen name in place of the query and keeps only mentions still in the text', () => {
    expect(insertMention('Hi @sa please', 3, 6, 'Sam Taylor')).toEqual({ text: 'Hi @Sam Taylor please', caret: 15 });
    expect(mentionedIn('Thanks @Sam Taylor', members)).toEqual(['s']);
    expect(mentionedIn('Thanks Sam', members)).toEqual([]);
  });
});

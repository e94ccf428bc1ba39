// Every role x capacity x administrator x action x section state x response state.
import { describe, expect, it } from 'vitest';
import { CAPACITIES, RESPONSE_STATES, SECTION_STATES, type Membership } from '../../../shared/model';
import {
  ACTIONS,
  canAdminister,
  canChangeComment,
  canComment,
  canEdit,
  canManageMembers,
  canPublish,
  canRecordStatutorySteps,
  canReopen,
  canSetChiefCommentsDate,
  canSetUp,
  canSignOff,
  canSuggest,
  canDecideSuggestion,
  whyReadOnly,
  type Action,
} from '../../../shared/permissions';
import { publicationBlockers } from '../../../shared/publication';

const ROLES = ['pcc', 'chief_constable', 'portfolio_lead'];
const SECTION_OWNER = 'chief_constable';

interface Case {
  member: Membership | null;
  sectionState: (typeof SECTION_STATES)[number];
  responseState: (typeof RESPONSE_STATES)[number];
}

function decide(action: Action, c: Case): boolean {
  const section = { ownerRole: SECTION_OWNER, state: c.sectionState };
  const response = { state: c.responseState };
  switch (action) {
    case 'edit':
      return canEdit(c.member, section, response);
    case 'signOff':
      return canSignOff(c.member, section, response);
    case 'reopen':
      return canReopen(c.member, section, response);
    case 'comment':
      return canComment(c.member, response);
    case 'publish':
      return canPublish(c.member, response);
    case 'administer':
      return canAdminister(c.member);
    case 'setUp':
      return canSetUp(c.member, response);
    case 'manageMembers':
      return canManageMembers(c.member, response);
    case 'setChiefCommentsDate':
      return canSetChiefCommentsDate(c.member, response);
    case 'recordStatutorySteps':
      return canRecordStatutorySteps(c.member, response);
    case 'suggest':
      return canSuggest(c.member, response);
    case 'decideSuggestion':
      return canDecideSuggestion(c.member, section, response);
  }
}

/** The rules as the design states them, one sentence each. */
function expected(action: Action, c: Case): boolean {
  const m = c.member;
  if (!m) return false;
  const drafting = c.responseState === 'drafting';
  const owner = m.role === SECTION_OWNER;
  const writer = m.capacity === 'signatory' || m.capacity === 'drafter';
  switch (action) {
    // The owning role's signatories and drafters write an open section of an unpublished response.
    case 'edit':
      return drafting && c.sectionState === 'drafting' && owner && writer;
    // Only the owning role's signatory signs off, and only an open section.
    case 'signOff':
      return drafting && c.sectionState === 'drafting' && owner && m.capacity === 'signatory';
    // A signed-off section is reopened by its role's signatory or an administrator.
    case 'reopen':
      return drafting && c.sectionState === 'signed_off' && ((owner && m.capacity === 'signatory') || m.administrator);
    // Anyone but a viewer comments until publication.
    case 'comment':
      return drafting && writer;
    // Only the PCC's signatory publishes.
    case 'publish':
      return drafting && m.role === 'pcc' && m.capacity === 'signatory';
    // Administrators administer, whatever the state.
    case 'administer':
      return m.administrator;
    // Administrators set the response up and manage its members until it is published.
    case 'setUp':
    case 'manageMembers':
      return drafting && m.administrator;
    // s.55(4): the PCC (its signatory) sets the date for the chief's comments; administrators may too.
    case 'setChiefCommentsDate':
      return drafting && ((m.role === 'pcc' && m.capacity === 'signatory') || m.administrator);
    // After publication, administrators record where it was published and when copies went out.
    case 'recordStatutorySteps':
      return !drafting && m.administrator;
    // Anyone who may comment may suggest, on any section, signed off or not.
    case 'suggest':
      return drafting && writer;
    // The owning role's writers accept and reject suggestions, whatever the section's state.
    case 'decideSuggestion':
      return drafting && owner && writer;
  }
}

const members: Array<Membership | null> = [null];
for (const role of ROLES) {
  for (const capacity of CAPACITIES) {
    for (const administrator of [false, true]) members.push({ role, capacity, administrator });
  }
}

const cases: Array<[Action, Case]> = [];
for (const action of ACTIONS) {
  for (const member of members) {
    for (const sectionState of SECTION_STATES) {
      for (const responseState of RESPONSE_STATES) cases.push([action, { member, sectionState, responseState }]);
    }
  }
}

describe('permission rules', () => {
  it('covers every combination', () => {
    expect(cases).toHaveLength(ACTIONS.length * (1 + ROLES.length * CAPACITIES.length * 2) * 2 * 2);
  });

  it.each(cases.map(([action, c]) => [action, c.member ? `${c.member.role}/${c.member.capacity}${c.member.administrator ? '/admin' : ''}` : 'non-member', c.sectionState, c.responseState, c] as const))(
    '%s by %s on a %s section of a %s response',
    (action, _who, _section, _response, c) => {
      expect(decide(action, c)).toBe(expected(action, c));
    },
  );

  it('spells out the cases the product exists for', () => {
    const open = { ownerRole: 'pcc', state: 'drafting' as const };
    const drafting = { state: 'drafting' as const };
    expect(canEdit({ role: 'chief_constable', capacity: 'signatory', administrator: true }, open, drafting)).toBe(false);
    expect(canEdit({ role: 'pcc', capacity: 'drafter', administrator: false }, open, drafting)).toBe(true);
    expect(canSignOff({ role: 'pcc', capacity: 'drafter', administrator: true }, open, drafting)).toBe(false);
    expect(canEdit({ role: 'pcc', capacity: 'viewer', administrator: true }, open, drafting)).toBe(false);
  });

  it('explains why a section is read-only', () => {
    const chief: Membership = { role: 'chief_constable', capacity: 'signatory', administrator: false };
    const pccSection = { ownerRole: 'pcc', state: 'drafting' as const };
    expect(whyReadOnly(chief, pccSection, { state: 'drafting' }, 'Police and Crime Commissioner')).toBe(
      'Owned by Police and Crime Commissioner',
    );
    expect(whyReadOnly(chief, { ownerRole: 'chief_constable', state: 'signed_off' }, { state: 'drafting' }, 'Chief Constable')).toMatch(/Signed off/);
    expect(whyReadOnly(chief, { ownerRole: 'chief_constable', state: 'drafting' }, { state: 'drafting' }, 'Chief Constable')).toBeNull();
    expect(whyReadOnly(chief, { ownerRole: 'chief_constable', state: 'signed_off' }, { state: 'published' }, 'Chief Constable')).toMatch(/Published/);
  });

  it('lets only the author change a comment, while they may comment', () => {
    const officer: Membership = { role: 'pcc', capacity: 'drafter', administrator: false };
    const viewer: Membership = { role: 'pcc', capacity: 'viewer', administrator: true };
    const comment = { author: { userId: 'u1' }, deleted: false };
    expect(canChangeComment(officer, { state: 'drafting' }, comment, 'u1')).toBe(true);
    expect(canChangeComment(officer, { state: 'drafting' }, comment, 'u2')).toBe(false);
    expect(canChangeComment(officer, { state: 'published' }, comment, 'u1')).toBe(false);
    expect(canChangeComment(officer, { state: 'drafting' }, { ...comment, deleted: true }, 'u1')).toBe(false);
    expect(canChangeComment(viewer, { state: 'drafting' }, comment, 'u1')).toBe(false);
  });
});

describe('what blocks publication', () => {
  const section = (id: string, state: 'drafting' | 'signed_off', kind: 'prose' | 'recommendation' = 'prose', empty = false) => ({
    id,
    title: `Section ${id}`,
    kind,
    state,
    empty,
  });

  it('is nothing when every section is signed off and no thread is open', () => {
    expect(publicationBlockers([section('a', 'signed_off')], [{ id: 't', sectionId: 'a', state: 'resolved', summary: 'x' }])).toEqual([]);
  });

  it('is every unsigned section, every empty recommendation response and every open thread, in order', () => {
    const blockers = publicationBlockers(
      [section('a', 'signed_off'), section('b', 'drafting', 'recommendation', true), section('c', 'drafting')],
      [
        { id: 't1', sectionId: 'c', state: 'open', summary: 'Why?' },
        { id: 't2', sectionId: 'gone', state: 'open', summary: 'Old' },
      ],
    );
    expect(blockers.map((b) => b.kind)).toEqual(['empty_response', 'not_signed_off', 'not_signed_off', 'open_thread', 'open_thread']);
    expect(blockers[4]).toMatchObject({ kind: 'open_thread', title: 'a removed section' });
  });

  it('is the lack of sections in an empty response', () => {
    expect(publicationBlockers([], [])).toEqual([{ kind: 'no_sections' }]);
  });
});

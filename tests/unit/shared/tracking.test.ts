// Who may update a recommendation's action and when, as a table of every role x capacity x
// administrator x section kind x response state x superseded; and the RAG rating's edges.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/deadline';
import { CAPACITIES, RESPONSE_STATES, SECTION_KINDS, type Membership, type ResponseState, type SectionKind } from '../../../shared/model';
import {
  canStartFollowUp,
  canUpdateRecommendation,
  describeRag,
  isOverdue,
  RAG_AMBER_DAYS,
  ragRating,
  RECOMMENDATION_STATUSES,
  trackingBlocker,
} from '../../../shared/tracking';

const ROLES = ['pcc', 'chief_constable', 'portfolio_lead'];
const OWNER = 'chief_constable';

interface Case {
  member: Membership | null;
  kind: SectionKind;
  responseState: ResponseState;
  superseded: boolean;
}

/** The rule as the issue states it, in one sentence. */
function expected(c: Case): boolean {
  const m = c.member;
  // Members of the owning role who may write for it (or administrators), on a recommendation,
  // only after publication, and not once a published follow-up carries it on.
  if (!m || c.kind !== 'recommendation' || c.responseState !== 'published' || c.superseded) return false;
  return m.administrator || (m.role === OWNER && (m.capacity === 'signatory' || m.capacity === 'drafter'));
}

const members: Array<Membership | null> = [null];
for (const role of ROLES) for (const capacity of CAPACITIES) for (const administrator of [false, true]) members.push({ role, capacity, administrator });

const cases: Case[] = [];
for (const member of members) {
  for (const kind of SECTION_KINDS) {
    for (const responseState of RESPONSE_STATES) for (const superseded of [false, true]) cases.push({ member, kind, responseState, superseded });
  }
}

const who = (m: Membership | null) => (m ? `${m.role}/${m.capacity}${m.administrator ? '/admin' : ''}` : 'non-member');

describe('who may update a recommendation', () => {
  it('covers every combination', () => {
    expect(cases).toHaveLength((1 + ROLES.length * CAPACITIES.length * 2) * SECTION_KINDS.length * RESPONSE_STATES.length * 2);
  });

  it.each(cases.map((c) => [who(c.member), c.kind, c.responseState, c.superseded ? 'superseded' : 'current', c] as const))(
    '%s on a %s of a %s response (%s)',
    (_who, _kind, _state, _superseded, c) => {
      const target = { kind: c.kind, ownerRole: OWNER, supersededByPublishedFollowUp: c.superseded };
      const allowed = canUpdateRecommendation(c.member, target, { state: c.responseState });
      expect(allowed).toBe(expected(c));
      expect(trackingBlocker(c.member, target, { state: c.responseState }) === null).toBe(allowed);
    },
  );

  it('says why not, in the order a member would fix it', () => {
    const chief: Membership = { role: OWNER, capacity: 'signatory', administrator: false };
    const lead: Membership = { role: 'portfolio_lead', capacity: 'signatory', administrator: false };
    const target = { kind: 'recommendation' as const, ownerRole: OWNER, supersededByPublishedFollowUp: false };
    expect(trackingBlocker(chief, target, { state: 'drafting' })).toEqual({ kind: 'not_published' });
    expect(trackingBlocker(chief, { ...target, supersededByPublishedFollowUp: true }, { state: 'published' })).toEqual({ kind: 'superseded' });
    expect(trackingBlocker(lead, target, { state: 'published' })).toEqual({ kind: 'not_owner', ownerRole: OWNER });
    expect(trackingBlocker(chief, { ...target, kind: 'prose' }, { state: 'published' })).toEqual({ kind: 'not_recommendation' });
  });

  it('lets administrators, and only once published, start a follow-up', () => {
    for (const member of members) {
      for (const state of RESPONSE_STATES) expect(canStartFollowUp(member, { state })).toBe(member?.administrator === true && state === 'published');
    }
  });
});

describe('RAG rating', () => {
  const today = '2026-03-01';
  const rate = (targetDate: string | null, status: (typeof RECOMMENDATION_STATUSES)[number] = 'in_progress') => ragRating({ status, targetDate }, today);

  it('is red after the target date, amber from RAG_AMBER_DAYS before it, green before that', () => {
    expect(rate('2026-02-28')).toEqual({ rating: 'red', daysOverdue: 1 });
    expect(rate(today)).toEqual({ rating: 'amber', daysLeft: 0 });
    expect(rate(addDays(today, RAG_AMBER_DAYS - 1))).toEqual({ rating: 'amber', daysLeft: RAG_AMBER_DAYS - 1 });
    expect(rate(addDays(today, RAG_AMBER_DAYS))).toEqual({ rating: 'green', daysLeft: RAG_AMBER_DAYS });
    expect(rate(null)).toEqual({ rating: 'no_target' });
  });

  it('counts calendar days across a leap day and the clocks changing', () => {
    expect(ragRating({ status: 'not_started', targetDate: '2024-03-01' }, '2024-02-28')).toEqual({ rating: 'amber', daysLeft: 2 });
    expect(ragRating({ status: 'not_started', targetDate: '2026-03-30' }, '2026-03-29')).toEqual({ rating: 'amber', daysLeft: 1 });
  });

  it('is complete once the action is closed, whatever the date, and defers to a published follow-up', () => {
    expect(rate('2020-01-01', 'completed')).toEqual({ rating: 'complete' });
    expect(rate('2020-01-01', 'no_further_action')).toEqual({ rating: 'complete' });
    expect(ragRating({ status: 'in_progress', targetDate: '2020-01-01', supersededByPublishedFollowUp: true }, today)).toEqual({ rating: 'followed_up' });
    expect(isOverdue({ status: 'in_progress', targetDate: '2020-01-01' }, today)).toBe(true);
    expect(isOverdue({ status: 'completed', targetDate: '2020-01-01' }, today)).toBe(false);
  });

  it('names the colour in words', () => {
    expect(describeRag({ rating: 'red', daysOverdue: 1 })).toBe('Red: overdue by 1 day');
    expect(describeRag({ rating: 'red', daysOverdue: 1772 })).toBe('Red: overdue by 1,772 days');
    expect(describeRag({ rating: 'amber', daysLeft: 0 })).toBe('Amber: due today');
    expect(describeRag({ rating: 'green', daysLeft: 40 })).toBe('Green: due in 40 days');
  });
});

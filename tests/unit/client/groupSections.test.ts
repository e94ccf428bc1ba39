import { describe, expect, it } from 'vitest';
import { groupSections, recommendationsHeading } from '../../../client/sections/groupSections';
import type { Section } from '../../../shared/model';

function section(id: string, kind: Section['kind']): Section {
  return { id, kind, title: id, ownerRole: 'pcc', recommendation: kind === 'recommendation' ? `Do ${id}` : null, state: 'drafting', signOff: null } as Section;
}

describe('groupSections', () => {
  it('numbers recommendations across the document, one run per stretch between prose sections', () => {
    const groups = groupSections([section('a', 'prose'), section('r1', 'recommendation'), section('r2', 'recommendation'), section('b', 'prose'), section('r3', 'recommendation')]);
    expect(groups.map((group) => (group.kind === 'single' ? group.section.id : group.rows.map((row) => `${row.section.id}:${row.number}`).join(',')))).toEqual([
      'a',
      'r1:1,r2:2',
      'b',
      'r3:3',
    ]);
  });
});

describe('recommendationsHeading', () => {
  it('names the first run "Recommendations" and each later run by its numbers, so no two are alike', () => {
    expect(recommendationsHeading([{ number: 1 }, { number: 2 }])).toBe('Recommendations');
    expect(recommendationsHeading([{ number: 3 }])).toBe('Recommendation 3');
    expect(recommendationsHeading([{ number: 3 }, { number: 4 }, { number: 5 }])).toBe('Recommendations 3 to 5');
  });
});

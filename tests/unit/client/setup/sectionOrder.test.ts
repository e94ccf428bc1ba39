// Moving a section one place, and showing a move the server has not confirmed yet.
import { describe, expect, it } from 'vitest';
import { applyOrder, moveId } from '../../../../client/setup/sectionOrder';

describe('moveId', () => {
  const order = ['pcc', 'chief', 'lead', 'hmi'];

  it('swaps a section with its neighbour', () => {
    expect(moveId(order, 'chief', 'up')).toEqual(['chief', 'pcc', 'lead', 'hmi']);
    expect(moveId(order, 'chief', 'down')).toEqual(['pcc', 'lead', 'chief', 'hmi']);
  });

  it('leaves the order alone at either end, or for an unknown id, and never changes its input', () => {
    expect(moveId(order, 'pcc', 'up')).toEqual(order);
    expect(moveId(order, 'hmi', 'down')).toEqual(order);
    expect(moveId(order, 'gone', 'up')).toEqual(order);
    expect(order).toEqual(['pcc', 'chief', 'lead', 'hmi']);
  });

  it('keeps every id exactly once over many moves', () => {
    let current = [...order];
    for (const [id, direction] of [['hmi', 'up'], ['hmi', 'up'], ['pcc', 'down'], ['hmi', 'up'], ['lead', 'down']] as const) {
      current = moveId(current, id, direction);
    }
    expect([...current].sort()).toEqual([...order].sort());
    expect(current).toEqual(['hmi', 'pcc', 'chief', 'lead']);
  });
});

describe('applyOrder', () => {
  const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('shows the server order when no move is pending', () => {
    expect(applyOrder(items, null)).toEqual(items);
  });

  it('shows a pending order', () => {
    expect(applyOrder(items, ['c', 'a', 'b']).map((item) => item.id)).toEqual(['c', 'a', 'b']);
  });

  it('keeps sections added meanwhile at the end and skips removed ones', () => {
    expect(applyOrder([...items, { id: 'd' }], ['c', 'gone', 'a', 'b']).map((item) => item.id)).toEqual(['c', 'a', 'b', 'd']);
  });
});

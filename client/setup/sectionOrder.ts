// Reordering sections: the pure part, so the page can show a move at once and send the
// whole order the server wants (every section id exactly once).

/** Which way a section moves. */
export type Direction = 'up' | 'down';

/** The order after moving `id` one place up or down; the same order when it cannot move. */
export function moveId(order: readonly string[], id: string, direction: Direction): string[] {
  const from = order.indexOf(id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= order.length) return [...order];
  const next = [...order];
  next[from] = next[to]!;
  next[to] = id;
  return next;
}

/**
 * Items in the order of `order` (a move not yet confirmed by the server). Items it does not
 * name (added meanwhile by someone else) keep their place at the end; ids of items that are
 * gone are skipped.
 */
export function applyOrder<T extends { id: string }>(items: readonly T[], order: readonly string[] | null): T[] {
  if (!order) return [...items];
  const byId = new Map(items.map((item) => [item.id, item]));
  const ordered = order.flatMap((id) => {
    const item = byId.get(id);
    return item ? [item] : [];
  });
  const named = new Set(order);
  return [...ordered, ...items.filter((item) => !named.has(item.id))];
}

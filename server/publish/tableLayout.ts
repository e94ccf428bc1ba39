// A table of a section's content as both renderers draw it. TipTap's tables are
// table > tableRow > (tableHeader | tableCell) > blocks, with colspan and rowspan attributes;
// whatever else a stored document holds is drawn too, never dropped (it was signed off).
import type { ContentNode } from '../content/sectionContent';
import { attributeOf, childrenOf, tableSpan } from './contentRules';

/** One cell: a header cell or not, its spans (whole, clamped to the table), and its blocks. */
export interface LaidOutCell {
  header: boolean;
  colspan: number;
  rowspan: number;
  content: ContentNode[];
}

/** The rows of a table, and whether the first row is a header row (every cell in it a header cell). */
export interface TableLayout {
  rows: LaidOutCell[][];
  headerRow: boolean;
}

function isCell(node: ContentNode): boolean {
  return node.type === 'tableCell' || node.type === 'tableHeader';
}

/** A child of a row that is not a cell becomes a cell holding it; a child of the table that is not a row, a row of one. */
export function tableLayout(table: ContentNode): TableLayout {
  const rows: LaidOutCell[][] = [];
  for (const child of childrenOf(table)) {
    const cells = child.type === 'tableRow' ? childrenOf(child) : [child];
    const row = cells.map(
      (cell): LaidOutCell =>
        isCell(cell)
          ? {
              header: cell.type === 'tableHeader',
              colspan: tableSpan(attributeOf(cell, 'colspan')),
              rowspan: tableSpan(attributeOf(cell, 'rowspan')),
              content: childrenOf(cell),
            }
          : { header: false, colspan: 1, rowspan: 1, content: [cell] },
    );
    // A row with no cells cannot be drawn (Word cannot open a table with one).
    if (row.length > 0) rows.push(row);
  }
  // A cell spans at most the rows that are left.
  rows.forEach((row, index) => {
    for (const cell of row) cell.rowspan = Math.min(cell.rowspan, rows.length - index);
  });
  const first = rows[0];
  const headerRow = first !== undefined && first.every((cell) => cell.header);
  // A header row stands alone (HTML's thead): none of its cells reaches into the body.
  if (headerRow) for (const cell of first) cell.rowspan = 1;
  return { rows, headerRow };
}

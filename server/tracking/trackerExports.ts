// The tracker's exports: CSV, and an XLSX spreadsheet written with write-excel-file (a
// maintained library; no hand-written spreadsheet XML). In the XLSX every text is a string
// cell (a shared string, never a formula: write-excel-file writes a formula only for a cell
// typed 'Formula', which we never make), and dates are date cells. The CSV has no cell types,
// so text that a spreadsheet would read as a formula is made plain text (spreadsheetText.ts).
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';
import type { TrackerBody } from '../../shared/trackingApi';
import { stripDisallowedCharacters } from '../../shared/text';
import { csvFile } from './spreadsheetText';
import { historyTable, recommendationTable, type TrackerCell, type TrackerTable } from './trackerRows';

/** The CSV: one row per recommendation (the history is in the XLSX's second sheet). */
export function trackerCsv(body: TrackerBody, today?: string): string {
  const table = recommendationTable(body, today);
  return csvFile([table.header, ...table.rows.map((row) => row.map(cellText))]);
}

function cellText(cell: TrackerCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.value;
    case 'date':
      return cell.value ?? '';
    case 'number':
      return String(cell.value);
  }
}

function xlsxCell(cell: TrackerCell): Cell {
  switch (cell.kind) {
    case 'text':
      return cell.value ? { type: String, value: stripDisallowedCharacters(cell.value), wrap: true } : null;
    case 'date': {
      if (!cell.value) return null;
      const [y, m, d] = cell.value.split('-').map(Number) as [number, number, number];
      return { type: Date, value: new Date(Date.UTC(y, m - 1, d)), format: 'd mmm yyyy' };
    }
    case 'number':
      return { type: Number, value: cell.value };
  }
}

function sheetData(table: TrackerTable): Row[] {
  const header: Row = table.header.map((title) => ({ type: String, value: title, fontWeight: 'bold' as const }));
  return [header, ...table.rows.map((row) => row.map(xlsxCell))];
}

/** The XLSX: a sheet of recommendations and a sheet of every update, each with a sticky header row. */
export async function trackerXlsx(body: TrackerBody, today?: string): Promise<Buffer> {
  const recommendations = recommendationTable(body, today);
  const history = historyTable(body);
  const widths = (table: TrackerTable, wide: string[]) => table.header.map((title) => ({ width: wide.includes(title) ? 50 : 18 }));
  return writeXlsxFile([
    {
      sheet: 'Recommendations',
      data: sheetData(recommendations),
      stickyRowsCount: 1,
      columns: widths(recommendations, ['Recommendation text', 'Latest note', 'Evidence links']),
    },
    { sheet: 'History', data: sheetData(history), stickyRowsCount: 1, columns: widths(history, ['Note', 'Evidence links']) },
  ]).toBuffer();
}

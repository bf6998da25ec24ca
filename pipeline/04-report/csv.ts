// Reports as spreadsheet-safe CSV (UTF-8 with a BOM, formulae
// neutralised); the report builder (index.ts) writes them.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Row, Table } from './outline.ts';

const BOM = '\uFEFF';

/**
 * How reports write their cells: commas between them and a point as decimal
 * mark, or (--decimal-comma) semicolons and a comma, as Excel reads a CSV
 * opened by a double click where the decimal mark is a comma.
 */
export interface CsvFormat {
  decimalComma: boolean;
}

export const PLAIN_CSV: CsvFormat = { decimalComma: false };

/**
 * Cells that a spreadsheet would run as formulae, to be written with a `'`
 * first; with a decimal comma, but for a negative number, which is written as
 * text ("-0,25") and is no formula.
 */
const FORMULA_WITH_DECIMAL_COMMA = /^(?!-\d+(?:,\d+)?$)[=+\-@\t\r]/;

function unparse(cells: (string | number)[][], format: CsvFormat): string {
  if (!format.decimalComma) return Papa.unparse(cells, { escapeFormulae: true, newline: '\n' });
  const written = cells.map((row) => row.map((cell) => (typeof cell === 'number' ? String(cell).replace('.', ',') : cell)));
  return Papa.unparse(written, { escapeFormulae: FORMULA_WITH_DECIMAL_COMMA, delimiter: ';', newline: '\n' });
}

/** The first bytes of a report: the BOM and the header row. */
export function csvHeader(columns: string[], format: CsvFormat): string {
  return `${BOM}${unparse([columns], format)}\n`;
}

/** Rows without a header, each ending in a line break ('' for no rows). */
export function csvRows(columns: string[], rows: Row[], format: CsvFormat): string {
  if (rows.length === 0) return '';
  return `${unparse(rows.map((row) => columns.map((c) => row[c] ?? '')), format)}\n`;
}

/** Rows written at a time: a report of a million rows is never held whole, as text or as rows. */
const ROWS_A_CHUNK = 4096;

/** A report's CSV in pieces: the header, then its rows a chunk at a time, counted into `count`. */
export function* csvChunks(table: Table, format: CsvFormat, count = { rows: 0 }): Generator<string> {
  yield csvHeader(table.columns, format);
  let chunk: Row[] = [];
  for (const row of table.rows) {
    chunk.push(row);
    if (chunk.length === ROWS_A_CHUNK) {
      count.rows += chunk.length;
      yield csvRows(table.columns, chunk, format);
      chunk = [];
    }
  }
  count.rows += chunk.length;
  yield csvRows(table.columns, chunk, format);
}

/** The most rows Excel and LibreOffice show of a sheet, the header row included. */
export const SPREADSHEET_ROWS = 1_048_576;

/**
 * Removes the outlet reports in `out` left from earlier runs for outlets no
 * longer in the corpus (not among `reports`, paths relative to `out`); returns them.
 */
export function removeGoneOutletReports(out: string, reports: Set<string>): string[] {
  const removed: string[] = [];
  const outletsDir = path.join(out, 'outlets');
  if (!existsSync(outletsDir)) return removed;
  for (const name of readdirSync(outletsDir, { withFileTypes: true })) {
    const relative = `outlets/${name.name}`;
    if (name.isFile() && name.name.endsWith('.csv') && !reports.has(relative)) {
      rmSync(path.join(outletsDir, name.name));
      removed.push(relative);
    }
  }
  return removed.sort();
}

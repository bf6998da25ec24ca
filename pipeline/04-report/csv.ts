// Reports as spreadsheet-safe CSV (UTF-8 with a BOM, formulae
// neutralised); the report builder (index.ts) writes them.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Row, Table } from './outline.ts';

const BOM = '\uFEFF';

/** The first bytes of a report: the BOM and the header row. */
export function csvHeader(columns: string[]): string {
  return `${BOM}${Papa.unparse([columns], { newline: '\n' })}\n`;
}

/** Rows without a header, each ending in a line break ('' for no rows). */
export function csvRows(columns: string[], rows: Row[]): string {
  if (rows.length === 0) return '';
  return `${Papa.unparse(rows.map((row) => columns.map((c) => row[c] ?? '')), { escapeFormulae: true, newline: '\n' })}\n`;
}

/** Rows written at a time: a report of a million rows is never held whole, as text or as rows. */
const ROWS_A_CHUNK = 4096;

/** A report's CSV in pieces: the header, then its rows a chunk at a time, counted into `count`. */
export function* csvChunks(table: Table, count = { rows: 0 }): Generator<string> {
  yield csvHeader(table.columns);
  let chunk: Row[] = [];
  for (const row of table.rows) {
    chunk.push(row);
    if (chunk.length === ROWS_A_CHUNK) {
      count.rows += chunk.length;
      yield csvRows(table.columns, chunk);
      chunk = [];
    }
  }
  count.rows += chunk.length;
  yield csvRows(table.columns, chunk);
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

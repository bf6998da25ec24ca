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

export function toCsv(table: Table): string {
  return csvHeader(table.columns) + csvRows(table.columns, table.rows);
}

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

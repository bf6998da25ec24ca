// Writing reports: spreadsheet-safe CSV (UTF-8 with a BOM, formulae
// neutralised), each file written atomically and only if its content changes
// (files.ts).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { writeIfChanged } from '../files.ts';
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
 * Writes every report (path relative to `out` -> content) whose content
 * changes, then removes outlet reports left from earlier runs for outlets no
 * longer in the corpus. Returns whether each report changed, and the reports removed.
 */
export function writeReports(out: string, files: Map<string, string>): { changed: Map<string, boolean>; removed: string[] } {
  const changed = new Map([...files].map(([name, content]) => [name, writeIfChanged(path.join(out, name), content)]));
  const removed: string[] = [];
  const outletsDir = path.join(out, 'outlets');
  if (!existsSync(outletsDir)) return { changed, removed };
  for (const name of readdirSync(outletsDir, { withFileTypes: true })) {
    const relative = `outlets/${name.name}`;
    if (name.isFile() && name.name.endsWith('.csv') && !files.has(relative)) {
      rmSync(path.join(outletsDir, name.name));
      removed.push(relative);
    }
  }
  return { changed, removed: removed.sort() };
}

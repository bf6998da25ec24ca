// Writing reports: spreadsheet-safe CSV (UTF-8 with a BOM, formulae
// neutralised) and atomic files (a temporary file, then a rename), so that a
// failed run never leaves a half-written report behind.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Table } from './tables.ts';

const BOM = '\uFEFF';

export function toCsv(table: Table): string {
  return (
    BOM +
    Papa.unparse(
      { fields: table.columns, data: table.rows.map((row) => table.columns.map((c) => row[c] ?? '')) },
      { escapeFormulae: true, newline: '\n' },
    ) +
    '\n'
  );
}

export function writeAtomic(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * Writes every report (path relative to `out` -> content), then removes
 * outlet reports left from earlier runs for outlets no longer in the corpus.
 */
export function writeReports(out: string, files: Map<string, string>): string[] {
  const written = [...files.keys()].sort();
  for (const name of written) writeAtomic(path.join(out, name), files.get(name)!);
  const outletsDir = path.join(out, 'outlets');
  if (!existsSync(outletsDir)) return written;
  for (const name of readdirSync(outletsDir, { withFileTypes: true })) {
    const relative = `outlets/${name.name}`;
    if (name.isFile() && name.name.endsWith('.csv') && !files.has(relative)) rmSync(path.join(outletsDir, name.name));
  }
  return written;
}

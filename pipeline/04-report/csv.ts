// Writing reports: spreadsheet-safe CSV (UTF-8 with a BOM, formulae
// neutralised) and atomic files (a temporary file, then a rename), so that a
// failed run never leaves a half-written report behind.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
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
 * Text gathered into chunks of about a million characters, so that a file
 * gets one write per chunk rather than one per line: a write costs more than
 * a line.
 */
export class TextChunks {
  private parts: string[] = [];
  private length = 0;
  /** Adds `text`; true once the chunk is full and should be taken. */
  add(text: string): boolean {
    this.parts.push(text);
    this.length += text.length;
    return this.length >= 1 << 20;
  }
  /** The text gathered so far ('' for none), leaving an empty chunk. */
  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.length = 0;
    return text;
  }
}

/**
 * Bytes appended to an open file a megabyte a write, the way TextChunks
 * gathers text: a write costs more than a row. A piece larger than that goes
 * straight through.
 */
export class ByteChunks {
  private readonly buffer = Buffer.alloc(1 << 20);
  private filled = 0;
  constructor(private readonly fd: number) {}

  add(bytes: Uint8Array): void {
    if (this.filled + bytes.length > this.buffer.length) this.flush();
    if (bytes.length > this.buffer.length) writeSync(this.fd, bytes);
    else {
      this.buffer.set(bytes, this.filled);
      this.filled += bytes.length;
    }
  }

  /** Writes what is gathered; call before closing the file. */
  flush(): void {
    writeSync(this.fd, this.buffer, 0, this.filled);
    this.filled = 0;
  }
}

export function writeAtomic(file: string, content: string | Uint8Array): void {
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

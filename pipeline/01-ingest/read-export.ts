// Reads a news-archive export (CSV or JSONL of already-clean articles) one row
// at a time, so that a large export never has to fit in memory.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import Papa from 'papaparse';
import { problem, type Problem } from '../messages.ts';
import { parseDate } from '../text.ts';

export const EXPORT_COLUMNS = ['outlet', 'title', 'date', 'url', 'text'] as const;

export interface ExportRow {
  /** `file:line N` (JSONL) or `file:record N` (CSV: the Nth row after the header). */
  place: string;
  fields: Record<string, string>;
}

export type ExportItem = { row: ExportRow } | { problem: Problem };

/**
 * The rows of a CSV export, through papaparse's Node stream, whose
 * backpressure keeps only a few chunks of the file in memory however slowly
 * the rows are consumed. That stream hands over rows without papaparse's
 * error list, so a malformed row is recognised by its shape: fields beyond the
 * header's (`__parsed_extra`) or fields missing.
 */
async function* readCsv(file: string): AsyncGenerator<ExportItem> {
  const source = createReadStream(file, { encoding: 'utf8' });
  const rows = Papa.parse(Papa.NODE_STREAM_INPUT, {
    header: true,
    delimiter: ',',
    skipEmptyLines: 'greedy',
    transformHeader: (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase(),
  });
  source.on('error', (e) => rows.destroy(e));
  source.pipe(rows);
  let header: string[] | null = null;
  let record = 0;
  const outlets = new Set<string>();
  for await (const row of rows as AsyncIterable<Record<string, string | string[]>>) {
    record += 1;
    const place = `${file}:record ${record}`;
    const { __parsed_extra: extra, ...fields } = row;
    if (header === null) {
      // The first row has every column the header names.
      header = Object.keys(fields);
      const missing = missingColumns(header);
      if (missing.length > 0) {
        source.destroy();
        yield { problem: problem('C006', 'error', file, missing.join(',')) };
        return;
      }
    }
    const swallowed = swallowedRows(fields as Record<string, string | undefined>, header, outlets);
    if (swallowed) {
      yield { problem: problem('C016', 'error', place, swallowed.column, swallowed.rows.length) };
      for (const [k, row] of swallowed.rows.entries()) {
        yield { problem: problem('C017', 'error', place, k + 1, swallowed.rows.length, row[header.indexOf('outlet')]!.trim(), row[header.indexOf('title')]!.trim()) };
      }
      continue;
    }
    if (extra !== undefined) {
      yield { problem: problem('C008', 'error', place, `${header.length + (extra as string[]).length} fields where the header has ${header.length}`) };
      continue;
    }
    const absent = header.filter((c) => typeof fields[c] !== 'string');
    if (absent.length > 0) {
      yield { problem: problem('C008', 'error', place, `no ${absent.join(', ')} (too few fields, or a quotation mark left open)`) };
      continue;
    }
    outlets.add((fields['outlet'] as string).trim());
    yield { row: { place, fields: detached(fields as Record<string, string>) } };
  }
}

/**
 * The rows of the export that a quotation mark left open swallowed into a
 * field of this one: papaparse reads on to the next quotation mark that can
 * close a field, which may end a later row, and hands over one row whose
 * field holds the raw lines of the rows between, with the right number of
 * fields. A swallowed row is a line of the field that reads as a whole row:
 * as many fields as the header, an outlet already seen in the export (or
 * this row's), and a date that is empty or readable. Prose rarely is all of that.
 */
export function swallowedRows(
  fields: Record<string, string | undefined>,
  header: string[],
  outlets: ReadonlySet<string>,
): { column: string; rows: string[][] } | null {
  const known = new Set(outlets);
  const own = fields['outlet']?.trim();
  if (own) known.add(own);
  const outletAt = header.indexOf('outlet');
  const dateAt = header.indexOf('date');
  for (const column of header) {
    const value = fields[column];
    if (!value?.includes('\n')) continue;
    const rows = value
      .split('\n')
      .slice(1)
      .filter((line) => commasIn(line) >= header.length - 1)
      .map((line) => Papa.parse<string[]>(line, { delimiter: ',' }).data[0] ?? [])
      .filter((row) => {
        const date = row[dateAt]?.trim() ?? '';
        return row.length === header.length && known.has(row[outletAt]!.trim()) && (date === '' || parseDate(date) !== null);
      });
    if (rows.length > 0) return { column, rows };
  }
  return null;
}

/**
 * Copies of a row's fields that do not point into papaparse's chunk: a field
 * is a slice of the chunk it was read from, and would keep the whole chunk
 * alive as long as any string derived from it lives.
 */
function detached(fields: Record<string, string>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) copy[key] = ` ${value}`.slice(1);
  return copy;
}

function commasIn(line: string): number {
  let count = 0;
  for (let at = line.indexOf(','); at !== -1; at = line.indexOf(',', at + 1)) count += 1;
  return count;
}

function missingColumns(fields: string[]): string[] {
  return EXPORT_COLUMNS.filter((c) => !fields.includes(c));
}

async function* readJsonl(file: string): AsyncGenerator<ExportItem> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim() === '') continue;
    const place = `${file}:${lineNo}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      yield { problem: problem('C011', 'error', place, (e as Error).message) };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { problem: problem('C011', 'error', place, 'each line must be one JSON object') };
      continue;
    }
    const fields: Record<string, string> = {};
    for (const [key, v] of Object.entries(value)) {
      fields[key.toLowerCase()] = v === null || v === undefined ? '' : String(v);
    }
    const missing = missingColumns(Object.keys(fields));
    if (missing.length > 0) {
      yield { problem: problem('C006', 'error', place, missing.join(',')) };
      continue;
    }
    yield { row: { place, fields } };
  }
}

export function readExport(file: string): AsyncGenerator<ExportItem> {
  return /\.jsonl?$/i.test(file) ? readJsonl(file) : readCsv(file);
}

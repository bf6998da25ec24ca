// The rows of a small CSV file that people edit (a lexicon, a corpus's
// manifest), each with the line it starts on, so that a message can say
// file:line: lines that start with # are comments, blank lines are skipped,
// and lines end as any editor ends them (\n, \r\n, or \r as old Mac
// spreadsheets save CSV). The separator is the header's: commas, or the
// semicolons or tabs a spreadsheet wrote instead.
import Papa from 'papaparse';
import { otherSeparator, type Separator } from './text.ts';

export interface LineRow {
  fields: string[];
  /** The line the row starts on, from 1. */
  line: number;
  /** Where a quoted field left open starts (a character offset), or null. */
  quoteErrorAt: number | null;
  /**
   * How many lines a quoted field of the row runs on over where a line after
   * its first reads as a row of its own (as many separators as the header
   * has, less one): rows that a quotation mark left open swallowed before a
   * later one closed it. 0 where none, as for a note with a line break.
   */
  swallowingLines: number;
}

export interface LineRows {
  rows: LineRow[];
  separator: Separator;
  /** The line (from 1) of a character offset, and its column: how far into its line it is. */
  placeOf(offset: number): { line: number; column: number };
}

/** Where each line starts, whichever way lines end. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function lineIndex(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Line breaks and # comment lines, from where the last row ended to where the next starts. */
const BETWEEN_ROWS = /(?:\r\n?|\n|#[^\r\n]*)*/y;

function readRows(text: string, separator: Separator, starts: number[]): LineRow[] {
  const rows: LineRow[] = [];
  let previousEnd = 0;
  Papa.parse<string[]>(text, {
    delimiter: separator,
    comments: '#',
    skipEmptyLines: false,
    step: (result) => {
      BETWEEN_ROWS.lastIndex = previousEnd;
      BETWEEN_ROWS.exec(text);
      const start = BETWEEN_ROWS.lastIndex;
      previousEnd = result.meta.cursor;
      if (result.data.every((f) => f.trim() === '')) return;
      const quote = result.errors.find((e) => e.type === 'Quotes');
      rows.push({ fields: result.data, line: lineIndex(starts, start) + 1, quoteErrorAt: quote?.index ?? null, swallowingLines: 0 });
    },
  });
  return rows;
}

/**
 * The rows of `written` (without its byte-order mark), the header first: read
 * with commas, or again with the separator of a header that reads as one
 * column with commas.
 */
export function rowsWithLines(written: string): LineRows {
  // papaparse takes the first line's ending for the whole file's: a header saved on Windows above
  // rows added on Linux or a Mac read as one row. As "\n", a line ends at the same line and column.
  // Excel's note of the separator above the header ("sep=;") is read as a comment, the separator found from the header.
  const text = written.replace(/\r\n/g, '\n').replace(/^(?=sep=[,;\t]?(?:\n|\r|$))/i, '#');
  const starts = lineStarts(text);
  let rows = readRows(text, ',', starts);
  const separator = otherSeparator(rows[0]?.fields ?? []) ?? ',';
  if (separator !== ',') rows = readRows(text, separator, starts);
  const readsAsRow = (line: string) => line.split(separator).length >= (rows[0]?.fields.length ?? 0);
  for (const row of rows) {
    const swallowing = row.fields.map((field) => field.split(/\r\n?|\n/)).find((lines) => lines.slice(1).some(readsAsRow));
    row.swallowingLines = swallowing?.length ?? 0;
  }
  return {
    rows,
    separator,
    placeOf(offset) {
      const index = lineIndex(starts, offset);
      return { line: index + 1, column: offset - starts[index]! };
    },
  };
}

/**
 * A quotation mark the row of `file` leaves open: where (file:line:column of
 * the mark, or file:line of the row where a later mark closed it) and what it
 * did; or null.
 */
export function openQuote(row: LineRow, read: LineRows, file: string): { place: string; what: string } | null {
  if (row.quoteErrorAt !== null) {
    const { line, column } = read.placeOf(row.quoteErrorAt);
    return { place: `${file}:${line}:${column}`, what: 'the field runs to the end of the file' };
  }
  if (row.swallowingLines > 0) return { place: `${file}:${row.line}`, what: `the field runs on over ${row.swallowingLines} lines, rows of their own` };
  return null;
}

// Reads a news-archive export (CSV or JSONL of already-clean articles) one row
// at a time, so that a large export never has to fit in memory.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import Papa from 'papaparse';
import { problem, type Problem } from '../messages.ts';

export const EXPORT_COLUMNS = ['outlet', 'title', 'date', 'url', 'text'] as const;
export const OPTIONAL_EXPORT_COLUMNS = ['id', 'author', 'source'] as const;

export interface ExportRow {
  /** `file:line N` (JSONL) or `file:record N` (CSV: the Nth row after the header). */
  place: string;
  fields: Record<string, string>;
}

export type ExportItem = { row: ExportRow } | { problem: Problem };

/** Papa's step callback as an async iterator, pausing the parser while the consumer catches up. */
async function* papaRows(file: string): AsyncGenerator<Papa.ParseStepResult<Record<string, string>>> {
  const queue: Papa.ParseStepResult<Record<string, string>>[] = [];
  let paused: Papa.Parser | null = null;
  let finished = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const stream = createReadStream(file, { encoding: 'utf8' });
  stream.on('error', (e) => {
    failure = e;
    notify();
  });
  Papa.parse<Record<string, string>>(stream as unknown as File, {
    header: true,
    delimiter: ',',
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.replace(/^\uFEFF/, '').trim().toLowerCase(),
    step: (result, parser) => {
      queue.push(result);
      if (queue.length >= 64) {
        parser.pause();
        paused = parser;
      }
      notify();
    },
    complete: () => {
      finished = true;
      notify();
    },
  });
  for (;;) {
    if (failure) throw failure;
    const next = queue.shift();
    if (next) {
      yield next;
      continue;
    }
    if (finished) return;
    const waiting = new Promise<void>((resolve) => (wake = resolve));
    const parser = paused as Papa.Parser | null;
    paused = null;
    parser?.resume();
    await waiting;
  }
}

function missingColumns(fields: string[]): string[] {
  return EXPORT_COLUMNS.filter((c) => !fields.includes(c));
}

async function* readCsv(file: string): AsyncGenerator<ExportItem> {
  let record = 0;
  for await (const result of papaRows(file)) {
    record += 1;
    const place = `${file}:record ${record}`;
    if (record === 1) {
      const missing = missingColumns(result.meta.fields ?? []);
      if (missing.length > 0) {
        yield { problem: problem('C006', 'error', file, missing.join(',')) };
        return;
      }
    }
    const quoteError = result.errors.find((e) => e.type === 'Quotes');
    const fieldError = result.errors.find((e) => e.type === 'FieldMismatch');
    const error = quoteError ?? fieldError;
    if (error) {
      yield { problem: problem('C008', 'error', place, error.message.toLowerCase()) };
      continue;
    }
    yield { row: { place, fields: result.data } };
  }
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

// Outlets renamed by a file the user writes (--outlet-names): an archive
// names one outlet several ways ("The Guardian", "Guardian",
// "theguardian.com") or at length ("New York Times - News"), and counted
// apart, each way splits the outlet's numbers. C040 names such names; this
// file says which are one, as data, where the alternative is to edit an
// export of a million rows.
import { readFile } from 'node:fs/promises';
import { openQuote, rowsWithLines } from '../csv-lines.ts';
import { fileText } from '../encoding.ts';
import { InputError, problem, type Problem } from '../messages.ts';
import { normaliseLine, spreadsheetHeader } from '../text.ts';
import { outletSlug } from './outlets.ts';

/** The outlet each name is counted as, by the name's slug: case, accents, spacing and punctuation aside, as outlets are told apart. */
export type OutletNames = ReadonlyMap<string, string>;

const COLUMNS = ['name', 'outlet'] as const;

/**
 * The names of a file with the columns `name` (as an archive writes it) and
 * `outlet` (what to count it as), other columns (a note) left alone; and its
 * problems, each at file:line.
 */
export function parseOutletNames(text: string, file: string): { names: OutletNames; problems: Problem[] } {
  const read = rowsWithLines(text.replace(/^\uFEFF/, ''));
  const [header, ...rows] = read.rows;
  const columns = (header?.fields ?? []).map(spreadsheetHeader().transform);
  const missing = COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) return { names: new Map(), problems: [problem('C055', 'error', file, columns.filter((c) => !c.startsWith('column ')).join(',') || 'nothing')] };
  const names = new Map<string, string>();
  const lineOf = new Map<string, number>();
  const problems: Problem[] = [];
  for (const row of rows) {
    const at = `${file}:${row.line}`;
    const open = openQuote(row, read, file);
    if (open) {
      problems.push(problem('C054', 'error', open.place, open.what));
      continue;
    }
    const [name, outlet] = COLUMNS.map((column) => normaliseLine(row.fields[columns.indexOf(column)] ?? ''));
    const empty = name === '' ? 'name' : outlet === '' ? 'outlet' : null;
    if (empty) {
      problems.push(problem('C056', 'error', at, empty));
      continue;
    }
    const slug = outletSlug(name!);
    const before = names.get(slug);
    if (before !== undefined && before !== outlet) {
      problems.push(problem('C057', 'error', at, name!, before, lineOf.get(slug)!));
      continue;
    }
    names.set(slug, outlet!);
    lineOf.set(slug, row.line);
  }
  return { names, problems };
}

/** The names of the file --outlet-names gives, with the warning its encoding calls for; a file that cannot be read or holds a mistake stops the run, naming each. */
export async function readOutletNames(file: string): Promise<{ names: OutletNames; warning: Problem | null }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new InputError([problem('C001', 'error', file, (e as Error).message)]);
  }
  const read = fileText(bytes, file, ['C021', 'C022']);
  if (read.notText) throw new InputError([problem('C028', 'error', file, 'a CSV file of outlet names', read.notText)]);
  const { names, problems } = parseOutletNames(read.text, file);
  if (problems.length > 0) throw new InputError(problems);
  return { names, warning: read.warning };
}

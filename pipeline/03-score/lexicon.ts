// Reads and checks one lexicon: a framing lexicon (CSV: frame,pole,term[,weight,note,source])
// or an actors lexicon (actor,alias[,note,source]).
// Every problem is collected with its file:line(:column), so a user fixes all
// of them in one pass; a lexicon with any error is never used.
import path from 'node:path';
import { openQuote, rowsWithLines, type LineRow, type LineRows } from '../csv-lines.ts';
import { problem, type Problem } from '../messages.ts';
import { fold, normaliseLine, type Separator } from '../text.ts';
import type { ActorAlias, ActorLexicon, Lexicon, LexiconEntry } from '../types.ts';

const REQUIRED_COLUMNS = ['frame', 'pole', 'term'] as const;
const OPTIONAL_COLUMNS = ['weight', 'note', 'source'] as const;
const ALLOWED = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);
const ACTOR_COLUMNS = new Set(['actor', 'alias', 'note', 'source']);

/**
 * The pole of an entry that counts nothing: its words are taken by it, as by
 * any longer match in its file ("vice president" over "president"), and
 * counted under no pole. A broad term is kept from what it should not count.
 */
export const NOT_COUNTED = '-';

/** Folded, with hyphens and spaces alike: two terms with one key are the same term. */
export function termKey(term: string): string {
  return fold(term).replace(/[\s-]+/g, ' ').trim();
}

/** A `*` may only end a word, after at least one letter or digit. */
function wildcardError(term: string): boolean {
  return term.split(/[\s-]+/).some((word) => {
    const stars = word.split('*').length - 1;
    if (stars === 0) return false;
    return stars > 1 || !word.endsWith('*') || !/[\p{L}\p{N}]/u.test(word);
  });
}

const place = (file: string, line: number) => `${file}:${line}`;

/**
 * A mark that a term is written as a list or a pattern, not as the words to
 * match: alternatives in one cell ("dictator, tyrant", "junta|regime") or a
 * regular expression ("dictator(s)", "regimes?"). Such a term matches only
 * text with those marks in it, most likely none.
 */
const LIST_OR_PATTERN = /[|()[\]{}\\?+^$]|[,;](?=\s*\S)/u;

export type ParsedLexicon =
  | { kind: 'framing'; lexicon: Lexicon | null; problems: Problem[] }
  | { kind: 'actors'; actors: ActorLexicon | null; problems: Problem[] };

interface CheckedRow {
  line: number;
  get(column: string): string;
}

/**
 * The checks every kind of lexicon shares (quoting, field count, required
 * cells, wildcards, a word to match); returns the rows that pass them.
 */
function checkRows(
  rows: LineRow[],
  columns: string[],
  required: readonly string[],
  termColumn: string,
  file: string,
  read: LineRows,
  problems: Problem[],
): CheckedRow[] {
  const at = (line: number) => place(file, line);
  const passed: CheckedRow[] = [];
  for (const row of rows) {
    const open = openQuote(row, read, file);
    if (open) {
      problems.push(problem('L001', 'error', open.place, open.what));
      continue;
    }
    if (row.fields.length !== columns.length) {
      problems.push(problem('L004', 'error', at(row.line), row.fields.length, columns.length, read.separator));
      continue;
    }
    // A cell copied from a web page may hold a soft hyphen or a zero-width space inside a word ("dicta\u00ADtor"): read as articles are, without them.
    const get = (name: string) => {
      const i = columns.indexOf(name);
      return i === -1 ? '' : normaliseLine(row.fields[i]!);
    };
    const empty = required.find((c) => get(c) === '');
    if (empty) {
      problems.push(problem('L005', 'error', at(row.line), empty));
      continue;
    }
    const term = get(termColumn);
    if (wildcardError(term)) {
      problems.push(problem('L008', 'error', at(row.line), term));
      continue;
    }
    if (!/[\p{L}\p{N}]/u.test(term)) {
      problems.push(problem('L014', 'error', at(row.line), term));
      continue;
    }
    const mark = LIST_OR_PATTERN.exec(term)?.[0];
    if (mark !== undefined) problems.push(problem('L028', 'warning', at(row.line), term, mark));
    passed.push({ line: row.line, get });
  }
  return passed;
}

/**
 * A weight as written: the minus sign, and the en dash a word processor makes
 * of a hyphen before a number ("–2"), are minus; in a file a spreadsheet saved
 * with semicolons or tabs, where the decimal mark is a comma, "1,5" is 1.5.
 */
function readWeight(written: string, separator: Separator): number {
  const minus = written.replace(/^[\u2212\u2013]/, '-');
  return Number(separator === ',' ? minus : minus.replace(/^(-?\d*),(\d+)$/, '$1.$2'));
}

/**
 * The first spelling of each frame, pole or actor in a file, by its folded
 * form: "Legitimacy" on one row and "legitimacy" on another (a spreadsheet's
 * autocorrect capitalises a cell's first letter) are one frame, which the
 * reports would otherwise split in two. A later spelling is read as the first,
 * and named once (L025).
 */
class FirstSpellings {
  private readonly first = new Map<string, { name: string; line: number }>();
  private readonly told = new Set<string>();

  constructor(
    private readonly kind: 'frame' | 'pole' | 'actor',
    private readonly at: (line: number) => string,
    private readonly problems: Problem[],
  ) {}

  /** `name` as first spelt on an earlier row (of the same frame, for a pole: `within`). */
  read(name: string, line: number, within = ''): string {
    const key = `${within}\0${fold(name)}`;
    const earlier = this.first.get(key);
    if (!earlier) {
      this.first.set(key, { name, line });
      return name;
    }
    if (earlier.name !== name && !this.told.has(`${key}\0${name}`)) {
      this.told.add(`${key}\0${name}`);
      this.problems.push(problem('L025', 'warning', this.at(line), this.kind, name, earlier.name, earlier.line));
    }
    return earlier.name;
  }
}

function framingEntries(
  rows: CheckedRow[],
  name: string,
  weighted: boolean,
  separator: Separator,
  at: (line: number) => string,
  problems: Problem[],
): LexiconEntry[] {
  const entries: LexiconEntry[] = [];
  const byFrameTerm = new Map<string, LexiconEntry>();
  const frames = new FirstSpellings('frame', at, problems);
  const poles = new FirstSpellings('pole', at, problems);
  for (const row of rows) {
    const frame = frames.read(row.get('frame'), row.line);
    const entry: LexiconEntry = {
      lexicon: name,
      line: row.line,
      frame,
      pole: poles.read(row.get('pole'), row.line, fold(frame)),
      term: row.get('term'),
      weight: null,
      note: row.get('note'),
      source: row.get('source'),
    };
    if (weighted && row.get('weight') !== '') {
      const weight = readWeight(row.get('weight'), separator);
      if (!Number.isFinite(weight)) {
        problems.push(problem('L009', 'error', at(row.line), row.get('weight')));
        continue;
      }
      entry.weight = weight;
    }
    const key = `${fold(entry.frame)}\0${termKey(entry.term)}`;
    const earlier = byFrameTerm.get(key);
    if (earlier) {
      problems.push(
        fold(earlier.pole) === fold(entry.pole)
          ? problem('L007', 'error', at(row.line), entry.term, earlier.line)
          : problem('L006', 'error', at(row.line), entry.term, earlier.pole, earlier.line),
      );
      continue;
    }
    byFrameTerm.set(key, entry);
    entries.push(entry);
  }
  return entries;
}

function actorAliases(rows: CheckedRow[], name: string, at: (line: number) => string, problems: Problem[]): ActorAlias[] {
  const aliases: ActorAlias[] = [];
  const byAlias = new Map<string, ActorAlias>();
  const actors = new FirstSpellings('actor', at, problems);
  for (const row of rows) {
    const alias: ActorAlias = { lexicon: name, line: row.line, actor: actors.read(row.get('actor'), row.line), term: row.get('alias') };
    const earlier = byAlias.get(termKey(alias.term));
    if (earlier) {
      problems.push(
        fold(earlier.actor) === fold(alias.actor)
          ? problem('L007', 'error', at(row.line), alias.term, earlier.line)
          : problem('L015', 'error', at(row.line), alias.term, earlier.actor, earlier.line),
      );
      continue;
    }
    byAlias.set(termKey(alias.term), alias);
    aliases.push(alias);
  }
  return aliases;
}

/** Whether a lexicon's problems leave it unusable: an error among them, not a warning. */
const failed = (problems: Problem[]) => problems.some((p) => p.severity === 'error');

/**
 * Parses a lexicon's text; `file` names it in entries and messages. A file
 * whose header has `actor` and `alias` is an actors lexicon; any other is a
 * framing lexicon.
 */
export function parseLexicon(text: string, file: string): ParsedLexicon {
  const read = rowsWithLines(text.replace(/^\uFEFF/, ''));
  const { rows, separator } = read;
  const problems: Problem[] = [];
  const name = file.split(/[\\/]/).pop()!;
  const header = rows.shift();
  if (!header) return { kind: 'framing', lexicon: null, problems: [problem('L012', 'error', file)] };
  const columns = header.fields.map((c) => c.trim().toLowerCase());
  const at = (line: number) => place(file, line);

  // A column a user typed in and cleared comes back from a spreadsheet unnamed and empty: ignored.
  columns.forEach((c, i) => {
    const filled = c === '' ? rows.find((r) => r.quoteErrorAt === null && (r.fields[i] ?? '').trim() !== '') : undefined;
    if (filled) problems.push(problem('L020', 'error', at(filled.line), i + 1));
    if (c !== '' && columns.indexOf(c) < i) problems.push(problem('L021', 'error', at(header.line), c, columns.indexOf(c) + 1, i + 1));
  });

  if (columns.includes('actor') && columns.includes('alias')) {
    for (const c of columns.filter((c) => c !== '' && !ACTOR_COLUMNS.has(c))) problems.push(problem('L016', 'error', at(header.line), c));
    if (failed(problems)) return { kind: 'actors', actors: null, problems };
    const checked = checkRows(rows, columns, ['actor', 'alias'], 'alias', file, read, problems);
    const aliases = actorAliases(checked, name, at, problems);
    return { kind: 'actors', actors: failed(problems) ? null : { file: name, aliases }, problems };
  }

  // An export of articles or a corpus's manifest, given as a lexicon: one message says so, not one per column.
  if (!columns.includes('term') && (columns.includes('text') || columns.includes('file')) && columns.includes('outlet')) {
    const [what, corpus] = columns.includes('text') ? ['an export of articles (its header names outlet and text)', file] : ["a corpus folder's manifest (its header names file and outlet)", path.dirname(file)];
    return { kind: 'framing', lexicon: null, problems: [problem('L027', 'error', at(header.line), what, corpus)] };
  }
  for (const c of columns.filter((c) => c !== '' && !ALLOWED.has(c))) problems.push(problem('L003', 'error', at(header.line), c));
  if (!REQUIRED_COLUMNS.every((c) => columns.includes(c))) {
    problems.push(problem('L002', 'error', at(header.line), columns.join(',')));
  }
  if (failed(problems)) return { kind: 'framing', lexicon: null, problems };
  const weighted = columns.includes('weight');
  const checked = checkRows(rows, columns, REQUIRED_COLUMNS, 'term', file, read, problems);
  const entries = framingEntries(checked, name, weighted, separator, at, problems);
  return { kind: 'framing', lexicon: failed(problems) ? null : { file: name, entries, weighted }, problems };
}

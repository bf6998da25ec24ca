// Reads a news-archive export (CSV, TSV, JSON or JSONL of already-clean articles) one row
// at a time, so that a large export never has to fit in memory.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import Papa from 'papaparse';
import { decodingStream, EncodingSniffer, encodingWarning, lineFeedStream, notTextKind, type Encoding } from '../encoding.ts';
import { InputError, problem, type Problem } from '../messages.ts';
import { otherSeparator, parseDate, spreadsheetHeader, type Separator } from '../text.ts';
import { jsonValues, LARGEST_OBJECT, listedValues, parseJson, parseJsonValue, type LargeObject } from './json-values.ts';
import { MARKDOWN_FILE } from './markdown.ts';
import { feedItems } from './read-feed.ts';
import { inContainer } from './containers.ts';

const EXPORT_COLUMNS = ['outlet', 'title', 'date', 'url', 'text'] as const;
/** Every field an export can give: the required ones, then the optional. */
export const EXPORT_FIELDS = [...EXPORT_COLUMNS, 'id', 'author', 'source', 'file'] as const;
export type ExportField = (typeof EXPORT_FIELDS)[number];
/**
 * The export's own names (lower case) for the fields it names otherwise
 * (--columns text=content): a JSON key may be a path into nested objects
 * ("source.name").
 */
export type ColumnNames = Partial<Record<ExportField, string>>;

/**
 * How an export is read: its own names for the fields it names otherwise
 * (--columns), and the outlet of every article that names none (--outlet,
 * for an export of one outlet: an API of one newspaper), which makes the
 * outlet no longer a field each row must give.
 */
export interface ExportReading {
  columns: ColumnNames;
  outlet: string | null;
}

export interface ExportRow {
  /**
   * `file:record N` (CSV: the Nth row after the header), `file:N` (JSONL: its
   * line) or `file:N:C` (JSON: where its object starts); after it, `, item K`
   * for the Kth object of a list, `, articles item K` of a list under a key.
   */
  place: string;
  fields: Record<string, string>;
  /** Fields that hold HTML by the export's format (a feed's content), which no warning need name. */
  html?: true;
  /** A JSON article without a key for its title, date or url, read as empty (JSON leaves out a key whose value is unknown). */
  lacking?: true;
}

export type ExportItem = { row: ExportRow } | { problem: Problem };

/** A field an export may lack, read as empty. */
export type ExportLack = 'title' | 'date' | 'url';

/** The columns a header line names, by commas, semicolons or tabs: lower case, unquoted, its byte-order mark left out. */
export const headerCells = (line: string): string[] =>
  line.replace(/^\uFEFF/, '').split(/[,;\t]/).map((cell) => cell.trim().replace(/^"|"$/g, '').toLowerCase());

/** Lines of a sheet's title and notes looked past for the header below them. */
const TITLE_LINES = 10;

/**
 * Where the header starts in a CSV file's first chunk: below the lines of a
 * title and notes that a spreadsheet kept above it ("Peru coverage, collected
 * by hand", an empty row), where a line within the first TITLE_LINES names the
 * text column and the first does not; at 0 otherwise, and for Excel's "sep="
 * line, which is read as such.
 */
function headerBelow(chunk: string, text: string): { at: number; line: number } {
  const names = (line: string) => headerCells(line).includes(text);
  const breaks = /\r\n|\n|\r/g;
  let start = 0;
  for (let line = 0; line <= TITLE_LINES; line += 1) {
    const found = breaks.exec(chunk);
    const end = found ? found.index : chunk.length;
    const content = chunk.slice(start, end);
    if (line === 0 && (names(content) || /^\uFEFF?sep=/i.test(content))) break;
    if (line > 0 && names(content)) return { at: start, line };
    if (!found) break;
    start = breaks.lastIndex;
  }
  return { at: 0, line: 0 };
}

/** papaparse's quotation mark for a file that quotes nothing: a character no text holds. */
const NO_QUOTE = '\u0000';

/**
 * A field that opens with a quotation mark closed before the field ends ("We
 * will not stop," said the leader), which no writer that quotes fields writes:
 * a tab-separated file holding one quotes nothing, as PostgreSQL's COPY,
 * MySQL's batch output, R's write.table(quote = FALSE) and pandas with
 * QUOTE_NONE write it. Read as quoting, the mark of a text that opens with a
 * quotation swallowed the rows after it. A field after a tab, not the first
 * of a line, which may go on a quoted field of lines; and not opening with two
 * marks, a quoted field's doubled one. In bytes read as Latin-1: tabs,
 * quotation marks and line ends are single bytes in UTF-8 too.
 */
const QUOTATION_OPENING_FIELD = /\t("(?!")[^"\t\n]*"[^"\t\r\n][^\t\r\n]*)/;

/** What a file given as an export should be, for C028. */
export const AN_EXPORT = 'a CSV, TSV, JSON or JSONL export';

/** Where a captured page given as an export goes instead. */
const PAGE_HINT = 'a captured page goes into a corpus folder with a manifest.csv naming its outlet (see "Captured pages" in the README), or, one alone, is given with its outlet: --corpus PAGE --outlet NAME';

/**
 * The rows of a CSV export, through papaparse's Node stream, whose
 * backpressure keeps only a few chunks of the file in memory however slowly
 * the rows are consumed. That stream hands over rows without papaparse's
 * error list, so a malformed row is recognised by its shape: fields beyond the
 * header's (`__parsed_extra`) or fields missing.
 */
async function* readCsv(
  file: string,
  encoding: Encoding['encoding'],
  reading: ExportReading,
  delimiter: Separator,
  skipFirstNLines = 0,
  quotedText: string | null = null,
): AsyncGenerator<ExportItem> {
  // A tab-separated file holding a field whose quotation mark is text quotes nothing; a comma-separated one must quote its commas.
  const unquoted = quotedText !== null && delimiter === '\t';
  // Destroying it, as a header read otherwise does, destroys the file's stream under it.
  const source = pipeline(textStream(file, encoding), lineFeedStream(), () => {});
  const names = spreadsheetHeader(new Map(Object.entries(reading.columns).map(([field, theirs]) => [theirs, field])));
  /** Lines above the header passed over: a sheet's title and notes. */
  let above = 0;
  const rows = Papa.parse(Papa.NODE_STREAM_INPUT, {
    header: true,
    delimiter,
    skipEmptyLines: 'greedy',
    skipFirstNLines,
    transformHeader: names.transform,
    ...(unquoted ? { quoteChar: NO_QUOTE, escapeChar: NO_QUOTE } : {}),
    beforeFirstChunk: (chunk) => {
      const header = headerBelow(chunk, (reading.columns['text'] ?? 'text').toLowerCase());
      above = header.line;
      return chunk.slice(header.at);
    },
  });
  source.on('error', (e) => rows.destroy(e));
  source.pipe(rows);
  let header: string[] | null = null;
  /** R's write.table with row names: the header has no name for them, and each row is one field longer, its row name first. */
  let rowNames = false;
  let record = 0;
  const outlets = new Set<string>();
  for await (const row of rows as AsyncIterable<CsvRow>) {
    record += 1;
    const place = `${file}:record ${record}`;
    if (header === null) {
      const { __parsed_extra: firstExtra, ...first } = row;
      // The first row has every column the header names.
      header = Object.keys(first);
      // "sep=;" above the header, Excel's note of the separator that some exports made for it carry,
      // read as a header ("sep=," as a column "sep=" and one with no name): read with that separator past it.
      const sep = skipFirstNLines === 0 && header.length <= 2 ? /^sep=([,;\t]?)$/.exec(header[0]!) : null;
      if (sep) {
        source.destroy();
        yield* readCsv(file, encoding, reading, (sep[1] || ',') as Separator, 1, quotedText);
        return;
      }
      // A header that reads as one column with commas was written with semicolons or tabs, as the rows are.
      const separator = delimiter === ',' ? otherSeparator(header) : null;
      if (separator) {
        source.destroy();
        yield* readCsv(file, encoding, reading, separator, skipFirstNLines, quotedText);
        return;
      }
      const { missing, lacked } = missingColumns(header, reading);
      if (/\.txt$/i.test(plainName(file)) && missing.length + lacked.length === EXPORT_COLUMNS.length) {
        source.destroy();
        yield { problem: problem('C028', 'error', file, AN_EXPORT, `plain text; ${PAGE_HINT}`) };
        return;
      }
      if (missing.length > 0 || names.repeated.length > 0) {
        source.destroy();
        yield {
          problem:
            missing.length > 0
              ? problem('C006', 'error', file, missing.join(','), columnsHint(missing, header), whatItHolds(missing, names.written, reading))
              : problem('C025', 'error', file, names.repeated.join(',')),
        };
        return;
      }
      if (above > 0) yield { problem: problem('C073', 'warning', file, above) };
      if (unquoted) yield { problem: problem('C080', 'warning', file, quotedText) };
      const unsaid = lacksToSay(lacked, header.includes('id'));
      if (unsaid.length > 0) yield { problem: problem('C052', 'warning', file, unsaid) };
      rowNames = Array.isArray(firstExtra) && firstExtra.length === 1 && /^\d+$/.test(String(first[header[0]!] ?? '').trim());
    }
    const { __parsed_extra: extra, ...fields } = rowNames ? withoutRowName(row, header) : row;
    // The header's names as the file writes them, again as a row: exports joined one after another repeat it.
    if (header.every((column, i) => String(fields[column] ?? '').trim().toLowerCase() === names.written[i])) {
      yield { problem: problem('C039', 'warning', place) };
      continue;
    }
    const swallowed = swallowedRegion(fields as Record<string, string | undefined>, header, outlets, delimiter);
    if (swallowed) {
      const rows = readSwallowed(swallowed.region, delimiter);
      yield { problem: problem('C016', 'error', place, swallowed.column, rows.length) };
      for (const [k, readBack] of rows.entries()) {
        const readFields = Object.fromEntries(header.map((column, i) => [column, readBack[i] ?? '']));
        // An export of one outlet (--outlet) has no outlet column to fill.
        const outlet = (readFields['outlet'] ?? reading.outlet ?? '').trim();
        if (readBack.length !== header.length || outlet === '') {
          yield { problem: problem('C017', 'error', place, k + 1, rows.length, readBack.join(delimiter).slice(0, 60)) };
          continue;
        }
        outlets.add(outlet);
        yield { problem: problem('C018', 'warning', place, k + 1, rows.length, outlet, (readFields['title'] ?? '').trim()) };
        yield { row: { place, fields: readFields } };
      }
      continue;
    }
    if (extra !== undefined) {
      yield { problem: problem('C008', 'error', place, `${header.length + extra.length} fields where the header has ${header.length}`) };
      continue;
    }
    const absent = header.filter((c) => typeof fields[c] !== 'string');
    if (absent.length > 0) {
      yield { problem: problem('C008', 'error', place, `no ${absent.join(', ')} (too few fields, or a quotation mark left open)`) };
      continue;
    }
    // A row without an outlet is skipped later (C007), and names no outlet to know.
    const outlet = ((fields['outlet'] as string | undefined) ?? '').trim();
    if (outlet !== '') outlets.add(outlet);
    yield { row: { place, fields: detached(fields as Record<string, string>) } };
  }
}

/** A row as papaparse hands it over: fields by column name, and those beyond the header's. */
type CsvRow = Record<string, string | string[]> & { __parsed_extra?: string[] };

/**
 * A row of R's write.table with row names, one field longer than its header:
 * each value belongs to the next column's name, the first being the row's
 * name, which nothing reads. A row of another length is left as it is.
 */
function withoutRowName(row: CsvRow, header: string[]): CsvRow {
  const extra = row.__parsed_extra;
  if (extra?.length !== 1) return row;
  const values = [...header.map((column) => row[column] as string), extra[0]!];
  return Object.fromEntries(header.map((column, i) => [column, values[i + 1]!]));
}

/**
 * Where a quotation mark left open made a field of this row swallow the rows
 * after it: papaparse reads on to the next quotation mark that can close a
 * field, which may end a later row, and hands over one row whose field holds
 * the lines of the rows between, often with the right number of fields. A
 * swallowed row starts a line of the field that reads as a whole row: as many
 * fields as the header, and either an outlet already seen in the export (or
 * this row's) with a date that is empty or readable, or an outlet and a web
 * address. Prose rarely is all of that. Returns the field's text from the
 * first such line on.
 */
function swallowedRegion(
  fields: Record<string, string | undefined>,
  header: string[],
  outlets: ReadonlySet<string>,
  delimiter: Separator,
): { column: string; region: string } | null {
  const own = fields['outlet']?.trim() ?? '';
  const known = (outlet: string) => outlet !== '' && (outlet === own || outlets.has(outlet));
  const mentionsKnown = (line: string) => {
    if (own !== '' && line.includes(own)) return true;
    for (const outlet of outlets) if (line.includes(outlet)) return true;
    return false;
  };
  const [outletAt, dateAt, urlAt] = ['outlet', 'date', 'url'].map((c) => header.indexOf(c)) as [number, number, number];
  const readsAsRow = (line: string) => {
    // Most lines of a text fail these first, which cost far less than parsing them.
    if (count(delimiter, line) < header.length - 1 || !(line.includes('http') || mentionsKnown(line))) return false;
    const row = readSwallowed(line, delimiter)[0] ?? [];
    if (row.length !== header.length) return false;
    const outlet = (row[outletAt] ?? '').trim();
    const date = (row[dateAt] ?? '').trim();
    const link = /^https?:\/\/\S+$/.test((row[urlAt] ?? '').trim());
    return (known(outlet) && (date === '' || parseDate(date) !== null)) || (link && (outlet !== '' || outletAt === -1));
  };
  for (const column of header) {
    const value = fields[column] ?? '';
    for (let at = value.indexOf('\n'); at !== -1; at = value.indexOf('\n', at + 1)) {
      const end = value.indexOf('\n', at + 1);
      if (readsAsRow(value.slice(at + 1, end === -1 ? undefined : end))) return { column, region: value.slice(at + 1) };
    }
  }
  return null;
}

/**
 * The swallowed rows, read back from the field's text. papaparse read them as
 * the inside of a quoted field: it kept as it was a quotation mark that cannot
 * close a field, read two as one, and stopped at the first that can close a
 * field, which ended the last of them. So only the last of them can hold a
 * quoted field, and that field runs to the end: its opening mark is the first
 * that starts a field, every mark after it was doubled, and its closing mark
 * is gone. With that undone, the rows read as they were written.
 */
function readSwallowed(region: string, delimiter: Separator): string[][] {
  const opening = new RegExp(`(?:^|[${delimiter}\\n])"`).exec(region);
  let written = region;
  if (opening) {
    const inside = opening.index + opening[0].length;
    written = `${region.slice(0, inside)}${region.slice(inside).replaceAll('"', '""')}"`;
  }
  return Papa.parse<string[]>(written, { delimiter, skipEmptyLines: 'greedy' }).data;
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

/** How many times `mark` is in `line`. */
function count(mark: string, line: string): number {
  let found = 0;
  for (let at = line.indexOf(mark); at !== -1; at = line.indexOf(mark, at + 1)) found += 1;
  return found;
}

/** What an export can do without: a title, a date, a url (an archive of texts without addresses), each then empty. */
const MAY_LACK: ReadonlySet<string> = new Set(['title', 'date', 'url']);

/**
 * The fields an export lacks: those it cannot be read without (its outlet,
 * unless --outlet gives it, and its text; and any field one of its names
 * suggests, a "link" for the url, which --columns should say), and those read
 * as empty.
 */
function missingColumns(fields: string[], reading: ExportReading, valueOf?: ValueOf): { missing: string[]; lacked: ExportLack[] } {
  // A saved copy of each article (a reference manager's attachments) holds its text.
  const absent = EXPORT_COLUMNS.filter((c) => !fields.includes(c) && !(c === 'outlet' && reading.outlet !== null) && !(c === 'text' && fields.includes('file')));
  const lacked = absent.filter((c): c is ExportLack => MAY_LACK.has(c) && columnsHint([c], fields, valueOf).length === 0);
  return { missing: absent.filter((c) => !(lacked as string[]).includes(c)), lacked };
}

/** The fields an export lacks that are worth a warning: without a url an article's id is made from its title and date, which an id makes moot. */
function lacksToSay(lacked: ExportLack[], hasId: boolean): ExportLack[] {
  return lacked.filter((field) => field !== 'url' || !hasId);
}

/**
 * An export's own names for its fields, from `field=column` pairs separated
 * by commas, in lower case; an Error saying what is wrong otherwise, in the
 * words of `where` they were given (--columns, a manifest's columns).
 */
export function parseColumns(value: string, where: string): ColumnNames {
  const names: ColumnNames = {};
  for (const pair of value.split(',')) {
    const [field, theirs, ...more] = pair.split('=').map((side) => side.trim().toLowerCase());
    if (!field || !theirs || more.length > 0) throw new Error(`${where} takes field=column pairs separated by commas (text=content,date=published_at), not "${pair}"`);
    if (!(EXPORT_FIELDS as readonly string[]).includes(field)) throw new Error(`${where}: "${field}" is not a field of an export; the fields are ${EXPORT_FIELDS.join(',')}`);
    if (field in names) throw new Error(`${where} names the column of "${field}" twice`);
    names[field as ExportField] = theirs;
  }
  return names;
}

/**
 * Names that news exports give the required fields (NewsAPI, MediaCloud,
 * GDELT, news-please, trafilatura, Event Registry, newspaper3k and 4k,
 * Diffbot, schema.org's NewsArticle as pages' JSON-LD and Zyte give it, the
 * Kaggle news sets, CMS dumps, Firecrawl), in lower
 * case: only ever suggested for --columns, never read unasked, since "source"
 * may be the outlet or the wire service and "published" a date or a flag.
 */
const OTHER_NAMES: Record<(typeof EXPORT_COLUMNS)[number], string[]> = {
  outlet: [
    'source.name', 'source.title', 'publisher.name', 'publication', 'publication title', 'media_name', 'publisher', 'source_name', 'site_name', 'sitename', 'meta_site_name',
    'source-hostname', 'newspaper', 'source', 'source_domain', 'domain', 'hostname', 'media',
  ],
  title: ['headline', 'heading', 'article_title', 'title_text'],
  date: [
    'publishedat', 'published_at', 'publish_date', 'published_date', 'date_publish', 'publication_date', 'date_published', 'datepublished', 'pubdate', 'pub_date',
    'seendate', 'published', 'datetime', 'timestamp',
  ],
  url: ['link', 'article_url', 'web_url', 'href', 'uri', 'permalink', 'source_url', 'pageurl', 'canonical_link', 'canonical_url', 'canonicalurl'],
  text: ['content', 'body', 'maintext', 'articlebody', 'article_text', 'full_text', 'fulltext', 'body_text', 'article', 'story', 'text_content', 'markdown'],
};

/** Names exports give a column of paths to each article's saved copy: Zotero's attachments (a snapshot of the page, a PDF). */
const FILE_NAMES = ['file attachments', 'file_path', 'filepath', 'local_path', 'files'];

/** The first column (or key) of an article's that exports name the text and that holds some, or null. */
export function otherTextColumn(fields: Readonly<Record<string, string | undefined>>): string | null {
  return OTHER_NAMES.text.find((name) => (fields[name] ?? '').trim() !== '') ?? null;
}

/** Names some exports give a field, told from other uses by a value: trafilatura's "source" is the article's address. */
const NAMES_BY_VALUE: Partial<Record<(typeof EXPORT_COLUMNS)[number], string[]>> = { url: ['source'] };

/** An address with a path: an article's, not an outlet's name ("theguardian.com" may be one). */
const ARTICLE_ADDRESS = /^https?:\/\/[^/\s]+\/\S/i;

/** An article's value of one of its names (JSON's first, for a list), where the export is read article by article. */
type ValueOf = (name: string) => string | undefined;

/** Whether a value could be the field's: an outlet is not an article's address, and a url is one; an empty value tells nothing. */
function fits(field: string, value: string): boolean {
  if (value === '') return true;
  if (field === 'outlet') return !ARTICLE_ADDRESS.test(value);
  if (field === 'url') return ARTICLE_ADDRESS.test(value);
  return true;
}

/**
 * `field=name` pairs for --columns that an export's own names suggest for
 * the fields it lacks: a name exports give the field, or a key inside an
 * object named as the field ("date.$date"); where an article's values are
 * known (`valueOf`), only a name whose value fits the field.
 */
export function columnsHint(missing: readonly string[], names: readonly string[], valueOf?: ValueOf): string[] {
  const have = new Set(names.map((name) => name.toLowerCase()));
  return missing.flatMap((field) => {
    const nested = [...have].filter((name) => name.startsWith(`${field}.`));
    const byValue = valueOf ? (NAMES_BY_VALUE[field as keyof typeof NAMES_BY_VALUE] ?? []) : [];
    const found = [...(OTHER_NAMES[field as keyof typeof OTHER_NAMES] ?? []), ...byValue, ...nested].find(
      (name) => have.has(name) && (valueOf === undefined || fits(field, valueOf(name) ?? '')),
    );
    if (found) return [`${field}=${found}`];
    // Without a text, a column of saved copies gives it (a Zotero export).
    const files = field === 'text' ? FILE_NAMES.find((name) => have.has(name)) : undefined;
    return files ? [`file=${files}`] : [];
  });
}

/** Past this many of an export's names, a message lists no more. */
const NAMES_LISTED = 15;

/**
 * What an export lacking fields holds instead, for its message: the names
 * --columns gave for them that it does not hold (a misspelling), and its own
 * names, the columns of a CSV or the keys of a JSON article.
 */
function whatItHolds(missing: readonly string[], names: readonly string[], reading: ExportReading): string {
  const own = names.filter((name) => name !== '');
  const absent = missing.flatMap((field) => {
    const theirs = reading.columns[field as ExportField];
    return theirs !== undefined && !own.includes(theirs) ? [`${field}=${theirs}`] : [];
  });
  const listed = `it holds ${own.slice(0, NAMES_LISTED).join(', ')}${own.length > NAMES_LISTED ? `, and ${own.length - NAMES_LISTED} more` : ''}`;
  return absent.length > 0 ? `--columns ${absent.join(',')} names what it does not hold; ${listed}` : listed;
}

/**
 * A JSON object's values as lists of strings, keys in lower case: a nested
 * object's under their paths ("source.name"), an array's values each (of its
 * objects', under their paths: "authors.name"), null as none.
 */
function flatFields(value: object, into = new Map<string, string[]>(), prefix = ''): Map<string, string[]> {
  for (const [key, v] of Object.entries(value)) addValues(`${prefix}${key.toLowerCase()}`, v, into);
  return into;
}

function addValues(name: string, v: unknown, into: Map<string, string[]>): void {
  if (Array.isArray(v)) {
    if (!into.has(name)) into.set(name, []);
    for (const item of v) addValues(name, item, into);
  } else if (v !== null && typeof v === 'object') flatFields(v, into, `${name}.`);
  else {
    let values = into.get(name);
    if (!values) into.set(name, (values = []));
    // NaN is how Python's json module writes a missing number (read through JSON5).
    if (v !== null && v !== undefined && !Number.isNaN(v)) values.push(String(v));
  }
}

/** A field's values as one: an article's text is a list of paragraphs, anything else (authors, say) a list. */
const joined = (field: string, values: string[]) => values.join(field === 'text' ? '\n' : ', ');

/**
 * A JSON export: JSON Lines, one article a line (a file named .jsonl or
 * .ndjson, or a .json file whose first line is a whole object), or one JSON
 * document: a list of articles, or objects one after another (json-values.ts).
 */
async function* readJson(file: string, encoding: Encoding['encoding'], reading: ExportReading): AsyncGenerator<ExportItem> {
  if (await readsAsLines(file, encoding)) yield* readJsonLines(file, encoding, reading);
  else yield* readJsonDocument(file, encoding, reading);
}

/** A first line longer than this is a whole document on one line (an API's page, `json.dump`), not one article's. */
const LONGEST_FIRST_LINE = 4 << 20;

async function readsAsLines(file: string, encoding: Encoding['encoding']): Promise<boolean> {
  const named = /\.(jsonl|ndjson)$/i.test(plainName(file));
  const text = textStream(file, encoding);
  let head = '';
  let start = -1;
  try {
    for await (const chunk of text) {
      // Each chunk searched once: a document on one line would be searched again and again from its start.
      const from = head.length;
      head += chunk as string;
      if (start === -1) {
        const found = head.slice(from).search(/[^\s\uFEFF]/);
        if (found === -1) continue;
        start = from + found;
        if (head[start] === '[') return false;
        if (named || head[start] !== '{') return true;
      }
      const end = head.indexOf('\n', Math.max(start, from));
      if (end !== -1) return isWholeObject(head.slice(start, end));
      if (head.length - start > LONGEST_FIRST_LINE) return false;
    }
    return named || isWholeObject(head);
  } finally {
    text.destroy();
  }
}

/** A JSON object: not null, not a list. */
const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);

function isWholeObject(text: string): boolean {
  try {
    return isObject(parseJson(text).value);
  } catch {
    return false;
  }
}

async function* readJsonLines(file: string, encoding: Encoding['encoding'], reading: ExportReading): AsyncGenerator<ExportItem> {
  const lines = createInterface({ input: textStream(file, encoding), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const given of lines) {
    lineNo += 1;
    // A byte-order mark, as Windows tools put at the start of a UTF-8 file, is no part of the first object.
    const line = lineNo === 1 ? given.replace(/^\uFEFF/, '') : given;
    if (line.trim() === '') continue;
    const place = `${file}:${lineNo}`;
    let read: { value: unknown; lenient: boolean };
    try {
      read = parseJson(line);
    } catch (e) {
      yield { problem: problem('C011', 'error', place, (e as Error).message) };
      continue;
    }
    if (read.lenient) yield { problem: problem('C033', 'warning', place) };
    yield* articlesIn(read.value, place, reading);
  }
}

async function* readJsonDocument(file: string, encoding: Encoding['encoding'], reading: ExportReading): AsyncGenerator<ExportItem> {
  for await (const piece of jsonValues(textStream(file, encoding) as AsyncIterable<string>)) {
    if ('large' in piece) {
      yield* readLargeObject(file, encoding, piece.large, reading);
      continue;
    }
    if ('stop' in piece || 'unclosed' in piece) {
      const [severity, at] = 'stop' in piece ? (['error', piece.stop] as const) : (['warning', piece.unclosed] as const);
      yield { problem: problem('C011', severity, `${file}:${at.line}:${at.column}`, at.why) };
      continue;
    }
    const read = parseJsonValue(piece.value);
    const place = `${file}:${piece.value.line}:${piece.value.column}`;
    if ('error' in read) yield { problem: problem('C011', 'error', `${file}:${read.error.line}:${read.error.column}`, read.error.why) };
    else {
      if (read.lenient) yield { problem: problem('C033', 'warning', place) };
      yield* articlesIn(read.value, place, reading);
    }
  }
}

/**
 * The articles in the lists of a top-level object too large to hold (a data
 * set's wrapper), read from the file again, item by item: each placed as
 * articlesIn places the items of one held whole.
 */
async function* readLargeObject(file: string, encoding: Encoding['encoding'], at: LargeObject, reading: ExportReading): AsyncGenerator<ExportItem> {
  const place = `${file}:${at.line}:${at.column}`;
  let items = 0;
  for await (const piece of listedValues(textStream(file, encoding) as AsyncIterable<string>, at)) {
    items += 1;
    if ('stop' in piece) {
      yield { problem: problem('C011', 'error', `${file}:${piece.stop.line}:${piece.stop.column}`, piece.stop.why) };
      continue;
    }
    const read = parseJsonValue(piece.listed);
    if ('error' in read) {
      yield { problem: problem('C011', 'error', `${file}:${read.error.line}:${read.error.column}`, read.error.why) };
      continue;
    }
    if (read.lenient) yield { problem: problem('C033', 'warning', `${file}:${piece.listed.line}:${piece.listed.column}`) };
    if (isObject(read.value)) yield articleRow(read.value, `${place}, ${piece.listed.path} item ${piece.listed.item}`, reading);
  }
  if (items === 0) {
    yield { problem: problem('C067', 'error', place, LARGEST_OBJECT >> 20) };
  }
}

/**
 * The articles in a JSON value: the value itself, or, for a list or an object
 * naming none of the required fields (an API's page of results: NewsAPI's
 * `{"status": "ok", "articles": [...]}`, the Guardian's `{"response":
 * {"results": [...]}}`), the objects in its lists, each placed by its list's
 * path and its number; lists are looked for two objects deep.
 */
function articlesIn(value: unknown, place: string, reading: ExportReading): ExportItem[] {
  const notObject = (at: string): ExportItem => ({ problem: problem('C011', 'error', at, 'expected an article object ({…}) or a list of them') });
  if (typeof value !== 'object' || value === null) return [notObject(place)];
  if (Array.isArray(value)) {
    return value.map((item, k) => {
      const at = `${place}, item ${k + 1}`;
      return isObject(item) ? articleRow(item, at, reading) : notObject(at);
    });
  }
  const listed = namesNoField(value, reading) ? listedArticles(value, place, reading, '', 2) : [];
  return listed.length > 0 ? listed : [articleRow(value, place, reading)];
}

/** Whether an object has none of the required fields as a key of its own: an article has some. */
function namesNoField(value: object, reading: ExportReading): boolean {
  const required = new Set(EXPORT_COLUMNS.map((field) => (reading.columns[field] ?? field).split('.')[0]));
  return !Object.keys(value).some((key) => required.has(key.toLowerCase()));
}

/** The objects in the lists of an object that names no field, and of the objects in it that name none, `depth` deep. */
function listedArticles(value: object, place: string, reading: ExportReading, path: string, depth: number): ExportItem[] {
  return Object.entries(value).flatMap(([key, inner]) => {
    if (Array.isArray(inner)) return inner.flatMap((item, k) => (isObject(item) ? [articleRow(item, `${place}, ${path}${key} item ${k + 1}`, reading)] : []));
    if (depth > 0 && isObject(inner) && namesNoField(inner, reading)) return listedArticles(inner, place, reading, `${path}${key}.`, depth - 1);
    return [];
  });
}

function articleRow(value: object, place: string, reading: ExportReading): ExportItem {
  const values = flatFields(value);
  const own = [...values.keys()];
  // A field the export names otherwise is read from its own key only, and that key is no field of its own name, as a CSV
  // column so named is not: with url=source, trafilatura's "source" is no wire service.
  const mapped = Object.entries(reading.columns).map(([field, theirs]) => [field, values.get(theirs)] as const);
  for (const theirs of Object.values(reading.columns)) values.delete(theirs);
  for (const [field, given] of mapped) {
    if (given) values.set(field, given);
    else values.delete(field);
  }
  // A field's key holding null where a name exports give it holds a value is none: news-please writes "text": null, its article in "maintext".
  const valueOf: ValueOf = (name) => values.get(name)?.[0];
  const valued = [...values].filter(([, list]) => list.length > 0).map(([key]) => key);
  const nulls = EXPORT_COLUMNS.filter((field) => !(field in reading.columns) && values.get(field)?.length === 0 && columnsHint([field], valued, valueOf).length > 0);
  for (const field of nulls) values.delete(field);
  const { missing, lacked } = missingColumns([...values.keys()], reading, valueOf);
  if (missing.length > 0) {
    const holds = whatItHolds(missing, own, reading);
    return { problem: problem('C019', 'error', place, missing.join(','), columnsHint(missing, [...values.keys()], valueOf), nulls.length > 0 ? `${nulls.join(', ')} null; ${holds}` : holds) };
  }
  const fields = Object.fromEntries([...values].map(([key, list]) => [key, joined(key, list)]));
  const unsaid = lacksToSay(lacked, values.has('id'));
  return { row: unsaid.length > 0 ? { place, fields, lacking: true } : { place, fields } };
}

/**
 * Whether a file's first line, in its first bytes, holds a tab (in UTF-16 too,
 * whose tab is a 0x09 byte): a .txt so is a spreadsheet's text export (Excel's
 * "Text (Tab delimited)" and "Unicode Text"), not an article or a note.
 */
export function tabOnFirstLine(bytes: Buffer): boolean {
  const lineEnd = bytes.indexOf(0x0a);
  return bytes.subarray(0, lineEnd === -1 ? undefined : lineEnd).includes(0x09);
}

/**
 * A file's first characters as markup is told by: lower case, without a
 * byte-order mark or the spaces before; a file saved as UTF-16 (its mark says
 * so, as Windows tools save XML) read as such.
 */
function markupStart(bytes: Buffer): string {
  const head = bytes.subarray(0, 4096);
  const utf16 = head[0] === 0xff && head[1] === 0xfe ? 'le' : head[0] === 0xfe && head[1] === 0xff ? 'be' : null;
  const text = utf16 === null ? head.toString('latin1') : utf16 === 'le' ? head.toString('utf16le') : Buffer.from(head.subarray(0, head.length & ~1)).swap16().toString('utf16le');
  return text.replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').trimStart().toLowerCase();
}

/** Whether a file starts as an RSS or Atom feed (or RSS 1.0, RDF with RSS's namespace), read as an export of its items (read-feed.ts). */
const isFeed = (start: string) =>
  start.startsWith('<') && (/<rss[\s>]|<feed[\s>]/.test(start) || (/<rdf:rdf[\s>]/.test(start) && start.includes('purl.org/rss/1.0')));

/**
 * What a file given as an export is when it starts as markup but is no feed
 * (a web page, other XML), and what to do with it, since read as CSV it would
 * have every column missing; null for anything else.
 */
function markupKind(start: string): string | null {
  if (!start.startsWith('<')) return null;
  if (start.startsWith('<!doctype html') || /^<html[\s>]/.test(start)) {
    return `a web page (HTML); ${PAGE_HINT}`;
  }
  return start.startsWith('<?xml') ? 'an XML file but no RSS or Atom feed; write its articles out as CSV or JSON (outlet,title,date,url,text)' : null;
}

/**
 * An export's encoding, from one pass over its bytes (see encoding.ts); or,
 * when its first bytes say it is no text at all, what it is.
 */
async function encodingOf(
  file: string,
): Promise<{ found: Encoding; notText: null; feed: boolean; tabbed: boolean; quotedText: string | null } | { found: null; notText: string }> {
  const sniffer = new EncodingSniffer();
  let first = true;
  let feed = false;
  let tabbed = false;
  /** A field whose quotation mark is text, in a file whose first line is tab-separated (UTF-16's, decided by its first bytes, is not looked at). */
  let quotedText: string | null = null;
  for await (const chunk of bytesOf(file)) {
    if (first) {
      const start = markupStart(chunk as Buffer);
      feed = isFeed(start);
      tabbed = tabOnFirstLine(chunk as Buffer);
      const notText = notTextKind(chunk as Buffer) ?? (feed ? null : markupKind(start));
      if (notText) return { found: null, notText };
    }
    first = false;
    sniffer.add(chunk as Buffer);
    if (sniffer.decided) break;
    if (tabbed && quotedText === null) {
      const opening = QUOTATION_OPENING_FIELD.exec((chunk as Buffer).toString('latin1'));
      if (opening) {
        const at = opening.index + opening[0].length - opening[1]!.length;
        quotedText = (chunk as Buffer).subarray(at, at + opening[1]!.length).toString('utf8').slice(0, 60);
      }
    }
  }
  return { found: sniffer.finish(), notText: null, feed, tabbed, quotedText };
}

/** A file saved gzipped (archive.csv.gz, news.jsonl.gz), as large archives come: read as it streams, by the name within. */
export const GZIPPED = /\.gz$/i;

/** An export's name without the ".gz" it was saved with: what it is. */
const plainName = (file: string) => file.replace(GZIPPED, '');

/** An export's bytes, decompressed as they are read where it was saved gzipped; a damaged one stops the run, saying so. */
function bytesOf(file: string): Readable {
  const inside = inContainer(file);
  const raw = inside ? inside.container.stream(inside.name) : createReadStream(file);
  if (!GZIPPED.test(file)) return raw;
  const gunzip = createGunzip();
  const bytes = new PassThrough();
  raw.on('error', (e: Error) => bytes.destroy(e));
  gunzip.on('error', (e) => bytes.destroy(new InputError([problem('C050', 'error', file, e.message)])));
  return raw.pipe(gunzip).pipe(bytes);
}

/** An export's text as strings, whatever it was saved in. */
function textStream(file: string, encoding: Encoding['encoding']): Readable {
  if (encoding === 'utf-8') return bytesOf(file).setEncoding('utf8');
  const bytes = bytesOf(file);
  const text = decodingStream(encoding);
  bytes.on('error', (e) => text.destroy(e));
  return bytes.pipe(text);
}

export async function* readExport(file: string, reading: ExportReading = { columns: {}, outlet: null }): AsyncGenerator<ExportItem> {
  if (MARKDOWN_FILE.test(plainName(file))) {
    yield { problem: problem('C028', 'error', file, AN_EXPORT, `a page saved as Markdown; ${PAGE_HINT}`) };
    return;
  }
  const read = await encodingOf(file);
  if (read.found === null) {
    yield { problem: problem('C028', 'error', file, AN_EXPORT, read.notText) };
    return;
  }
  const { found } = read;
  const warning = encodingWarning(found, file, ['C021', 'C022']);
  if (warning) yield { problem: warning };
  if (read.feed) {
    // A feed is small, and read whole, in the encoding found above.
    let xml = '';
    for await (const chunk of textStream(file, found.encoding)) xml += chunk as string;
    yield* feedItems(xml.replace(/^\uFEFF/, ''), file, reading);
    return;
  }
  const name = plainName(file);
  if (/\.(jsonl?|ndjson)$/i.test(name)) yield* readJson(file, found.encoding, reading);
  else {
    const tabs = /\.(tsv|tab)$/i.test(name) || (/\.txt$/i.test(name) && read.tabbed);
    yield* readCsv(file, found.encoding, reading, tabs ? '\t' : ',', 0, read.quotedText);
  }
}

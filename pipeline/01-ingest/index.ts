// Stage 1, ingest: a corpus folder (captured pages + manifest.csv + rules), an
// export file (CSV, TSV, JSON, JSONL or a saved feed) or a folder of them in,
// clean Article records out, one at a time, with a Problem for every page or
// row that had to be skipped or mended.
import { createHash } from 'node:crypto';
import { mkdtemp, open, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { append } from '../arrays.ts';
import { openQuote, rowsWithLines } from '../csv-lines.ts';
import { fileText, notTextKind, repairDoubleEncoding, type FileText } from '../encoding.ts';
import { removeUnfinished, unfinishedFiles } from '../files.ts';
import { InputError, problem, ProblemListing, type Problem } from '../messages.ts';
import { daySpan, fold, normaliseLine, parseDate, slashOrder, spreadsheetHeader } from '../text.ts';
import type { Article } from '../types.ts';
import { aboutMatcher } from './about.ts';
import { cleanPage, cleanText, LINE_BREAK } from './clean-page.ts';
import { isDoc, textOfDoc } from './doc.ts';
import { isDocx, textOfDocx } from './docx.ts';
import { inContainer, withContainer } from './containers.ts';
import { readHtmlPage, textOfHtml, type PageMetadata } from './html-text.ts';
import { MARKDOWN_FILE, readMarkdownPage, textOfMarkdown } from './markdown.ts';
import { htmlOfMhtml } from './mhtml.ts';
import { NearDuplicates, textSamples } from './near-duplicates.ts';
import { isOdt, textOfOdt } from './odt.ts';
import { readOutletNames } from './outlet-names.ts';
import { lookAlikeOutlets, outletSlug } from './outlets.ts';
import { isPdf, textOfPdf } from './pdf.ts';
import { AN_EXPORT, headerCells, otherTextColumn, parseColumns, readExport, tabOnFirstLine, type ColumnNames, type ExportReading } from './read-export.ts';
import { RepeatedText } from './repeated-text.ts';
import { NO_RULES, parseRules, type CleaningRules } from './rules.ts';
import { isRtf, textOfRtf } from './rtf.ts';
import { atCellLimit, CUT_BY_API, paragraphsOfList, ROUNDED_NUMBER, storedValue, unescapedText } from './stored-text.ts';
import { unwrapped } from './unwrap.ts';
import { archivedPages, WARC_FILE, warcSources } from './warc.ts';
import { WORKBOOK, Workbook } from './workbook.ts';
import { ZipArchive, ZIPPED } from './zip.ts';

/** Where an article was given no id, what its id was made from: its url, or its title and date. */
interface MadeFrom {
  key: string;
  url: boolean;
}

/**
 * An article (`madeFrom`, where it was given no id), a problem, or a file
 * beside the corpus that a row named for its text (read, or looked for): the
 * run memory must know when one changes, as it knows the corpus's own files.
 */
export type IngestItem = { article: Article; madeFrom?: MadeFrom } | { problem: Problem } | { beside: string };

interface Fields {
  outlet: string;
  title: string;
  text: string;
  date?: string | undefined;
  author?: string | undefined;
  source?: string | undefined;
  url?: string | undefined;
  /** The address of the page that held it among other articles (a tag page): its url where it has none of its own, never its id, which they would share. */
  page?: string | undefined;
  id?: string | undefined;
}

/** An article's id made from what identifies it: its outlet's slug, and a hash of `key`. */
function hashedId(outletSlug: string, key: string): string {
  return `${outletSlug}-${createHash('sha1').update(key).digest('hex').slice(0, 10)}`;
}

/**
 * The longest run of characters with no space that is read as prose. Longer is
 * data (an embedded image or file, a hash, a run of one character pasted on),
 * never a word a lexicon could name; and wink-nlp's tokenizer takes time in
 * the square of a run's length (a 200,000-character one: 49 s).
 */
const LONGEST_RUN = 500;

/** Whether a normalised line (its only spaces single plain ones) has a run longer than LONGEST_RUN; linear, as a regular expression here is not. */
function hasLongRun(line: string): boolean {
  let from = 0;
  while (line.length - from > LONGEST_RUN) {
    const space = line.indexOf(' ', from);
    if (space === -1 || space - from > LONGEST_RUN) return true;
    from = space + 1;
  }
  return false;
}

/** The runs longer than LONGEST_RUN that normalised `lines` held, and the lines without them. */
function withoutDataRuns(lines: string[]): { lines: string[]; runs: string[] } {
  const runs: string[] = [];
  const kept = lines.map((line) => {
    if (!hasLongRun(line)) return line;
    const words = line.split(' ');
    append(runs, words.filter((word) => word.length > LONGEST_RUN));
    return words.filter((word) => word.length <= LONGEST_RUN).join(' ');
  });
  return { lines: kept, runs };
}

/** `runs`, as a warning names them: how many, the longest, and how it starts. */
function describeRuns(runs: string[]): string {
  const longest = runs.reduce((a, b) => (b.length > a.length ? b : a));
  // By characters, not UTF-16 units, so that an emoji is not cut in two.
  const start = [...longest.slice(0, 48)].slice(0, 24).join('');
  return `${runs.length} run(s) of more than ${LONGEST_RUN} characters with no space (the longest ${longest.length.toLocaleString('en-US')}, "${start}…")`;
}

/**
 * How a corpus's dates written with slashes are read ("11/01/2023"): month
 * first, as US exports write them, or day first (--day-first). A date that
 * reads only the other way (13/01/2023) is read so, and the first of them is
 * told of: the corpus may write its dates that way throughout.
 */
class SlashDates {
  private told = false;
  constructor(readonly dayFirst: boolean) {}

  /** The problem the first date written only the other way calls for; null otherwise. */
  check(raw: string, origin: string): Problem | null {
    if (this.told) return null;
    const order = slashOrder(raw);
    if (order !== (this.dayFirst ? 'month-first' : 'day-first')) return null;
    this.told = true;
    return problem('C032', 'warning', origin, raw, this.dayFirst);
  }
}

/**
 * An Article from raw fields, after the warnings it calls for (a date that
 * cannot be read or reads another way than the rest, data runs left out); or
 * the problem that stops it.
 */
function* articleItems(fields: Fields, origin: string, dates: SlashDates, textElsewhere: string | null = null): Generator<IngestItem> {
  const outlet = normaliseLine(fields.outlet);
  if (!outlet) {
    yield { problem: problem('C007', 'error', origin) };
    return;
  }
  const { lines, runs } = withoutDataRuns([fields.title, ...fields.text.split(LINE_BREAK)].map(normaliseLine));
  const [title = '', ...paragraphs] = lines;
  let body = paragraphs.filter((line) => line !== '');
  if (runs.length > 0) yield { problem: problem('C026', 'warning', origin, describeRuns(runs)) };
  // A text that starts with its own headline (as many CMS exports give it) would count the headline's words twice.
  if (body.length > 1 && title !== '' && Math.abs(body[0]!.length - title.length) <= 8 && fold(body[0]!) === fold(title)) {
    body = body.slice(1);
    yield { problem: problem('C035', 'warning', origin) };
  }
  const text = body.join('\n');
  if (!text) {
    yield { problem: problem('C004', 'warning', origin, title ? `"${title}"` : 'no title, no text', textElsewhere) };
    return;
  }
  const rawDate = normaliseLine(fields.date ?? '');
  const date = rawDate ? parseDate(rawDate, dates.dayFirst) : '';
  if (rawDate && !date) yield { problem: problem('C010', 'warning', origin, rawDate) };
  const otherOrder = dates.check(rawDate, origin);
  if (otherOrder) yield { problem: otherOrder };
  const outlet_slug = outletSlug(outlet);
  // Stable across runs: the export's id, else a hash of what identifies the article.
  const given = fields.id?.trim();
  const url = (fields.url ?? '').trim();
  // The url as written, spaces and all, as ids were always made from it.
  const madeFrom = given ? undefined : url ? { key: fields.url!, url: true } : { key: `${title}\n${date ?? rawDate}`, url: false };
  yield {
    ...(madeFrom === undefined ? {} : { madeFrom }),
    article: {
      article_id: given || hashedId(outlet_slug, madeFrom!.key),
      outlet,
      outlet_slug,
      title,
      date: date ?? '',
      author: normaliseLine(fields.author ?? ''),
      source: normaliseLine(fields.source ?? ''),
      url: url || (fields.page ?? '').trim(),
      text,
      origin,
      near_duplicate_of: '',
      shared_text: null,
    },
  };
}

interface ManifestRow {
  file: string;
  outlet: string;
  rules: string;
  date: string;
  author: string;
  url: string;
  /** For a row naming an export: its own names for its fields, as --columns gives them. */
  columns: string;
  line: number;
}

/**
 * A file of the corpus folder as text, and the warning its encoding calls for,
 * if any; or, for a file that is no text at all (a PDF, say), what it is.
 */
async function readText(file: string): Promise<FileText> {
  return fileText(await readFile(file), file, ['C021', 'C022']);
}

/**
 * A captured page as text: a Word (and Word 97-2003), OpenDocument, RTF or PDF
 * document's paragraphs, each on a line of its own, or the file's text. Each is
 * told by its first bytes, whatever its name: a .doc that Word saved as RTF is
 * RTF, and a .docx that holds plain text is text.
 */
async function readPage(file: string): Promise<FileText> {
  const bytes = await readFile(file);
  if (isRtf(bytes)) return { text: await textOfRtf(bytes), warning: null, notText: null };
  if (isOdt(bytes)) return { text: await textOfOdt(file), warning: null, notText: null };
  if (isDocx(bytes, file)) return { text: await textOfDocx(bytes), warning: null, notText: null };
  if (isPdf(bytes)) return { text: await textOfPdf(bytes), warning: null, notText: null };
  if (isDoc(bytes, file)) return { text: await textOfDoc(bytes), warning: null, notText: null };
  return fileText(bytes, file, ['C021', 'C022']);
}

const MANIFEST = 'manifest.csv';
const MANIFEST_COLUMNS = ['file', 'outlet', 'rules'] as const;

/** A path the manifest gives (a page, a rules file) with "/" between folders, whichever it wrote, and no "./". */
const manifestPath = (file: string) => (file === '' ? '' : path.posix.normalize(file.replace(/\\/g, '/')));

async function readManifest(folder: string): Promise<{ rows: ManifestRow[]; warning: Problem | null }> {
  const file = path.join(folder, MANIFEST);
  const { text, warning } = await readText(file).catch((e: Error) => {
    throw new Error(problem('C001', 'error', file, e.message).message);
  });
  // Its rows with their lines (comments and blank lines skipped), read with semicolons or tabs where a spreadsheet saved it so.
  const read = rowsWithLines(text.replace(/^\uFEFF/, ''));
  // A quotation mark left open swallows the rows after it: their pages would be named as not in the manifest, their outlet one made of their lines.
  // No manifest cell holds a line break of its own, so a field that runs on over lines is one left open even where they do not read as rows.
  for (const row of read.rows) {
    const open = openQuote(row, read, file);
    if (open) throw new Error(`${open.place}: ${problem('C054', 'error', file, open.what).message}`);
    const runsOn = row.fields.find((field) => /[\r\n]/.test(field));
    if (runsOn !== undefined) throw new Error(`${file}:${row.line}: ${problem('C054', 'error', file, `a field runs on over ${runsOn.split(/\r\n?|\n/).length} lines`).message}`);
  }
  const [header, ...body] = read.rows;
  const names = spreadsheetHeader();
  const columns = (header?.fields ?? []).map((raw, i) => names.transform(raw, i));
  if (names.repeated.length > 0) throw new Error(`${file}: ${problem('C025', 'error', file, names.repeated.join(',')).message}`);
  for (const column of MANIFEST_COLUMNS) {
    if (!columns.includes(column)) {
      throw new Error(`${file}: ${problem('C012', 'error', file, column).message}`);
    }
  }
  const rows = body.map((row) => {
    const get = (column: string) => (row.fields[columns.indexOf(column)] ?? '').trim();
    return {
      file: manifestPath(get('file')),
      outlet: get('outlet'),
      rules: manifestPath(get('rules')),
      date: get('date'),
      author: get('author'),
      url: get('url'),
      columns: get('columns'),
      line: row.line,
    };
  });
  return { rows, warning };
}

/**
 * A rules file read and checked, and the warning its encoding calls for; one
 * that cannot be read, is no text, or holds a mistake throws C009, saying which.
 */
async function readRules(file: string): Promise<{ rules: CleaningRules; warning: Problem | null }> {
  const fail = (why: string) => new InputError([problem('C009', 'error', file, file, why)]);
  let read: FileText;
  try {
    read = await readText(file);
  } catch (e) {
    throw fail((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message);
  }
  if (read.notText) throw fail(`not YAML but ${read.notText}`);
  try {
    return { rules: parseRules(read.text, file), warning: read.warning };
  } catch (e) {
    throw fail((e as Error).message);
  }
}

/** A page's rules file, read once (`cache`); the warning its encoding calls for comes with its first reading only. */
async function loadRules(folder: string, name: string, cache: Map<string, CleaningRules>): Promise<{ rules: CleaningRules; warning: Problem | null }> {
  if (!name) return { rules: NO_RULES, warning: null };
  const file = path.join(folder, name);
  const known = cache.get(file);
  if (known) return { rules: known, warning: null };
  const loaded = await readRules(file);
  cache.set(file, loaded.rules);
  return loaded;
}

/** What a browser saves beside a page ("page_files/"): its styles, scripts, images and fonts, never an article, so never named as left unread, nor matched by a pattern. */
const PAGE_RESOURCE = /\.(?:css|js|mjs|map|png|jpe?g|gif|svg|webp|avif|ico|bmp|woff2?|ttf|otf|eot)$/i;

/**
 * The files of a folder that hold a corpus, in name order, by their paths
 * inside it with "/" between folders, as a manifest names them
 * ("miami-herald/001.txt"): every file but rules (YAML), hidden ones, and the
 * lock files of a file open in a spreadsheet ("~$manifest.csv"). Markdown
 * files are among them: pages where the manifest names them, notes where it
 * does not (isNote).
 */
async function corpusFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of (await readdir(folder, { recursive: true })).sort()) {
    const name = entry.split(path.sep).join('/');
    if (/\.ya?ml$/i.test(name) || name.split('/').some((part) => /^(\.|~\$)/.test(part))) continue;
    if ((await stat(path.join(folder, entry))).isFile()) files.push(name);
  }
  return files;
}

/** A Markdown file that no manifest row or pattern for Markdown names: a note about the corpus (a README), not a page. */
function isNote(file: string, named: ReadonlySet<string>): boolean {
  return MARKDOWN_FILE.test(file) && !named.has(file);
}

/** The captured pages of a corpus folder: its files but the manifest. */
async function pagesIn(folder: string): Promise<Set<string>> {
  return new Set((await corpusFiles(folder)).filter((name) => name !== MANIFEST));
}

/** A captured page, by the name's ending: what a folder of one outlet's pages (--outlet, no manifest) reads. */
const PAGE_FILE = /\.(html?|mht(?:ml)?|txt|md|markdown|docx?|odt|rtf|pdf)$/i;

/** What a folder of exports reads, by the name's ending. */
const EXPORT_FILE = /\.(csv|tsv|tab|json|jsonl|ndjson|xml|rss|rdf|atom)(?:\.gz)?$/i;

/** An export, a zip archive or workbook of them, or a web archive, by its name: what ingestExportFile reads. */
const isExportFile = (name: string) => EXPORT_FILE.test(name) || ZIPPED.test(name) || WORKBOOK.test(name) || WARC_FILE.test(name);

/** A file's first bytes: enough to tell a spreadsheet's text export from a note (tabOnFirstLine). */
async function firstBytes(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A page of the outlet --outlet names, as a manifest row naming it with that outlet would give it. */
const outletPage = (file: string, outlet: string): ManifestRow => ({ file, outlet, rules: '', date: '', author: '', url: '', columns: '', line: 0 });

/** The columns a file's first line but comments names, by commas, semicolons or tabs: lower case, unquoted. */
function headerColumns(head: Buffer): Set<string> {
  const header = head.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n|\r/).find((line) => line.trim() !== '' && !line.startsWith('#'));
  return new Set(headerCells(header ?? ''));
}

/**
 * What a CSV file of this toolkit's own is, by its header's columns, and what
 * to do with it, for a file given as an export: a manifest (file,outlet,rules)
 * or a lexicon (frame,pole,term; actor,alias); null for any other.
 */
function toolkitFile(file: string, columns: Set<string>): string | null {
  if (columns.has('text')) return null;
  if (columns.has('file') && columns.has('outlet')) return `a corpus folder's manifest; give --corpus its folder (--corpus ${path.dirname(file)})`;
  if ((columns.has('term') && columns.has('pole')) || (columns.has('actor') && columns.has('alias'))) return 'a lexicon; give it, or its folder, to --lexicons, and --corpus the articles';
  return null;
}

/** A CSV file of this toolkit's own given as an export: the problem that names it; null for any other file. */
async function toolkitFileProblem(file: string): Promise<Problem | null> {
  const own = /\.csv$/i.test(file) ? toolkitFile(file, headerColumns(await firstBytes(file))) : null;
  return own ? problem('C028', 'error', file, AN_EXPORT, own) : null;
}

/**
 * One file given to --corpus: an export, or with --outlet one saved page (an
 * article saved from a browser, a Word document from Nexis), read as a folder
 * holding it alone would be. A .txt is a page but where it reads as an export:
 * tab-separated, as a spreadsheet saves text, or with a text column between
 * commas or semicolons, quoted or not.
 */
async function* ingestFile(file: string, reading: ExportReading, rules: CleaningRules | null, dates: SlashDates): AsyncGenerator<IngestItem> {
  const own = await toolkitFileProblem(file);
  if (own) {
    yield { problem: own };
    return;
  }
  const exported = async () => {
    const head = await firstBytes(file);
    return tabOnFirstLine(head) || Object.keys(reading.columns).length > 0 || headerColumns(head).has('text');
  };
  if (reading.outlet && PAGE_FILE.test(file) && !(/\.txt$/i.test(file) && (await exported()))) {
    const folder = path.dirname(file);
    const name = path.basename(file);
    yield* ingestPages(folder, [outletPage(name, reading.outlet)], new Set([name]), () => folder, rules ?? NO_RULES, dates);
    return;
  }
  yield* ingestExportFile(file, reading, rules, dates);
}

/**
 * A folder without a manifest: exports (a year of an archive saved a month a
 * file, one export per outlet), read one after another in name order, as one
 * corpus; any other file in it is named and left alone.
 */
async function* ingestExportFolder(folder: string, reading: ExportReading, rules: CleaningRules | null, dates: SlashDates): AsyncGenerator<IngestItem> {
  const files = await corpusFiles(folder);
  const spreadsheetText = new Set<string>();
  for (const name of files) if (/\.txt$/i.test(name) && tabOnFirstLine(await firstBytes(path.join(folder, name)))) spreadsheetText.add(name);
  const isExport = (name: string) => isExportFile(name) || spreadsheetText.has(name);
  const exports = files.filter(isExport);
  const pages = files.filter((name) => PAGE_FILE.test(name));
  if (exports.length === 0 && pages.length > 0 && reading.outlet) {
    if (Object.keys(reading.columns).length > 0) throw new Error(`--columns names the columns of a CSV or JSON export, but ${folder} holds captured pages; leave --columns out`);
    // One outlet's saved pages, named by --outlet: read as a manifest naming each with that outlet would have them read.
    // Markdown files are its pages where all are (a folder of clippings), and notes about them (a README) beside other pages.
    const read = pages.every((name) => MARKDOWN_FILE.test(name)) ? pages : pages.filter((name) => !MARKDOWN_FILE.test(name));
    for (const other of files.filter((name) => !PAGE_FILE.test(name) && !PAGE_RESOURCE.test(name))) {
      // A file whose first bytes say what it is (a PDF, an image) is told what to do with it.
      const what = notTextKind(await firstBytes(path.join(folder, other)));
      yield { problem: what ? problem('C028', 'error', path.join(folder, other), 'a captured page (text or HTML)', what) : problem('C064', 'warning', path.join(folder, other)) };
    }
    yield* ingestPages(folder, read.map((file) => outletPage(file, reading.outlet!)), new Set(read), () => folder, rules ?? NO_RULES, dates);
    return;
  }
  if (exports.length === 0) {
    // Saved pages without a manifest: one row, a pattern, names them all.
    const ending = ['html', 'mhtml', 'mht', 'md', 'markdown', 'docx', 'doc', 'odt', 'rtf', 'pdf', 'txt'].find((end) => pages.some((name) => name.toLowerCase().endsWith(`.${end}`)))!;
    const kind = `${pages.some((name) => name.includes('/')) ? '**/' : ''}*.${ending}`;
    throw new Error(
      pages.length > 0
        ? `${folder}: ${pages.length} saved page(s) and no ${MANIFEST}, which says whose they are: write one beside them, whose two lines "file,outlet,rules" and "${kind},<the outlet's name>," name them all (see "Captured pages" in the README); or, where all are one outlet's, name it with --outlet NAME`
        : `${folder}: no ${MANIFEST} and no export in it; a folder of captured pages needs a ${MANIFEST} (columns file,outlet,rules), a folder of exports holds .csv, .tsv, .json or .jsonl files, saved feeds (.xml, .rss, .rdf, .atom), workbooks (.xlsx), a spreadsheet's tab-separated .txt or zip archives of them; or pass one export file`,
    );
  }
  for (const other of files.filter((name) => !isExport(name) && !PAGE_RESOURCE.test(name) && !MARKDOWN_FILE.test(name))) yield { problem: problem('C030', 'warning', path.join(folder, other)) };
  for (const name of exports) {
    const own = await toolkitFileProblem(path.join(folder, name));
    if (own) yield { problem: own };
    else yield* ingestExportFile(path.join(folder, name), reading, rules, dates);
  }
}

/** An export file, a zip archive or workbook of them, or a web archive; `row`: the manifest row that names it, if one does. */
function ingestExportFile(file: string, reading: ExportReading, rules: CleaningRules | null, dates: SlashDates, row: string | null = null): AsyncGenerator<IngestItem> {
  if (WARC_FILE.test(file)) return ingestWarc(file, reading, rules, dates);
  if (ZIPPED.test(file)) return ingestZip(file, reading, rules, dates, row);
  if (WORKBOOK.test(file)) return ingestWorkbook(file, reading, rules, dates);
  return ingestExport(file, reading, rules, dates);
}

/** A workbook's sheets, each read as a CSV export named "<workbook>/<sheet>", in the workbook's order. */
async function* ingestWorkbook(file: string, reading: ExportReading, rules: CleaningRules | null, dates: SlashDates): AsyncGenerator<IngestItem> {
  // A workbook inside a zip archive is read from its bytes there.
  const holder = inContainer(file);
  const book = await Workbook.open(file, holder ? Buffer.concat(await holder.container.stream(holder.name).toArray()) : undefined);
  yield* withContainer(book, async function* () {
    for (const { name } of book.files()) yield* ingestExport(`${file}/${name}`, reading, rules, dates);
  });
}

/**
 * A zip archive of exports, read as a folder of them is: each export in it,
 * in name order, named "<archive>/<its path inside>"; anything else named and
 * left alone. A zipped corpus folder (it holds one manifest.csv) is read as
 * the folder (ingestUnzipped); an archive of several is refused (C059),
 * and so is one that a manifest row names (C065: its manifest names outlets
 * and rules of its own). A zip of saved pages and no exports, given with an
 * outlet (--outlet, or a manifest row's), is read as a folder of one outlet's
 * pages.
 */
async function* ingestZip(file: string, reading: ExportReading, rules: CleaningRules | null, dates: SlashDates, row: string | null): AsyncGenerator<IngestItem> {
  const archive = await ZipArchive.open(file);
  const files = archive.files();
  const manifests = files.filter(({ name }) => name.split('/').pop() === MANIFEST);
  if (manifests.length > 0) {
    try {
      if (row !== null) {
        yield { problem: problem('C065', 'error', row, manifests[0]!.name) };
        return;
      }
      if (manifests.length > 1) throw new InputError([problem('C059', 'error', file, manifests.map(({ name }) => name).join(', '))]);
      refuseExportOptions(file, { ...reading, rules: rules !== null });
      yield* ingestUnzipped(archive, manifests[0]!.name.slice(0, -MANIFEST.length), (folder) => ingestFolder(folder, dates));
    } finally {
      archive.close();
    }
    return;
  }
  // One outlet's saved pages zipped (Nexis delivers its Word documents so), read as the folder with --outlet would be.
  if (reading.outlet && files.some(({ name }) => PAGE_FILE.test(name)) && !files.some(({ name }) => isExportFile(name))) {
    try {
      yield* ingestUnzipped(archive, '', (folder) => ingestExportFolder(folder, reading, rules, dates));
    } finally {
      archive.close();
    }
    return;
  }
  yield* withContainer(archive, async function* () {
    for (const { name } of files) {
      const inside = `${file}/${name}`;
      if (EXPORT_FILE.test(name)) yield* ingestExport(inside, reading, rules, dates);
      else if (WORKBOOK.test(name)) yield* ingestWorkbook(inside, reading, rules, dates);
      // Markdown files are notes about the data set (a README), as in a folder of exports.
      else if (!PAGE_RESOURCE.test(name) && !MARKDOWN_FILE.test(name)) yield { problem: problem('C058', 'warning', inside) };
    }
  });
}

/**
 * A web archive's HTML pages, each read as a captured page of the outlet given
 * (--outlet, or the manifest row's), else of the host it was captured from
 * ("www.elcomercio.pe" is "elcomercio.pe"), and cleaned by `rules`; each named
 * "<WARC file>:record N". A record that cannot be read ends its WARC file
 * (C074), after the pages before it; a WACZ's other WARC files are read.
 */
async function* ingestWarc(file: string, reading: ExportReading, rules: CleaningRules | null, dates: SlashDates): AsyncGenerator<IngestItem> {
  if (Object.keys(reading.columns).length > 0) throw new Error(`--columns names the columns of a CSV or JSON export, but ${file} is a web archive of captured pages; leave --columns out`);
  const { sources, close } = await warcSources(file);
  let pages = 0;
  let records = 0;
  let broken = false;
  try {
    for (const source of sources) {
      const read = { records: 0 };
      try {
        for await (const archived of archivedPages(source, read)) {
          const { url, record } = archived;
          const place = `${source.place}:record ${record}`;
          if ('unread' in archived) {
            yield { problem: problem('C077', 'error', place, url, archived.unread) };
            continue;
          }
          if ('longer' in archived) {
            yield { problem: problem('C078', 'warning', place, archived.longer) };
            continue;
          }
          pages += 1;
          const { text } = archived;
          const page = repairDoubleEncoding(text);
          if (page !== text) yield { problem: problem('C031', 'warning', place) };
          const outlet = reading.outlet ?? hostOf(url);
          yield* pageArticles(page, place, { outlet, date: '', author: '', url: '' }, rules ?? NO_RULES, dates, false, url);
        }
      } catch (e) {
        yield { problem: problem('C074', 'error', `${source.place}:record ${read.records + 1}`, (e as Error).message) };
        broken = true;
      }
      records += read.records;
    }
  } finally {
    close();
  }
  if (pages === 0 && !broken) yield { problem: problem('C075', 'warning', file, records) };
}

/** An address's host without "www.", as an outlet's name: "https://www.elcomercio.pe/peru/…" is "elcomercio.pe". */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\d*\./i, '');
  } catch {
    return '';
  }
}

/**
 * A folder of pages zipped (a corpus folder, as one is passed on, or one
 * outlet's pages): unzipped into a temporary folder (the page readers read
 * files), read as the folder by `read`, each place named by its path in the
 * archive ("corpus.zip/corpus/000.txt#3"), and removed.
 */
async function* ingestUnzipped(archive: ZipArchive, folder: string, read: (unzipped: string) => AsyncGenerator<IngestItem>): AsyncGenerator<IngestItem> {
  const temporary = await mkdtemp(path.join(tmpdir(), 'framing-zip-'));
  // Removed by a run that Ctrl-C stops, too.
  unfinishedFiles.add(temporary);
  const unzipped = path.join(temporary, 'corpus');
  const inArchive = path.join(archive.file, folder.replace(/\/$/, ''));
  const shown = (text: string) => text.split(unzipped).join(inArchive);
  try {
    await archive.extract(folder, unzipped);
    for await (const item of read(unzipped)) {
      if ('beside' in item) yield item;
      else if ('article' in item) yield { ...item, article: { ...item.article, origin: shown(item.article.origin) } };
      else yield { problem: { ...item.problem, place: shown(item.problem.place), message: shown(item.problem.message) } };
    }
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.problems.map((p) => ({ ...p, place: shown(p.place), message: shown(p.message) })));
    if (e instanceof Error) throw new Error(shown(e.message));
    throw e;
  } finally {
    removeUnfinished(temporary);
  }
}

/** --columns, --outlet and --rules are for exports: a corpus folder's manifest says each page's outlet and rules. */
function refuseExportOptions(corpus: string, given: ExportReading & { rules: boolean }): void {
  if (Object.keys(given.columns).length > 0) {
    throw new Error(`--columns names the columns of a CSV or JSON export, but ${corpus} is a corpus folder, whose manifest.csv has columns of its own; leave --columns out`);
  }
  if (given.outlet) {
    throw new Error(`--outlet names the outlet of an export's articles, but ${corpus} is a corpus folder, whose manifest.csv names each page's outlet; leave --outlet out`);
  }
  if (given.rules) {
    throw new Error(`--rules cleans the articles of a CSV or JSON export, but ${corpus} is a corpus folder, whose manifest.csv names each page's rules; leave --rules out`);
  }
}

/**
 * The manifest's rows, a row whose file is a pattern (`elcomercio/*.html`)
 * standing for one row per page it matches, in name order; and the problems
 * of such rows: one that matches no page, or gives a url, which would be
 * every page's (each page's own is read from its markup).
 */
function pageRows(manifest: ManifestRow[], present: ReadonlySet<string>, place: (row: ManifestRow) => string): { rows: ManifestRow[]; problems: Problem[] } {
  const rows: ManifestRow[] = [];
  const problems: Problem[] = [];
  for (const row of manifest) {
    // A pattern has a * or ?; a browser's "Article (1).html" is a name, as is any name that is a page's.
    if (present.has(row.file) || !/[*?]/.test(row.file)) {
      rows.push(row);
      continue;
    }
    const matches = picomatch(row.file);
    // "elcomercio/*" is the outlet's pages, not its notes: a Markdown page is matched by a pattern for Markdown.
    const markdown = MARKDOWN_FILE.test(row.file);
    const pages = [...present].filter((page) => matches(page) && !PAGE_RESOURCE.test(page) && (markdown || !MARKDOWN_FILE.test(page))).sort();
    if (pages.length === 0) problems.push(problem('C045', 'error', place(row), row.file));
    if (pages.length > 0 && row.url !== '') problems.push(problem('C046', 'warning', place(row), row.file, pages.length));
    for (const page of pages) rows.push({ ...row, file: page, url: '' });
  }
  return { rows, problems };
}

async function* ingestFolder(folder: string, dates: SlashDates): AsyncGenerator<IngestItem> {
  const { rows: listed, warning } = await readManifest(folder);
  if (warning) yield { problem: warning };
  const present = await pagesIn(folder);
  const placeOf = (row: ManifestRow) => `${path.join(folder, MANIFEST)}:${row.line}`;
  const { rows: manifest, problems } = pageRows(listed, present, placeOf);
  for (const rowProblem of problems) yield { problem: rowProblem };
  const named = new Set(manifest.map((r) => r.file));
  for (const file of [...present].sort()) {
    if (!named.has(file) && !PAGE_RESOURCE.test(file) && !isNote(file, named)) yield { problem: problem('C002', 'warning', path.join(folder, file), file) };
  }
  yield* ingestPages(folder, manifest, present, placeOf, null, dates);
}

/**
 * The pages (or exports) that manifest rows name, each read with its row's
 * outlet, date, author and url, and cleaned by `rules` where given (--rules
 * for a folder of one outlet's pages), else by the rules file its row names.
 */
async function* ingestPages(
  folder: string,
  manifest: ManifestRow[],
  present: ReadonlySet<string>,
  placeOf: (row: ManifestRow) => string,
  given: CleaningRules | null,
  dates: SlashDates,
): AsyncGenerator<IngestItem> {
  const rulesCache = new Map<string, CleaningRules>();
  for (const row of manifest) {
    const place = placeOf(row);
    if (!row.outlet) {
      yield { problem: problem('C007', 'error', place) };
      continue;
    }
    if (!present.has(row.file)) {
      const otherCase = [...present].find((file) => file.toLowerCase() === row.file.toLowerCase()) ?? null;
      yield { problem: problem('C003', 'error', place, row.file, otherCase) };
      continue;
    }
    let rules: CleaningRules;
    try {
      const loaded = given ? { rules: given, warning: null } : await loadRules(folder, row.rules, rulesCache);
      if (loaded.warning) yield { problem: loaded.warning };
      rules = loaded.rules;
    } catch (e) {
      // Placed at the manifest row that names the rules file.
      yield { problem: { ...(e as InputError).problems[0]!, place } };
      continue;
    }
    const file = path.join(folder, row.file);
    // An export among the pages (an outlet's archive beside others' saved pages) is read as one, with the row's outlet for its articles that name none.
    if (isExportFile(row.file)) {
      let columns: ColumnNames;
      try {
        columns = row.columns === '' ? {} : parseColumns(row.columns, 'the columns cell');
      } catch (e) {
        yield { problem: problem('C061', 'error', place, (e as Error).message) };
        continue;
      }
      yield* ingestExportFile(file, { columns, outlet: row.outlet }, row.rules ? rules : null, dates, place);
      continue;
    }
    let page: string;
    try {
      const read = await readPage(file);
      if (read.notText) {
        yield { problem: problem('C028', 'error', file, 'a captured page (text or HTML)', read.notText) };
        continue;
      }
      if (read.warning) yield { problem: read.warning };
      page = repairDoubleEncoding(read.text);
      if (page !== read.text) yield { problem: problem('C031', 'warning', file) };
    } catch (e) {
      yield { problem: problem('C001', 'error', file, (e as Error).message) };
      continue;
    }
    yield* pageArticles(page, file, row, rules, dates, MARKDOWN_FILE.test(row.file));
  }
}

/**
 * A page's text read as the markup it is in (HTML, MHTML, Markdown) or as
 * wrapped text, cleaned and split by `rules`; with what its markup says of it,
 * a Markdown front matter that cannot be read, and the width it was wrapped at.
 */
function pageDrafts(page: string, markdownFile: boolean, rules: CleaningRules) {
  const markdown = markdownFile ? readMarkdownPage(page) : null;
  const html = markdown ?? readHtmlPage(htmlOfMhtml(page) ?? page);
  const wrapped = html ? null : unwrapped(page);
  return { drafts: cleanPage(html?.text ?? wrapped?.text ?? page, rules), metadata: html?.metadata, unread: markdown?.unread ?? null, wrappedAt: wrapped?.width ?? null };
}

/**
 * A captured page's articles: its text read as the markup it is in (HTML,
 * MHTML, Markdown) or as wrapped text, cleaned and split by `rules`, each
 * article with its row's outlet, date, author and url, else what the page says
 * of itself. `address`: where the page was captured from, where known (a web
 * archive's record), its url after its markup's own.
 */
function* pageArticles(
  page: string,
  file: string,
  row: Pick<ManifestRow, 'outlet' | 'date' | 'author' | 'url'>,
  rules: CleaningRules,
  dates: SlashDates,
  markdownFile: boolean,
  address = '',
): Generator<IngestItem> {
  const read = pageDrafts(page, markdownFile, rules);
  if (read.unread) yield { problem: problem('C051', 'warning', `${file}:${read.unread.line}:${read.unread.column}`, read.unread.why) };
  if (read.wrappedAt !== null) yield { problem: problem('C047', 'warning', file, read.wrappedAt) };
  const { drafts } = read;
  // An empty file is most often a download or a save that failed, not a page its rules cleaned away.
  if (drafts.length === 0) yield { problem: problem('C004', 'warning', file, page.trim() === '' ? 'the page holds no text at all' : 'the whole page was cleaned away') };
  // What a page's markup and its manifest row say of its article, for a page of one article: a page of several says it of itself.
  const several = drafts.length > 1;
  const metadata = several ? undefined : read.metadata;
  for (const draft of drafts) {
    const origin = several ? `${file}#${draft.index}` : file;
    yield* articleItems(
      {
        // An archive's file names each article's publication: the row's outlet is for those it does not.
        outlet: draft.captured.outlet || row.outlet,
        title: draft.title,
        text: draft.text,
        date: row.date || draft.captured.date || metadata?.date || '',
        author: row.author || draft.captured.author || metadata?.author,
        source: draft.captured.source,
        url: several ? draft.captured.url : row.url || draft.captured.url || metadata?.url || address,
        page: several ? row.url || address : undefined,
      },
      origin,
      dates,
    );
  }
}

/** The warnings given once per export, each counting the articles it names. */
type CountedCode = 'C023' | 'C036' | 'C041' | 'C042' | 'C043' | 'C044' | 'C048' | 'C053' | 'C070';

/** Per warning, how many of an export's articles call for it, and where the first is. */
class CountedWarnings {
  private readonly counts = new Map<CountedCode, { articles: number; first: string }>();

  add(code: CountedCode, place: string): void {
    const count = this.counts.get(code);
    if (count) count.articles += 1;
    else this.counts.set(code, { articles: 1, first: place });
  }

  *problems(): Generator<IngestItem> {
    for (const [code, { articles, first }] of [...this.counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
      yield { problem: problem(code, 'warning', first, articles) };
    }
  }
}

async function* ingestExport(file: string, reading: ExportReading, rules: CleaningRules | null, dates: SlashDates): AsyncGenerator<IngestItem> {
  const counted = new CountedWarnings();
  let items = 0;
  for await (const item of readExport(file, reading)) {
    items += 1;
    if ('problem' in item) {
      yield item;
      continue;
    }
    const f = Object.fromEntries(Object.entries(item.row.fields).map(([key, value]) => [key, storedValue(value)]));
    let held = false;
    let repaired = false;
    let unescaped = false;
    /** A field as text: its escapes read, as written if it was encoded twice, its markup read if it holds any; `oneLine` for all but the article's text. */
    const asText = (given: string | undefined, oneLine = true) => {
      if (given === undefined) return given;
      const read = unescapedText(given);
      if (read !== given) unescaped = true;
      // "_x000D_" is how a workbook stores a carriage return; read from one by openpyxl or pandas, it stays in the text.
      const stored = read.includes('_x000D_') ? read.replaceAll('_x000D_', '') : read;
      const field = repairDoubleEncoding(stored);
      if (field !== stored) repaired = true;
      const text = textOfHtml(field);
      if (text === null) return field;
      held = true;
      return oneLine ? text.replace(/\n+/g, ' ') : text;
    };
    const place = item.row.place;
    if (f['text'] !== undefined && atCellLimit(f['text'])) counted.add('C043', place);
    // An id a spreadsheet rounded is shared by many articles, which would be skipped as duplicates: the article gets one as if it had none.
    const rounded = f['id'] !== undefined && ROUNDED_NUMBER.test(f['id'].trim());
    if (rounded) counted.add('C044', place);
    const list = f['text'] === undefined ? null : paragraphsOfList(f['text']);
    if (list !== null) counted.add('C042', place);
    const read = asText(list ?? f['text'], false) ?? '';
    // Held HTML, it is text now; written in Markdown, as scrapers write an article, its links are read by their words.
    const markdown = held ? null : textOfMarkdown(read);
    if (markdown !== null) counted.add('C070', place);
    const given = markdown ?? read;
    // The mark's test alone, on every text, would cost a tenth of reading an export: most end otherwise.
    const cutMarked = given.trimEnd().endsWith(' chars]') ? given.replace(CUT_BY_API, '') : given;
    if (cutMarked !== given) counted.add('C036', place);
    const wrapped = unwrapped(cutMarked);
    if (wrapped) counted.add('C048', place);
    const whole = wrapped?.text ?? cutMarked;
    const fields = {
      outlet: asText(f['outlet'])?.trim() || (reading.outlet ?? ''),
      title: asText(f['title']) ?? '',
      text: rules ? cleanText(whole, rules) : whole,
      date: f['date'],
      author: asText(f['author']),
      source: asText(f['source']),
      url: f['url'],
      id: rounded ? undefined : f['id'],
    };
    // A reference manager's export holds no text, but the path of each article's saved copy (Zotero's snapshot of the page).
    if (whole.trim() === '' && (f['file'] ?? '').trim() !== '') {
      const attached = await attachedArticle(f['file']!, file, rules ?? NO_RULES);
      for (const beside of attached.tried) yield { beside };
      if ('why' in attached) {
        yield { problem: problem('C076', 'error', place, f['file']!.trim(), attached.why) };
        continue;
      }
      fields.text = attached.text;
      fields.title ||= attached.title;
      fields.date ||= attached.date;
      fields.author ||= attached.author;
      fields.url ||= attached.url;
    }
    if (held && !item.row.html) counted.add('C023', place);
    if (unescaped) counted.add('C041', place);
    if (item.row.lacking) counted.add('C053', place);
    if (repaired) yield { problem: problem('C031', 'warning', place) };
    // An empty text where a column exports name the text holds one: the export's text is there (--columns text=content).
    const textElsewhere = (f['text'] ?? '').trim() === '' && reading.columns.text === undefined ? otherTextColumn(f) : null;
    yield* articleItems(fields, place, dates, textElsewhere);
  }
  // One of several exports that holds nothing is easily missed: the run goes on with the others.
  if (items === 0) yield { problem: problem('C079', 'warning', file) };
  yield* counted.problems();
}

/**
 * The article a row's saved copy holds, for a row without text: the first of
 * the files it names (separated by semicolons, as Zotero writes a record's
 * attachments; a path from the export's folder, or from the root) that reads
 * as a saved page, its article read as a captured page's is, cleaned by
 * `rules` (the first, where they split it); or why none does. `tried`: the
 * files looked for, by their full paths.
 */
async function attachedArticle(
  files: string,
  exportFile: string,
  rules: CleaningRules,
): Promise<(({ title: string; text: string } & PageMetadata) | { why: string }) & { tried: string[] }> {
  const why: string[] = [];
  const tried: string[] = [];
  for (const named of files.split(';').map((name) => name.trim()).filter((name) => name !== '')) {
    const file = path.resolve(path.dirname(exportFile), named);
    tried.push(file);
    try {
      const read = await readPage(file);
      if (read.notText) {
        why.push(`${named} is ${read.notText.split(/[:;]/)[0]}`);
        continue;
      }
      const { drafts, metadata } = pageDrafts(repairDoubleEncoding(read.text), MARKDOWN_FILE.test(file), rules);
      const draft = drafts[0];
      if (draft === undefined || draft.text.trim() === '') {
        why.push(`${named} holds no text once read`);
        continue;
      }
      return { title: draft.title, text: draft.text, date: '', author: '', url: '', ...metadata, tried };
    } catch (e) {
      why.push((e as NodeJS.ErrnoException).code === 'ENOENT' ? `${named} is not there` : `${named} cannot be read (${(e as Error).message})`);
    }
  }
  return { why: why.join('; '), tried };
}

/** 30 bits of a digest of a text, which two texts share once in a billion: a number V8 keeps unboxed. */
const digest30 = (text: string) => createHash('sha1').update(text).digest().readUInt32BE(0) >>> 2;

/**
 * An article's url and date as small numbers (0 for none), kept for each
 * article whose id an export gave: the url's digest30, and the date's digits
 * (20230110, 20230100 for a month).
 */
function knownAs({ url, date }: Pick<Article, 'url' | 'date'>): { url: number; date: number } {
  return {
    url: url === '' ? 0 : digest30(url) + 1,
    date: date === '' ? 0 : Number(date.replace(/-/g, '').padEnd(8, '0')),
  };
}

/**
 * 52 bits of a digest of an article's outlet, title and text, as a number: a
 * corpus keeps one per article, and no two of a million articles share one
 * but once in ten thousand corpora.
 */
function articleDigest(article: Pick<Article, 'outlet_slug' | 'title' | 'text'>): number {
  const digest = createHash('sha1').update(article.outlet_slug).update('\0').update(article.title).update('\0').update(article.text).digest();
  return (digest.readUInt32BE(0) & 0xfffff) * 2 ** 32 + digest.readUInt32BE(4);
}

/** A title's digest30, case aside. */
const titleKey = (title: string) => digest30(title.toLowerCase());

export interface IngestOptions {
  /** Articles longer than this (UTF-8 bytes of title and text) are skipped with a message. */
  maxArticleBytes?: number;
  /** An export's own names for the fields it names otherwise (--columns). */
  columns?: ColumnNames;
  /** A rules file that cleans every article of an export (--rules), or null. */
  rules?: string | null;
  /** Dates written with slashes that read either way ("11/01/2023") are day first (--day-first). */
  dayFirst?: boolean;
  /** The outlet of every article of an export that names none (--outlet), or null. */
  outlet?: string | null;
  /** A CSV file naming the outlet each name of the corpus is counted as (--outlet-names), or null. */
  outletNames?: string | null;
  /** An article that nearly repeats an earlier one of its outlet is skipped (--skip-near-duplicates). */
  skipNearDuplicates?: boolean;
  /** Only articles dated within these days (YYYY, YYYY-MM or YYYY-MM-DD, both included) are read (--from, --to). */
  from?: string | null;
  to?: string | null;
  /** Only the articles whose title or text holds one of these terms are read (--about), or null for all. */
  about?: string[] | null;
  /** Where the lines and phrases repeated in each outlet's articles are counted, for the stage to write them out; one of its own by default. */
  repeatedText?: RepeatedText;
}

/** Past this many outlets, an outlet for every other article or more is a column misread. */
const MANY_OUTLETS = 50;

/**
 * Whether an article's date may fall within --from and --to: a date known to
 * the month or year only ("2018-04") is in if any of its days is.
 */
function withinDays(date: string, from: string | null, to: string | null): boolean {
  const [first, last] = daySpan(date);
  return (from === null || last >= daySpan(from)[0]) && (to === null || first <= daySpan(to)[1]);
}

/**
 * Every article of a corpus, in corpus order, with problems interleaved where
 * they occur; past ten of one code, the rest of it are counted and given at the
 * end as one. Duplicate ids and texts and outlets whose names collide as file
 * names are caught across the whole corpus. Throws only when nothing can be read.
 */
export async function* ingest(corpus: string, options: IngestOptions = {}): AsyncGenerator<IngestItem> {
  const listing = new ProblemListing(corpus);
  for await (const item of checkedItems(corpus, options)) {
    if (!('problem' in item)) yield item;
    else {
      const given = listing.add(item.problem);
      if (given) yield { problem: given };
    }
  }
  for (const rest of listing.unlisted()) yield { problem: rest };
}

/** The corpus's items, with the checks that span the whole corpus. */
async function* checkedItems(corpus: string, options: IngestOptions): AsyncGenerator<IngestItem> {
  const info = await stat(corpus).catch(() => {
    throw new InputError([problem('C001', 'error', corpus, `no such file or folder as ${path.resolve(corpus)}`)]);
  });
  const columns = options.columns ?? {};
  const pages = info.isDirectory() && (await stat(path.join(corpus, MANIFEST)).catch(() => null)) !== null;
  if (pages) refuseExportOptions(corpus, { columns, outlet: options.outlet ?? null, rules: Boolean(options.rules) });
  // --rules: a file that cannot be read or is wrong stops the run, rather than let it go on uncleaned.
  const exportRules = options.rules ? await readRules(options.rules) : null;
  if (exportRules?.warning) yield { problem: exportRules.warning };
  const rules = exportRules?.rules ?? null;
  const renaming = options.outletNames ? await readOutletNames(options.outletNames) : null;
  if (renaming?.warning) yield { problem: renaming.warning };
  const dates = new SlashDates(options.dayFirst ?? false);
  const reading = { columns, outlet: options.outlet ?? null };
  const source = pages
    ? ingestFolder(corpus, dates)
    : info.isDirectory()
      ? ingestExportFolder(corpus, reading, rules, dates)
      : ingestFile(corpus, reading, rules, dates);
  const seenIds = new Map<string, string>();
  /** The outlet (its slug), url and date of each article whose id the export gave, as small numbers (`knownAs`). */
  const givenIds = new Map<string, { outlet_slug: string; url: number; date: number }>();
  /** Articles whose given id another article had (of another outlet, or at another url on another day), and where the first is. */
  const numberedIds = { count: 0, first: '', example: '' };
  /** The title of each article whose id was made from its url, hashed (`titleKey`): another title there is another article. */
  const urlIdTitles = new Map<string, number>();
  /** Per url, how many articles of titles and texts of their own it was given for (C072): a listing's address, not theirs. */
  const sharedUrls = new Map<string, number>();
  /** Where each outlet's article was first seen, by articleDigest. */
  const seenTexts = new Map<number, string>();
  /** The articles read so far, by their text's five-word sequences: all of them, and with --skip-near-duplicates each outlet's apart. */
  const corpusWide = new NearDuplicates();
  const ownOutlets = options.skipNearDuplicates ? new NearDuplicates() : null;
  /** Each outlet's name as first seen, and where, by its slug. */
  const outletBySlug = new Map<string, { name: string; origin: string }>();
  /** Other spellings of an outlet's name already warned of. */
  const respelt = new Set<string>();
  /** Articles read, by outlet. */
  const articlesOf = new Map<string, number>();
  /** Short lines and phrases each outlet's articles share: its furniture, if the rules left any. */
  const repeatedText = options.repeatedText ?? new RepeatedText();
  const days = { from: options.from ?? null, to: options.to ?? null, outside: 0, undated: 0 };
  const windowed = days.from !== null || days.to !== null;
  const about = options.about ? aboutMatcher(options.about) : null;
  let unrelated = 0;
  for await (const read of source) {
    let item = read;
    if ('beside' in item) {
      yield item;
      continue;
    }
    if ('article' in item) {
      let { article } = item;
      if (windowed && (article.date === '' || !withinDays(article.date, days.from, days.to))) {
        days[article.date === '' ? 'undated' : 'outside'] += 1;
        continue;
      }
      const bytes = Buffer.byteLength(article.title) + Buffer.byteLength(article.text);
      if (options.maxArticleBytes !== undefined && bytes > options.maxArticleBytes) {
        yield { problem: problem('C014', 'error', article.origin, bytes, options.maxArticleBytes) };
        continue;
      }
      if (about && !about(article)) {
        unrelated += 1;
        continue;
      }
      const renamed = renaming?.names.get(article.outlet_slug);
      if (renamed !== undefined && renamed !== article.outlet) {
        const outlet_slug = outletSlug(renamed);
        article = { ...article, outlet: renamed, outlet_slug, article_id: item.madeFrom === undefined ? article.article_id : hashedId(outlet_slug, item.madeFrom.key) };
      }
      const other = outletBySlug.get(article.outlet_slug);
      if (other !== undefined && other.name !== article.outlet) {
        // "BBC news" or "BBC-News" beside "BBC News": one outlet, written two ways by whoever filled in the export.
        if (!respelt.has(article.outlet)) {
          respelt.add(article.outlet);
          yield { problem: problem('C029', 'warning', article.origin, article.outlet, other.name, other.origin) };
        }
        article = { ...article, outlet: other.name };
      }
      const text = articleDigest(article);
      const sameText = seenTexts.get(text);
      if (sameText !== undefined) {
        yield { problem: problem('C024', 'error', article.origin, sameText) };
        continue;
      }
      // After the text: an article twice under one id (two downloads that overlap) is the same article, not two that need ids.
      let first = seenIds.get(article.article_id);
      // Exports that number each outlet's, or each file's, articles from 1: another outlet's article is another article, and so is
      // one of the outlet's at another address on another day (an article updated between two downloads keeps them).
      const known = item.madeFrom === undefined ? knownAs(article) : null;
      let earlier = known ? givenIds.get(article.article_id) : undefined;
      const given = article.article_id;
      if (earlier !== undefined && earlier.outlet_slug !== article.outlet_slug) {
        article = { ...article, article_id: `${article.outlet_slug}-${article.article_id}` };
        earlier = givenIds.get(article.article_id);
      }
      if (earlier !== undefined && known && [earlier.url, known.url, earlier.date, known.date].every((n) => n !== 0) && earlier.url !== known.url && earlier.date !== known.date) {
        article = { ...article, article_id: hashedId(article.outlet_slug, article.url) };
      }
      if (article.article_id !== given) {
        first = seenIds.get(article.article_id);
        numberedIds.count += 1;
        if (numberedIds.count === 1) Object.assign(numberedIds, { first: article.origin, example: article.article_id });
      }
      if (first !== undefined && item.madeFrom?.url === false) {
        // Two articles with neither id nor url, of one title and day (untitled, or a daily "Live updates"), are two: this one's id takes in its text.
        article = { ...article, article_id: hashedId(article.outlet_slug, `${article.title}\n${article.date}\n${article.text}`) };
        first = seenIds.get(article.article_id);
      }
      const sampled = textSamples(article.text);
      const firstTitle = urlIdTitles.get(article.article_id);
      // One url, another title and a text of its own: a scraper saved the address of the page that listed them (C072), not the
      // same article updated between two downloads, which keeps its title or most of its text.
      if (first !== undefined && item.madeFrom?.url && firstTitle !== undefined && firstTitle !== titleKey(article.title) && !(sampled && corpusWide.repeats(sampled, article.article_id))) {
        sharedUrls.set(article.url, (sharedUrls.get(article.url) ?? 1) + 1);
        article = { ...article, article_id: hashedId(article.outlet_slug, `${item.madeFrom.key}\n${article.title}\n${article.date}`) };
        first = seenIds.get(article.article_id);
      }
      if (first !== undefined) {
        yield { problem: problem('C005', 'error', article.origin, article.article_id, first) };
        continue;
      }
      const ownRepeated = sampled && ownOutlets?.nearest(sampled, article.outlet_slug);
      if (ownRepeated) {
        yield { problem: problem('C063', 'error', article.origin, seenIds.get(ownRepeated.id)!, ownRepeated.id, ownRepeated.share) };
        continue;
      }
      const repeated = sampled && corpusWide.nearest(sampled);
      if (repeated) {
        const shared_text = Math.round(repeated.share * 100) / 100;
        yield { problem: problem('C062', 'warning', article.origin, seenIds.get(repeated.id)!, repeated.id, shared_text) };
        article = { ...article, near_duplicate_of: repeated.id, shared_text };
      }
      if (sampled) {
        corpusWide.remember(sampled, article.article_id);
        ownOutlets?.remember(sampled, article.article_id, article.outlet_slug);
      }
      seenIds.set(article.article_id, article.origin);
      if (known) givenIds.set(article.article_id, { outlet_slug: article.outlet_slug, ...known });
      if (item.madeFrom?.url) urlIdTitles.set(article.article_id, titleKey(article.title));
      seenTexts.set(text, article.origin);
      if (!other) outletBySlug.set(article.outlet_slug, { name: article.outlet, origin: article.origin });
      articlesOf.set(article.outlet, (articlesOf.get(article.outlet) ?? 0) + 1);
      // A repeat's lines and phrases would be taken for the outlet's furniture.
      if (article.near_duplicate_of === '') repeatedText.add(article.outlet_slug, article.outlet, article.text, article.origin);
      item = { article };
    }
    yield item;
  }
  for (const { outlet, examined, lines } of repeatedText.lines()) yield { problem: problem('C066', 'warning', lines[0]!.origin, outlet, lines, examined) };
  for (const { outlet, examined, phrases } of repeatedText.phrases()) yield { problem: problem('C069', 'warning', phrases[0]!.origin, outlet, phrases, examined) };
  if (numberedIds.count > 0) yield { problem: problem('C071', 'warning', numberedIds.first, numberedIds.count, numberedIds.example) };
  for (const [url, articles] of sharedUrls) yield { problem: problem('C072', 'warning', corpus, articles, url) };
  if (unrelated > 0) yield { problem: problem('C068', 'warning', corpus, unrelated, options.about!) };
  if (days.outside + days.undated > 0) yield { problem: problem('C034', 'warning', corpus, days.outside, days.undated, days.from, days.to) };
  for (const names of lookAlikeOutlets(articlesOf)) yield { problem: problem('C040', 'warning', corpus, names) };
  // An outlet per article or nearly: the column read for the outlet most likely holds something else (authors, titles, addresses).
  const articles = [...articlesOf.values()].reduce((sum, n) => sum + n, 0);
  if (articlesOf.size >= MANY_OUTLETS && articlesOf.size * 2 > articles) {
    const examples = [...articlesOf.keys()].slice(0, 3).map((name) => `"${name}"`);
    yield { problem: problem('C049', 'warning', corpus, articlesOf.size, articles, examples.join(', ')) };
  }
}

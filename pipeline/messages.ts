// One registry of every message the pipeline gives about its input and its disk, so that
// each is spelled once and tests can assert on the code, not the wording.
// A message says what is wrong, where, and how to fix it.
import type { ExportLack } from './01-ingest/read-export.ts';
import { examinedArticles, furnitureRule, removeRule, SHOWN, type RepeatedLine, type RepeatedPhrase } from './01-ingest/repeated-text.ts';
import type { Separator } from './text.ts';

/** The option naming the folder a file is in, if any: what a message about the disk tells to change. */
export type FolderOption = '--work' | '--out' | null;

/** A file saved in Windows-1252 (Excel's "CSV", Notepad's "ANSI"), read as such. */
const readAsWindows1252 = () =>
  `not UTF-8: read as Windows-1252, as Excel and Notepad save on Windows (its first letter or quote beyond ASCII is on this line); if accented letters look wrong in the reports, save the file as UTF-8`;
/**
 * What to give --columns for the `missing` fields: the pairs the export's own
 * names suggest (columnsHint), saying which fields none of them suggests (a
 * MediaCloud list has no text at all); or an example.
 */
function columnsExample(missing: string, hint: string[], example = 'text=content,date=published_at'): string {
  // Saved copies of the articles (file=) give their text.
  const unmatched = missing.split(',').filter((field) => !hint.some((pair) => pair.startsWith(`${field}=`) || (field === 'text' && pair.startsWith('file='))));
  // An export of one newspaper names no outlet at all.
  const oneOutlet = unmatched.includes('outlet') ? '; for an export of one outlet, give it with --outlet NAME' : '';
  if (hint.length === 0) return `e.g. --columns ${example}${oneOutlet}`;
  return `this export's names suggest --columns ${hint.join(',')}${unmatched.length > 0 ? `; none suggests ${unmatched.join(' or ')}` : ''}${oneOutlet}`;
}
/** What an export without the field loses. */
const LACKING: Record<ExportLack, string> = {
  title: 'its articles are read without titles (a headline, where framing is strongest, is scored where there is one)',
  date: 'its articles are undated (--from and --to leave them out)',
  url: "each article's id is made from its title and date",
};
/** A UTF-8 file with some bytes that are not. */
const notUtf8 = (lost: number) =>
  `${lost} character(s) are not UTF-8 (the first on this line) and read as "�", so a word holding one matches nothing; re-export or save the file as UTF-8`;

export const MESSAGES = {
  // Lexicons (fatal: a run never scores with a broken lexicon; but for L018 and L019, warnings).
  L001: (what: string) => `unclosed quotation mark (${what}); close the quoted field or remove the stray "`,
  L002: (columns: string) => `header must name the columns frame,pole,term (optional weight,note,source); found: ${columns}`,
  L003: (column: string) => `unknown column "${column}" in the header; allowed are frame,pole,term,weight,note,source`,
  L004: (got: number, want: number, separator: Separator) =>
    `${got} fields where the header has ${want}; quote a term that contains ${separator === ',' ? 'a comma' : separator === ';' ? 'a semicolon' : 'a tab'}`,
  L005: (column: string) => `empty ${column}; fill it in or delete the row`,
  L006: (term: string, pole: string, line: number) =>
    `"${term}" is already under pole "${pole}" of this frame (line ${line}); a term can sit under one pole of a frame only`,
  L007: (term: string, line: number) => `"${term}" repeats the entry on line ${line}; delete one of them`,
  L008: (term: string) => `bad wildcard in "${term}": * may only end a word, after at least one letter ("dictator*")`,
  L009: (value: string) =>
    /^\s*[-+]?\d+,\d+\s*$/.test(value)
      ? `weight "${value}" has a decimal comma; write ${value.trim().replace(',', '.')}`
      : `weight "${value}" is not a number; write e.g. -2, 1 or 0.5`,
  L011: () => `no lexicon files (*.csv) found; add one or point --lexicons at a folder or file that has them`,
  L012: () => `the file has no header row; the first line that is not a # comment must be frame,pole,term`,
  L013: (why: string) => `cannot read the lexicon: ${why}`,
  L014: (term: string) => `"${term}" has no word to match; a term needs at least one letter or digit`,
  L015: (alias: string, actor: string, line: number) =>
    `alias "${alias}" already names actor "${actor}" (line ${line}); an alias can name one actor only`,
  L016: (column: string) => `unknown column "${column}" in an actors lexicon; allowed are actor,alias,note,source`,
  L017: () => `no framing lexicon (a file with frame,pole,term) here: an actors lexicon alone counts nothing; add one`,
  L018: readAsWindows1252,
  L019: notUtf8,
  L020: (column: number) => `a value under column ${column}, which has no name in the header; name the column or delete the value`,
  L021: (column: string, first: number, again: number) =>
    `two columns named "${column}" (columns ${first} and ${again}); rename or delete one of them`,
  L022: () => `a spreadsheet workbook, which is not read: a lexicon is a CSV file; save the sheet as "CSV UTF-8" in this folder`,
  L023: (what: string) => `not a CSV lexicon but ${what}`,
  L024: (count: number, where: string) =>
    `a folder holding ${count} CSV file(s), which are not read: only the .csv files directly in ${where} are lexicons; to use them, move them there, or give --lexicons this folder (a folder of old versions is rightly left out)`,
  L025: (kind: string, name: string, first: string, line: number) =>
    `${kind} "${name}" is read as "${first}" (line ${line}): the same name but for case or accents, so its entries count under that name; write it one way`,
  L026: (csv: string) =>
    `a spreadsheet workbook saved after ${csv}, which is what is read: edits saved in the workbook since are not counted; save its sheet as "CSV UTF-8" over ${csv}, or delete the workbook`,
  L027: (what: string, corpus: string) =>
    `not a lexicon but ${what}: give --corpus ${corpus}, and --lexicons the lexicons (columns frame,pole,term)`,
  L028: (term: string, mark: string) =>
    `"${term}" holds "${mark}", which a term does not read as a list or a pattern: it matches only text with that "${mark}" in it, most likely none. A term is the words to match, each with its inflections ("dictator" matches "dictators") and a trailing * for any continuation ("dictator*"); write each alternative on a row of its own`,
  // Corpus (the run goes on without the bad item and says what it skipped).
  C001: (why: string) => `cannot read the corpus: ${why}`,
  C002: (file: string) => `"${file}" is in the corpus folder but not in manifest.csv; add a row for it naming its outlet`,
  C003: (file: string, otherCase: string | null) =>
    otherCase === null
      ? `manifest.csv names "${file}", which is not in the corpus folder; copy it there or remove the row`
      : `manifest.csv names "${file}", which is not in the corpus folder, but "${otherCase}" is: file names differ by case here; write it as "${otherCase}"`,
  C004: (what: string, textElsewhere: string | null = null) =>
    textElsewhere === null
      ? `empty article (${what}); nothing left to score after cleaning`
      : `empty article (${what}): its text is empty, but its ${textElsewhere} holds some; if that is the article, read it with --columns text=${textElsewhere}`,
  C005: (id: string, first: string) =>
    `duplicate article id "${id}" with another title or text (first seen at ${first}); give each article its own id (an id made from the url: the same url twice, an article updated between two downloads say; the first is kept)`,
  C006: (columns: string, hint: string[], holds: string) =>
    `missing column(s) ${columns} (${holds}); an export needs outlet and text (or a saved copy of the article, file), and title, date and url where it has them (optional id,author,source); if it names them otherwise, say which is which with --columns (${columnsExample(columns, hint)})`,
  C007: () => `no outlet; fill in the outlet column`,
  C008: (why: string) => `malformed row: ${why}; fix the quoting of this row`,
  C009: (rules: string, why: string) => `bad cleaning rules in ${rules}: ${why}`,
  C010: (value: string) =>
    /^(?:last\s+)?(?:updated|modified|actualizado|atualizado|mis à jour)/i.test(value.trim())
      ? `date "${value}" is the day of an update, not of publication, and is kept empty; give the date the article was published`
      : `date "${value}" is not a date this tool can read; it is kept empty (write YYYY-MM-DD)`,
  C011: (why: string) => `not valid JSON: ${why}`,
  C012: (column: string) => `manifest.csv needs the column "${column}" (file,outlet,rules; optional date,author,url,columns)`,
  C014: (bytes: number, limit: number) =>
    `article of ${(bytes / 1e6).toFixed(1)} MB is longer than the limit of ${limit / 1000} KB, most likely a broken row; if it is one article, raise --max-article-kb`,
  C015: (told: boolean) =>
    `no article could be read from the corpus, so there is nothing to report; ${told ? 'see the messages above' : 'it holds none (an export with a header and no rows, an empty list, a manifest with no rows)'}`,
  C016: (column: string, rows: number) =>
    `a quotation mark left open in the ${column} field swallowed the ${rows} row(s) after it; this row is skipped and they are read back from it (listed below): close the quote, or double a quotation mark inside a quoted field ("")`,
  C017: (k: number, of: number, start: string) =>
    `swallowed row ${k} of ${of} could not be read back ("${start}"); skipped, it is read again once the quote above is closed`,
  C018: (k: number, of: number, outlet: string, title: string) =>
    `swallowed row ${k} of ${of} read back: outlet "${outlet}", title "${title}"`,
  C019: (keys: string, hint: string[], holds: string) =>
    `missing key(s) ${keys} (${holds}); each article of a JSON or JSONL export needs the keys outlet and text (or a saved copy of the article, file), and title, date and url where it has them (optional id,author,source); if it names them otherwise, say which is which with --columns (${columnsExample(keys, hint, 'outlet=source.name')})`,
  C021: readAsWindows1252,
  C022: notUtf8,
  C023: (articles: number) =>
    `${articles} article(s) of this export, the first here, held HTML (tags, or references such as &amp; and &#8217;): read as text, block elements as paragraphs, scripts and styles left out`,
  C024: (first: string) =>
    `the same title and text from the same outlet as ${first} (a repost, or the article twice in the export): skipped, so that it counts once`,
  C025: (columns: string) => `column(s) named twice: ${columns}; rename or delete one of each`,
  C026: (runs: string) =>
    `${runs}: data such as an embedded image or file, not prose; left out of the text, the rest of the article is read`,
  C027: (id: string, why: string) =>
    `article ${id} could not be scored (${why}): left out, and the rest scored; please report it with the article`,
  C028: (expected: string, what: string) => `not ${expected} but ${what}`,
  C029: (outlet: string, first: string, where: string) =>
    `outlet "${outlet}" is read as "${first}" (first written so at ${where}): the same name but for case, accents, spacing or punctuation, so its articles are counted under that name`,
  C030: () => `not read: a corpus folder without manifest.csv is read as a folder of exports (.csv, .tsv, .tab, .json, .jsonl, .ndjson, .xml, .rss, .rdf, .atom, a workbook's .xlsx, a spreadsheet's tab-separated .txt, or a .zip of them), and this is none; if it is an export, give it one of those endings`,
  C031: () =>
    `text encoded twice, read as it was written ("NicolÃ¡s" as "Nicolás", "Peruâ€™s" as "Peru’s"): UTF-8 read as Windows-1252 and saved again, by the scraper or database it came through`,
  C032: (date: string, dayFirst: boolean) =>
    dayFirst
      ? `date "${date}" can only be month first, and is read so; dates that read either way ("11/01/2023") are read day first, as --day-first asks: if this corpus writes them month first, run again without it`
      : `date "${date}" can only be day first, and is read so; dates that read either way ("11/01/2023") are read month first, as US exports write them: if this corpus writes them day first, run again with --day-first`,
  C033: () =>
    `not strict JSON (NaN or Infinity, as Python's json module writes a missing number; a comma before a closing bracket; a comment): read as JSON5 reads it, NaN as no value`,
  C034: (outside: number, undated: number, from: string | null, to: string | null) => {
    const days = [from && `--from ${from}`, to && `--to ${to}`].filter(Boolean).join(' and ');
    const left = [outside > 0 && `${outside} article(s) dated outside ${days}`, undated > 0 && `${undated}${outside > 0 ? '' : ' article(s)'} with no date`].filter(Boolean).join(', and ');
    return `${left}, left out${outside > 0 ? '' : ` by ${days}`}`;
  },
  C035: () => `the text starts with the title again (as many CMS exports give it): read once, so that the headline's words are not counted twice`,
  C036: (articles: number) =>
    `${articles} article(s) of this export, the first here, end in "[+N chars]": the source (NewsAPI) cut their text short, so their counts cover only its start; the mark is left out, but for whole texts use an archive that gives them`,
  C037: (summaries: number, items: number) =>
    `${summaries} of this feed's ${items} item(s) give only a summary (its description), not the article's text: their counts cover the summary alone`,
  C038: (why: string) => `the feed cannot be read (${why}); save it again from its address, or write its items out as CSV or JSON`,
  C039: () => `the header again, as a row (exports joined one after another repeat it): skipped`,
  C040: (names: string[]) =>
    `outlets ${names.join(', ')} look like one outlet written ${names.length} ways (a leading "The", a web address, spaces or punctuation aside), and are counted apart; if they are one, write its name one way where outlets are named (the export's outlet column, or manifest.csv), or map them to one with --outlet-names FILE`,
  C041: (articles: number) =>
    `${articles} article(s) of this export hold their line breaks and other characters escaped, as JSON or program source writes them ("fell.\\nThe", "Peru\\u2019s"), as some databases and scrapers save text: read as written (this is the first)`,
  C042: (articles: number) =>
    `${articles} article(s) of this export hold their text as a program's list of its paragraphs ("['First.', 'Second.']", as pandas saves a column of lists): read as those paragraphs (this is the first)`,
  C043: (articles: number) =>
    `${articles} article(s) of this export are exactly 32,767 characters long, the most a spreadsheet cell holds: the export was likely opened and saved in Excel, which cuts longer texts there without a word; their counts miss the rest (this is the first). Export again, and do not save the export from a spreadsheet`,
  C044: (articles: number) =>
    `${articles} article(s) of this export have an id written as a spreadsheet rounds a long number ("1.23457E+18"), which many articles then share (this is the first): each is given an id from its url, as if the export had none`,
  C045: (pattern: string) =>
    `manifest.csv's pattern "${pattern}" matches no page in the corpus folder; write it as the pages' paths from the folder (elcomercio/*.html), or remove the row`,
  C046: (pattern: string, pages: number) =>
    `a url for the pattern "${pattern}" would be each of its ${pages} page(s)' address, so they would share one id: read without it (a page saved as HTML gives its own)`,
  C047: (width: number) =>
    `the page's lines are wrapped at ${width} characters (as pandoc, html2text and lynx write text): each paragraph's lines are read as one, so that sentences and terms run across them`,
  C048: (articles: number) =>
    `${articles} article(s) of this export have their lines wrapped at a width (as mail, wire copy and text converters write them): each paragraph's lines are read as one, so that sentences and terms run across them (this is the first)`,
  C049: (outlets: number, articles: number, examples: string) =>
    `${outlets} outlets for ${articles} articles (${examples}, …): most outlets have one article, so the column read as the outlet most likely holds something else (authors, titles, web addresses); if so, name the right one with --columns outlet=… (or give --outlet for an export of one outlet)`,
  C050: (why: string) => `a compressed export or archive that cannot be decompressed (${why}): it is damaged or cut short; download or compress it again`,
  C051: (why: string) =>
    `the page's front matter (the lines between its first two "---") cannot be read as YAML (${why}): its title, date, author and source are not read, and the page's text is; mend the line it names`,
  C052: (fields: ExportLack[]) =>
    `no ${fields.join(', ')} column: ${fields.map((field) => LACKING[field]).join('; ')}; if the export holds ${fields.length > 1 ? 'one' : 'it'} under another name, say which with --columns (${fields[0]}=NAME)`,
  C053: (articles: number) =>
    `${articles} article(s) of this export have no key for their title, date or url (JSON leaves out a key whose value is unknown), read as empty (this is the first); if the export names one otherwise, say which with --columns`,
  C054: (what: string) =>
    `a quotation mark left open (${what}), so that the rows after it are read as part of this one; close the quoted field or remove the stray "`,
  C055: (columns: string) => `a file of outlet names needs the columns name,outlet (the name as the corpus writes it, and the outlet to count it as); found: ${columns}`,
  C056: (column: string) => `empty ${column}; fill it in or delete the row`,
  C057: (name: string, outlet: string, line: number) =>
    `"${name}" is already counted as "${outlet}" (line ${line}); a name goes to one outlet only: delete one of the rows`,
  C058: () =>
    `not read: a zip archive is read for the exports it holds (.csv, .tsv, .tab, .json, .jsonl, .ndjson, .xml, .rss, .rdf, .atom, gzipped or not, and workbooks, .xlsx), and this is none; captured pages are read from a corpus folder, zipped with its manifest.csv or not, or from a zip of one outlet's pages given with --outlet`,
  C059: (manifests: string) => `an archive of several corpus folders (it holds ${manifests}): unzip it, and give --corpus each folder in turn`,
  C060: (why: string) => `a workbook that cannot be read (${why}): open it in the spreadsheet and save it again as .xlsx, or save each sheet as "CSV UTF-8"`,
  C061: (why: string) => `${why}; write the export's own names for its fields there as --columns takes them, quoted ("text=content,date=published_at"), or leave it empty`,
  C062: (first: string, id: string, share: number) =>
    `nearly the same text as ${first} (article ${id}: about ${Math.round(share * 100)}% of the shorter one's five-word sequences are in both): an updated version, a repost or wire copy, counted as an article of its own; articles.csv names the earlier one under near_duplicate_of; --skip-near-duplicates leaves out those of one outlet`,
  C063: (first: string, id: string, share: number) =>
    `nearly the same text as ${first} of the same outlet (article ${id}: about ${Math.round(share * 100)}% of the shorter one's five-word sequences are in both): an updated version or a repost, skipped (--skip-near-duplicates), so that it counts once`,
  C064: () => `not read: a folder of one outlet's pages, given with --outlet and no manifest.csv, is read for its saved pages (.txt, .html, .htm, .mhtml, .mht, .md, .markdown, .docx, .doc, .odt, .rtf, .pdf), and this is none`,
  C065: (manifest: string) =>
    `a zipped corpus folder (it holds ${manifest}), whose own manifest names its pages' outlets and rules: not read as this row's export; give it to --corpus in a run of its own, or unzip its pages beside this manifest and name them in rows of their own`,
  C066: (outlet: string, lines: RepeatedLine[], examined: number) => {
    const shown = lines.slice(0, SHOWN);
    const more = lines.length > SHOWN ? ` (and ${lines.length - SHOWN} more, in suggested-furniture.yaml)` : '';
    return `${lines.length} line(s) stand alone in many of the ${examinedArticles(examined)} articles of ${outlet}: ${shown.map(({ line, articles }) => `"${line}" in ${articles}`).join(', ')}${more}; most likely the site's furniture (ads, credits, sign-up links), read as text, adding words and phrases suggested for the lexicons; if so, add them to the outlet's cleaning rules (its manifest row's rules file, or --rules): furniture: [${shown.map(({ line }) => furnitureRule(line)).join(', ')}]`;
  },
  C067: (mb: number) =>
    `a JSON object past ${mb} MB, read as a data set's wrapper for the articles in its lists, holds no list of objects, nor do the objects in it two deep: write its articles out as JSON Lines (jq -c '.path.to.list[]' file.json > file.jsonl) and give that`,
  C068: (articles: number, terms: string[]) =>
    `${articles} article(s) hold none of the terms of --about (${terms.map((term) => `"${term}"`).join(', ')}) in their title or text: left out, as about other events`,
  C069: (outlet: string, phrases: RepeatedPhrase[], examined: number) => {
    const shown = phrases.slice(0, SHOWN);
    const more = phrases.length > SHOWN ? ` (and ${phrases.length - SHOWN} more, in suggested-furniture.yaml)` : '';
    return `${phrases.length} phrase(s) stand inside the text of many of the ${examinedArticles(examined)} articles of ${outlet}: ${shown.map(({ phrase, articles }) => `"${phrase}" in ${articles}`).join(', ')}${more}; most likely the site's furniture run into the paragraphs (captions, sign-up forms, credits, links to other stories), read as text, adding words and phrases suggested for the lexicons; unless it is the outlet's own (a background paragraph it repeats), take it out with the outlet's cleaning rules (its manifest row's rules file, or --rules): remove: [${shown.map(({ phrase }) => removeRule(phrase)).join(', ')}]`;
  },
  C070: (articles: number) =>
    `${articles} article(s) of this export, the first here, have their text written in Markdown (links to addresses, headings, emphasis), as scrapers and readers write an article: read as text, links by their words and pictures left out, so that no address stands between a term's words`,
  C071: (articles: number, example: string) =>
    `${articles} article(s) have an id that an earlier article of another outlet, or at another url on another day, has, as exports that number each outlet's or each file's articles from 1 give them (this is the first): each is another article, given its outlet's slug before the id where the outlet is another (sur-1), else an id made from its url, as if the export gave none ("${example}"); the earlier article keeps its id as given`,
  C072: (articles: number, url: string) =>
    `${articles} articles of titles and texts of their own share the url ${url}: most likely the address of the page they were listed on, not theirs; each is kept, its id made from the url, title and date (an article updated between two downloads, keeping its title or most of its text, is still skipped, C005); where the export holds each article's own address in another column, name it (--columns url=…)`,
  C073: (lines: number) =>
    `the header is on line ${lines + 1}, below ${lines} line(s) of a title or notes, as a spreadsheet's sheet may keep above it: those line(s) are passed over`,
  C074: (why: string) =>
    `a web archive (WARC) that cannot be read from this record on (${why}): it is cut short or damaged, or is no web archive; the pages of the records before it are read. Copy or download it again (or name it for what it is)`,
  C075: (records: number) =>
    `a web archive (WARC) of ${records} record(s) and no HTML page in it (a response of a status 2xx served as HTML): nothing in it was read`,
  C076: (files: string, why: string) =>
    `an empty text, and no saved copy of the article among the files the row names for it (${files}): ${why}; where the files have moved, give the paths from the export's folder, or export again with them`,
  C077: (url: string, why: string) => `the page of ${url} in this web archive cannot be read: ${why}; left out, and the archive's other pages read`,
  C078: (bytes: number) =>
    `the record runs on ${bytes} byte(s) past the length its header gives, as a tool that wrote the archive wrongly leaves it: read to that length (its page, if any, without its end), and the archive read on from the next record`,
  C079: () =>
    'an export that holds no article (a header and no rows, an empty list, a feed without items): nothing was read from it; where it should hold some, export it again (a search that found nothing, or a download that stopped, leaves such a file)',
  C080: (field: string) =>
    `a tab-separated file that quotes no field: a field opens with a quotation mark that closes before the field ends (${field}), as PostgreSQL's COPY, MySQL, R's write.table(quote = FALSE) and pandas with QUOTE_NONE write them; its quotation marks are read as text, not as quoting. Where fields do hold quoted tabs or line breaks, quote the file as a spreadsheet does`,
  // A report (written all the same).
  R001: (rows: number, sheetRows: number) =>
    `${rows.toLocaleString('en-US')} rows: Excel and LibreOffice show only the first ${(sheetRows - 1).toLocaleString('en-US')} (with the header, a sheet's ${sheetRows.toLocaleString('en-US')}) and leave out the rest; read it with a tool for large CSV files (R, pandas, DuckDB), or filter it before opening`,
  // The work folder (fatal: the run would spoil another's).
  W001: (holder: string, lock: string) =>
    `another run (${holder}) is using this work folder; wait for it to end, or give this run a work folder of its own with --work (if no run is going on, delete ${lock})`,
  // The disk (fatal: a file the run must write cannot be written; the reports stay as they were).
  D001: (option: FolderOption) =>
    `no space left on the disk; free some space there${option === null ? '' : `, or point ${option} at a folder on a disk with room`}${option === '--work' ? ' (or run with --no-cache, which keeps no token cache and no run memory)' : ''}`,
  D002: (why: string, option: FolderOption) =>
    `this run may not write here (${why}); make the folder writable${option === null ? '' : `, or point ${option} at another folder`}`,
  D003: (option: FolderOption) =>
    `a file or folder on this path is in the way of one this run writes (a file where it needs a folder, or the other way round); move or rename it${option === null ? '' : `, or point ${option} at another folder`}`,
  D004: () =>
    `another program has this file open and locked (on Windows, a spreadsheet locks the report it shows); close it there and run again`,
} as const;

export type MessageCode = keyof typeof MESSAGES;

export type Severity = 'error' | 'warning';

/** One finding about the input, with its place: `file:line:column`, `file:line` or an article id. */
export interface Problem {
  code: MessageCode;
  severity: Severity;
  place: string;
  message: string;
  /** How many findings this one stands for (the unlisted rest of one code, ProblemListing); 1 when absent. */
  count?: number;
}

export function problem<C extends MessageCode>(
  code: C,
  severity: Severity,
  place: string,
  ...args: Parameters<(typeof MESSAGES)[C]>
): Problem {
  const render = MESSAGES[code] as (...a: unknown[]) => string;
  return { code, severity, place, message: render(...args) };
}

/**
 * Lists the first `limit` findings of each code as they come, and only counts
 * the rest: a large export in a shape not expected (keys named otherwise,
 * dates written otherwise) would otherwise print one for every article.
 */
export class ProblemListing {
  private readonly listed = new Map<MessageCode, number>();
  private readonly rest = new Map<MessageCode, { severity: Severity; count: number }>();

  constructor(
    private readonly place: string,
    private readonly limit = 10,
  ) {}

  /** The finding to give now; null when it is only counted. */
  add(p: Problem): Problem | null {
    const listed = this.listed.get(p.code) ?? 0;
    if (listed < this.limit) {
      this.listed.set(p.code, listed + 1);
      return p;
    }
    const rest = this.rest.get(p.code) ?? { severity: p.severity, count: 0 };
    rest.count += p.count ?? 1;
    this.rest.set(p.code, rest);
    return null;
  }

  /** For each code with findings not given, one finding that stands for them all. */
  unlisted(): Problem[] {
    return [...this.rest].map(([code, { severity, count }]) => ({
      code,
      severity,
      place: this.place,
      message: `${count} more like the ${this.limit} above, not listed one by one`,
      count,
    }));
  }
}

export function formatProblem(p: Problem): string {
  return `${p.place}: ${p.severity} ${p.code}: ${p.message}`;
}

/** Thrown where a run cannot go on; carries every problem found so far. */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

// Text helpers shared by the stages: the folding that makes matching case-,
// accent- and quote-style-insensitive, CSV headers as spreadsheets write them
// (another separator, unnamed and repeated columns), file-name slugs, and date reading.

const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u02BC\u2032\u0060\u00B4]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/g;
const HYPHENS = /[\u2010\u2011\u2012\u00AD]/g;
const COMBINING_MARKS = /\p{M}/gu;

/** Printable ASCII but the backtick (an apostrophe to fold): all folding does to it is lower-case it. */
const PLAIN_ASCII = /^[\x20-\x5f\x61-\x7e]*$/;

/** The form a word is compared in: "Coup d’État" and "coup d'etat" fold alike. */
export function fold(text: string): string {
  if (PLAIN_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(APOSTROPHES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(HYPHENS, '-')
    .toLowerCase();
}

/** A hyphen or dash inside one token, as folded (fold() makes the others '-'): wink-nlp keeps "ex–president", "pro–Maduro" and "ex-presidents" whole. */
export const INNER_HYPHEN = /[-\u2013]/;

/** Text that a regular expression matches as written: its own characters escaped. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Code-unit order, the same on every machine (unlike localeCompare). */
export const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Folded forms of the words that need more than lower-casing, remembered: names with accents and curly apostrophes recur. */
const foldedWords = new Map<string, string>();
const MAX_FOLDED_WORDS = 1 << 16;

/** fold(), remembering the words it cannot take its plain-ASCII shortcut for. */
export function foldWord(word: string): string {
  if (PLAIN_ASCII.test(word)) return word.toLowerCase();
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    folded = fold(word);
    if (foldedWords.size >= MAX_FOLDED_WORDS) foldedWords.clear();
    foldedWords.set(word, folded);
  }
  return folded;
}

/** What separates a CSV's fields: commas, or what a spreadsheet wrote instead. */
export type Separator = ',' | ';' | '\t';

/**
 * The separator a CSV header was written with, when read with commas it is one
 * column: ";" (Excel and LibreOffice where the decimal mark is a comma: most of
 * Europe and Latin America, whose Excel saves no other CSV) or a tab; null otherwise.
 */
export function otherSeparator(columns: string[]): ';' | '\t' | null {
  if (columns.length !== 1) return null;
  if (columns[0]!.includes(';')) return ';';
  return columns[0]!.includes('\t') ? '\t' : null;
}

/**
 * Papaparse's transformHeader for a CSV a spreadsheet saved: each name trimmed
 * and lower-cased. A column with no name (one typed in and cleared) becomes
 * "column N", which nothing reads; a name seen before becomes "name (column
 * N)" and is listed in `repeated`, where papaparse would rename it itself and
 * say so on the console. `renames` (the file's name -> the name read) gives a
 * column another name; a column that already has that name is then not read.
 * `written` holds each column's own name as read, before any renaming, by
 * its place.
 */
export function spreadsheetHeader(renames: ReadonlyMap<string, string> = new Map()): {
  transform: (raw: string, index: number) => string;
  repeated: string[];
  written: string[];
} {
  const seen = new Set<string>();
  const repeated: string[] = [];
  const written: string[] = [];
  const renamed = new Set(renames.values());
  const transform = (raw: string, index: number) => {
    const own = raw.replace(/^\uFEFF/, '').trim().toLowerCase();
    written[index] = own;
    if (own === '' || (renamed.has(own) && !renames.has(own))) return `column ${index + 1}`;
    const name = renames.get(own) ?? own;
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    repeated.push(name);
    return `${name} (column ${index + 1})`;
  };
  return { transform, repeated, written };
}

/** "Miami Herald" -> "miami-herald", "Perú Reports" -> "peru-reports". */
export function slugify(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Month names, January to December, in the languages news about Latin America
 * is written in, accents folded, a month's other spellings after a "/":
 * English, Spanish ("5 de enero de 2023"; Peru writes "setiembre"), Portuguese
 * ("11 de janeiro de 2023"), French ("11 janvier 2023"). A language's list is
 * looked in before the next, so "mar" is March.
 */
const MONTH_NAMES = [
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre/setiembre', 'octubre', 'noviembre', 'diciembre'],
  ['janeiro', 'fevereiro', 'marco', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
  ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'],
];

/** A month by its name in one of MONTH_NAMES' languages, or a prefix of three letters or more ("Sept.", "ene", "fév."); 0 for none. */
function monthNumber(name: string): number {
  const folded = fold(name).replace(/\.$/, '');
  if (folded.length < 3) return 0;
  for (const names of MONTH_NAMES) {
    const month = names.findIndex((m) => m.split('/').some((spelling) => spelling.startsWith(folded))) + 1;
    if (month > 0) return month;
  }
  return 0;
}

function iso(year: number, month: number, day?: number): string | null {
  if (month < 1 || month > 12) return null;
  const mm = String(month).padStart(2, '0');
  if (day === undefined) return `${year}-${mm}`;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  return `${year}-${mm}-${String(day).padStart(2, '0')}`;
}

/** A year of two digits as 1970 to 2069, the years of news archives and of Unix time. */
function fullYear(year: string): number {
  const n = Number(year);
  return year.length === 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

/** A weekday before a date: "Wednesday, January 11, 2023", RSS's "Wed, 11 Jan 2023", the Guardian's "Thursday 12 January 2023", "quarta-feira, 11 de janeiro de 2023". */
const WEEKDAY =
  /^(?:mon|tue|wed|thu|fri|sat|sun|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|segunda|ter[cç]a|quarta|quinta|sexta|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)[a-z]*(?:-feira)?\.?,?\s+/i;
/**
 * What a page's byline puts before its date: "Published", "Posted on",
 * "Publicado el", and a time of day ("Published 11:15 a.m. ET Jan. 11, 2023").
 * "Updated" is not among them: the day of an update is not the day of publication.
 */
const PUBLISHED = /^(?:published|posted|publicado|publicada|publié|publiée)(?:\s+(?:on|el|em|le))?:?\s+/i;
const TIME_FIRST = /^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[aApP]\.?[mM]\.?)?(?:\s+[A-Z]{2,4})?,?\s+/;
/** A time of day after a date, and all after it (seconds, "AM", a zone): "… 2023 08:30:00 +0000", "… 2023 at 8:30 a.m. EST", "… 2023 | 08:30", "… 2023 · 8:30 AM", British "… 2023 08.30 GMT". */
const TIME = /(?:[\sT,|·-]+(?:at\s+)?|\s+at\s+)\d{1,2}(?::\d{2}|\.\d{2}(?=\s*(?:[ap]\.?m\b|[a-z]{2,4}\b|$))).*$/i;
/** Day 0 of a spreadsheet's serial dates (Excel's and LibreOffice's: 1899-12-30), and the serials of 1955-01-01 and 2100-01-01, the span read as dates. */
const EXCEL_DAY_0 = Date.UTC(1899, 11, 30);
const EXCEL_1955 = 20090;
const EXCEL_2100 = 73051;
/** A day's ordinal ending: "12th January", "January 1st", "1er janvier", "1º de enero", "1ro de enero". */
const ORDINAL = /\b(\d{1,2})(?:(?:st|nd|rd|th|er|ro)\b|[º°])/i;

/** A date without what is written around it: "Published", a time of day, a weekday. */
function dateAlone(text: string): string {
  return text.trim().replace(PUBLISHED, '').replace(TIME_FIRST, '').replace(WEEKDAY, '').replace(TIME, '');
}

/** The first and the last day a date (YYYY, YYYY-MM or YYYY-MM-DD) may stand for, as text that sorts as days do. */
export function daySpan(date: string): [first: string, last: string] {
  if (date.length === 4) return [`${date}-01-01`, `${date}-12-31`];
  if (date.length === 7) return [`${date}-01`, `${date}-31`];
  return [date, date];
}

/**
 * The order of a date written with slashes or dashes and the year last
 * ("11/01/2023", "11-01-2023"): `day-first` or `month-first` where only one
 * reading is a date (13/01/2023, 1/13/2023), `either` where both are; null for
 * other dates.
 */
export function slashOrder(text: string): 'day-first' | 'month-first' | 'either' | null {
  const m = /^(\d{1,2})([/-])(\d{1,2})\2(?:\d{2}|\d{4})$/.exec(dateAlone(text));
  if (!m) return null;
  const [first, second] = [Number(m[1]), Number(m[3])];
  if (first > 12 && second <= 12) return 'day-first';
  if (second > 12 && first <= 12) return 'month-first';
  return first <= 12 && second <= 12 ? 'either' : null;
}

/**
 * Reads the date forms that news pages and exports use, into ISO 8601:
 * `2023-01-11`, `2023/01/11`, `2023-01`, `2023`, `2023-01-11T08:00Z`, `January 9, 2023`,
 * `9 January 2023`, `5 de enero de 2023`, `11 de janeiro de 2023`,
 * `11 janvier 2023`, a weekday and a time of day around any of these
 * (`Wed, 11 Jan 2023 08:30:00 +0000`, as RSS feeds give it), "Published" or
 * "Publicado el" before them, `02.02.2023` (day first, as European sites write
 * it), `9/6/17` and `9-6-17` (month first, as US exports write it; day first
 * with `dayFirst`, and where only that reading is a date: `13/01/2023`),
 * `11-Jan-23` (Excel's), `2023.01.11`,
 * ordinal days (`12th January 2023`), GDELT's `20230111` and
 * `20230111083000`, a Unix time in seconds or milliseconds (the UTC day), and
 * a spreadsheet's serial day (`44937`, a date column formatted as a number).
 * Returns null for anything else, and for impossible dates.
 */
export function parseDate(text: string, dayFirst = false): string | null {
  const s = dateAlone(text).replace(ORDINAL, '$1');
  let m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T ].*)?$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
  m = /^(\p{L}+\.?)(?:\s+|-)(\d{1,2})(?:,?\s+|-)(\d{4})$/u.exec(s);
  if (m) return iso(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
  m = /^(\d{1,2})(?:\s+(?:de\s+|of\s+)?|([-/]))(\p{L}+\.?)(?:,?\s+(?:del?\s+)?(\d{4})|\2(\d{2}|\d{4}))$/u.exec(s);
  if (m) return iso(fullYear(m[4] ?? m[5]!), monthNumber(m[3]!), Number(m[1]));
  m = /^(\p{L}+\.?)\s+(?:de\s+)?(\d{4})$/u.exec(s);
  if (m) return iso(Number(m[2]), monthNumber(m[1]!));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})([/-])(\d{1,2})\2(\d{2}|\d{4})$/.exec(s);
  if (m) {
    const order = slashOrder(s);
    const [month, day] = order === 'day-first' || (order === 'either' && dayFirst) ? [m[3], m[1]] : [m[1], m[3]];
    return iso(fullYear(m[4]!), Number(month), Number(day));
  }
  m = /^(\d{4})(\d{2})(\d{2})(?:\d{6})?$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^(?:\d{10}|\d{13})$/.test(s)) return new Date(Number(s) * (s.length === 10 ? 1000 : 1)).toISOString().slice(0, 10);
  // A spreadsheet's serial number of a day (44937 is 2023-01-11; a fraction, the time), as a date column formatted as a number exports it.
  if (/^\d{5}(?:\.\d+)?$/.test(s) && Number(s) >= EXCEL_1955 && Number(s) < EXCEL_2100) {
    return new Date(EXCEL_DAY_0 + Math.floor(Number(s)) * 86_400_000).toISOString().slice(0, 10);
  }
  if (/^(?:19|20)\d{2}$/.test(s)) return s;
  return null;
}

const SPACES = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g;
/**
 * Invisible hints to typesetting, found inside words on web pages: soft
 * hyphens ("dicta\u00ADtor"), zero-width spaces (a place to break a long word),
 * zero-width (non-)joiners and word joiners. As spaces they would split the word.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** A terminal's colour codes ("\x1b[1m"), as text scraped through a console holds them: no part of a word. */
const TERMINAL_CODES = /\u001B\[[0-9;]*[A-Za-z]/g;
/** Control characters (NUL, the bell, C1's), which scraped text and damaged exports hold between words: spaces. */
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
/** A space other than a single plain one, an invisible or a control character: most lines have none, and need trimming only. */
const ODD_SPACE = /[^\S ]|[\u00AD\u200B-\u200D\u2060\u0000-\u0008\u000E-\u001F\u007F-\u009F]| {2}/;
/** Non-breaking and other odd spaces become plain ones; runs collapse; invisible characters and terminal codes go, control characters are spaces; ends are trimmed. */
export function normaliseLine(line: string): string {
  if (!ODD_SPACE.test(line)) return line.trim();
  return line.replace(TERMINAL_CODES, '').replace(INVISIBLE, '').replace(CONTROL, ' ').replace(SPACES, ' ').trim();
}

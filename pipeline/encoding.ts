// Text files as a spreadsheet or an editor saved them. Everything is meant to
// be UTF-8, but Excel's "CSV" and Notepad's "ANSI" on Windows save in the
// Windows-1252 code page, where "Nicolás" is one byte short of UTF-8's; read
// as UTF-8, each accented letter would become "�" and every word holding one
// would silently match nothing. So a file is first checked:
//   starting with UTF-16's byte-order mark (Excel's "Unicode Text", some
//     archive exports): read as UTF-16, which that mark leaves in no doubt;
//   without the mark, but with a zero byte in every other place (database
//     tools and Windows scripts save so): read as UTF-16 too;
//   UTF-8 throughout: read as UTF-8;
//   not UTF-8, and no character beyond ASCII reads as UTF-8 anywhere in it: a
//     single-byte encoding, read as Windows-1252 (Latin-1's superset, with the
//     curly quotes and dashes), with a warning;
//   UTF-8 with some bytes that are not (a damaged file, or two files pasted
//     together): read as UTF-8, the bad bytes as "�", with a warning.
// iconv-lite decodes all but UTF-8: Node's own TextDecoder reads Windows-1252's
// 0x80-0x9F, its curly quotes and dashes, as Latin-1's control characters.
import { isAscii, isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import iconv from 'iconv-lite';
import { problem, type Problem } from './messages.ts';

export interface Encoding {
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
  /** Characters a UTF-8 reading loses ("�"): all of the non-ASCII ones in a Windows-1252 file. */
  lost: number;
  /** The line (from 1) of the first of them; 0 when none. */
  line: number;
}

/** Where the complete UTF-8 sequences of `bytes` end: before a lead byte whose sequence runs past the end. */
function completeEnd(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

function newlinesIn(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) count += 1;
  return count;
}

/** How many of a file's first bytes tell UTF-16 without its byte-order mark. */
const UTF16_SAMPLE = 4096;

/**
 * UTF-16 without its byte-order mark, told by its first bytes: text in the
 * Latin alphabet has a zero byte in every other place (the second of each
 * pair, little-endian; the first, big-endian), in at least half the pairs,
 * and almost never one in the other place. No text in UTF-8 or Windows-1252
 * holds zero bytes.
 */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.min(bytes.length, UTF16_SAMPLE) >> 1;
  if (pairs < 4) return null;
  let firstZeros = 0;
  let secondZeros = 0;
  for (let pair = 0; pair < pairs; pair++) {
    if (bytes[2 * pair] === 0) firstZeros += 1;
    if (bytes[2 * pair + 1] === 0) secondZeros += 1;
  }
  if (secondZeros >= pairs / 2 && firstZeros * 100 < pairs) return 'utf-16le';
  if (firstZeros >= pairs / 2 && secondZeros * 100 < pairs) return 'utf-16be';
  return null;
}

/**
 * Finds a file's encoding from its bytes, given chunk by chunk (a large export
 * is read twice: once for this, then to parse). UTF-8 chunks, the common case,
 * are checked natively; only a file that is not UTF-8 is read character by character.
 */
export class EncodingSniffer {
  private utf16: 'utf-16le' | 'utf-16be' | null = null;
  private started = false;
  private carry = new Uint8Array(0);
  private lines = 1;
  /** A character beyond ASCII read as UTF-8. */
  private wide = false;
  private lost = 0;
  private firstLost = 0;

  add(chunk: Uint8Array): void {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk[0] === 0xff && chunk[1] === 0xfe) this.utf16 = 'utf-16le';
      if (chunk[0] === 0xfe && chunk[1] === 0xff) this.utf16 = 'utf-16be';
      this.utf16 ??= utf16WithoutMark(chunk);
    }
    if (this.utf16) return;
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = completeEnd(bytes);
    this.carry = bytes.slice(end);
    this.read(bytes.subarray(0, end));
  }

  /** Whether the bytes so far decide the encoding whatever follows (UTF-16's, by its first bytes). */
  get decided(): boolean {
    return this.utf16 !== null;
  }

  finish(): Encoding {
    if (this.utf16) return { encoding: this.utf16, lost: 0, line: 0 };
    // A file that ends inside a sequence: those bytes are not UTF-8 either.
    if (this.carry.length > 0) this.read(this.carry, true);
    this.carry = new Uint8Array(0);
    const encoding = this.lost > 0 && !this.wide ? 'windows-1252' : 'utf-8';
    return { encoding, lost: this.lost, line: this.firstLost };
  }

  private read(bytes: Uint8Array, cut = false): void {
    if (!cut && isUtf8(bytes)) {
      if (!this.wide && !isAscii(bytes)) this.wide = true;
      if (this.firstLost === 0) this.lines += newlinesIn(bytes);
      return;
    }
    for (const char of new TextDecoder('utf-8').decode(bytes)) {
      if (char === '\uFFFD') {
        this.lost += 1;
        if (this.firstLost === 0) this.firstLost = this.lines;
      } else if (char === '\n') {
        if (this.firstLost === 0) this.lines += 1;
      } else if (char > '\u007f') {
        this.wide = true;
      }
    }
  }
}

/** A whole file's text, in the encoding its bytes are found to be in. */
export function decodeText(bytes: Uint8Array): Encoding & { text: string } {
  const sniffer = new EncodingSniffer();
  sniffer.add(bytes);
  const found = sniffer.finish();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = found.encoding === 'utf-8' ? buffer.toString('utf8') : iconv.decode(buffer, found.encoding);
  return { ...found, text };
}

/** Bytes in `encoding` (not UTF-8, which Node's streams read themselves) in, strings out; a character split between chunks is joined. */
export function decodingStream(encoding: Exclude<Encoding['encoding'], 'utf-8'>): Transform {
  const decoder = iconv.getDecoder(encoding);
  return new Transform({
    encoding: 'utf8',
    transform: (chunk: Buffer, _, done) => done(null, decoder.write(chunk)),
    flush: (done) => done(null, decoder.end() ?? ''),
  });
}

/**
 * Text with its lines ended "\n" where they were ended "\r\n": papaparse takes
 * the first line's ending for the whole file's, so that a header saved on
 * Windows above rows added on Linux or a Mac (or files joined) read as one
 * row. A line break inside a field is read as one either way.
 */
export function lineFeedStream(): Transform {
  let carried = '';
  return new Transform({
    decodeStrings: false,
    encoding: 'utf8',
    transform(chunk: string, _, done) {
      const text = carried + chunk;
      // A chunk may end between a line's "\r" and its "\n".
      carried = text.endsWith('\r') ? '\r' : '';
      done(null, (carried ? text.slice(0, -1) : text).replace(/\r\n/g, '\n'));
    },
    flush: (done) => done(null, carried),
  });
}

/** The warning a file's encoding calls for, if any, with the codes of the lexicons' or the corpus's messages. */
export function encodingWarning(found: Encoding, file: string, codes: ['L018', 'L019'] | ['C021', 'C022']): Problem | null {
  if (found.lost === 0) return null;
  const place = `${file}:${found.line}`;
  return found.encoding === 'windows-1252' ? problem(codes[0], 'warning', place) : problem(codes[1], 'warning', place, found.lost);
}

/** First bytes that say what a file is whatever its name: the page readers tell documents by them, and NOT_TEXT names them. */
export const SIGNATURE = {
  zip: Buffer.from('PK\x03\x04', 'latin1'),
  rtf: Buffer.from('{\\rtf', 'latin1'),
  pdf: Buffer.from('%PDF-', 'latin1'),
  /** An Office 97-2003 container: a Word document, an Excel workbook, … */
  ole: Buffer.from('d0cf11e0a1b11ae1', 'hex'),
};
/** The part an Office 97-2003 container names where it holds a Word document (its text may hold the word "Workbook"; this part is always named). */
export const WORD_97_PART = Buffer.from('WordDocument', 'utf16le');
/** The folder of a Word document's (.docx) parts, which its zip archive names. */
export const DOCX_PART = Buffer.from('word/', 'latin1');
/** The type an OpenDocument text names in its first entry ("mimetype", stored first and uncompressed). */
export const ODT_MIMETYPE = Buffer.from('application/vnd.oasis.opendocument.text', 'latin1');

export const startsWith = (bytes: Uint8Array, signature: Buffer) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(0, signature.length).equals(signature);

/**
 * Files that are no text (or text no one reads as such: RTF's markup), by
 * their first bytes, and what to do with each: read as text, such a file would
 * only be "not UTF-8" (and, as an export, have every column missing). Office
 * files are zip archives or Office 97-2003 containers whatever they hold; the
 * names of the parts inside (in the first bytes of a small file) tell a
 * document from a workbook, as Nexis and Factiva deliver their articles as
 * documents.
 */
const NOT_TEXT: { signature: Buffer; what: string; inside?: [marker: Buffer, what: string][] }[] = [
  {
    signature: SIGNATURE.zip,
    what: 'a zip archive; name it as it is (archive.zip), which is read for the exports it holds, or unzip it and give --corpus the folder it makes',
    inside: [
      [DOCX_PART, 'a Word document (.docx): read as a captured page where a corpus folder\'s manifest.csv names it, else save it as plain text (.txt) or CSV'],
      [Buffer.from('xl/', 'latin1'), 'an Excel workbook (.xlsx); as an export, name it so (archive.xlsx), which is read sheet by sheet; as a lexicon, save the sheet as "CSV UTF-8"'],
      [ODT_MIMETYPE, "an OpenDocument text (.odt): read as a captured page where a corpus folder's manifest.csv names it, or given with --outlet"],
      [Buffer.from('opendocument.spreadsheet', 'latin1'), 'an OpenDocument spreadsheet (.ods); save the sheet as "CSV UTF-8"'],
    ],
  },
  {
    signature: SIGNATURE.ole,
    what: 'an Office 97-2003 file (.xls, .doc); save a sheet as "CSV UTF-8", a document as plain text (.txt)',
    inside: [
      [WORD_97_PART, "a Word 97-2003 document (.doc): read as a captured page where a corpus folder's manifest.csv names it, or given with --outlet"],
      [Buffer.from('Workbook', 'utf16le'), 'an Excel 97-2003 workbook (.xls); save the sheet as "CSV UTF-8"'],
    ],
  },
  { signature: SIGNATURE.rtf, what: "an RTF document, as Word, Nexis and Factiva save them: read as a captured page where a corpus folder's manifest.csv names it, or given with --outlet" },
  { signature: Buffer.from('1f8b', 'hex'), what: 'compressed with gzip; name it as it is (archive.csv.gz, news.jsonl.gz), which is read as it comes, or decompress it (gunzip)' },
  { signature: SIGNATURE.pdf, what: "a PDF: read as a captured page where a corpus folder's manifest.csv names it, or given with --outlet" },
  { signature: Buffer.from('SQLite format 3\0', 'latin1'), what: 'an SQLite database; export its table of articles as CSV' },
  { signature: Buffer.from('PAR1', 'latin1'), what: 'a Parquet file; write it out as CSV or JSONL (pandas, DuckDB)' },
  {
    signature: Buffer.from('bplist00', 'latin1'),
    what: "an Apple binary property list; save the page as HTML or text",
    inside: [[Buffer.from('WebMainResource', 'latin1'), 'a Safari web archive (.webarchive); save the page with File > Save As, format "Page Source" (HTML)']],
  },
  { signature: Buffer.from('89504e47', 'hex'), what: 'an image (PNG); a screenshot holds no text this toolkit can read' },
  { signature: Buffer.from('ffd8ff', 'hex'), what: 'an image (JPEG); a screenshot holds no text this toolkit can read' },
];

/** What a file is, with what to do, if its first bytes (of `bytes`, its start) say it is no text; null otherwise. */
export function notTextKind(bytes: Uint8Array): string | null {
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = NOT_TEXT.find(({ signature }) => startsWith(start, signature));
  if (!kind) return null;
  return kind.inside?.find(([marker]) => start.includes(marker))?.[1] ?? kind.what;
}

/** A file as text: what fileText gives. */
export interface FileText {
  text: string;
  /** The warning its encoding calls for, if any. */
  warning: Problem | null;
  /** What the file is when its first bytes say it is no text at all (then `text` is empty); null otherwise. */
  notText: string | null;
}

/** A whole file's bytes as text, with the warning its encoding calls for (`codes` as encodingWarning's); or what it is, if no text. */
export function fileText(bytes: Uint8Array, file: string, codes: ['L018', 'L019'] | ['C021', 'C022']): FileText {
  const notText = notTextKind(bytes);
  if (notText) return { text: '', warning: null, notText };
  const decoded = decodeText(bytes);
  return { text: decoded.text, warning: encodingWarning(decoded, file, codes), notText };
}

/**
 * The characters a byte that continues a UTF-8 sequence (0x80-0xBF) is read
 * as: Windows-1252's, and Latin-1's, whose 0x80-0x9F are control characters
 * (as ISO-8859-1 readers, and MySQL's "latin1" for the five bytes
 * Windows-1252 leaves undefined, give them).
 */
const CONTINUATION_BYTE = new Map<string, number>();
for (let byte = 0x80; byte <= 0xbf; byte += 1) {
  CONTINUATION_BYTE.set(String.fromCharCode(byte), byte);
  const read = iconv.decode(Buffer.from([byte]), 'windows-1252');
  if (read !== '\uFFFD') CONTINUATION_BYTE.set(read, byte);
}
const CONTINUATION = `[${[...CONTINUATION_BYTE.keys()].join('')}]`;
/**
 * UTF-8 read as Windows-1252: "Ã©" for "é", "Â£" for "£", "Å¡" for "š" (a
 * lead byte 0xC2-0xC6 or 0xCB, then one continuation), "â€™" for "’" (0xE2, then
 * two), "ï¿½" for "�" (0xEF, then two: a character an earlier reading had
 * already lost); and "â€�", the closing quote "”" whose last byte (0x9D) the
 * reading lost.
 */
const DOUBLE_ENCODED = new RegExp(`[\u00C2-\u00C6\u00CB]${CONTINUATION}|[\u00E2\u00EF]${CONTINUATION}{2}|\u00E2\u20AC\uFFFD`, 'g');
/**
 * What such a sequence may stand for: Windows-1252's own letters and signs,
 * the ones a wrong reading garbles. Anything else ("Ä“" read as UTF-8 is "ē",
 * "É’" is "ɒ") means the characters were meant as written: an upper-case
 * letter before a quotation mark.
 */
const MEANT = /^[\u00A0-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013-\u2026\u2030\u2039\u203A\u20AC\u2122\uFFFD]$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function meant(sequence: string): string {
  if (sequence === '\u00E2\u20AC\uFFFD') return '\u201D';
  const bytes = [...sequence].map((ch, i) => (i === 0 ? ch.charCodeAt(0) : CONTINUATION_BYTE.get(ch)!));
  try {
    const read = strictUtf8.decode(Uint8Array.from(bytes));
    return MEANT.test(read) ? read : sequence;
  } catch {
    return sequence;
  }
}

/**
 * Text with UTF-8 that was read as Windows-1252 and saved again as UTF-8
 * (a scraper or a database with the wrong encoding: "Nicolás" as "NicolÃ¡s",
 * "Peru’s" as "Peruâ€™s") read as it was written; twice over, too ("Ã¢â‚¬â„¢").
 * Returns the text itself when it holds none.
 */
export function repairDoubleEncoding(text: string): string {
  let repaired = text;
  for (let pass = 0; pass < 3; pass += 1) {
    DOUBLE_ENCODED.lastIndex = 0;
    if (!DOUBLE_ENCODED.test(repaired)) break;
    repaired = repaired.replace(DOUBLE_ENCODED, meant);
  }
  return repaired;
}

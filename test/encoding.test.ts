// Files saved in UTF-8, in Windows-1252 (Excel's "CSV", Notepad's "ANSI"), or
// in UTF-8 with a few bad bytes: each read as it was meant, the last two with
// a warning, whatever chunks a stream cuts the file into. And files that are no
// plain text, told by their first bytes.
import type { Transform } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDoc } from '../pipeline/01-ingest/doc.ts';
import { isOdt } from '../pipeline/01-ingest/odt.ts';
import { isPdf } from '../pipeline/01-ingest/pdf.ts';
import { isRtf } from '../pipeline/01-ingest/rtf.ts';
import { decodeText, decodingStream, EncodingSniffer, lineFeedStream, notTextKind, repairDoubleEncoding } from '../pipeline/encoding.ts';
import { ROOT } from './helpers.ts';

const windows1252 = (text: string) => Buffer.from([...text].map((c) => ({ '“': 0x93, '”': 0x94, '’': 0x92, '—': 0x97 })[c] ?? c.charCodeAt(0)));

/** The sniffer's verdict on `bytes` given in chunks cut at `cuts`. */
function sniffed(bytes: Buffer, cuts: number[]) {
  const sniffer = new EncodingSniffer();
  let from = 0;
  for (const cut of [...cuts.map((c) => c % (bytes.length + 1))].sort((a, b) => a - b)) {
    sniffer.add(bytes.subarray(from, cut));
    from = cut;
  }
  sniffer.add(bytes.subarray(from));
  return sniffer.finish();
}

describe('decodeText', () => {
  it.each([
    ['plain ASCII', Buffer.from('The dictator spoke.\n'), 'utf-8', 'The dictator spoke.\n', 0, 0],
    ['UTF-8 with accents and curly quotes', Buffer.from('“Nicolás” in Bogotá\n'), 'utf-8', '“Nicolás” in Bogotá\n', 0, 0],
    ['UTF-8 with a byte-order mark, kept as the utf8 reading keeps it', Buffer.from('\uFEFFPerú\n'), 'utf-8', '\uFEFFPerú\n', 0, 0],
    ['Windows-1252', windows1252('a,b\n“Nicolás” — Perú’s\n'), 'windows-1252', 'a,b\n“Nicolás” — Perú’s\n', 6, 2],
    ['UTF-8 with one bad byte on line 3', Buffer.concat([Buffer.from('Nicolás\nok\nbad '), Buffer.from([0xe1]), Buffer.from(' byte\n')]), 'utf-8', 'Nicolás\nok\nbad \uFFFD byte\n', 1, 3],
    ['a file cut off inside a character', Buffer.from('Perú').subarray(0, 4), 'windows-1252', 'PerÃ', 1, 1],
    ['UTF-16 (little-endian) with its byte-order mark', Buffer.from('\uFEFF“Perú”\n', 'utf16le'), 'utf-16le', '“Perú”\n', 0, 0],
    ['UTF-16 (big-endian) with its byte-order mark', Buffer.from('\uFEFF“Perú”\n', 'utf16le').swap16(), 'utf-16be', '“Perú”\n', 0, 0],
    // Read as Windows-1252, each letter had a NUL after it: a CSV's header was "o\0u\0t\0l\0e\0t\0", and every column missing.
    ['UTF-16 (little-endian) without its byte-order mark', Buffer.from('outlet,text\n“Nicolás” in Perú\n', 'utf16le'), 'utf-16le', 'outlet,text\n“Nicolás” in Perú\n', 0, 0],
    ['UTF-16 (big-endian) without its byte-order mark', Buffer.from('outlet,text\n“Nicolás” in Perú\n', 'utf16le').swap16(), 'utf-16be', 'outlet,text\n“Nicolás” in Perú\n', 0, 0],
    ['three characters alone in UTF-16, too few to tell', Buffer.from('abc', 'utf16le'), 'utf-8', 'a\0b\0c\0', 0, 0],
  ])('%s', (_, bytes, encoding, text, lost, line) => {
    expect(decodeText(bytes)).toEqual({ encoding, text, lost, line });
  });
});

describe('EncodingSniffer', () => {
  it('names the line of the first byte that is not UTF-8 however a stream cuts the file, the lines before it in chunks of their own (a mutant counting them only after a loss survived)', () => {
    const bytes = Buffer.concat([Buffer.from('Perú\none\ntwo\nthree\n'), Buffer.from('bad '), Buffer.from([0xe1]), Buffer.from(' byte\nok\n')]);
    for (const cuts of [[], [5], [5, 9], [9, 13, 19], [20]]) expect(sniffed(bytes, cuts), String(cuts)).toEqual({ encoding: 'utf-8', lost: 1, line: 5 });
  });

  it('finds any UTF-8 text to be UTF-8, however a stream cuts it (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        // No text holds a zero byte (NUL): a zero byte in every other place is UTF-16's.
        fc.pre(!text.includes('\uFFFD') && !text.includes('\0'));
        expect(sniffed(Buffer.from(text), cuts)).toEqual({ encoding: 'utf-8', lost: 0, line: 0 });
      }),
    );
  });

  it('finds Windows-1252 text with an accented letter to be Windows-1252, however a stream cuts it (property)', () => {
    // Accented lower-case letters are bytes 0xE0-0xFF there, which never make a UTF-8 character with ASCII after them.
    const letter = fc.constantFrom(...'abc ,.\n"'.split(''), ...'àáâãäåçèéêëìíîïñòóôõöùúûüý'.split(''));
    const text = fc.array(letter, { minLength: 1 }).map((l) => l.join('')).filter((t) => /[^\x00-\x7f]/.test(t));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (t, cuts) => {
        const found = sniffed(windows1252(t), cuts);
        expect(found.encoding).toBe('windows-1252');
        expect(found.line).toBe(t.slice(0, t.search(/[^\x00-\x7f]/)).split('\n').length);
        expect(decodeText(windows1252(t)).text).toBe(t);
      }),
    );
  });
});

/** What `stream` gives for `input` written in chunks, cut where `cuts` say (each wrapped into its length). */
async function throughCuts(stream: Transform, input: string | Buffer, cuts: number[]): Promise<string> {
  const read = (async () => {
    let out = '';
    for await (const part of stream) out += part as string;
    return out;
  })();
  const piece = (from: number, to?: number) => (typeof input === 'string' ? input.slice(from, to) : input.subarray(from, to));
  let from = 0;
  for (const cut of cuts.map((c) => c % (input.length + 1)).sort((a, b) => a - b)) {
    stream.write(piece(from, cut));
    from = cut;
  }
  stream.end(piece(from));
  return read;
}

describe('decodingStream', () => {
  it('joins the halves of a character that chunks split, in UTF-16 and Windows-1252 (property)', async () => {
    const latin = fc.array(fc.constantFrom(...'ab ,\n“”—’áéíñü'.split('')), { maxLength: 40 }).map((l) => l.join(''));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'grapheme' }), latin), fc.array(fc.nat(), { maxLength: 6 }), async (text, cuts) => {
        const forms: [Parameters<typeof decodingStream>[0], Buffer][] = [
          ['utf-16le', Buffer.from(`\uFEFF${text}`, 'utf16le')],
          ['utf-16be', Buffer.from(`\uFEFF${text}`, 'utf16le').swap16()],
        ];
        if (/^[\x00-\x7f\xa0-\xff“”—’]*$/.test(text)) forms.push(['windows-1252', windows1252(text)]);
        for (const [encoding, bytes] of forms) expect(await throughCuts(decodingStream(encoding), bytes, cuts), encoding).toBe(text);
      }),
      { numRuns: 60 },
    );
  });
});

describe('lineFeedStream', () => {
  it('ends with "\\n" every line ended "\\r\\n", one that chunks split between its "\\r" and "\\n" too, and leaves other line ends (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', ' ', '\r', '\n', '\r\n', '"'), { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 6 }), async (parts, cuts) => {
        const text = parts.join('');
        expect(await throughCuts(lineFeedStream(), text, cuts)).toBe(text.replace(/\r\n/g, '\n'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('repairDoubleEncoding', () => {
  /** UTF-8 read as Windows-1252, as a scraper or database with the wrong encoding does; or as Latin-1. */
  const readAs1252 = (text: string) => iconv.decode(Buffer.from(text, 'utf8'), 'windows-1252');
  const readAsLatin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

  it.each([
    ['an accented letter', 'NicolÃ¡s Maduro', 'Nicolás Maduro'],
    ['curly quotes and dashes', 'Peruâ€™s â€œregimeâ€\uFFFD â€” here', 'Peru’s “regime” — here'],
    ['the sample articles\' "’90s", encoded three times', 'Assault Weapons Ban of Ã¢â‚¬â„¢90s', 'Assault Weapons Ban of ’90s'],
    ['Windows-1252\'s own letters and signs', 'Å’uvre, Å\u00A0koda, â‚¬3, Â£5, 50Â°, Â¿quÃ©?', 'Œuvre, Škoda, €3, £5, 50°, ¿qué?'],
    ['a lost character lost twice', 'ï¿½', '\uFFFD'],
    ['an upper-case letter before a quotation mark, as written', 'ADIÓS” CAFÉ’S', 'ADIÓS” CAFÉ’S'],
    ['Portuguese and French, as written', 'SÃO PAULO, pâté, naïve, Ä“', 'SÃO PAULO, pâté, naïve, Ä“'],
    ['a letter whose last byte the reading lost, left alone', 'Ã\uFFFDngel', 'Ã\uFFFDngel'],
  ])('%s', (_, given, meant) => {
    expect(repairDoubleEncoding(given)).toBe(meant);
  });

  it('reads news text encoded twice, or three times, or read as Latin-1, as it was written, and leaves it alone as written (property)', () => {
    // Every character a Windows-1252 reading keeps, but those that open a double encoding ("Ã", "â"...).
    const letters = fc.constantFrom(...'aZ09 .,;?!\'"-éñáóúüçàèìòùÉÑÓÚ¿¡’‘“”–—…€™£°©«»ŒœŠšŸŽžƒˆ˜ßøåæ'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: letters, maxLength: 40 }), (text) => {
        expect(repairDoubleEncoding(text)).toBe(text);
        expect(repairDoubleEncoding(readAs1252(text))).toBe(text);
        expect(repairDoubleEncoding(readAs1252(readAs1252(text)))).toBe(text);
        expect(repairDoubleEncoding(readAsLatin1(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

// The page readers and C028's message each tested a file's first bytes their own way: a file
// starting "%PDF" with no version was named a PDF by C028, and read as text as a page.
describe('documents told by their first bytes', () => {
  const fixture = (name: string) => readFileSync(path.join(ROOT, 'test', 'fixtures', name));
  const readAsPage = (bytes: Buffer) => [isRtf(bytes), isPdf(bytes), isOdt(bytes), isDoc(bytes, 'page.txt')].some(Boolean);
  it.each([
    ['a PDF', fixture('nexis.pdf'), true],
    ['an RTF document', fixture('libreoffice.rtf'), true],
    ['an OpenDocument text', fixture('nexis.odt'), true],
    ['a Word 97-2003 document', fixture('nexis.doc'), true],
    ['an Excel 97-2003 workbook', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(200, 7), Buffer.from('Workbook', 'utf16le')]), false],
    ['"%PDF" with no version', Buffer.from('%PDF of the ruling, as a note'), false],
    ['"{rtf" with no backslash', Buffer.from('{rtf} is a word in braces'), false],
    ['a zip of something else', Buffer.from('PK\x03\x04 mimetype application/zip', 'latin1'), false],
  ])('%s: read as a page by its bytes exactly where C028 says it is read as one', (_what, bytes, page) => {
    expect(readAsPage(bytes)).toBe(page);
    expect(notTextKind(bytes)?.includes('read as a captured page') ?? false).toBe(page);
  });
});

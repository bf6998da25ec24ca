// A page saved as RTF (Rich Text Format), as Factiva delivers articles and
// Word, WordPad and TextEdit save documents: its text, a paragraph a line.
// rtf-stream-parser splits the file into tokens (groups, control words, text);
// they are read here as the RTF specification (1.9.1) says:
//   1. a group opening with a destination that holds no text of the document
//      (its font, colour and style tables, its metadata, pictures, a field's
//      instruction, headers and footers), or with `\*` (one a reader may skip),
//      is skipped whole;
//   2. text and `\'hh` bytes are in the code page of the current font's
//      character set, else the document's (`\ansicpg`, Windows-1252 unsaid);
//   3. `\uN` is a Unicode character, followed by `\ucN` (1 unsaid) characters
//      for readers that know no Unicode, which are skipped;
//   4. paragraph, line and page ends are line breaks; a tab is a space; the
//      symbols RTF writes as words (`\ldblquote`, `\emdash`) are their characters.
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { Tokenize } from 'rtf-stream-parser';
import { SIGNATURE, startsWith } from '../encoding.ts';

/** rtf-stream-parser's token types (a const enum in its typings, so not there to import at run time). */
const GROUP_START = 0;
const GROUP_END = 1;
const CONTROL = 2;

interface RtfToken {
  type: number;
  word?: string;
  param?: number;
  data?: Buffer;
}

/** Destinations that hold no text of the document. */
const SKIPPED = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'listtable', 'listoverridetable', 'revtbl', 'rsidtbl', 'filetbl', 'info', 'pict', 'object',
  'fldinst', 'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl', 'footerr', 'footerf', 'footnote', 'annotation',
  'ftnsep', 'ftnsepc', 'ftncn', 'aftnsep', 'aftnsepc', 'aftncn', 'pntext', 'pntxta', 'pntxtb', 'xe', 'tc', 'txe', 'rxe',
  'template', 'nonshppict', 'shp', 'bkmkstart', 'bkmkend', 'datafield', 'themedata', 'colorschememapping', 'latentstyles', 'datastore',
]);

/** Control words that stand for a character. */
const CHARACTERS: Record<string, string> = {
  par: '\n', line: '\n', page: '\n', sect: '\n', row: '\n', tab: ' ', cell: ' ',
  // A backslash before a line end, as TextEdit ends a paragraph, is \par.
  '\n': '\n', '\r': '\n',
  emdash: '—', endash: '–', emspace: ' ', enspace: ' ', qmspace: ' ', bullet: '•',
  lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”',
  '~': '\u00A0', '_': '\u2011', '-': '', zwj: '', zwnj: '', '{': '{', '}': '}', '\\': '\\',
};

/** Windows code pages by font character set (`\fcharsetN`); 0 is the document's own. */
const CHARSET_CODEPAGES: Record<number, number> = {
  77: 10000, 128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 163: 1258, 177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874, 238: 1250,
};

interface GroupState {
  skipped: boolean;
  /** The current font's number, or -1 for none. */
  font: number;
  /** Characters that follow each `\uN` for readers without Unicode. */
  uc: number;
}

const BACKSLASH = 0x5c;
const APOSTROPHE = 0x27;
const isHexDigit = (c: number | undefined) => c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));

/**
 * The document with each `\'` that two hex digits do not follow (a damaged
 * file) made a question mark, `\'3f`: rtf-stream-parser prints "Bad hex digit"
 * to the console for it, amid the run's own messages. Most files have none,
 * and are given back as they are.
 */
function withHexEscapesWhole(bytes: Buffer): Buffer {
  const broken: number[] = [];
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] !== BACKSLASH) continue;
    if (bytes[i + 1] === APOSTROPHE && !(isHexDigit(bytes[i + 2]) && isHexDigit(bytes[i + 3]))) broken.push(i + 1);
    // An escaped backslash is no escape's start.
    i += 1;
  }
  if (broken.length === 0) return bytes;
  const parts: Buffer[] = [];
  let from = 0;
  for (const at of broken) {
    parts.push(bytes.subarray(from, at + 1), Buffer.from('3f', 'latin1'));
    from = at + 1;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

/** Whether a file's first bytes say it is RTF. */
export const isRtf = (bytes: Buffer) => startsWith(bytes, SIGNATURE.rtf);

/** An RTF document's text, its paragraphs one a line; an Error where rtf-stream-parser cannot read it. */
export async function textOfRtf(bytes: Buffer): Promise<string> {
  let documentCodepage = 1252;
  /** Font number -> code page, from the font table. */
  const fontCodepages = new Map<number, number>();
  let state: GroupState = { skipped: false, font: -1, uc: 1 };
  const stack: GroupState[] = [];
  let inFontTable = 0;
  let tableFont = -1;
  let groupJustOpened = false;
  let starred = false;
  /** Fallback characters still to skip after a `\uN`. */
  let toSkip = 0;
  const out: string[] = [];
  let bytesHeld: Buffer[] = [];
  let bytesCodepage = documentCodepage;

  const codepage = () => (state.font >= 0 ? fontCodepages.get(state.font) : undefined) ?? documentCodepage;
  const flushBytes = () => {
    if (bytesHeld.length === 0) return;
    const name = `cp${bytesCodepage}`;
    out.push(iconv.decode(Buffer.concat(bytesHeld), iconv.encodingExists(name) ? name : 'cp1252'));
    bytesHeld = [];
  };
  const addBytes = (data: Buffer) => {
    if (bytesHeld.length > 0 && bytesCodepage !== codepage()) flushBytes();
    bytesCodepage = codepage();
    bytesHeld.push(data);
  };
  const addText = (text: string) => {
    flushBytes();
    out.push(text);
  };

  const tokens = Readable.from([withHexEscapesWhole(bytes)]).pipe(new Tokenize());
  for await (const token of tokens as AsyncIterable<RtfToken>) {
    const opened = groupJustOpened;
    groupJustOpened = false;
    if (token.type === GROUP_START) {
      stack.push(state);
      state = { ...state };
      groupJustOpened = true;
      starred = false;
      if (inFontTable > 0) inFontTable += 1;
      continue;
    }
    if (token.type === GROUP_END) {
      state = stack.pop() ?? state;
      if (inFontTable > 0) inFontTable -= 1;
      toSkip = 0;
      continue;
    }
    if (token.type === CONTROL) {
      const word = token.word!;
      if (word === '*' && opened) {
        starred = true;
        groupJustOpened = true;
        continue;
      }
      if (starred || (opened && SKIPPED.has(word))) {
        starred = false;
        if (word === 'fonttbl') inFontTable = 1;
        else state.skipped = true;
        continue;
      }
      if (inFontTable > 0) {
        if (word === 'f' && token.param !== undefined) tableFont = token.param;
        else if (word === 'fcharset' && token.param !== undefined && tableFont >= 0) {
          const page = CHARSET_CODEPAGES[token.param];
          if (page !== undefined) fontCodepages.set(tableFont, page);
        } else if (word === 'cpg' && token.param !== undefined && tableFont >= 0) fontCodepages.set(tableFont, token.param);
        continue;
      }
      if (word === 'ansicpg' && token.param !== undefined) documentCodepage = token.param;
      else if (word === 'f' && token.param !== undefined) state.font = token.param;
      else if (word === 'uc' && token.param !== undefined) state.uc = token.param;
      if (state.skipped) continue;
      if (word === 'u' && token.param !== undefined) {
        addText(String.fromCharCode(token.param < 0 ? token.param + 0x10000 : token.param));
        toSkip = state.uc;
      } else if (word === "'" && token.data) {
        if (toSkip > 0) toSkip -= 1;
        else addBytes(token.data);
      } else if (word in CHARACTERS) {
        toSkip = 0;
        addText(CHARACTERS[word]!);
      }
      continue;
    }
    if (state.skipped || inFontTable > 0 || !token.data) continue;
    let data = token.data;
    if (toSkip > 0) {
      const skipped = Math.min(toSkip, data.length);
      data = data.subarray(skipped);
      toSkip -= skipped;
    }
    if (data.length > 0) addBytes(data);
  }
  flushBytes();
  // Surrogate pairs written as two \u words come out whole once joined.
  return out
    .join('')
    .split('\n')
    .map((line) => line.trim())
    .join('\n');
}

// Splits a JSON document into the values its articles are in as the text
// streams past, without holding the document: the items of a top-level list
// (scrapy's `-o items.json`, Python's json.dump, `jq -s`), or objects one
// after another (jq's output); and where a top-level object is too large to
// hold (a data set's `{"data": [...]}`), the objects in its lists, read from
// the text again by listedValues. Each value is handed over as its text and
// place, for JSON.parse to read. Not a streaming JSON parser such as
// stream-json: that names neither the line of a mistake nor reads on after
// one, so one bad item would end the file without saying where; here an item
// JSON.parse refuses is named at its line and column and only it is lost.

import JSON5 from 'json5';

/** A value's text and where it starts in the file (1-based). */
export interface JsonValueText {
  text: string;
  line: number;
  column: number;
}

/** Where and why the document cannot be split further: the rest of it is not read. */
export interface JsonStop {
  line: number;
  column: number;
  why: string;
}

/** Where a top-level object too large to hold starts: its offset in the text (in characters), line and column. */
export interface LargeObject {
  offset: number;
  line: number;
  column: number;
}

/**
 * A value, a mistake that ends the reading, a list never closed after its
 * last value (nothing lost, but the file may have been cut short), or a
 * top-level object too large to hold, for listedValues to read.
 */
export type JsonPiece = { value: JsonValueText } | { stop: JsonStop } | { unclosed: JsonStop } | { large: LargeObject };

/**
 * A top-level object past this many characters is no article but a data
 * set's wrapper (`{"data": [...]}`) read as one value would exceed what a
 * string holds (about 512 MB) long before its end: its lists' items are read
 * one by one instead (listedValues).
 */
export const LARGEST_OBJECT = 32 << 20;

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

const STRING_STOPS = /[\\"\n]/g;

/** Why the reading stops at a line break inside a string, and at the end of the text inside a value. */
const STRING_PAST_LINE = 'the text in quotation marks that starts here runs past the end of its line (a quotation mark missing?); the rest of the file is not read';
const ENDS_INSIDE = 'the file ends inside the value that starts here: it was cut short, or a bracket or quotation mark is missing';

const isSpace = (c: number) => c === 32 || c === NEWLINE || c === 13 || c === 9 || c === 0xfeff;

export async function* jsonValues(chunks: AsyncIterable<string>, largest = LARGEST_OBJECT): AsyncGenerator<JsonPiece> {
  let line = 1;
  // Offset in the whole text of the current line's first character, and of the current chunk.
  let lineStart = 0;
  let base = 0;
  let inList = false;
  let listLine = 0;
  let listColumn = 0;
  // Inside a value: its nesting depth, whether in a string, the string's start, the text so far.
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringLine = 0;
  let stringColumn = 0;
  let valueLine = 0;
  let valueColumn = 0;
  let valueOffset = 0;
  let pieces: string[] = [];
  // The characters of the value so far; past `largest` for a top-level object, it is passed over, not kept.
  let size = 0;
  let passedOver = false;
  for await (const chunk of chunks) {
    let from = 0;
    for (let i = 0; i < chunk.length; i += 1) {
      const c = chunk.charCodeAt(i);
      if (depth > 0) {
        if (inString) {
          if (!escaped && c !== BACKSLASH && c !== QUOTE && c !== NEWLINE) {
            // Most of an export is its texts: jump to the next character that can end or escape one.
            STRING_STOPS.lastIndex = i;
            i = STRING_STOPS.test(chunk) ? STRING_STOPS.lastIndex - 2 : chunk.length - 1;
            continue;
          }
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) inString = false;
          else if (c === NEWLINE) {
            // JSON's strings hold no line break: a quotation mark is missing, and no end of this value can be trusted.
            yield stop(stringLine, stringColumn, STRING_PAST_LINE);
            return;
          }
        } else if (c === QUOTE) {
          inString = true;
          stringLine = line;
          stringColumn = base + i - lineStart + 1;
        } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth += 1;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          depth -= 1;
          if (depth === 0) {
            if (!passedOver) {
              pieces.push(chunk.slice(from, i + 1));
              yield { value: { text: pieces.join(''), line: valueLine, column: valueColumn } };
            }
            pieces = [];
            passedOver = false;
          }
        }
      } else if (c === OPEN_BRACE || (c === OPEN_BRACKET && inList)) {
        depth = 1;
        from = i;
        size = 0;
        valueLine = line;
        valueColumn = base + i - lineStart + 1;
        valueOffset = base + i;
      } else if (c === OPEN_BRACKET) {
        inList = true;
        listLine = line;
        listColumn = base + i - lineStart + 1;
      } else if (inList && c === COMMA) continue;
      else if (inList && c === CLOSE_BRACKET) inList = false;
      else if (!isSpace(c)) {
        const found = chunk.slice(i, i + 20).split('\n')[0];
        yield stop(line, base + i - lineStart + 1, `expected an article object ({…}) but found \`${found}\`; the rest of the file is not read`);
        return;
      }
      if (c === NEWLINE) {
        line += 1;
        lineStart = base + i + 1;
      }
    }
    if (depth > 0 && !passedOver) {
      pieces.push(chunk.slice(from));
      size += chunk.length - from;
      if (size > largest && !inList) {
        yield { large: { offset: valueOffset, line: valueLine, column: valueColumn } };
        pieces = [];
        passedOver = true;
      }
    }
    base += chunk.length;
  }
  // A top-level object passed over says this itself, as listedValues reads it.
  if (depth > 0 && !passedOver) yield stop(valueLine, valueColumn, ENDS_INSIDE);
  else if (inList) yield { unclosed: { line: listLine, column: listColumn, why: 'the list that starts here is not closed: the file may have been cut short after its last article' } };
}

function stop(line: number, column: number, why: string): { stop: JsonStop } {
  return { stop: { line, column, why } };
}

/** An object in a list inside a large top-level object, and the keys leading to the list ("articles", "response.results"). */
export interface ListedValueText extends JsonValueText {
  path: string;
  /** Its place in the list, from 1, counting what is no object too. */
  item: number;
}

/** A key as written, in its quotation marks: its escapes read, where they can be. */
function keyOf(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

/** How many objects deep, the top-level one first, lists are looked into: as read-export.ts's listedArticles does for one held whole. */
const WALKED_OBJECTS = 3;

type Frame =
  | { list: false; walked: boolean; path: string; key: string; expectKey: boolean }
  | { list: true; items: boolean; path: string; count: number; expectItem: boolean };

/**
 * The objects in the lists of the top-level object that starts at
 * `at.offset`, each as its text and place, and the lists of the objects in
 * it, two deep, without holding the object: for a data set's wrapper too
 * large to read at once (`{"status": "ok", "articles": [...]}`).
 */
export async function* listedValues(chunks: AsyncIterable<string>, at: LargeObject): AsyncGenerator<{ listed: ListedValueText } | { stop: JsonStop }> {
  let line = 1;
  let lineStart = 0;
  let base = 0;
  const stack: Frame[] = [];
  let walkedObjects = 0;
  let inString = false;
  let escaped = false;
  let stringLine = 0;
  let stringColumn = 0;
  // A key being read, from its opening quotation mark: its pieces so far, or null for any other string.
  let key: string[] | null = null;
  let keyFrom = 0;
  // An item being read: its depth (0 when none), pieces, start and place in its list.
  let depth = 0;
  let from = 0;
  let pieces: string[] = [];
  let itemLine = 0;
  let itemColumn = 0;
  let itemOf: { path: string; item: number } = { path: '', item: 0 };
  for await (const chunk of chunks) {
    from = 0;
    keyFrom = 0;
    const skip = Math.max(0, Math.min(chunk.length, at.offset - base));
    for (let i = 0; i < chunk.length; i += 1) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) {
        if (i >= skip && inString) {
          yield stop(stringLine, stringColumn, STRING_PAST_LINE);
          return;
        }
        line += 1;
        lineStart = base + i + 1;
        continue;
      }
      if (i < skip) continue;
      if (inString) {
        if (!escaped && c !== BACKSLASH && c !== QUOTE) {
          STRING_STOPS.lastIndex = i;
          i = STRING_STOPS.test(chunk) ? STRING_STOPS.lastIndex - 2 : chunk.length - 1;
          continue;
        }
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else {
          inString = false;
          if (key) {
            key.push(chunk.slice(keyFrom, i + 1));
            const frame = stack.at(-1)!;
            if (!frame.list) frame.key = keyOf(key.join(''));
            key = null;
          }
        }
        continue;
      }
      if (c === QUOTE) {
        inString = true;
        stringLine = line;
        stringColumn = base + i - lineStart + 1;
        const frame = stack.at(-1);
        if (depth === 0 && frame && !frame.list && frame.expectKey) {
          key = [];
          keyFrom = i;
        }
      }
      if (depth > 0) {
        // Inside an item: only its end matters.
        if (c === OPEN_BRACE || c === OPEN_BRACKET) depth += 1;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          depth -= 1;
          if (depth === 0) {
            pieces.push(chunk.slice(from, i + 1));
            yield { listed: { text: pieces.join(''), line: itemLine, column: itemColumn, ...itemOf } };
            pieces = [];
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      const frame = stack.at(-1);
      if (frame === undefined && c !== OPEN_BRACE) return;
      if (frame?.list && frame.expectItem && c !== CLOSE_BRACKET) {
        frame.count += 1;
        frame.expectItem = false;
        if (frame.items && c === OPEN_BRACE) {
          depth = 1;
          from = i;
          itemLine = line;
          itemColumn = base + i - lineStart + 1;
          itemOf = { path: frame.path, item: frame.count };
          continue;
        }
      }
      if (c === OPEN_BRACE) {
        const walked = (frame === undefined || (!frame.list && frame.walked)) && walkedObjects < WALKED_OBJECTS;
        if (walked) walkedObjects += 1;
        const path = frame === undefined ? '' : frame.list ? frame.path : `${frame.path}${frame.key}.`;
        stack.push({ list: false, walked, path, key: '', expectKey: true });
      } else if (c === OPEN_BRACKET) {
        const items = frame !== undefined && !frame.list && frame.walked;
        stack.push({ list: true, items, path: frame !== undefined && !frame.list ? `${frame.path}${frame.key}` : '', count: 0, expectItem: true });
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        const closed = stack.pop();
        if (closed && !closed.list && closed.walked) walkedObjects -= 1;
        if (stack.length === 0) return;
      } else if (c === COMMA && frame) {
        if (frame.list) frame.expectItem = true;
        else frame.expectKey = true;
      } else if (c === COLON && frame && !frame.list) frame.expectKey = false;
    }
    if (depth > 0) pieces.push(chunk.slice(from));
    if (key) key.push(chunk.slice(keyFrom));
    base += chunk.length;
  }
  if (depth > 0) yield stop(itemLine, itemColumn, ENDS_INSIDE);
  else if (stack.length > 0) yield stop(at.line, at.column, 'the object that starts here is not closed: the file was cut short, or a bracket is missing');
}

/**
 * JSON.parse's reading of a text, or, where it refuses one, JSON5's (`lenient`):
 * NaN and Infinity, as Python's json module writes a missing number, a comma
 * before a closing bracket, comments. Throws JSON.parse's error, which places
 * the mistake, when neither reads it.
 */
export function parseJson(text: string): { value: unknown; lenient: boolean } {
  try {
    return { value: JSON.parse(text), lenient: false };
  } catch (strict) {
    try {
      return { value: json5Parse(text), lenient: true };
    } catch {
      throw strict;
    }
  }
}

/**
 * JSON5's reading, without the console line JSON5 writes for each line or
 * paragraph separator (U+2028, U+2029) inside a string: valid JSON, the
 * text's own, and an unformatted line per article on this tool's output.
 */
function json5Parse(text: string): unknown {
  if (!/[\u2028\u2029]/.test(text)) return JSON5.parse(text);
  const warn = console.warn;
  console.warn = () => {};
  try {
    return JSON5.parse(text);
  } finally {
    console.warn = warn;
  }
}

/**
 * A value's text read by parseJson; a mistake is placed in the file, from
 * the offset into the value that V8's message gives ("at position 47").
 */
export function parseJsonValue(given: JsonValueText): { value: unknown; lenient: boolean } | { error: JsonStop } {
  try {
    return parseJson(given.text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /\s*in JSON at position (\d+).*$/.exec(message);
    const offset = at ? Math.min(Number(at[1]), given.text.length) : 0;
    const before = given.text.slice(0, offset);
    const breaks = before.split('\n').length - 1;
    const column = breaks === 0 ? given.column + offset : offset - before.lastIndexOf('\n');
    return { error: { line: given.line + breaks, column, why: at ? message.slice(0, at.index) : message } };
  }
}

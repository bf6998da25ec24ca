// Splits a JSON document into the values its articles are in as the text
// streams past, without holding the document: the items of a top-level list
// (scrapy's `-o items.json`, Python's json.dump, `jq -s`), or objects one
// after another (jq's output). Each value is handed over as its text and
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

/** A value, a mistake that ends the reading, or a list never closed after its last value (nothing lost, but the file may have been cut short). */
export type JsonPiece = { value: JsonValueText } | { stop: JsonStop } | { unclosed: JsonStop };

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;

const STRING_STOPS = /[\\"\n]/g;

const isSpace = (c: number) => c === 32 || c === NEWLINE || c === 13 || c === 9 || c === 0xfeff;

export async function* jsonValues(chunks: AsyncIterable<string>): AsyncGenerator<JsonPiece> {
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
  let pieces: string[] = [];
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
            yield stop(stringLine, stringColumn, 'the text in quotation marks that starts here runs past the end of its line (a quotation mark missing?); the rest of the file is not read');
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
            pieces.push(chunk.slice(from, i + 1));
            yield { value: { text: pieces.join(''), line: valueLine, column: valueColumn } };
            pieces = [];
          }
        }
      } else if (c === OPEN_BRACE || (c === OPEN_BRACKET && inList)) {
        depth = 1;
        from = i;
        valueLine = line;
        valueColumn = base + i - lineStart + 1;
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
    if (depth > 0) pieces.push(chunk.slice(from));
    base += chunk.length;
  }
  if (depth > 0) yield stop(valueLine, valueColumn, 'the file ends inside the value that starts here: it was cut short, or a bracket or quotation mark is missing');
  else if (inList) yield { unclosed: { line: listLine, column: listColumn, why: 'the list that starts here is not closed: the file may have been cut short after its last article' } };
}

function stop(line: number, column: number, why: string): JsonPiece {
  return { stop: { line, column, why } };
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

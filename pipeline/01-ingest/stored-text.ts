// Texts as the tools researchers export them with store them: an API's mark
// where it cut a text short, escapes as in JSON or program source, a list of
// paragraphs as pandas writes one, and what a spreadsheet does to a text and
// an id it held. Each is read back as written, or named.
import JSON5 from 'json5';

/** NewsAPI's mark at the end of a text it cut short ("… [+3542 chars]"): its free plans give an article's first 200 characters. */
export const CUT_BY_API = /\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$/;

/** A backslash escape of JSON or program source: "\n", "\"", "\u2019". */
const ESCAPE = /\\(?:[nrt"'\\/]|u[0-9a-fA-F]{4})/g;
const ESCAPE_CHARACTERS: Record<string, string> = { n: '\n', r: '\r', t: '\t' };

/**
 * A field stored with its line breaks and other characters escaped, as in
 * JSON or program source ("fell.\nThe", "Peru\u2019s"), as some databases,
 * scrapers and conversions save text: read as written. A field is taken for
 * one when it holds an escaped line break or character and no line break of
 * its own; others are returned as they are.
 */
export function unescapedText(field: string): string {
  if (!field.includes('\\') || field.includes('\n') || !/\\(?:n|u[0-9a-fA-F]{4})/.test(field)) return field;
  return field.replace(ESCAPE, (escape) => (escape[1] === 'u' ? String.fromCharCode(parseInt(escape.slice(2), 16)) : (ESCAPE_CHARACTERS[escape[1]!] ?? escape[1]!)));
}

/** A text written out as a program's list of its paragraphs: "['First.', 'Second.']", as pandas saves a column of lists to CSV. */
const LIST_TEXT = /^\[\s*['"][\s\S]*['"]\s*\]$/;

/**
 * A text so written as its paragraphs, one a line, read as Python and JSON
 * write such a list (JSON5 reads both: quotes single or double, their
 * escapes); null for any other text.
 */
export function paragraphsOfList(field: string): string | null {
  const trimmed = field.trim();
  if (!trimmed.startsWith('[') || !LIST_TEXT.test(trimmed)) return null;
  try {
    const items: unknown = JSON5.parse(trimmed);
    return Array.isArray(items) && items.every((item) => typeof item === 'string') ? items.join('\n') : null;
  } catch {
    return null;
  }
}

/** How programs write a value that is missing: R's NA, pandas' NaN and NaT, Python's None, JSON's null, Excel's #N/A. */
const MISSING_VALUE = /^(?:NA|N\/A|#N\/A|NaN|nan|NaT|None|null|NULL)$/;
/** A value written as a formula giving it as text, ="0123", as some tools write values for Excel to keep as they are. */
const AS_TEXT_FORMULA = /^="(.*)"$/s;

/** A field's value as the program that wrote it meant it: no value for its mark of a missing one, a value for a formula giving it. */
export function storedValue(field: string): string {
  const value = field.trim();
  if (MISSING_VALUE.test(value)) return '';
  const formula = AS_TEXT_FORMULA.exec(value);
  return formula ? formula[1]!.replaceAll('""', '"') : field;
}

/** A long number as a spreadsheet shows and saves it, rounded: "1.23457E+18" (decimal comma too). */
export const ROUNDED_NUMBER = /^\d(?:[.,]\d+)?E\+\d+$/i;

/** The most characters a spreadsheet's cell holds (Excel's limit): an export opened and saved in one has longer texts cut to it. */
const CELL_LIMIT = 32_767;

/** Whether a text is as long as a spreadsheet cell can be, a line break inside it counted as one character, as Excel counts it. */
export function atCellLimit(text: string): boolean {
  return text.length === CELL_LIMIT || (text.length > CELL_LIMIT && text.length < 2 * CELL_LIMIT && text.replace(/\r\n/g, '\n').length === CELL_LIMIT);
}

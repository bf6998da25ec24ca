// Turns one captured page into article drafts by its outlet's cleaning rules:
//   1. normalise whitespace line by line, and take out the text `remove` names;
//   2. split a multi-article page at each closing line (`split`);
//   3. take out each part's lines of metadata (`metadata`), wherever they stand;
//   4. cut each part at the first line where the article ends (`end`);
//   5. drop site furniture;
//   6. take the title (first line left) and the byline (metadata near the top).
// cleanText does 1, 4 and 5 for an exported article's text (--rules).
// Pure: text and rules in, drafts or text out.
import { normaliseLine } from '../text.ts';
import { captures, type Captured, type CleaningRules } from './rules.ts';

export interface ArticleDraft {
  title: string;
  /** One paragraph per line. */
  text: string;
  captured: Captured;
  /** 1-based position on the page, for messages. */
  index: number;
}

/** A line break: also Unicode's line and paragraph separators, as text that went through JavaScript may hold. */
export const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/;

function firstMatch(patterns: RegExp[], line: string): RegExpExecArray | null {
  for (const re of patterns) {
    const m = re.exec(line);
    if (m) return m;
  }
  return null;
}

/** Fields already captured win: the closing line is read before the end line, the byline and the lines of metadata, in that order. */
function merge(into: Captured, more: Captured): Captured {
  return { ...more, ...into };
}

function splitParts(lines: string[], split: RegExp | null): { lines: string[]; captured: Captured }[] {
  if (!split) return [{ lines, captured: {} }];
  const parts: { lines: string[]; captured: Captured }[] = [];
  let current: string[] = [];
  for (const line of lines) {
    const m = split.exec(line);
    if (m) {
      parts.push({ lines: current, captured: captures(m) });
      current = [];
    } else {
      current.push(line);
    }
  }
  parts.push({ lines: current, captured: {} });
  return parts;
}

/** The lines up to the first that ends the article (`end`, returned with what it matched), without empty ones and furniture. */
function linesBeforeEnd(lines: string[], rules: CleaningRules): { kept: string[]; end: RegExpExecArray | null } {
  const kept: string[] = [];
  for (const line of lines) {
    const end = firstMatch(rules.end, line);
    if (end) return { kept, end };
    if (line !== '' && !firstMatch(rules.furniture, line)) kept.push(line);
  }
  return { kept, end: null };
}

/** The part's lines but those of metadata, and what those captured: an archive's "Document URL: …" stands after the text's end. */
function withoutMetadata(lines: string[], rules: CleaningRules): { text: string[]; captured: Captured } {
  if (rules.metadata.length === 0) return { text: lines, captured: {} };
  const text: string[] = [];
  let captured: Captured = {};
  for (const line of lines) {
    const m = firstMatch(rules.metadata, line);
    if (m) captured = merge(captured, captures(m));
    else text.push(line);
  }
  return { text, captured };
}

function cleanPart(lines: string[], captured: Captured, rules: CleaningRules, index: number): ArticleDraft | null {
  const { text, captured: metadata } = withoutMetadata(lines, rules);
  const { kept, end } = linesBeforeEnd(text, rules);
  if (kept.length === 0) return null;
  let info = end ? merge(captured, captures(end)) : captured;
  const [title, ...rest] = kept;
  // Every byline line near the top: an archive gives the date and the author on lines of their own (Nexis: "January 12, 2023 Thursday", "Byline: …").
  const body: string[] = [];
  rest.forEach((line, i) => {
    const m = i < rules.bylineWithin ? firstMatch(rules.byline, line) : null;
    if (m) info = merge(info, captures(m));
    else body.push(line);
  });
  return { title: title!, text: body.join('\n'), captured: merge(info, metadata), index };
}

/** Lines normalised, with the text `remove` names taken out of each. */
function linesOf(text: string, rules: CleaningRules): string[] {
  const lines = text.split(LINE_BREAK).map(normaliseLine);
  if (rules.remove.length === 0) return lines;
  return lines.map((line) => normaliseLine(rules.remove.reduce((kept, re) => kept.replace(re, ' '), line)));
}

/**
 * An exported article's text cleaned by the export's rules (--rules): text
 * removed, lines of furniture dropped, and everything from a closing line on.
 * Its title is given apart, so no line is taken for one, nor for a byline.
 */
export function cleanText(text: string, rules: CleaningRules): string {
  return linesBeforeEnd(linesOf(text, rules), rules).kept.join('\n');
}

export function cleanPage(page: string, rules: CleaningRules): ArticleDraft[] {
  const lines = linesOf(page, rules);
  const drafts: ArticleDraft[] = [];
  for (const part of splitParts(lines, rules.split)) {
    const draft = cleanPart(part.lines, part.captured, rules, drafts.length + 1);
    if (draft) drafts.push(draft);
  }
  return drafts;
}

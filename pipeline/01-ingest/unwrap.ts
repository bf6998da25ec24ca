// Text that a tool wrapped at a width (pandoc's plain text at 72, html2text
// at 78, lynx's and w3m's dumps at 79 or 80, mail and wire copy at 65-76):
// each line of a paragraph would be read as a paragraph of its own, and no
// sentence, no term of several words ("coup / regime"), no quotation would
// run across a line's end. Such a text is recognised by its lines' lengths
// and its paragraphs' lines are joined again.
import { LINE_BREAK } from './clean-page.ts';

/** The widths tools wrap at lie within these. */
const NARROWEST = 60;
const WIDEST = 100;
/** A wrapped line is at most this much shorter than the width: the next word would not fit. */
const SLACK = 20;
/** Fewer lines that run on than this are too few to tell a width by. */
const FEWEST = 8;

/**
 * The width a text is wrapped at, or null for one whose lines are its
 * paragraphs: nine in ten of its lines that run on into the next (not the
 * last of their block) are within SLACK of the longest of them, which is a
 * width tools wrap at, and hardly any line is longer.
 */
function wrapWidth(lines: readonly string[]): number | null {
  const runOn = lines.filter((line, i) => line.trim() !== '' && (lines[i + 1] ?? '').trim() !== '').map((line) => line.trimEnd().length);
  if (runOn.length < FEWEST) return null;
  const width = Math.max(...runOn);
  if (width < NARROWEST || width > WIDEST) return null;
  const full = runOn.filter((length) => length >= width - SLACK).length;
  const longer = lines.filter((line) => line.trimEnd().length > width).length;
  return full >= 0.9 * runOn.length && longer <= lines.length / 50 ? width : null;
}

/**
 * A wrapped text with each paragraph's lines joined into one, and the width
 * it was wrapped at; null for a text that is not wrapped. A line shorter than
 * the width less SLACK ends its paragraph (the last line of one, a heading, a
 * list item), as does a blank line. A word broken with a hyphen at a line's
 * end keeps it ("self-" "styled"), since whether the hyphen was the word's own
 * cannot be told.
 */
export function unwrapped(text: string): { text: string; width: number } | null {
  // Most texts have too few lines to be told wrapped, and are passed over without splitting them.
  let breaks = 0;
  for (let at = text.indexOf('\n'); at !== -1 && breaks < FEWEST; at = text.indexOf('\n', at + 1)) breaks += 1;
  if (breaks < FEWEST && !text.includes('\r')) return null;
  const lines = text.split(LINE_BREAK);
  const width = wrapWidth(lines);
  if (width === null) return null;
  const out: string[] = [];
  let joining = false;
  for (const line of lines) {
    const piece = line.trim();
    if (joining && piece !== '') {
      const last = out[out.length - 1]!;
      out[out.length - 1] = /\p{L}-$/u.test(last) && /^\p{Ll}/u.test(piece) ? `${last}${piece}` : `${last} ${piece}`;
    } else {
      out.push(piece);
    }
    joining = piece !== '' && line.trimEnd().length >= width - SLACK;
  }
  return { text: out.join('\n'), width };
}

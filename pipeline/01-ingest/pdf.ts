// A page saved as PDF, as Nexis Uni and ProQuest deliver articles and as
// people print a page to keep it: its text, a paragraph a line. PDF.js
// (Mozilla's pdfjs-dist) gives each page's runs of text with their places;
// they are read into paragraphs by the page's geometry:
//   1. runs on one line of the page (PDF.js marks each line's end) are a line;
//   2. a line goes on in the next where the next line's first word would not
//      have fit in the room it leaves before the right edge of the lines that
//      start where it starts (a column's lines against the column's edge), and
//      the next is no further below it than the document's usual line step; a
//      paragraph's last line, a heading or a byline leaves room, and the space
//      after a paragraph is a larger step, as a first line indented a few
//      characters is (print sets paragraphs so, with no space between them);
//   3. the lines of a paragraph are joined with a space, or, after a word
//      hyphenated at the line's end, with its hyphen kept ("dicta-tor"), as
//      unwrap.ts joins text wrapped at a width: whether a hyphen is the word's
//      own cannot be told without a dictionary;
//   4. a page's last line goes on in the next page's first by the room alone.
// Lines come in the order the PDF gives them: a page set in columns reads
// column by column where the PDF gives each column whole, as most do.
import { SIGNATURE, startsWith } from '../encoding.ts';

/** A step down this many times the document's usual one or more is the space after a paragraph. */
const PARAGRAPH_GAP = 1.25;

interface Line {
  text: string;
  /** Its baseline's height on the page, from the bottom. */
  y: number;
  /** Where its first run starts, and its last ends, from the left. */
  left: number;
  right: number;
}

/** Lines starting within this many points of each other start at one place (a column's, a margin's). */
const SAME_START = 4;

interface TextRun {
  str: string;
  hasEOL: boolean;
  transform: number[];
  width: number;
}

/** A page's lines, from PDF.js's runs: a line ends at a run that ends one, or where the next run stands lower. */
function linesOf(runs: TextRun[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const run of runs) {
    const [, , , , x = 0, y = 0] = run.transform;
    if (current && run.str !== '' && Math.abs(current.y - y) > 2) {
      lines.push(current);
      current = null;
    }
    if (run.str !== '') {
      current ??= { text: '', y, left: x, right: 0 };
      current.text += run.str;
      current.right = Math.max(current.right, x + run.width);
    }
    if (run.hasEOL && current) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines.filter((line) => line.text.trim() !== '');
}

/** A line's width per character: what a word of the next line would take on it, and an indent is counted in. */
const characterWidth = (line: Line) => (line.right - line.left) / Math.max(1, line.text.length);

/**
 * Whether a line was broken because the next line's first word would not fit
 * after it: its room before the right edge of the longest line starting where
 * it starts is less than that word and a space, at the line's own width per
 * character.
 */
function wrapsInto(lines: Line[]): (line: Line, next: Line) => boolean {
  const edges = new Map<number, number>();
  const place = (line: Line) => Math.round(line.left / SAME_START);
  for (const line of lines) edges.set(place(line), Math.max(edges.get(place(line)) ?? 0, line.right));
  return (line, next) => {
    const at = place(line);
    const edge = Math.max(edges.get(at - 1) ?? 0, edges.get(at)!, edges.get(at + 1) ?? 0);
    const word = /^\s*(\S+)/.exec(next.text)?.[1]?.length ?? 0;
    return line.right + characterWidth(line) * (word + 1) > edge;
  };
}

/**
 * The step down from a line to the next inside a paragraph: the one most
 * lines broken for want of room take to the line after them (the steps after
 * short lines, headings and bylines, are mostly paragraphs' spaces); 0 for none.
 */
function usualStep(pages: Line[][], wraps: (line: Line, next: Line) => boolean): number {
  const counts = new Map<number, number>();
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const step = Math.round(lines[i - 1]!.y - lines[i]!.y);
      if (step > 0 && wraps(lines[i - 1]!, lines[i]!)) counts.set(step, (counts.get(step) ?? 0) + 1);
    }
  }
  let best = 0;
  let seen = 0;
  for (const [step, count] of counts) if (count > seen || (count === seen && step < best)) [best, seen] = [step, count];
  return best;
}

/** The most characters a paragraph's first line is indented by, as print sets paragraphs with no space between them; a column's start is further. */
const MOST_INDENT = 8;

/** A list item's mark, after which its next lines are indented to where its words start. */
const LIST_MARK = /^\s*(?:[•●▪◦‣*–—-]|\(?(?:\d{1,3}|[a-z])[.)])\s/;

/**
 * Whether `next` starts a paragraph set with a first-line indent: it starts a
 * little to the right of where `line` starts, which is no list item's first line.
 */
function indented(line: Line, next: Line): boolean {
  const indent = next.left - line.left;
  if (LIST_MARK.test(line.text)) return false;
  return indent > SAME_START && indent <= MOST_INDENT * characterWidth(line);
}

/** `line` joined to the paragraph so far, `paragraph`. */
function joined(paragraph: string, line: string): string {
  return /\p{L}-$/u.test(paragraph) && /^\p{Ll}/u.test(line) ? `${paragraph}${line}` : `${paragraph} ${line}`;
}

/** Whether a file's first bytes say it is a PDF. */
export const isPdf = (bytes: Buffer) => startsWith(bytes, SIGNATURE.pdf);

/** A PDF's text, its paragraphs one a line; an Error where PDF.js cannot read it (damaged, or locked by a password). */
export async function textOfPdf(bytes: Uint8Array): Promise<string> {
  // Loaded only for a PDF: it takes a while, and most corpora have none.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // verbosity 0: PDF.js would print its warnings about fonts to the console, amid the run's messages.
  const document = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise.catch((e: Error) => {
    const why = e.name === 'PasswordException' ? 'locked with a password' : `damaged: ${e.message.replace(/\.$/, '')}`;
    throw new Error(`a PDF that cannot be read (${why}); open it and save its text as plain text (.txt)`);
  });
  try {
    const pages: Line[][] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      pages.push(linesOf((await page.getTextContent()).items.filter((item): item is TextRun & typeof item => 'str' in item)));
      page.cleanup();
    }
    // Edges and a line step for the whole document: a page of a few short lines has neither of its own.
    const wraps = wrapsInto(pages.flat());
    const step = usualStep(pages, wraps);
    const paragraphs: string[] = [];
    let open = false;
    pages.forEach((lines, p) => {
      lines.forEach((line, i) => {
        const text = line.text.replace(/\s+/g, ' ').trim();
        if (open) paragraphs[paragraphs.length - 1] = joined(paragraphs.at(-1)!, text);
        else paragraphs.push(text);
        const next = lines[i + 1];
        const overPage = next === undefined ? pages.slice(p + 1).find((later) => later.length > 0)?.[0] : undefined;
        const following = next ?? overPage;
        open =
          following !== undefined && wraps(line, following) && !indented(line, following) && (next === undefined || step === 0 || line.y - next.y < PARAGRAPH_GAP * step);
      });
    });
    if (paragraphs.length === 0) throw new Error('a PDF without text (a scanned page, say): its text must be recognised (OCR) or typed first');
    return paragraphs.join('\n');
  } finally {
    await document.destroy();
  }
}

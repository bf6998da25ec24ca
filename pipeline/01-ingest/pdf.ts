// A page saved as PDF, as Nexis Uni and ProQuest deliver articles and as
// people print a page to keep it: its text, a paragraph a line. PDF.js
// (Mozilla's pdfjs-dist) gives each page's runs of text with their places;
// they are read into paragraphs by the page's geometry:
//   1. runs on one line of the page (PDF.js marks each line's end) are a line;
//   2. a line ends its paragraph where the next is further below it than the
//      document's usual line step (the space after a paragraph), or where it
//      stops short of the right edge of its text (a paragraph's last line, a
//      heading, a byline);
//   3. the lines of a paragraph are joined with a space, or, after a word
//      hyphenated at the line's end, with its hyphen kept ("dicta-tor"), as
//      unwrap.ts joins text wrapped at a width: whether a hyphen is the word's
//      own cannot be told without a dictionary;
//   4. a page ends its paragraph unless its last line runs to the edge.
// One column is assumed: a newspaper page's columns would be read across.

/** A line at least this share of the document's longest runs to the edge of the text (a paragraph goes on after it). */
const FULL_LINE = 0.85;
/** A step down this many times the document's usual one or more is the space after a paragraph. */
const PARAGRAPH_GAP = 1.25;

interface Line {
  text: string;
  /** Its baseline's height on the page, from the bottom. */
  y: number;
  /** Where its last run ends, from the left. */
  right: number;
}

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
      current ??= { text: '', y, right: 0 };
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

/**
 * The step down from a line to the next inside a paragraph: the one most
 * lines that run to the edge take to the line after them (the steps after
 * short lines, headings and bylines, are mostly paragraphs' spaces); 0 for none.
 */
function usualStep(pages: Line[][], edge: number): number {
  const counts = new Map<number, number>();
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const step = Math.round(lines[i - 1]!.y - lines[i]!.y);
      if (step > 0 && lines[i - 1]!.right >= FULL_LINE * edge) counts.set(step, (counts.get(step) ?? 0) + 1);
    }
  }
  let best = 0;
  let seen = 0;
  for (const [step, count] of counts) if (count > seen || (count === seen && step < best)) [best, seen] = [step, count];
  return best;
}

/** `line` joined to the paragraph so far, `paragraph`. */
function joined(paragraph: string, line: string): string {
  return /\p{L}-$/u.test(paragraph) && /^\p{Ll}/u.test(line) ? `${paragraph}${line}` : `${paragraph} ${line}`;
}

/** Whether a file's first bytes say it is a PDF. */
export const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString('latin1') === '%PDF-';

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
    // One text width and one line step for the whole document: a page of a few short lines has neither of its own.
    const edge = pages.flat().reduce((most, line) => Math.max(most, line.right), 0);
    const step = usualStep(pages, edge);
    const paragraphs: string[] = [];
    let open = false;
    for (const lines of pages) {
      lines.forEach((line, i) => {
        const text = line.text.replace(/\s+/g, ' ').trim();
        if (open) paragraphs[paragraphs.length - 1] = joined(paragraphs.at(-1)!, text);
        else paragraphs.push(text);
        const next = lines[i + 1];
        open = line.right >= FULL_LINE * edge && (next === undefined || step === 0 || line.y - next.y < PARAGRAPH_GAP * step);
      });
    }
    if (paragraphs.length === 0) throw new Error('a PDF without text (a scanned page, say): its text must be recognised (OCR) or typed first');
    return paragraphs.join('\n');
  } finally {
    await document.destroy();
  }
}

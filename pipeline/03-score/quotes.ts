// Finds direct quotations in an article's tokens, so that each hit can be
// told apart as the outlet's own words or someone else's:
//   1. curly and straight, double and single marks;
//   2. a quotation may run over sentences, and over paragraphs in the print
//      convention (an opening mark at the start of each paragraph, a closing
//      mark only at the end);
//   3. an apostrophe ("Peru’s", "families’", "d’état") never opens or closes one;
//   4. a quotation left open at a paragraph's end that the next paragraph does
//      not continue is closed there, so one stray mark cannot swallow an article.
import type { Tokens } from '../types.ts';

export interface Quotation {
  /** Token of the opening mark. */
  open: number;
  /** Token of the closing mark, or of the last token where the quotation ran out. */
  close: number;
  /** True when a closing mark ends it (not a paragraph end). */
  closed: boolean;
}

export interface Quotes {
  /** For each token, the index in `quotations` of the outermost quotation it is inside, or -1. */
  inside: Int32Array;
  quotations: Quotation[];
}

type Mark = 'open-double' | 'close-double' | 'straight-double' | 'open-single' | 'close-single' | 'straight-single';

const MARKS = new Map<string, Mark>([
  ['“', 'open-double'], ['„', 'open-double'], ['«', 'open-double'],
  ['”', 'close-double'], ['»', 'close-double'],
  ['"', 'straight-double'],
  ['‘', 'open-single'], ['‹', 'open-single'],
  ['’', 'close-single'], ['›', 'close-single'],
  ["'", 'straight-single'],
]);

interface Open {
  double: boolean;
  open: number;
}

function startsParagraph(tokens: Pick<Tokens, 'pre'>, i: number): boolean {
  const pre = tokens.pre[i]!;
  // Most tokens follow one space or none: no need to search those.
  return i === 0 || (pre.length > 0 && pre !== ' ' && pre.includes('\n'));
}

export function findQuotes(tokens: Pick<Tokens, 'value' | 'pre'>): Quotes {
  const n = tokens.value.length;
  const inside = new Int32Array(n).fill(-1);
  const quotations: Quotation[] = [];
  const stack: Open[] = [];
  let outer = -1;

  const closeAll = (at: number, closed: boolean) => {
    if (stack.length === 0) return;
    quotations[outer] = { open: stack[0]!.open, close: at, closed };
    stack.length = 0;
    outer = -1;
  };
  const push = (double: boolean, at: number) => {
    if (stack.length === 0) {
      outer = quotations.length;
      quotations.push({ open: at, close: at, closed: false });
    }
    stack.push({ double, open: at });
  };
  /** Closes the innermost open quotation of this kind, and any opened inside it. */
  const pop = (double: boolean, at: number): boolean => {
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k]!.double !== double) continue;
      if (k === 0) closeAll(at, true);
      else stack.length = k;
      return true;
    }
    return false;
  };
  const isOpen = (double: boolean) => stack.some((o) => o.double === double);

  for (let i = 0; i < n; i++) {
    const mark = MARKS.get(tokens.value[i]!);
    if (startsParagraph(tokens, i) && stack.length > 0) {
      // Print convention: a new paragraph that opens with a double mark continues the quotation.
      const continues = stack[0]!.double && (mark === 'open-double' || mark === 'straight-double');
      if (continues) {
        stack.length = 1;
        inside[i] = outer;
        continue;
      }
      closeAll(i - 1, false);
    }
    if (stack.length > 0) inside[i] = outer;
    if (!mark) continue;
    const glued = tokens.pre[i] === '' && !startsParagraph(tokens, i);
    const nextGlued = i + 1 < n && tokens.pre[i + 1] === '';
    // An opening mark is glued to the word it opens; one before a space or a comma is closing.
    const opensWord = nextGlued && /^[\p{L}\p{N}[(¿¡…]/u.test(tokens.value[i + 1]!);
    switch (mark) {
      case 'open-double':
        // “ followed by a space while a quotation is open is a closing mark typed wrong: “Operation Car Wash “,
        if (!(isOpen(true) && !opensWord && pop(true, i))) push(true, i);
        break;
      case 'close-double':
        // ” glued to the next word after a space, with nothing open, is an opening mark typed wrong.
        if (!pop(true, i) && !glued && opensWord) push(true, i);
        break;
      case 'straight-double':
        if (!(isOpen(true) && pop(true, i))) push(true, i);
        break;
      case 'open-single':
        if (opensWord) push(false, i);
        break;
      case 'close-single':
        // Only an open single quotation is closed; otherwise it is an apostrophe.
        pop(false, i);
        break;
      case 'straight-single':
        if (isOpen(false) && glued) pop(false, i);
        else if (!glued && opensWord) push(false, i);
        break;
    }
    if (stack.length > 0) inside[i] = outer;
  }
  closeAll(n - 1, false);
  return { inside, quotations };
}

// Matching units: the words that lexicon terms are matched against, built the
// same way from article tokens and from term tokens. Quotation marks are
// transparent ("self-styled ‘President’" is three units), a hyphen inside or
// between words is the same as a space ("self-styled" = "self styled"), and
// every other punctuation mark is a unit that no word matches, so that no term
// runs across a comma, a dash or a sentence end.
import { fold } from '../text.ts';
import type { Tokens } from '../types.ts';

export interface Unit {
  /** The token this unit comes from (a hyphenated token gives several units). */
  token: number;
  /** Folded forms the unit answers to: its text and its lemma. */
  keys: string[];
}

const QUOTE_MARKS = new Set(['"', "'", '«', '»', '‹', '›', '`']);
const HYPHEN = /^[-\u2010\u2011]$/;

function foldWord(word: string): string {
  const lower = word.toLowerCase();
  return /^[a-z0-9]*$/.test(lower) ? lower : fold(word);
}

export function isQuoteMark(value: string): boolean {
  return QUOTE_MARKS.has(fold(value));
}

/** A hyphen glued to words on both sides joins them; it is no unit of its own. */
function isJoiningHyphen(tokens: Pick<Tokens, 'value' | 'pre'>, i: number): boolean {
  return (
    HYPHEN.test(tokens.value[i]!) &&
    tokens.pre[i] === '' &&
    i + 1 < tokens.value.length &&
    tokens.pre[i + 1] === ''
  );
}

/** Units of tokens [from, to); lemmas are optional (lexicon terms are matched by their written form). */
export function unitsOf(tokens: Pick<Tokens, 'value' | 'pre'> & { lemma?: string[] }, from: number, to: number): Unit[] {
  const units: Unit[] = [];
  for (let i = from; i < to; i++) {
    const value = tokens.value[i]!;
    if (isQuoteMark(value) || isJoiningHyphen(tokens, i)) continue;
    const parts = foldWord(value).split('-').filter((p) => p !== '');
    if (parts.length === 0) {
      units.push({ token: i, keys: [foldWord(value)] });
      continue;
    }
    const lemmaParts = tokens.lemma ? foldWord(tokens.lemma[i]!).split('-').filter((p) => p !== '') : [];
    parts.forEach((part, k) => {
      const lemma = lemmaParts.length === parts.length ? lemmaParts[k]! : part;
      units.push({ token: i, keys: lemma === part ? [part] : [part, lemma] });
    });
  }
  return units;
}

// Matching units: the words that lexicon terms are matched against, built the
// same way from article tokens and from term tokens. Quotation marks are
// transparent ("self-styled ‘President’" is three units), a hyphen inside or
// between words is the same as a space ("self-styled" = "self styled"), and
// every other punctuation mark is a unit that no word matches, so that no term
// runs across a comma, a dash or a sentence end. Built once per article, in
// flat arrays, from the folded forms the tokeniser stored.
import type { Tokens } from '../types.ts';

export interface Units {
  /** The token each unit comes from (a hyphenated token gives several units). */
  token: Int32Array;
  /** The unit's folded text, and its folded lemma (the same string where they agree). */
  key: string[];
  lemma: string[];
  /** Their numbers in this thread's word list (wordId), so that a lexicon's test of a word is an array read. */
  keyId: Int32Array;
  lemmaId: Int32Array;
  /** The word list's generation these numbers belong to. */
  generation: number;
  /** The first unit of each sentence, then the number of units. */
  sentenceStart: Int32Array;
}

const QUOTE_MARKS = new Set(['"', "'", '«', '»', '‹', '›', '`']);
const HYPHEN = /^[-\u2010\u2011]$/;

/** Every spelling of a quotation mark that fold() turns into one of QUOTE_MARKS, to test tokens without folding. */
const QUOTE_SPELLINGS = new Set([
  ...QUOTE_MARKS, '\u2018', '\u2019', '\u201A', '\u201B', '\u02BC', '\u2032', '\u00B4',
  '\u201C', '\u201D', '\u201E', '\u201F', '\u2033',
]);

export function isQuoteMark(value: string): boolean {
  return QUOTE_SPELLINGS.has(value);
}

/**
 * A number for each distinct folded word this thread has seen. It grows with
 * the vocabulary, not the corpus; past a bound it starts again, as a new
 * generation, so that memos keyed by these numbers know to start again too.
 */
const wordIds = new Map<string, number>();
const MAX_WORDS = 1 << 21;
let wordGeneration = 0;

function wordId(word: string): number {
  let id = wordIds.get(word);
  if (id === undefined) {
    id = wordIds.size;
    wordIds.set(word, id);
  }
  return id;
}

export type UnitTokens = Pick<Tokens, 'value' | 'pre' | 'norm' | 'lemmaNorm' | 'sentenceStarts'>;

/** A hyphen glued to words on both sides joins them; it is no unit of its own. */
function isJoiningHyphen(tokens: UnitTokens, i: number): boolean {
  return HYPHEN.test(tokens.value[i]!) && tokens.pre[i] === '' && i + 1 < tokens.value.length && tokens.pre[i + 1] === '';
}

export function unitsOf(tokens: UnitTokens): Units {
  const token: number[] = [];
  const key: string[] = [];
  const lemma: string[] = [];
  const starts = tokens.sentenceStarts;
  const sentenceStart = new Int32Array(starts.length + 1);
  let sentence = 0;
  for (let i = 0; i < tokens.value.length; i++) {
    while (sentence < starts.length && starts[sentence]! <= i) sentenceStart[sentence++] = key.length;
    const norm = tokens.norm[i]!;
    if (QUOTE_MARKS.has(norm) || isJoiningHyphen(tokens, i)) continue;
    if (!norm.includes('-') || norm.length === 1) {
      token.push(i);
      key.push(norm);
      lemma.push(tokens.lemmaNorm[i]!);
      continue;
    }
    const parts = norm.split('-').filter((p) => p !== '');
    if (parts.length === 0) {
      token.push(i);
      key.push(norm);
      lemma.push(norm);
      continue;
    }
    const lemmaParts = tokens.lemmaNorm[i]!.split('-').filter((p) => p !== '');
    parts.forEach((part, k) => {
      token.push(i);
      key.push(part);
      lemma.push(lemmaParts.length === parts.length ? lemmaParts[k]! : part);
    });
  }
  while (sentence <= starts.length) sentenceStart[sentence++] = key.length;
  // Started again between articles only, so that one article's numbers are all of one generation.
  if (wordIds.size + 2 * key.length > MAX_WORDS) {
    wordIds.clear();
    wordGeneration += 1;
  }
  const keyId = new Int32Array(key.length);
  const lemmaId = new Int32Array(key.length);
  for (let u = 0; u < key.length; u++) {
    keyId[u] = wordId(key[u]!);
    lemmaId[u] = lemma[u] === key[u] ? keyId[u]! : wordId(lemma[u]!);
  }
  return { token: Int32Array.from(token), key, lemma, keyId, lemmaId, generation: wordGeneration, sentenceStart };
}

/**
 * Every word an article can be matched or counted by: its units' texts and
 * lemmas, and its tokens' lemmas (suggestions count those). A lexicon edit can
 * change the hits of an article only if its vocabulary holds the first word of
 * an entry edited.
 */
export function vocabularyOf(units: Units, tokens: Pick<Tokens, 'lemmaNorm'>): Set<string> {
  const words = new Set(units.key);
  for (const lemma of units.lemma) words.add(lemma);
  for (const lemma of tokens.lemmaNorm) words.add(lemma);
  return words;
}

/**
 * A 32-bit hash of a word (FNV-1a): the run memory keeps an article's words as
 * these, made by the thread that scores it, so that the thread that writes the
 * memory need not look each word up.
 */
export function wordHash(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

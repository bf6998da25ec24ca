// Matching units: the words that lexicon terms are matched against, built the
// same way from article tokens and from term tokens. Quotation marks are
// transparent ("self-styled ‘President’" is three units), a hyphen inside or
// between words is the same as a space ("self-styled" = "self styled"; so is
// a dash between two words with no space, "self–styled"), and
// every other punctuation mark is a unit that no word matches, so that no term
// runs across a comma, a dash or a sentence end. Built once per article, in
// flat arrays, from the folded forms the tokeniser stored.
import { grown } from '../arrays.ts';
import { INNER_HYPHEN } from '../text.ts';
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
/**
 * Hyphens, and the dashes a word processor or a typesetter puts between two
 * words with no space ("self–proclaimed", "US–backed", "Peru–Venezuela"), which
 * join them as a hyphen does; a dash with a space on either side stays a dash.
 */
const HYPHEN = /^[-\u2010\u2011\u2012\u2013]$/;

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
/** By id: the word, and its wordHash (made once per word rather than once per article holding it). */
const wordList: string[] = [];
let wordHashes = new Uint32Array(1 << 16);
/** By id: the last call of vocabularyIds that took the word, so that it takes each word once. */
let takenBy = new Int32Array(1 << 16);
let vocabularyCalls = 0;

function wordId(word: string): number {
  let id = wordIds.get(word);
  if (id === undefined) {
    id = wordList.length;
    wordIds.set(word, id);
    wordList.push(word);
    if (id === wordHashes.length) {
      wordHashes = grown(wordHashes);
      takenBy = grown(takenBy);
    }
    wordHashes[id] = wordHash(word);
  }
  return id;
}

/**
 * A byte per word number of one generation of the word list, for memos keyed
 * by these numbers: made anew when the generation changes, grown as numbers come.
 */
export interface WordBytes {
  generation: number;
  byWord: Uint8Array;
}

export const freshWordBytes = (generation: number): WordBytes => ({ generation, byWord: new Uint8Array(1 << 12) });

/** The memo's bytes, grown to hold word number `id`. */
export function bytesHolding(memo: WordBytes, id: number): Uint8Array {
  if (id >= memo.byWord.length) memo.byWord = grown(memo.byWord, id + 1);
  return memo.byWord;
}

export type UnitTokens = Pick<Tokens, 'value' | 'pre' | 'norm' | 'lemmaNorm' | 'sentenceStarts'>;

/** A hyphen glued to words on both sides joins them: it is no unit of its own, and part of a noun phrase. */
export function isJoiningHyphen(tokens: Pick<Tokens, 'value' | 'pre'>, i: number): boolean {
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
    if (norm.length === 1 || !INNER_HYPHEN.test(norm)) {
      token.push(i);
      key.push(norm);
      lemma.push(tokens.lemmaNorm[i]!);
      continue;
    }
    const parts = norm.split(INNER_HYPHEN).filter((p) => p !== '');
    if (parts.length === 0) {
      token.push(i);
      key.push(norm);
      lemma.push(norm);
      continue;
    }
    const lemmaParts = tokens.lemmaNorm[i]!.split(INNER_HYPHEN).filter((p) => p !== '');
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
    wordList.length = 0;
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
 * Every word an article can be matched or counted by, each once, as ids of
 * the word list (wordOf, wordHashOf): its units' texts and lemmas, and its
 * tokens' lemmas (suggestions count those). A lexicon edit can change the hits
 * of an article only if its vocabulary holds the first word of an entry
 * edited. `units` must be the last made (unitsOf), so that their ids are of
 * the word list's present generation.
 */
export function vocabularyIds(units: Units, tokens: Pick<Tokens, 'lemmaNorm'>): number[] {
  if (units.generation !== wordGeneration) throw new Error('vocabularyIds: units of an earlier generation of the word list');
  const call = ++vocabularyCalls;
  const ids: number[] = [];
  const take = (id: number) => {
    if (takenBy[id] === call) return;
    takenBy[id] = call;
    ids.push(id);
  };
  // A token's lemma is most often its unit's lemma, whose id is known: only the others are looked up.
  const lemmaTaken = new Uint8Array(tokens.lemmaNorm.length);
  for (let u = 0; u < units.key.length; u++) {
    take(units.keyId[u]!);
    take(units.lemmaId[u]!);
    if (units.lemma[u] === tokens.lemmaNorm[units.token[u]!]) lemmaTaken[units.token[u]!] = 1;
  }
  for (let t = 0; t < tokens.lemmaNorm.length; t++) if (!lemmaTaken[t]) take(wordId(tokens.lemmaNorm[t]!));
  return ids;
}

export const wordOf = (id: number): string => wordList[id]!;
export const wordHashOf = (id: number): number => wordHashes[id]!;

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

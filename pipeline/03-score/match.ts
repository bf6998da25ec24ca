// Stage 3, score: finds every lexicon entry in a tokenised article. Within one
// lexicon, matching runs left to right and takes the longest term that starts
// at each word ("coup regime" is one hit, not also one for "regime"); a word
// is counted once. Each lexicon is a separate analysis: one word may be a hit
// in two lexicons.
import { sentenceBounds } from '../02-tokenise/tokenise.ts';
import type { Hit, TokenisedArticle, Tokens, TokenSpan } from '../types.ts';
import type { CompiledLexicon, CompiledTerms, Termed, TrieNode } from './compile.ts';
import { NOT_COUNTED } from './lexicon.ts';
import { bytesHolding, freshWordBytes, type Units } from './units.ts';

/** Words of context each side of a hit in hits.csv. */
const CONTEXT_WORDS = 8;

/**
 * A "sentence" longer than this many tokens is text the sentence splitter could
 * not split (no full stops: a list, a transcript, a table); the longest real
 * one in 300 news articles had 207. Reports show SENTENCE_WINDOW tokens either
 * side of the hit instead.
 */
const LONG_SENTENCE = 250;
const SENTENCE_WINDOW = 100;

interface Step<T> {
  node: TrieNode<T>;
  /** How many `*` words the path took: a written-out word beats a wildcard. */
  wildcards: number;
}

/** A term found in a list of units: units [from, to). */
export interface Span<T> {
  entry: T;
  from: number;
  to: number;
  wildcards: number;
}

function better<T extends Termed>(a: Span<T>, b: Span<T> | null): boolean {
  if (!b) return true;
  if (a.to !== b.to) return a.to > b.to;
  if (a.wildcards !== b.wildcards) return a.wildcards < b.wildcards;
  return a.entry.line < b.entry.line;
}

function push<T>(out: Step<T>[], node: TrieNode<T> | undefined, wildcards: number): void {
  if (!node) return;
  for (const step of out) if (step.node === node) return;
  out.push({ node, wildcards });
}

function pushPrefixes<T>(out: Step<T>[], node: TrieNode<T>, key: string, wildcards: number): void {
  for (const length of node.prefixLengths) {
    if (length <= key.length) push(out, node.prefix.get(key.slice(0, length)), wildcards + 1);
  }
}

/** The trie nodes reached from `steps` by one unit (its text or its lemma). */
function advance<T>(steps: Step<T>[], key: string, lemma: string): Step<T>[] {
  const out: Step<T>[] = [];
  for (const step of steps) {
    const node = step.node;
    push(out, node.next.get(key), step.wildcards);
    if (lemma !== key) push(out, node.next.get(lemma), step.wildcards);
    if (node.prefixLengths.length === 0) continue;
    pushPrefixes(out, node, key, step.wildcards);
    if (lemma !== key) pushPrefixes(out, node, lemma, step.wildcards);
  }
  return out;
}

function startsWith<T>(compiled: CompiledTerms<T>, word: string, id: number): boolean {
  const byWord = bytesHolding(compiled.starters, id);
  if (byWord[id] === 0) byWord[id] = advance([{ node: compiled.root, wildcards: 0 }], word, word).length > 0 ? 2 : 1;
  return byWord[id] === 2;
}

/** Whether any term starts with unit `u`, by its text or its lemma. */
function startsTerm<T>(compiled: CompiledTerms<T>, units: Units, u: number): boolean {
  if (compiled.starters.generation !== units.generation) compiled.starters = freshWordBytes(units.generation);
  const key = units.keyId[u]!;
  const lemma = units.lemmaId[u]!;
  return startsWith(compiled, units.key[u]!, key) || (lemma !== key && startsWith(compiled, units.lemma[u]!, lemma));
}

/** The longest entry that starts at unit `from` and ends by unit `end`, or null. */
function longestAt<T extends Termed>(units: Units, from: number, end: number, compiled: CompiledTerms<T>): Span<T> | null {
  if (!startsTerm(compiled, units, from)) return null;
  let steps: Step<T>[] = [{ node: compiled.root, wildcards: 0 }];
  let best: Span<T> | null = null;
  for (let j = from; j < end && steps.length > 0; j++) {
    steps = advance(steps, units.key[j]!, units.lemma[j]!);
    for (const step of steps) {
      if (!step.node.entry) continue;
      const found = { entry: step.node.entry, from, to: j + 1, wildcards: step.wildcards };
      if (better(found, best)) best = found;
    }
  }
  return best;
}

/** Every term in units [from, to), left to right, the longest at each start, none overlapping. */
export function findSpans<T extends Termed>(units: Units, from: number, to: number, compiled: CompiledTerms<T>): Span<T>[] {
  const spans: Span<T>[] = [];
  for (let i = from; i < to; ) {
    const found = longestAt(units, i, to, compiled);
    if (found) {
      spans.push(found);
      i = found.to;
    } else {
      i += 1;
    }
  }
  return spans;
}

/** Text of tokens [from, to) as the article has it. */
export function textOf(tokens: Pick<Tokens, 'value' | 'pre'>, from: number, to: number): string {
  let text = '';
  let plain = true;
  for (let i = from; i < to; i++) {
    const pre = i === from ? '' : tokens.pre[i]!;
    if (pre !== '' && pre !== ' ') plain = false;
    text += pre + tokens.value[i]!;
  }
  return plain ? text : text.replace(/\s+/g, ' ');
}

/**
 * The sentence of tokens [from, to) as reports show it, by the words
 * [start, end) of it they show it for: whole (built once, however often
 * asked), or past LONG_SENTENCE tokens the window around those words, a cut
 * end marked "…". Whole, each row of such a sentence would hold all the text:
 * more than a spreadsheet cell takes (32,767 characters), and with many hits in
 * it, more than the longest string JavaScript allows, which stopped the run.
 */
export function sentenceShown(tokens: Pick<Tokens, 'value' | 'pre'>, from: number, to: number): (start: number, end: number) => string {
  if (to - from <= LONG_SENTENCE) {
    let whole: string | null = null;
    return () => (whole ??= textOf(tokens, from, to));
  }
  return (start, end) => {
    const first = Math.max(from, start - SENTENCE_WINDOW);
    const last = Math.min(to, end + SENTENCE_WINDOW);
    return `${first > from ? '… ' : ''}${textOf(tokens, first, last)}${last < to ? ' …' : ''}`;
  };
}

/**
 * Up to CONTEXT_WORDS tokens before `from` (or from `to` on), not across a
 * paragraph break, with the space that joins them to the match, so that
 * left + match + right reads as the article does.
 */
function context(tokens: Tokens, from: number, to: number, side: 'left' | 'right'): string {
  if (side === 'left') {
    let start = from;
    while (start > 0 && from - start < CONTEXT_WORDS && !tokens.pre[start]!.includes('\n')) start -= 1;
    return start < from ? textOf(tokens, start, from) + tokens.pre[from]!.replace(/\s+/g, ' ') : '';
  }
  let end = to;
  while (end < tokens.value.length && end - to < CONTEXT_WORDS && !tokens.pre[end]!.includes('\n')) end += 1;
  return end > to ? tokens.pre[to]!.replace(/\s+/g, ' ') + textOf(tokens, to, end) : '';
}

/** A hit before attribution (voice, speaker, target, negation). */
export type Match = Omit<Hit, 'voice' | 'speaker' | 'target' | 'negated'>;

/** The hits of every lexicon, and where an entry that counts nothing matched instead (its words taken from any other entry of its file). */
export function findHits(doc: TokenisedArticle, units: Units, lexicons: CompiledLexicon[]): { matches: Match[]; uncounted: TokenSpan[] } {
  const { tokens } = doc;
  const hits: Match[] = [];
  const uncounted: TokenSpan[] = [];
  const starts = tokens.sentenceStarts;
  for (let s = 0; s < starts.length; s++) {
    const { from, to } = sentenceBounds(tokens, s);
    const sentence = sentenceShown(tokens, from, to);
    for (const compiled of lexicons) {
      for (const span of findSpans(units, units.sentenceStart[s]!, units.sentenceStart[s + 1]!, compiled)) {
        const start = units.token[span.from]!;
        const end = units.token[span.to - 1]! + 1;
        if (span.entry.pole === NOT_COUNTED) {
          uncounted.push({ start, end });
          continue;
        }
        hits.push({
          entry: span.entry,
          match: textOf(tokens, start, end),
          left: context(tokens, start, end, 'left'),
          right: context(tokens, start, end, 'right'),
          sentence: sentence(start, end),
          sentence_no: s + 1,
          start,
          end,
        });
      }
    }
  }
  return { matches: hits, uncounted };
}

// Compiles a lexicon once into a trie over matching units, so that finding
// every term in a sentence costs the same whatever the number of entries:
// each step looks up the next word's keys in a Map, and each `*` word its
// prefixes (at most one lookup per character of the word).
import type { Lexicon, LexiconEntry } from '../types.ts';
import { unitsOf } from './units.ts';
import type { Tokeniser } from '../02-tokenise/tokenise.ts';

export interface TrieNode {
  next: Map<string, TrieNode>;
  /** Edges of `word*` terms, keyed by the word without its star. */
  prefix: Map<string, TrieNode>;
  /** The entry that ends here, if any. */
  entry: LexiconEntry | null;
}

export interface CompiledLexicon {
  lexicon: Lexicon;
  root: TrieNode;
  /** Length of the longest prefix edge, to bound the prefix lookups. */
  longestPrefix: number;
}

const node = (): TrieNode => ({ next: new Map(), prefix: new Map(), entry: null });

/** A term's words, each with whether it ends in `*`. */
export function termWords(term: string, tokeniser: Tokeniser): { word: string; wildcard: boolean }[] {
  const tokens = tokeniser.tokeniseTerm(term);
  const words: { word: string; wildcard: boolean }[] = [];
  for (const unit of unitsOf(tokens, 0, tokens.value.length)) {
    const word = unit.keys[0]!;
    if (word === '*' && words.length > 0) words[words.length - 1]!.wildcard = true;
    else if (word.endsWith('*')) words.push({ word: word.slice(0, -1), wildcard: true });
    else words.push({ word, wildcard: false });
  }
  return words;
}

export function compileLexicon(lexicon: Lexicon, tokeniser: Tokeniser): CompiledLexicon {
  const root = node();
  let longestPrefix = 0;
  for (const entry of lexicon.entries) {
    let at = root;
    for (const { word, wildcard } of termWords(entry.term, tokeniser)) {
      const edges = wildcard ? at.prefix : at.next;
      let child = edges.get(word);
      if (!child) {
        child = node();
        edges.set(word, child);
      }
      if (wildcard) longestPrefix = Math.max(longestPrefix, word.length);
      at = child;
    }
    // Terms that fold to the same words (checked apart in lexicon.ts) keep the first.
    at.entry ??= entry;
  }
  return { lexicon, root, longestPrefix };
}

// Compiles lexicon terms (or actor aliases) once into a trie over matching
// units, so that finding every term in a sentence costs the same whatever the
// number of entries: each step looks up the next word's keys in a Map, and,
// where `word*` terms branch off, its prefixes of the lengths they have.
import type { Tokeniser } from '../02-tokenise/tokenise.ts';
import type { Lexicon, LexiconEntry } from '../types.ts';
import { freshWordBytes, unitsOf, type WordBytes } from './units.ts';

/** Anything matched like a lexicon term: a term as written, and the line it was written on. */
export interface Termed {
  term: string;
  line: number;
}

export interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  /** Edges of `word*` terms, keyed by the word without its star. */
  prefix: Map<string, TrieNode<T>>;
  /** The lengths of those words, longest first: the only prefixes of a word worth looking up. */
  prefixLengths: number[];
  /** The entry that ends here, if any. */
  entry: T | null;
}

export interface CompiledTerms<T> {
  root: TrieNode<T>;
  /**
   * Memo of whether a word can start a term, by word number (units.ts): most
   * words start none, and this passes them with an array read, `word*`
   * prefixes included. 0 not known yet, 1 no, 2 yes.
   */
  starters: WordBytes;
}

export interface CompiledLexicon extends CompiledTerms<LexiconEntry> {
  lexicon: Lexicon;
}

const node = <T>(): TrieNode<T> => ({ next: new Map(), prefix: new Map(), prefixLengths: [], entry: null });

/** A term's words, each with whether it ends in `*`. */
export function termWords(term: string, tokeniser: Tokeniser): { word: string; wildcard: boolean }[] {
  const words: { word: string; wildcard: boolean }[] = [];
  for (const word of unitsOf(tokeniser.tokeniseTerm(term)).key) {
    if (word === '*' && words.length > 0) words[words.length - 1]!.wildcard = true;
    else if (word.endsWith('*')) words.push({ word: word.slice(0, -1), wildcard: true });
    else words.push({ word, wildcard: false });
  }
  return words;
}

export function compileTerms<T extends Termed>(entries: T[], tokeniser: Tokeniser): CompiledTerms<T> {
  const root = node<T>();
  for (const entry of entries) {
    let at = root;
    for (const { word, wildcard } of termWords(entry.term, tokeniser)) {
      const edges = wildcard ? at.prefix : at.next;
      let child = edges.get(word);
      if (!child) {
        child = node<T>();
        edges.set(word, child);
      }
      if (wildcard && !at.prefixLengths.includes(word.length)) {
        at.prefixLengths.push(word.length);
        at.prefixLengths.sort((a, b) => b - a);
      }
      at = child;
    }
    // Terms that fold to the same words (refused by lexicon.ts) would keep the first.
    at.entry ??= entry;
  }
  return { root, starters: freshWordBytes(0) };
}

export function compileLexicon(lexicon: Lexicon, tokeniser: Tokeniser): CompiledLexicon {
  return { lexicon, ...compileTerms(lexicon.entries, tokeniser) };
}

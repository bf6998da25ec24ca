// Which articles a lexicon edit can change. An entry added, removed or changed
// in a field the reports show (its line included, not its note or source) can
// change an article's hits only where the article holds the entry's first
// word, or for `word*` a word that starts so: at every other word the tries
// offer the same terms as before, so the same longest match wins. Lexicons are
// separate analyses, and attribution looks at one hit at a time, so no other
// hit changes.
import type { Tokeniser } from '../02-tokenise/tokenise.ts';
import type { Lexicon, LexiconEntry } from '../types.ts';
import { termWords } from './compile.ts';

/** What of an entry the reports show or count by: an edit of its note or source alone, in no report, changes no article. */
const entryIdentity = (e: LexiconEntry) => JSON.stringify([e.lexicon, e.line, e.frame, e.pole, e.term, e.weight]);

/** The entries of `before` that `after` lacks, and those of `after` that `before` lacks. */
export function editedEntries(before: Lexicon[], after: Lexicon[]): LexiconEntry[] {
  const identities = (lexicons: Lexicon[]) => new Set(lexicons.flatMap((l) => l.entries.map(entryIdentity)));
  const was = identities(before);
  const is = identities(after);
  return [
    ...before.flatMap((l) => l.entries.filter((e) => !is.has(entryIdentity(e)))),
    ...after.flatMap((l) => l.entries.filter((e) => !was.has(entryIdentity(e)))),
  ];
}

/** The words that can start one of some entries' terms. */
export interface FirstWords {
  words: Set<string>;
  /** The `word*` ones, without the star. */
  prefixes: string[];
}

export function firstWords(entries: LexiconEntry[], tokeniser: Tokeniser): FirstWords {
  const first: FirstWords = { words: new Set(), prefixes: [] };
  for (const entry of entries) {
    const word = termWords(entry.term, tokeniser)[0];
    if (word?.wildcard) first.prefixes.push(word.word);
    else if (word) first.words.add(word.word);
  }
  return first;
}

/** Whether an article holding `word` (a unit's text or lemma) may see its hits change. */
export function startsEdited(first: FirstWords, word: string): boolean {
  return first.words.has(word) || first.prefixes.some((prefix) => word.startsWith(prefix));
}

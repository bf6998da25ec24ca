// Lexicon suggestions start here: the words and two-word phrases of each
// article that no lexicon entry covers yet, by lemma, counted per outlet with
// the first sentence each was seen in. Stop words, numbers, punctuation and
// names (proper nouns: the actors lexicon's business) are left out.
import { fold } from '../text.ts';
import type { Article, Hit, Tokens } from '../types.ts';
import { textOf } from './match.ts';

export interface GramCount {
  count: number;
  example: string;
  article_id: string;
}

/** outlet slug -> phrase -> count and example */
export type GramTally = Map<string, Map<string, GramCount>>;

function isCandidate(tokens: Tokens, i: number, covered: Uint8Array): boolean {
  return (
    covered[i] === 0 &&
    tokens.type[i] === 'word' &&
    !tokens.stop[i] &&
    tokens.pos[i] !== 'PROPN' &&
    /\p{L}/u.test(tokens.value[i]!)
  );
}

/** Adds one article's uncovered words and word pairs (within a sentence) to the tally. */
export function addGrams(tally: GramTally, article: Pick<Article, 'outlet_slug' | 'article_id'>, tokens: Tokens, hits: Hit[]): void {
  const covered = new Uint8Array(tokens.value.length);
  for (const hit of hits) covered.fill(1, hit.start, hit.end);
  let grams = tally.get(article.outlet_slug);
  if (!grams) {
    grams = new Map();
    tally.set(article.outlet_slug, grams);
  }
  const starts = tokens.sentenceStarts;
  for (let s = 0; s < starts.length; s++) {
    const from = starts[s]!;
    const to = s + 1 < starts.length ? starts[s + 1]! : tokens.value.length;
    let sentence: string | null = null;
    const add = (gram: string) => {
      const known = grams.get(gram);
      if (known) known.count += 1;
      else grams.set(gram, { count: 1, example: (sentence ??= textOf(tokens, from, to)), article_id: article.article_id });
    };
    let previous: string | null = null;
    for (let i = from; i < to; i++) {
      if (!isCandidate(tokens, i, covered)) {
        previous = null;
        continue;
      }
      const lemma = fold(tokens.lemma[i]!);
      add(lemma);
      if (previous !== null) add(`${previous} ${lemma}`);
      previous = lemma;
    }
  }
}

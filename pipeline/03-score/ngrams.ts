// Lexicon suggestions start here: the words and two-word phrases of each
// article that no lexicon entry covers yet, by lemma, with the first sentence
// each was seen in. Stop words, numbers, punctuation and names (proper nouns:
// the actors lexicon's business) are left out. Per article first, then summed
// per outlet in corpus order, so that every example is the corpus's first.
import { sentenceBounds } from '../02-tokenise/tokenise.ts';
import type { Article, Hit, Tokens } from '../types.ts';
import { textOf } from './match.ts';

export interface GramCount {
  count: number;
  example: string;
  article_id: string;
  /** The example article's number in corpus order: the first wins when tallies merge. */
  seq: number;
}

/** One article's phrases, each with its count and the index of its first sentence in `sentences`. */
export interface ArticleGrams {
  grams: [string, number, number][];
  sentences: string[];
}

/** outlet slug -> phrase -> count and first example */
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

/** The uncovered words and word pairs (within a sentence) of one article. */
export function articleGrams(tokens: Tokens, hits: Hit[]): ArticleGrams {
  const covered = new Uint8Array(tokens.value.length);
  for (const hit of hits) covered.fill(1, hit.start, hit.end);
  const grams = new Map<string, [string, number, number]>();
  const sentences: string[] = [];
  const starts = tokens.sentenceStarts;
  for (let s = 0; s < starts.length; s++) {
    const { from, to } = sentenceBounds(tokens, s);
    let sentence = -1;
    let previous: string | null = null;
    for (let i = from; i < to; i++) {
      if (!isCandidate(tokens, i, covered)) {
        previous = null;
        continue;
      }
      const lemma = tokens.lemmaNorm[i]!;
      for (const gram of previous === null ? [lemma] : [lemma, `${previous} ${lemma}`]) {
        const known = grams.get(gram);
        if (known) known[1] += 1;
        else {
          if (sentence === -1) sentence = sentences.push(textOf(tokens, from, to)) - 1;
          grams.set(gram, [gram, 1, sentence]);
        }
      }
      previous = lemma;
    }
  }
  return { grams: [...grams.values()], sentences };
}

/** Adds the phrases of the article that is number `seq` in corpus order. */
export function addGrams(tally: GramTally, article: Pick<Article, 'outlet_slug' | 'article_id'>, grams: ArticleGrams, seq: number): void {
  let outlet = tally.get(article.outlet_slug);
  if (!outlet) {
    outlet = new Map();
    tally.set(article.outlet_slug, outlet);
  }
  for (const [gram, count, sentence] of grams.grams) {
    const known = outlet.get(gram);
    if (!known) outlet.set(gram, { count, example: grams.sentences[sentence]!, article_id: article.article_id, seq });
    else {
      known.count += count;
      if (seq < known.seq) Object.assign(known, { example: grams.sentences[sentence]!, article_id: article.article_id, seq });
    }
  }
}

/** Adds one tally to another: counts summed, the example of the article first in corpus order kept. */
export function mergeGrams(into: GramTally, from: GramTally): void {
  for (const [slug, grams] of from) {
    let outlet = into.get(slug);
    if (!outlet) {
      outlet = new Map();
      into.set(slug, outlet);
    }
    for (const [gram, g] of grams) {
      const known = outlet.get(gram);
      if (!known) outlet.set(gram, { ...g });
      else {
        known.count += g.count;
        if (g.seq < known.seq) Object.assign(known, { example: g.example, article_id: g.article_id, seq: g.seq });
      }
    }
  }
}

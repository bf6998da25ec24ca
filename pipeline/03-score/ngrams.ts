// Lexicon suggestions start here: the words and two-word phrases of each
// article that no lexicon entry covers yet, by lemma, with the first sentence
// each was seen in. Stop words, numbers, punctuation and names (proper nouns:
// the actors lexicon's business) are left out. Counted per outlet as articles
// arrive; each phrase keeps the example of the article first in corpus order.
import { sentenceBounds } from '../02-tokenise/tokenise.ts';
import type { Article, Hit, Tokens } from '../types.ts';
import { sentenceShown } from './match.ts';

export interface GramCount {
  count: number;
  example: string;
  article_id: string;
  /** The example article's number in corpus order: the first wins when tallies merge. */
  seq: number;
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

/** Marks the tokens inside hits: no phrase is suggested there, an entry covers it. */
function coveredBy(tokens: Tokens, hits: Pick<Hit, 'start' | 'end'>[]): Uint8Array {
  const covered = new Uint8Array(tokens.value.length);
  for (const hit of hits) covered.fill(1, hit.start, hit.end);
  return covered;
}

/**
 * Calls `visit` with each uncovered word of tokens [from, to) and each pair of
 * them in a row (`first` its first word; null for a word alone), with its
 * tokens [start, end), in order;
 * pairs only after a word `pairsAfter` allows, so that no pair is built for nothing.
 */
function eachGram(
  tokens: Tokens,
  covered: Uint8Array,
  from: number,
  to: number,
  visit: (gram: string, first: string | null, start: number, end: number) => void,
  pairsAfter: (word: string) => boolean = () => true,
): void {
  let previous: string | null = null;
  for (let i = from; i < to; i++) {
    if (!isCandidate(tokens, i, covered)) {
      previous = null;
      continue;
    }
    const lemma = tokens.lemmaNorm[i]!;
    visit(lemma, null, i, i + 1);
    if (previous !== null && pairsAfter(previous)) visit(`${previous} ${lemma}`, previous, i - 1, i + 1);
    previous = lemma;
  }
}

/**
 * Adds the uncovered words and word pairs (within a sentence) of the article
 * that is number `seq` in corpus order. A sentence's text is built only when it
 * becomes a phrase's example: after the first articles most phrases are known.
 */
export function addGrams(
  tally: GramTally,
  article: Pick<Article, 'outlet_slug' | 'article_id'>,
  tokens: Tokens,
  hits: Pick<Hit, 'start' | 'end'>[],
  seq: number,
): void {
  let outlet = tally.get(article.outlet_slug);
  if (!outlet) {
    outlet = new Map();
    tally.set(article.outlet_slug, outlet);
  }
  const covered = coveredBy(tokens, hits);
  for (let s = 0; s < tokens.sentenceStarts.length; s++) {
    const { from, to } = sentenceBounds(tokens, s);
    const sentenceOf = sentenceShown(tokens, from, to);
    eachGram(tokens, covered, from, to, (gram, _, start, end) => {
      const known = outlet.get(gram);
      if (known && known.seq <= seq) known.count += 1;
      else {
        const sentence = sentenceOf(start, end);
        if (known) Object.assign(known, { count: known.count + 1, example: sentence, article_id: article.article_id, seq });
        else outlet.set(gram, { count: 1, example: sentence, article_id: article.article_id, seq });
      }
    });
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
    for (const [gram, g] of grams) addCount(outlet, gram, g);
  }
}

/**
 * Adds a phrase's count to an outlet's, keeping the example of the article
 * first in corpus order (on a tie, the one added: the same article scored again).
 */
function addCount(outlet: Map<string, GramCount>, gram: string, g: GramCount): void {
  const known = outlet.get(gram);
  if (!known) outlet.set(gram, { ...g });
  else {
    known.count += g.count;
    if (g.seq <= known.seq) Object.assign(known, { example: g.example, article_id: g.article_id, seq: g.seq });
  }
}

/** An article's phrases before and after it was scored again, those that did not change left out. */
export interface GramChange {
  before: Map<string, GramCount>;
  after: Map<string, GramCount>;
}

/** Takes the phrases that kept their count and example out of `before` and `after`: most of an article's. */
export function changedGrams(before: Map<string, GramCount>, after: Map<string, GramCount>): GramChange {
  for (const [gram, g] of before) {
    const same = after.get(gram);
    if (same && same.count === g.count && same.example === g.example) {
      before.delete(gram);
      after.delete(gram);
    }
  }
  return { before, after };
}

/**
 * Puts one outlet's phrase counts right after the article that is number `seq`
 * in corpus order was scored again. Articles must come in corpus order.
 * Returns the phrases whose example was this article's and no longer is,
 * still counted elsewhere: the next article in corpus order that has them
 * holds their example now, which only a look at those articles can tell
 * (their `seq` is left as it was).
 */
export function replaceGrams(outlet: Map<string, GramCount>, seq: number, { before, after }: GramChange): string[] {
  const lost: string[] = [];
  for (const [gram, g] of before) {
    const known = outlet.get(gram)!;
    known.count -= g.count;
    if (known.count === 0) outlet.delete(gram);
    else if (known.seq === seq && !after.has(gram)) lost.push(gram);
  }
  for (const [gram, g] of after) addCount(outlet, gram, g);
  return lost;
}

/** One article's phrases alone. */
export function gramsOf(article: Pick<Article, 'outlet_slug' | 'article_id'>, tokens: Tokens, hits: Pick<Hit, 'start' | 'end'>[], seq: number): Map<string, GramCount> {
  const tally: GramTally = new Map();
  addGrams(tally, article, tokens, hits, seq);
  return tally.get(article.outlet_slug)!;
}

/**
 * An article's phrases that change when its hits go from `before` to `after`:
 * changedGrams(gramsOf(before), gramsOf(after)), without counting every
 * phrase twice. Only a sentence where the hits cover other tokens can hold
 * other phrases; only the phrases found in such sentences (before or after)
 * can change, in count or in example (their first sentence in the article);
 * and only those are counted, over the whole article.
 */
export function changedGramsOf(
  article: Pick<Article, 'article_id'>,
  tokens: Tokens,
  before: Pick<Hit, 'start' | 'end'>[],
  after: Pick<Hit, 'start' | 'end'>[],
  seq: number,
): GramChange {
  const masks = [coveredBy(tokens, before), coveredBy(tokens, after)] as const;
  const sentences = tokens.sentenceStarts.map((_, s) => sentenceBounds(tokens, s));
  const differs = sentences.map(({ from, to }) => masks[0].subarray(from, to).some((c, i) => c !== masks[1][from + i]));
  const wanted = new Set<string>();
  const pairStarts = new Set<string>();
  sentences.forEach(({ from, to }, s) => {
    if (!differs[s]) return;
    for (const covered of masks) {
      eachGram(tokens, covered, from, to, (gram, first) => {
        wanted.add(gram);
        if (first !== null) pairStarts.add(first);
      });
    }
  });
  const counted = [new Map<string, GramCount>(), new Map<string, GramCount>()] as const;
  sentences.forEach(({ from, to }, s) => {
    const sentenceOf = sentenceShown(tokens, from, to);
    // A sentence whose coverage did not change has the same phrases before and after: read once, counted in both.
    for (const side of differs[s] ? [0, 1] : [0]) {
      eachGram(
        tokens,
        masks[side]!,
        from,
        to,
        (gram, _, start, end) => {
          if (!wanted.has(gram)) return;
          for (const grams of differs[s] ? [counted[side]!] : counted) {
            const known = grams.get(gram);
            if (known) known.count += 1;
            else grams.set(gram, { count: 1, example: sentenceOf(start, end), article_id: article.article_id, seq });
          }
        },
        (word) => pairStarts.has(word),
      );
    }
  });
  return changedGrams(counted[0], counted[1]);
}

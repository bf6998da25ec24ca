// suggestions.csv: per outlet, the uncovered words and word pairs most
// over-represented against the other outlets, by the same keyness z as the
// lexicon entries: the shortlist for the next lexicon edit.
import type { GramTally } from '../03-score/ngrams.ts';
import type { Analysis } from './analysis.ts';
import { per1k, round, type Row, type Table } from './outline.ts';
import { logOddsZ } from './statistics.ts';
import { sortedOutlets } from './tables.ts';

/** Phrases per outlet, at most. */
const SUGGESTIONS_PER_OUTLET = 25;
/** A phrase seen fewer times than this in an outlet is not suggested for it. */
const MIN_SUGGESTION_HITS = 3;
/** Only phrases over-represented at the 5% level (z > 1.96) are suggested. */
const Z_THRESHOLD = 1.96;

const SUGGESTION_COLUMNS = ['outlet', 'rank', 'phrase', 'words', 'hits', 'per_1k_words', 'z', 'example', 'article_id', 'small_sample'];

export function suggestionsTable(analysis: Analysis, grams: GramTally): Table {
  const totals = new Map<string, number>();
  for (const outletGrams of grams.values()) {
    for (const [gram, g] of outletGrams) totals.set(gram, (totals.get(gram) ?? 0) + g.count);
  }
  const N = analysis.totalWords;
  const rows: Row[] = [];
  for (const outlet of sortedOutlets(analysis.agg)) {
    const ni = outlet.words;
    if (N - ni === 0) continue;
    const candidates: { gram: string; count: number; z: number; example: string; article_id: string }[] = [];
    for (const [gram, g] of grams.get(outlet.slug) ?? []) {
      if (g.count < MIN_SUGGESTION_HITS) continue;
      const z = logOddsZ({ yi: g.count, ni, yr: totals.get(gram)! - g.count, nr: N - ni, a0: analysis.config.prior ?? N });
      if (z !== null && z > Z_THRESHOLD) candidates.push({ gram, count: g.count, z, example: g.example, article_id: g.article_id });
    }
    candidates.sort((a, b) => b.z - a.z || (a.gram < b.gram ? -1 : 1));
    candidates.slice(0, SUGGESTIONS_PER_OUTLET).forEach((c, i) => {
      rows.push({
        outlet: outlet.outlet,
        rank: i + 1,
        phrase: c.gram,
        words: c.gram.split(' ').length,
        hits: c.count,
        per_1k_words: per1k(c.count, ni),
        z: round(c.z),
        example: c.example,
        article_id: c.article_id,
        small_sample: String(analysis.small.has(outlet.slug)),
      });
    });
  }
  return { columns: SUGGESTION_COLUMNS, rows };
}

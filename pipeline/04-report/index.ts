// Stage 4, report: every report of a run, as file name -> CSV text.
import type { GramTally } from '../03-score/ngrams.ts';
import type { LexiconSet, ScoredArticle } from '../types.ts';
import { addArticle, createAggregates } from './aggregate.ts';
import { analyse, type StatsConfig } from './analysis.ts';
import { toCsv } from './csv.ts';
import { keynessTable, sharePairsTable, sharesTable } from './keyness.ts';
import { suggestionsTable } from './suggestions.ts';
import { articlesTable, compareArticles, comparisonTable, hitsTable, outletTable, sortedOutlets, targetsTable } from './tables.ts';

export function buildReports(set: LexiconSet, scored: ScoredArticle[], grams: GramTally, config: StatsConfig): Map<string, string> {
  const agg = createAggregates(set.lexicons);
  for (const s of scored) addArticle(agg, s);
  const analysis = analyse(agg, config);
  const sorted = [...scored].sort(compareArticles);
  const files = new Map<string, string>();
  for (const outlet of sortedOutlets(agg)) {
    files.set(`outlets/${outlet.slug}.csv`, toCsv(outletTable(analysis, outlet)));
  }
  files.set('comparison.csv', toCsv(comparisonTable(analysis)));
  files.set('keyness.csv', toCsv(keynessTable(analysis)));
  files.set('shares.csv', toCsv(sharesTable(analysis)));
  files.set('share-pairs.csv', toCsv(sharePairsTable(analysis)));
  files.set('suggestions.csv', toCsv(suggestionsTable(analysis, grams)));
  files.set('hits.csv', toCsv(hitsTable(sorted)));
  files.set('articles.csv', toCsv(articlesTable(sorted)));
  files.set('targets.csv', toCsv(targetsTable(analysis)));
  return files;
}

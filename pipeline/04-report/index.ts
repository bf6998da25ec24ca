// Stage 4, report: every report of a run, as file name -> CSV text.
import type { LexiconSet, ScoredArticle } from '../types.ts';
import { addArticle, createAggregates } from './aggregate.ts';
import { toCsv } from './csv.ts';
import { articlesTable, compareArticles, comparisonTable, hitsTable, outletTable, sortedOutlets, targetsTable } from './tables.ts';

export function buildReports(set: LexiconSet, scored: ScoredArticle[]): Map<string, string> {
  const agg = createAggregates(set.lexicons);
  for (const s of scored) addArticle(agg, s);
  const sorted = [...scored].sort(compareArticles);
  const files = new Map<string, string>();
  for (const outlet of sortedOutlets(agg)) {
    files.set(`outlets/${outlet.slug}.csv`, toCsv(outletTable(agg, outlet)));
  }
  files.set('comparison.csv', toCsv(comparisonTable(agg)));
  files.set('hits.csv', toCsv(hitsTable(sorted)));
  files.set('articles.csv', toCsv(articlesTable(sorted)));
  files.set('targets.csv', toCsv(targetsTable(agg)));
  return files;
}

// The statistics behind the report columns, computed once per run from the
// counts: each outlet's bootstrap intervals, whether it is a small sample,
// and the keyness z of any key, outlet against the rest.
import { corpusTally, tallyOf, withPolesAndFrames, type Aggregates } from './aggregate.ts';
import { outline, type OutlineRow } from './outline.ts';
import { logOddsZ, type Interval } from './statistics.ts';

export interface StatsConfig {
  /** Article resamples per outlet for the intervals. */
  resamples: number;
  /** Prior strength a0 of the keyness z; null for the corpus's word count N. */
  prior: number | null;
  /** Below either, an outlet is a small sample: reported, not ranked. */
  minWords: number;
  minArticles: number;
  seed: number;
}

export const DEFAULT_STATS: StatsConfig = { resamples: 2000, prior: null, minWords: 2000, minArticles: 5, seed: 20080401 };

export interface Analysis {
  agg: Aggregates;
  /**
   * The rows every report shares, in order (outline.ts), computed once: every
   * frame and pole, and the entries found at least once in the corpus.
   */
  rows: OutlineRow[];
  /** Entries found nowhere in the corpus: listed once in unmatched.csv rather than as zeros in every report. */
  unmatched: OutlineRow[];
  config: StatsConfig;
  /** outlet slug -> `rate:<key>` or `share:<pole key>` -> 95% interval */
  intervals: Map<string, Map<string, Interval | null>>;
  small: Set<string>;
  totalWords: number;
}

export function analyse(agg: Aggregates, config: StatsConfig): Analysis {
  const rows: OutlineRow[] = [];
  const unmatched: OutlineRow[] = [];
  for (const row of outline(agg.lexicons)) {
    if (row.level === 'term' && corpusTally(agg, row.key).hits === 0) unmatched.push(row);
    else rows.push(row);
  }
  const intervals = new Map<string, Map<string, Interval | null>>();
  const small = new Set<string>();
  let totalWords = 0;
  for (const [slug, totals] of agg.outlets) {
    totalWords += totals.words;
    if (totals.words < config.minWords || totals.articles < config.minArticles) small.add(slug);
    const entrySums = agg.boot.get(slug);
    const sums = entrySums && withPolesAndFrames(entrySums, agg.entries);
    const mine = new Map<string, Interval | null>();
    if (sums && config.resamples > 0) {
      for (const row of rows) {
        mine.set(`rate:${row.key}`, sums.rate(row.key));
        if (row.level === 'pole') mine.set(`share:${row.key}`, sums.share(row.key, row.frameKey));
      }
    }
    intervals.set(slug, mine);
  }
  return { agg, rows, unmatched, config, intervals, small, totalWords };
}

/** The keyness z of `key` for an outlet against all others pooled; on authorial hits alone if asked. */
export function keynessZ(analysis: Analysis, slug: string, key: string, authorial = false): number | null {
  const { agg, config, totalWords } = analysis;
  const count = (t: { hits: number; quoted: number }) => (authorial ? t.hits - t.quoted : t.hits);
  const ni = agg.outlets.get(slug)?.words ?? 0;
  const nr = totalWords - ni;
  if (nr === 0) return null;
  const yi = count(tallyOf(agg, slug, key));
  const yr = count(corpusTally(agg, key)) - yi;
  return logOddsZ({ yi, ni, yr, nr, a0: config.prior ?? totalWords });
}

export function intervalOf(analysis: Analysis, slug: string, name: string): Interval | null {
  return analysis.intervals.get(slug)?.get(name) ?? null;
}

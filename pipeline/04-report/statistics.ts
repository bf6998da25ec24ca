// The statistics of the reports, as plain functions over counts:
//   1. keyness: log-odds ratio with an informative Dirichlet prior, one outlet
//      against all others pooled (Monroe, Colaresi & Quinn 2008, "Fightin' Words");
//   2. a seeded article bootstrap for intervals on rates and pole shares;
//   3. the log-odds ratio of a pole share between two outlets, with its standard error.
import { createHash } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export interface KeynessCounts {
  /** Hits of the entry in the outlet, and the outlet's words. */
  yi: number;
  ni: number;
  /** Hits and words of all other outlets pooled. */
  yr: number;
  nr: number;
  /** Prior strength a0; the prior of the entry is a0 · y_w / N. */
  a0: number;
}

/**
 * z of the log-odds ratio, outlet i against the rest r, with α_w = a0·y_w/N
 * (y_w = yi + yr, N = ni + nr):
 *   δ = ln((yi+α)/(ni+a0−yi−α)) − ln((yr+α)/(nr+a0−yr−α)),  σ² = 1/(yi+α) + 1/(yr+α),  z = δ/σ.
 * Null where the entry never occurs (no evidence either way).
 */
export function logOddsZ({ yi, ni, yr, nr, a0 }: KeynessCounts): number | null {
  const yw = yi + yr;
  const N = ni + nr;
  if (yw === 0 || N === 0) return null;
  const alpha = (a0 * yw) / N;
  const delta = Math.log((yi + alpha) / (ni + a0 - yi - alpha)) - Math.log((yr + alpha) / (nr + a0 - yr - alpha));
  const sigma = Math.sqrt(1 / (yi + alpha) + 1 / (yr + alpha));
  return delta / sigma;
}

/** The q-quantile of sorted values, interpolating between neighbours (R's type 7). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** One article as the bootstrap sees it: its words and its counts per key. */
export interface ArticleCounts {
  id: string;
  words: number;
  counts: Map<string, number>;
}

export interface Interval {
  low: number;
  high: number;
}

/** A ratio to estimate: numerator and denominator, each per resample; null where undefined. */
export type Statistic = (sum: (key: string) => number, words: number) => number | null;

/**
 * A 95% percentile interval for each statistic, from `resamples` resamples of
 * the articles with replacement. The generator is seeded from the articles'
 * ids, so the same articles give the same intervals whatever outlet they are
 * filed under and whatever else is in the corpus.
 */
export function bootstrap(
  articles: ArticleCounts[],
  statistics: Map<string, Statistic>,
  resamples: number,
  seed: number,
): Map<string, Interval | null> {
  const sorted = [...articles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const digest = createHash('sha256').update(sorted.map((a) => a.id).join('\n')).digest();
  const rng = xoroshiro128plus((digest.readInt32LE(0) ^ seed) | 0);
  const m = sorted.length;
  const draws = new Float64Array(m);
  const values = new Map<string, number[]>();
  for (const key of statistics.keys()) values.set(key, []);
  const sums = new Map<string, number>();
  for (let b = 0; b < resamples && m > 0; b++) {
    draws.fill(0);
    for (let k = 0; k < m; k++) draws[uniformInt(rng, 0, m - 1)]! += 1;
    sums.clear();
    let words = 0;
    for (let j = 0; j < m; j++) {
      const times = draws[j]!;
      if (times === 0) continue;
      const article = sorted[j]!;
      words += times * article.words;
      for (const [key, count] of article.counts) sums.set(key, (sums.get(key) ?? 0) + times * count);
    }
    const sum = (key: string) => sums.get(key) ?? 0;
    for (const [name, statistic] of statistics) {
      const value = statistic(sum, words);
      if (value !== null && Number.isFinite(value)) values.get(name)!.push(value);
    }
  }
  const intervals = new Map<string, Interval | null>();
  for (const [name, list] of values) {
    if (list.length === 0) {
      intervals.set(name, null);
      continue;
    }
    const sortedValues = Float64Array.from(list).sort();
    intervals.set(name, { low: quantile(sortedValues, 0.025), high: quantile(sortedValues, 0.975) });
  }
  return intervals;
}

export interface LogOddsRatio {
  logOddsRatio: number;
  se: number;
}

/**
 * Log-odds ratio of a pole's share between two outlets (a of a's frame hits
 * against b of b's), with Woolf's standard error; 0.5 is added to every cell
 * when one is zero (Haldane–Anscombe), so that the ratio stays finite.
 */
export function shareLogOddsRatio(poleA: number, frameA: number, poleB: number, frameB: number): LogOddsRatio | null {
  if (frameA === 0 || frameB === 0) return null;
  let cells = [poleA, frameA - poleA, poleB, frameB - poleB];
  if (cells.some((c) => c === 0)) cells = cells.map((c) => c + 0.5);
  const [a, b, c, d] = cells as [number, number, number, number];
  return { logOddsRatio: Math.log((a / b) / (c / d)), se: Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d) };
}

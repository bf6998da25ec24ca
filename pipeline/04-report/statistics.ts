// The statistics of the reports, as plain functions over counts:
//   1. keyness: log-odds ratio with an informative Dirichlet prior, one outlet
//      against all others pooled (Monroe, Colaresi & Quinn 2008, "Fightin' Words");
//   2. a seeded article bootstrap (Poisson) for intervals on rates and pole shares;
//   3. the log-odds ratio of a pole share between two outlets, with its standard error.
import { createHash } from 'node:crypto';
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

/** The k-th smallest (0-based) of values[0..count), found by reordering them (Hoare's selection): no full sort. */
function select(values: Float64Array, count: number, k: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i++] = values[j]!;
        values[j--] = swap;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
}

/**
 * The q-quantile of values[0..count), interpolating between neighbours (R's
 * type 7). Reorders the values: two selections cost less than a sort, and the
 * intervals take a thousand quantiles of two thousand resamples.
 */
export function quantile(values: Float64Array, q: number, count = values.length): number {
  const position = (count - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = select(values, count, below);
  const high = above === below ? low : select(values, count, above);
  return low + (high - low) * (position - below);
}

export interface Interval {
  low: number;
  high: number;
}

/**
 * Poisson(1) by inverse CDF on 16 random bits: entry u of this table is the
 * smallest k with P(X <= k) > u / 65536. Two draws per 32-bit random number.
 */
const POISSON_ONE_BY_U16 = (() => {
  const table = new Uint8Array(65536);
  let k = 0;
  let p = Math.exp(-1);
  let cdf = p;
  for (let u = 0; u < 65536; u++) {
    while ((u + 0.5) / 65536 >= cdf && k < 255) {
      k += 1;
      p /= k;
      cdf += p;
    }
    table[u] = k;
  }
  return table;
})();

/**
 * How many times an article appears in each of `weights.length` resamples:
 * independent Poisson(1) draws (the Poisson bootstrap), from a generator seeded
 * by the article's id. An article therefore weighs the same in every run,
 * whichever outlet it is filed under, whichever worker scores it and whatever
 * else the corpus holds.
 */
export function poissonWeights(articleId: string, seed: number, weights: Float64Array): void {
  const digest = createHash('sha256').update(articleId).digest();
  const rng = xoroshiro128plus((digest.readInt32LE(0) ^ seed) | 0);
  for (let b = 0; b < weights.length; b += 2) {
    const bits = rng.next() >>> 0;
    weights[b] = POISSON_ONE_BY_U16[bits & 0xffff]!;
    if (b + 1 < weights.length) weights[b + 1] = POISSON_ONE_BY_U16[bits >>> 16]!;
  }
}

/**
 * Running sums of an outlet's words and of its hits per key in every resample.
 * Sums of whole numbers are exact, so sums added in any order, or merged from
 * several workers, are identical. Hits are summed in 32 bits: an outlet keeps
 * one array per entry it uses, for each resample, and with hundreds of outlets
 * (an archive's sources) these were most of a run's memory; no entry of one
 * outlet comes near 2^31 hits in a resample.
 */
export class BootstrapSums {
  readonly words: Float64Array;
  readonly keys = new Map<string, Int32Array>();
  /** Room for the ratios of one interval. */
  private readonly ratios: Float64Array;
  constructor(readonly resamples: number) {
    this.words = new Float64Array(resamples);
    this.ratios = new Float64Array(resamples);
  }

  /** Adds an article of `words` words and `counts` hits per key (less than 0 to take hits back: sums stay exact). */
  add(weights: Float64Array, words: number, counts: Map<string, number>): void {
    const B = this.resamples;
    for (let b = 0; b < B; b++) this.words[b]! += weights[b]! * words;
    for (const [key, count] of counts) {
      let sums = this.keys.get(key);
      if (!sums) {
        sums = new Int32Array(B);
        this.keys.set(key, sums);
      }
      for (let b = 0; b < B; b++) sums[b]! += weights[b]! * count;
    }
  }

  merge(other: BootstrapSums): void {
    for (let b = 0; b < this.resamples; b++) this.words[b]! += other.words[b]!;
    for (const [key, sums] of other.keys) this.addKey(key, sums);
  }

  /** Adds `sums` to those of `key`, resample by resample. */
  addKey(key: string, sums: Int32Array): void {
    const mine = this.keys.get(key);
    if (!mine) this.keys.set(key, Int32Array.from(sums));
    else for (let b = 0; b < this.resamples; b++) mine[b]! += sums[b]!;
  }

  /**
   * The 95% percentile interval of scale·numerator/denominator (numerator 0
   * where null) over the resamples where the denominator is not 0.
   */
  private interval(numerator: Int32Array | null, scale: number, denominator: Float64Array | Int32Array): Interval | null {
    const ratios = this.ratios;
    let count = 0;
    for (let b = 0; b < this.resamples; b++) {
      const d = denominator[b]!;
      if (d !== 0) ratios[count++] = numerator ? (numerator[b]! * scale) / d : 0;
    }
    if (count === 0) return null;
    return { low: quantile(ratios, 0.025, count), high: quantile(ratios, 0.975, count) };
  }

  rate(key: string): Interval | null {
    const sums = this.keys.get(key);
    // Never hit in this outlet: 0 in every resample with words.
    if (!sums) return this.words.some((w) => w !== 0) ? { low: 0, high: 0 } : null;
    return this.interval(sums, 1000, this.words);
  }

  share(pole: string, frame: string): Interval | null {
    const f = this.keys.get(frame);
    return f ? this.interval(this.keys.get(pole) ?? null, 1, f) : null;
  }
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

// Counting, apart from any CSV: hits, articles and weights per outlet for
// every entry, pole and frame of every lexicon. Fed one scored article at a
// time, so that the counts never need the whole corpus in memory.
import { fold } from '../text.ts';
import type { Lexicon, LexiconEntry } from '../types.ts';
import type { CountedArticle, PreparedArticle, PreparedHit } from './prepare.ts';
import { BootstrapSums, poissonWeights } from './statistics.ts';

export interface Tally {
  hits: number;
  /** Of the hits, those inside a direct quotation; the rest are authorial. */
  quoted: number;
  /** Articles with at least one hit. */
  articles: number;
  /** Sum and number of the weights of the hits that have one. */
  weightSum: number;
  weighted: number;
}

export interface OutletTotals {
  outlet: string;
  slug: string;
  articles: number;
  words: number;
  sentences: number;
  hits: number;
  /** The earliest and latest of its articles' dates, as written ("2018-04" for a month); "" with none dated. */
  firstDate: string;
  lastDate: string;
  undated: number;
  /** Articles that nearly repeat an earlier one (near_duplicate_of). */
  nearDuplicates: number;
}

/** An outlet's articles of one month, and their hits per pole and frame (not per entry: a month's rows are its poles and frames). */
export interface MonthTotals {
  articles: number;
  words: number;
  tallies: Map<string, Tally>;
}

/** The month of an article's date ("2023-01"), or "" for an article undated or dated to its year only. */
export const monthOf = (date: string) => (/^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : '');

export const emptyTally = (): Tally => ({ hits: 0, quoted: 0, articles: 0, weightSum: 0, weighted: 0 });

export const entryKey = (e: Pick<LexiconEntry, 'lexicon' | 'line'>) => `${e.lexicon}:${e.line}`;
export const poleKey = (e: Pick<LexiconEntry, 'lexicon' | 'frame' | 'pole'>) =>
  `${e.lexicon}\0${fold(e.frame)}\0${fold(e.pole)}`;
export const frameKey = (e: Pick<LexiconEntry, 'lexicon' | 'frame'>) => `${e.lexicon}\0${fold(e.frame)}`;
/** Hits of one pole (by its poleKey) applied to one actor. */
export const targetKey = (actor: string, pole: string) => `target\0${actor}\0${pole}`;

/** An entry with the keys its hits count under: its own, its pole's and its frame's. */
export interface IndexedEntry {
  entry: LexiconEntry;
  keys: readonly [string, string, string];
}

/** Every entry by its lexicon file and line, as hits name it; its keys worked out once, not per hit. */
export class EntryIndex {
  private readonly byLexicon = new Map<string, IndexedEntry[]>();

  constructor(lexicons: Lexicon[]) {
    for (const e of lexicons.flatMap((l) => l.entries)) {
      let lines = this.byLexicon.get(e.lexicon);
      if (!lines) this.byLexicon.set(e.lexicon, (lines = []));
      lines[e.line] = { entry: e, keys: [entryKey(e), poleKey(e), frameKey(e)] };
    }
  }

  /** Every entry, in lexicon and line order. */
  *[Symbol.iterator](): IterableIterator<IndexedEntry> {
    for (const lines of this.byLexicon.values()) for (const indexed of lines) if (indexed) yield indexed;
  }

  /** The entry at `line` of `lexicon`: hits are counted with the lexicons they were scored with, so it is there. */
  at(lexicon: string, line: number): IndexedEntry {
    const found = this.byLexicon.get(lexicon)?.[line];
    if (!found) throw new Error(`a hit names ${lexicon}:${line}, which is no entry of the lexicons being counted`);
    return found;
  }
}

export interface Aggregates {
  lexicons: Lexicon[];
  entries: EntryIndex;
  /** Every (actor, pole) that some outlet applied, with an entry of that pole to name it. */
  targeted: Map<string, { actor: string; entry: LexiconEntry }>;
  outlets: Map<string, OutletTotals>;
  /** outlet slug -> entry, pole or frame key -> tally */
  tallies: Map<string, Map<string, Tally>>;
  /** outlet slug -> month (monthOf) -> its totals */
  months: Map<string, Map<string, MonthTotals>>;
  /** outlet slug -> hits per entry (withPolesAndFrames adds poles and frames) and words in every bootstrap resample */
  boot: Map<string, BootstrapSums>;
}

export function createAggregates(lexicons: Lexicon[]): Aggregates {
  return { lexicons, entries: new EntryIndex(lexicons), targeted: new Map(), outlets: new Map(), tallies: new Map(), months: new Map(), boot: new Map() };
}

export function addArticle(agg: Aggregates, prepared: CountedArticle): void {
  const { outlet_slug: slug, outlet } = prepared.article;
  const totals = agg.outlets.get(slug) ?? { outlet, slug, articles: 0, words: 0, sentences: 0, hits: 0, firstDate: '', lastDate: '', undated: 0, nearDuplicates: 0 };
  totals.articles += 1;
  totals.words += prepared.words;
  totals.sentences += prepared.sentences;
  totals.hits += prepared.hits.length;
  const { date, near_duplicate_of } = prepared.article;
  if (date === '') totals.undated += 1;
  else {
    if (totals.firstDate === '' || date < totals.firstDate) totals.firstDate = date;
    if (date > totals.lastDate) totals.lastDate = date;
  }
  if (near_duplicate_of !== '') totals.nearDuplicates += 1;
  agg.outlets.set(slug, totals);

  let tallies = agg.tallies.get(slug);
  if (!tallies) {
    tallies = new Map();
    agg.tallies.set(slug, tallies);
  }
  const month = monthTotals(agg, slug, monthOf(prepared.article.date));
  month.articles += 1;
  month.words += prepared.words;
  const counted = new Set<Tally>();
  const count = (key: string, entry: LexiconEntry, quoted: boolean, into = tallies) => {
    let tally = into.get(key);
    if (!tally) {
      tally = emptyTally();
      into.set(key, tally);
    }
    tally.hits += 1;
    if (quoted) tally.quoted += 1;
    if (entry.weight !== null) {
      tally.weightSum += entry.weight;
      tally.weighted += 1;
    }
    if (!counted.has(tally)) {
      counted.add(tally);
      tally.articles += 1;
    }
  };
  for (const [lexicon, line, quoted, target] of prepared.hits) {
    const { entry, keys } = agg.entries.at(lexicon, line);
    for (const key of keys) count(key, entry, quoted);
    count(keys[1], entry, quoted, month.tallies);
    count(keys[2], entry, quoted, month.tallies);
    if (target) {
      const key = targetKey(target, keys[1]);
      count(key, entry, quoted);
      const known = agg.targeted.get(key);
      if (!known || known.entry.line > entry.line) agg.targeted.set(key, { actor: target, entry });
    }
  }
}

function monthTotals(agg: Aggregates, slug: string, month: string): MonthTotals {
  let months = agg.months.get(slug);
  if (!months) agg.months.set(slug, (months = new Map()));
  let totals = months.get(month);
  if (!totals) months.set(month, (totals = { articles: 0, words: 0, tallies: new Map() }));
  return totals;
}

/**
 * An article's hits per entry: what the bootstrap resamples. Poles and frames
 * are summed from their entries once, at the end (withPolesAndFrames), not
 * resampled article by article: a third of the work, and the same sums.
 */
export function keyCounts(hits: readonly PreparedHit[], entries: EntryIndex): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [lexicon, line] of hits) {
    const key = entries.at(lexicon, line).keys[0];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * An outlet's bootstrap sums (per entry) with every pole's and frame's added:
 * the sums of their entries' in each resample. Sums of whole numbers, so
 * exactly what resampling each hit under its pole and frame too would give.
 */
export function withPolesAndFrames(sums: BootstrapSums, entries: EntryIndex): BootstrapSums {
  const all = new BootstrapSums(sums.resamples);
  all.words.set(sums.words);
  for (const { keys } of entries) {
    const entrySums = sums.keys.get(keys[0]);
    if (entrySums) for (const key of keys) all.addKey(key, entrySums);
  }
  return all;
}

export interface BootstrapConfig {
  resamples: number;
  seed: number;
}

function sumsOf(boot: Map<string, BootstrapSums>, slug: string, config: BootstrapConfig): BootstrapSums {
  let sums = boot.get(slug);
  if (!sums) {
    sums = new BootstrapSums(config.resamples);
    boot.set(slug, sums);
  }
  return sums;
}

/**
 * Adds an article to its outlet's bootstrap sums. Apart from addArticle so
 * that worker threads can do this, the costly part, and hand back sums to merge.
 */
export function addToBootstrap(
  boot: Map<string, BootstrapSums>,
  prepared: PreparedArticle,
  entries: EntryIndex,
  config: BootstrapConfig,
  weights: Float64Array,
): void {
  poissonWeights(prepared.article.article_id, config.seed, weights);
  sumsOf(boot, prepared.article.outlet_slug, config).add(weights, prepared.words, keyCounts(prepared.hits, entries));
}

/** What to add to counts `before` to make them `after`; keys that keep their count left out. */
export function countChange(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const change = new Map<string, number>();
  for (const [key, count] of after) if (before.get(key) !== count) change.set(key, count - (before.get(key) ?? 0));
  for (const [key, count] of before) if (!after.has(key)) change.set(key, -count);
  return change;
}

/**
 * Adds the change of an article's hits per key (countChange) to its outlet's
 * bootstrap sums, for an article scored again: sums of whole numbers, so
 * exactly the sums of scoring it so in the first place.
 */
export function addChangeToBootstrap(
  boot: Map<string, BootstrapSums>,
  article: Pick<PreparedArticle['article'], 'outlet_slug' | 'article_id'>,
  change: Map<string, number>,
  config: BootstrapConfig,
  weights: Float64Array,
): void {
  if (change.size === 0) return;
  poissonWeights(article.article_id, config.seed, weights);
  sumsOf(boot, article.outlet_slug, config).add(weights, 0, change);
}

export function mergeBootstrap(into: Map<string, BootstrapSums>, from: Map<string, BootstrapSums>): void {
  for (const [slug, sums] of from) {
    const mine = into.get(slug);
    if (mine) mine.merge(sums);
    else into.set(slug, sums);
  }
}

/** The same key's tally over every outlet. */
export function corpusTally(agg: Aggregates, key: string): Tally {
  const total = emptyTally();
  for (const tallies of agg.tallies.values()) {
    const t = tallies.get(key);
    if (!t) continue;
    total.hits += t.hits;
    total.quoted += t.quoted;
    total.articles += t.articles;
    total.weightSum += t.weightSum;
    total.weighted += t.weighted;
  }
  return total;
}

export function tallyOf(agg: Aggregates, slug: string, key: string): Tally {
  return agg.tallies.get(slug)?.get(key) ?? emptyTally();
}

// The I/O around the stage functions: what each npm script reads and writes.
// The work folder holds each stage's output for the next:
//   articles.jsonl (ingest) -> cache/tokens/ (tokenise)
//   -> scored.jsonl, lexicons.json, grams.json (score) -> reports (report)
// The pipeline runs all four in one pass, writing none of those files but the
// token cache and the run memory (memory.ts).
// Articles stream through: nothing here holds the corpus, its tokens or its hits.
import { createReadStream, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ingest } from '../01-ingest/index.ts';
import { furnitureYaml, RepeatedText, type OutletPhrases, type OutletRepeats } from '../01-ingest/repeated-text.ts';
import { cacheSize, clearTokenCache, keyStamp, pruneTokenCache, readTermTokens, WINK_VERSIONS, writeTermTokens } from '../02-tokenise/cache.ts';
import { loadLexicons } from '../03-score/index.ts';
import { NOT_COUNTED } from '../03-score/lexicon.ts';
import type { GramCount, GramTally } from '../03-score/ngrams.ts';
import type { UnitTokens } from '../03-score/units.ts';
import { createTokeniser, rememberTermTokens, termTokensOf, TOKENISER_VERSION, type Tokeniser } from '../02-tokenise/tokenise.ts';
import { writeAtomic } from '../files.ts';
import { SPREADSHEET_ROWS, type CsvFormat } from '../04-report/csv.ts';
import { ReportBuilder, type ReportFiles } from '../04-report/index.ts';
import { prepareArticle } from '../04-report/prepare.ts';
import { formatProblem, InputError, problem, type Problem } from '../messages.ts';
import { JsonlWriter, writingTo } from './jsonl.ts';
import type { Article, LexiconSet, ScoredArticle } from '../types.ts';
import { workersWarning, type Options } from './options.ts';
import { corpusSize, Progress } from './progress.ts';
import { fileStamps, loadMemory, memoryFolder, memorySize, MemoryWriter, rescore, runFingerprint, type IngestSummary, type MemoryIndex } from './memory.ts';
import {
  compileSet, localScoring, numbered, scoreInOrder, scoringWindow, sharedScoring,
  type CompiledSet, type Prepared, type ScoredResult, type Scoring, type ScoringSetup, type ScoringTotals,
} from './scoring.ts';

const NO_EXTRAS = { scoredJson: false, vocabulary: false, remembered: null };

const csvFormat = (options: Options): CsvFormat => ({ decimalComma: options.decimalComma });

const ARTICLES = 'articles.jsonl';
const SCORED = 'scored.jsonl';
const LEXICONS = 'lexicons.json';
const GRAMS = 'grams.json';

export interface Console {
  log(line: string): void;
  warn(line: string): void;
  /** Whether to draw a progress bar on stderr (a terminal, and no --quiet). */
  progress?: boolean;
}

async function* readLines(file: string, before: string): AsyncGenerator<string> {
  if (!existsSync(file)) throw new InputError([problem('C001', 'error', file, `missing; run ${before} first`)]);
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield line;
}

async function* readJsonl<T>(file: string, before: string): AsyncGenerator<T> {
  for await (const line of readLines(file, before)) yield JSON.parse(line) as T;
}

/** Lexicons checked before anything else is read or written; any error stops the run, warnings are printed and counted. */
function checkedLexicons(where: string, out: Console): { set: LexiconSet; warnings: number } {
  const loaded = loadLexicons(where);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new InputError(errors);
  for (const p of loaded.problems) out.warn(formatProblem(p));
  return { set: { lexicons: loaded.lexicons, actors: loaded.actors }, warnings: loaded.problems.length };
}

function describeLexicons(set: LexiconSet): string {
  const entries = set.lexicons.reduce((n, l) => n + l.entries.length, 0);
  const actors = new Set(set.actors.map((a) => a.actor)).size;
  return `${set.lexicons.length} lexicon(s), ${entries} entries, ${actors} actor(s)`;
}

interface IngestTally {
  articles: number;
  outlets: Set<string>;
  skipped: number;
  warnings: number;
  /** The messages printed, for the run memory to print again. */
  messages: string[];
  furniture: IngestSummary['furniture'];
  /** Files beside the corpus that rows named for their text. */
  beside: Set<string>;
}

const newIngestTally = (): IngestTally => ({ articles: 0, outlets: new Set(), skipped: 0, warnings: 0, messages: [], furniture: null, beside: new Set() });

/** Where the rules suggested for lines and phrases repeated in an outlet's articles are written. */
const FURNITURE = 'suggested-furniture.yaml';

const summariseIngest = (t: IngestTally): IngestSummary => ({ ...t, outlets: t.outlets.size, beside: fileStamps(t.beside) });

/** "12 line(s) standing alone (C066) and 3 phrase(s) inside the text (C069)", of those there are. */
function describeFurniture({ lines, phrases }: NonNullable<IngestSummary['furniture']>): string {
  const kinds = [lines > 0 ? `${lines} line(s) standing alone (C066)` : '', phrases > 0 ? `${phrases} phrase(s) inside the text (C069)` : ''];
  return kinds.filter((kind) => kind !== '').join(' and ');
}

function describeIngest(t: IngestSummary): string {
  const skipped = t.skipped > 0 ? `; skipped ${t.skipped} (see the errors above)` : '';
  const warned = t.warnings > 0 ? `; ${t.warnings} warning(s) above` : '';
  const furniture = t.furniture ? `; rules for the furniture found in many of an outlet's articles, ${describeFurniture(t.furniture)}, in ${t.furniture.file}` : '';
  return `read ${t.articles} article(s) from ${t.outlets} outlet(s)${skipped}${warned}${furniture}`;
}

function reportProblem(p: Problem, tally: IngestTally, out: Console): void {
  const message = formatProblem(p);
  out.warn(message);
  tally.messages.push(message);
  if (p.severity === 'error' || p.code === 'C004') tally.skipped += p.count ?? 1;
  else tally.warnings += p.count ?? 1;
}

/** The corpus's articles, its problems reported as they come; fails only if no article at all is left. */
async function* corpusArticles(options: Options, out: Console, tally: IngestTally): AsyncGenerator<Article> {
  const { maxArticleBytes, columns, rules, dayFirst, outlet, outletNames, skipNearDuplicates, from, to, about } = options;
  const repeatedText = new RepeatedText();
  for await (const item of ingest(options.corpus, { maxArticleBytes, columns, rules, dayFirst, outlet, outletNames, skipNearDuplicates, from, to, about, repeatedText })) {
    if ('problem' in item) {
      reportProblem(item.problem, tally, out);
      continue;
    }
    if ('beside' in item) {
      tally.beside.add(item.beside);
      continue;
    }
    tally.articles += 1;
    tally.outlets.add(item.article.outlet);
    yield item.article;
  }
  if (tally.articles === 0) {
    throw new InputError([problem('C015', 'error', options.corpus, tally.messages.length > 0)]);
  }
  tally.furniture = writeFurniture(options, repeatedText.lines(), repeatedText.phrases());
}

/**
 * Writes the rules suggested for every outlet's repeated lines and phrases
 * into the work folder, past the ten messages of each code shown (C066, C069);
 * or removes the last run's. The file given to --rules is the user's, edited,
 * and left as it is.
 */
function writeFurniture(options: Options, lines: OutletRepeats[], phrases: OutletPhrases[]): IngestSummary['furniture'] {
  const file = path.join(options.work, FURNITURE);
  if (options.rules !== null && path.resolve(options.rules) === path.resolve(file)) return null;
  if (lines.length === 0 && phrases.length === 0) {
    rmSync(file, { force: true });
    return null;
  }
  writeAtomic(file, furnitureYaml(lines, phrases));
  return { lines: lines.reduce((n, outlet) => n + outlet.lines.length, 0), phrases: phrases.reduce((n, outlet) => n + outlet.phrases.length, 0), file };
}

export async function runIngest(options: Options, out: Console): Promise<void> {
  const tally = newIngestTally();
  await writingTo(new JsonlWriter(path.join(options.work, ARTICLES)), async (writer) => {
    for await (const article of corpusArticles(options, out, tally)) await writer.write(article);
  });
  out.log(`ingest: ${describeIngest(summariseIngest(tally))}; wrote ${path.join(options.work, ARTICLES)}`);
}

const tokenCacheFolder = (options: Options) => path.join(options.work, 'cache', 'tokens');

/** Empties the token cache and the run memory on --clear-cache; first thing in a run. */
function clearCacheIfAsked(options: Options): void {
  if (!options.clearCache) return;
  clearTokenCache(tokenCacheFolder(options));
  rmSync(memoryFolder(options), { recursive: true, force: true });
}

/** What each scored article's result carries besides its counts. */
type Extras = Pick<ScoringSetup, 'scoredJson' | 'vocabulary' | 'remembered'>;

/** The lexicon terms' tokens the token cache keeps, remembered in this thread so that tokenising them needs no model. */
function rememberKeptTerms(options: Options): ReadonlyMap<string, UnitTokens> {
  const kept = new Map(options.cache ? readTermTokens(tokenCacheFolder(options)) : []);
  rememberTermTokens(kept);
  return kept;
}

/**
 * Compiles the lexicons with the terms' tokens the token cache keeps (`kept`,
 * read unless given), and keeps there those of this set when it lacked any:
 * compiling a large lexicon again then needs no model.
 */
function compileKeepingTerms(options: Options, set: LexiconSet, tokeniser: Tokeniser, kept = rememberKeptTerms(options)): CompiledSet {
  const compiled = compileSet(set, tokeniser);
  const terms = [...new Set([...set.lexicons.flatMap((l) => l.entries.map((e) => e.term)), ...set.actors.map((a) => a.term)])];
  if (options.cache && terms.some((term) => !kept.has(term))) writeTermTokens(tokenCacheFolder(options), termTokensOf(terms));
  return compiled;
}

/** Says so when the stages that start worker threads are asked for more than there are cores. */
function warnOfWorkers(options: Options, out: Console): void {
  const warning = workersWarning(options.workers);
  if (warning) out.warn(warning);
}

/**
 * Scoring in this thread, or shared with workers; the lexicons are compiled
 * here, once (`kept`: the terms' tokens read from the cache already, if so).
 */
function openScoring(options: Options, set: LexiconSet | null, extras: Extras, kept?: ReadonlyMap<string, UnitTokens>): Scoring {
  const prepare = (): Prepared => {
    const tokeniser = set ? createTokeniser() : null;
    const compiled = set && tokeniser ? compileKeepingTerms(options, set, tokeniser, kept) : null;
    const cache = options.cache ? tokenCacheFolder(options) : null;
    return { setup: { compiled, cache, bootstrap: options.stats, csv: csvFormat(options), ...extras }, tokeniser };
  };
  return options.workers > 1 ? sharedScoring(prepare, options.workers) : localScoring(prepare());
}

/** Tallies of a scoring pass, for the summary. */
class PassTally {
  articles = 0;
  words = 0;
  hits = 0;
  cached = 0;
  /** Articles that could not be scored (C027), left out. */
  failed = 0;
  add(result: ScoredResult): void {
    this.articles += 1;
    this.words += result.words;
    this.hits += result.prepared?.hits.length ?? 0;
    if (result.cached) this.cached += 1;
  }
  describeTokens(): string {
    return `${this.words} words; ${this.cached} from the token cache, ${this.articles - this.cached} tokenised`;
  }
  describeFailed(): string {
    return this.failed > 0 ? `; ${this.failed} could not be scored, left out (see the errors above)` : '';
  }
}

export async function runTokenise(options: Options, out: Console): Promise<void> {
  const started = performance.now();
  warnOfWorkers(options, out);
  clearCacheIfAsked(options);
  const articles = readJsonl<Article>(path.join(options.work, ARTICLES), 'npm run ingest');
  const used = new Set<number>();
  const { pass } = await scorePass(options, null, articles, out, 0, NO_EXTRAS, async (_, result) => {
    used.add(keyStamp(result.key));
  });
  const pruned = pruneCacheIfAsked(options, used);
  out.log(`tokenise: ${pass.articles} article(s), ${pass.describeTokens()}${pass.describeFailed()}; ${describeCache(options, used, pruned)}`);
  out.log(describeSpeed(pass.words, started));
}

/** On --prune-cache, drops the cache entries a run over the whole corpus did not use (`used`: their keyStamps). */
function pruneCacheIfAsked(options: Options, used: ReadonlySet<number>): ReturnType<typeof pruneTokenCache> | null {
  return options.cache && options.pruneCache ? pruneTokenCache(tokenCacheFolder(options), used) : null;
}

/**
 * The token cache's size; after a run over the whole corpus (the entries it
 * `used`), what was pruned, or how many entries it did not use.
 */
function describeCache(options: Options, used: ReadonlySet<number> | null = null, pruned: ReturnType<typeof pruneTokenCache> | null = null): string {
  if (!options.cache) return 'token cache not used (--no-cache)';
  const { entries, bytes, unused } = cacheSize(tokenCacheFolder(options), used);
  const size = `token cache: ${entries} entries, ${(bytes / 1e6).toFixed(1)} MB`;
  if (pruned) {
    const dropped = pruned.entries > 0 ? `dropped ${pruned.entries} entries this run did not use` : 'this run used every entry';
    return `${size} (${dropped}${pruned.bytes > 0 ? `; ${(pruned.bytes / 1e6).toFixed(1)} MB freed` : ''})`;
  }
  return unused > 0 ? `${size}, ${unused} of them not used by this run (--prune-cache drops them)` : size;
}

function describeMemory(options: Options): string {
  return `memory: ${(memorySize(memoryFolder(options)) / 1e6).toFixed(1)} MB kept in ${memoryFolder(options)}/ for a re-run after a lexicon edit`;
}

function describeSpeed(words: number, started: number): string {
  const seconds = (performance.now() - started) / 1000;
  return `done in ${seconds.toFixed(1)} s (${Math.round(words / Math.max(seconds, 1e-9))} words/s)`;
}

function writeGrams(options: Options, grams: GramTally): void {
  writeAtomic(path.join(options.work, GRAMS), JSON.stringify([...grams].map(([slug, g]) => [slug, [...g]])));
}

function readWorkJson<T>(options: Options, name: string): T {
  const file = path.join(options.work, name);
  if (!existsSync(file)) throw new InputError([problem('C001', 'error', file, 'missing; run npm run score first')]);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/**
 * Tokenises (and, given lexicons, scores) a stream of articles, handing each
 * result to `each` in corpus order: the common core of the tokenise and score
 * stages and the pipeline. An article that cannot be scored is left out, its
 * problem given to `failed` (by default, said on stderr).
 */
async function scorePass(
  options: Options,
  set: LexiconSet | null,
  articles: AsyncIterable<Article>,
  out: Console,
  corpusBytes: number,
  extras: Extras,
  each: (article: Article, result: ScoredResult) => Promise<void>,
  failed: (problem: Problem) => void = (p) => out.warn(formatProblem(p)),
): Promise<{ pass: PassTally; totals: ScoringTotals }> {
  const scoring = openScoring(options, set, extras);
  const pass = new PassTally();
  const progress = new Progress(out, options, corpusBytes);
  try {
    await scoreInOrder(numbered(articles), scoring, scoringWindow(options.workers), async (article, result) => {
      if (result.failed) {
        pass.failed += 1;
        failed(result.failed);
      } else {
        pass.add(result);
        await each(article, result);
      }
      progress.tick(result.words, article.title.length + article.text.length);
    });
    return { pass, totals: await scoring.close() };
  } finally {
    progress.stop();
  }
}

export async function runScore(options: Options, out: Console): Promise<void> {
  const started = performance.now();
  warnOfWorkers(options, out);
  const { set } = checkedLexicons(options.lexicons, out);
  clearCacheIfAsked(options);
  const articles = readJsonl<Article>(path.join(options.work, ARTICLES), 'npm run ingest');
  const { pass, totals } = await writingTo(new JsonlWriter(path.join(options.work, SCORED)), (scoredOut) =>
    scorePass(options, set, articles, out, 0, { ...NO_EXTRAS, scoredJson: true }, (_, result) => scoredOut.writeLine(result.prepared!.json!)),
  );
  writeAtomic(path.join(options.work, LEXICONS), JSON.stringify(set));
  writeGrams(options, totals.grams);
  out.log(`score: ${pass.articles} article(s) against ${describeLexicons(set)}: ${pass.hits} hit(s); ${pass.describeTokens()}${pass.describeFailed()}`);
  out.log(describeSpeed(pass.words, started));
}

/** The settings the reports were made with, for run.csv: each option that changes them, as given, and the tokeniser's versions. */
export function runSettings(options: Options): [string, string][] {
  const given = (value: string | number | boolean | null) => (value === null ? '' : String(value));
  return [
    ['corpus', options.corpus],
    ['lexicons', options.lexicons],
    ['columns', Object.entries(options.columns).map(([field, theirs]) => `${field}=${theirs}`).join(',')],
    ['rules', given(options.rules)],
    ['outlet', given(options.outlet)],
    ['outlet-names', given(options.outletNames)],
    ['skip-near-duplicates', given(options.skipNearDuplicates)],
    ['day-first', given(options.dayFirst)],
    ['from', given(options.from)],
    ['to', given(options.to)],
    ['about', options.about?.join(', ') ?? ''],
    ['max-article-kb', given(options.maxArticleBytes / 1000)],
    ['resamples', given(options.stats.resamples)],
    ['prior', given(options.stats.prior)],
    ['min-words', given(options.stats.minWords)],
    ['min-articles', given(options.stats.minArticles)],
    ['seed', given(options.stats.seed)],
    ['decimal-comma', given(options.decimalComma)],
    ['tokeniser', given(TOKENISER_VERSION)],
    ['wink-nlp/model', WINK_VERSIONS],
  ];
}

async function finishReports(options: Options, builder: ReportBuilder, grams: GramTally, out: Console): Promise<void> {
  const files = await builder.finish(options.out, grams, runSettings(options));
  for (const { name, rows } of files.pastSpreadsheets) out.warn(formatProblem(problem('R001', 'warning', path.join(options.out, name), rows, SPREADSHEET_ROWS)));
  out.log(describeReports(files, options.out));
}

/** Report names as a summary lists them: past a dozen outlet reports, those as one item. */
function listed(names: string[]): string {
  const outlets = names.filter((n) => n.startsWith('outlets/'));
  if (outlets.length <= 12) return names.join(', ');
  return [...names.filter((n) => !n.startsWith('outlets/')), `${outlets.length} outlet reports in outlets/`].join(', ');
}

/**
 * Which reports a run wrote, how many it left as they were because they came
 * out the same, and which outlet reports it removed.
 */
function describeReports({ written, unchanged, removed }: ReportFiles, folder: string): string {
  const all = written.length + unchanged.length;
  const gone = removed.length === 0 ? '' : `; removed ${listed(removed)} (outlets no longer in the corpus)`;
  if (written.length === 0) return `report: ${all} file(s) in ${folder}/, all unchanged, left as they were${gone}`;
  const kept = unchanged.length === 0 ? '' : `; ${unchanged.length} unchanged, left as they were`;
  return `report: wrote ${unchanged.length === 0 ? '' : `${written.length} of `}${all} file(s) to ${folder}/: ${listed(written)}${kept}${gone}`;
}

export async function runReport(options: Options, out: Console): Promise<void> {
  const set = readWorkJson<LexiconSet>(options, LEXICONS);
  const grams: GramTally = new Map(
    readWorkJson<[string, [string, GramCount][]][]>(options, GRAMS).map(([slug, g]) => [slug, new Map(g)]),
  );
  const builder = new ReportBuilder(set, { stats: options.stats, work: options.work, bootstrapHere: true, csv: csvFormat(options) });
  try {
    for await (const line of readLines(path.join(options.work, SCORED), 'npm run score')) {
      await builder.add(prepareArticle(JSON.parse(line) as ScoredArticle, line, csvFormat(options)));
    }
    await finishReports(options, builder, grams, out);
  } catch (e) {
    builder.discard();
    throw e;
  }
}

/**
 * All four stages in one pass over the corpus. Of the work folder it fills only
 * the token cache and the run memory: the stages' files cost more to write
 * than to make again. With the memory of a run on the same corpus, it scores
 * again only the articles that the lexicon edits since can change.
 */
export async function runPipeline(options: Options, out: Console): Promise<void> {
  const started = performance.now();
  warnOfWorkers(options, out);
  const { set } = checkedLexicons(options.lexicons, out);
  clearCacheIfAsked(options);
  // Stage output from some earlier run would not match this corpus and these reports.
  for (const stale of [ARTICLES, SCORED, LEXICONS, GRAMS]) rmSync(path.join(options.work, stale), { force: true });
  const fingerprint = options.cache ? runFingerprint(options, set) : null;
  // Pruning needs the cache key of every article, which a run from the memory does not look at.
  const remembered = fingerprint && !options.pruneCache ? loadMemory(memoryFolder(options), fingerprint) : null;
  if (remembered && (await rescorePipeline(options, set, remembered, out, started))) return;
  const memory = fingerprint ? new MemoryWriter(memoryFolder(options)) : null;
  const keptSpill = memory ? { file: memory.rowsFile, append: false } : undefined;
  const builder = new ReportBuilder(set, { stats: options.stats, work: options.work, bootstrapHere: false, keptSpill, csv: csvFormat(options) });
  try {
    const tally = newIngestTally();
    const articles = corpusArticles(options, out, tally);
    const extras = { ...NO_EXTRAS, vocabulary: memory !== null };
    const used = new Set<number>();
    // An article that cannot be scored is one more skipped, said again by a re-run from the run memory.
    const { pass, totals } = await scorePass(options, set, articles, out, await corpusSize(options.corpus), extras, async (article, result) => {
      used.add(keyStamp(result.key));
      const rows = await builder.add(result.prepared!);
      await memory?.add(article, result, rows);
    }, (p) => {
      tally.articles -= 1;
      reportProblem(p, tally, out);
    });
    builder.mergeBootstrap(totals.boot);
    const ingested = summariseIngest(tally);
    out.log(`ingest: ${describeIngest(ingested)}`);
    const pruned = pruneCacheIfAsked(options, used);
    out.log(`tokenise: ${pass.describeTokens()}; ${describeCache(options, used, pruned)}`);
    out.log(`score: ${describeLexicons(set)}: ${pass.hits} hit(s)`);
    await finishReports(options, builder, totals.grams, out);
    if (memory) {
      await memory.finish(fingerprint!, set, ingested, totals);
      out.log(describeMemory(options));
    }
    out.log(describeSpeed(pass.words, started));
  } catch (e) {
    builder.discard();
    memory?.abort();
    throw e;
  }
}

/** Fewer articles than this to score again are scored in the main thread alone. */
const FEW_FOR_WORKERS = 200;

/**
 * The pipeline from the memory of the last run: false, having written
 * nothing, when the token cache no longer holds an article it needs.
 */
async function rescorePipeline(options: Options, set: LexiconSet, memory: MemoryIndex, out: Console, started: number): Promise<boolean> {
  const folder = memoryFolder(options);
  // The edited entries' first words are found with the terms' tokens the cache keeps.
  const kept = rememberKeptTerms(options);
  const keptSpill = { file: path.join(folder, memory.files.rows), append: true };
  const builder = new ReportBuilder(set, { stats: options.stats, work: options.work, bootstrapHere: false, keptSpill, csv: csvFormat(options) });
  const scoringFor = (articles: number) => {
    // Starting workers takes longer than scoring a few articles again.
    const workers = articles < FEW_FOR_WORKERS ? 1 : options.workers;
    return { scoring: openScoring({ ...options, workers }, set, { ...NO_EXTRAS, remembered: memory.lexicons }, kept), window: scoringWindow(workers) };
  };
  try {
    const done = await rescore({
      folder, index: memory, set, tokeniser: createTokeniser(), builder, cacheFolder: tokenCacheFolder(options), scoringFor,
      progressFor: (words) => new Progress(out, options, words),
    });
    if (!done) {
      builder.discard();
      return false;
    }
    builder.mergeBootstrap(done.totals.boot);
    for (const message of memory.ingest.messages) out.warn(message);
    out.log(`ingest: ${describeIngest(memory.ingest)}; the corpus is as in the last run, not read again`);
    out.log(`tokenise: ${memory.words} words, from the last run; ${describeCache(options)}`);
    const unchanged = done.articles - done.rescored;
    out.log(`score: ${describeLexicons(set)}: ${done.hits} hit(s); ${done.rescored} article(s) scored again, ${unchanged} unchanged by the lexicon edits`);
    await finishReports(options, builder, done.totals.grams, out);
    done.save();
    out.log(describeMemory(options));
    out.log(describeSpeed(memory.words, started));
    return true;
  } catch (e) {
    builder.discard();
    throw e;
  }
}

export function runLexiconsCheck(options: Options, out: Console): void {
  const { set, warnings } = checkedLexicons(options.lexicons, out);
  compileSet(set, createTokeniser());
  for (const l of [...set.lexicons].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const frames = new Set(l.entries.map((e) => e.frame));
    const uncounted = l.entries.filter((e) => e.pole === NOT_COUNTED).length;
    out.log(`${l.file}: ${l.entries.length} entries, ${frames.size} frame(s)${uncounted > 0 ? `, ${uncounted} counting nothing (pole -)` : ''}${l.weighted ? ', weighted' : ''}`);
  }
  const actorFiles = [...new Set(set.actors.map((a) => a.lexicon))].sort();
  for (const file of actorFiles) {
    const aliases = set.actors.filter((a) => a.lexicon === file);
    out.log(`${file}: ${aliases.length} aliases of ${new Set(aliases.map((a) => a.actor)).size} actor(s)`);
  }
  out.log(`lexicons: ${describeLexicons(set)}, ${warnings > 0 ? `${warnings} warning(s) above` : 'no problems'}`);
}

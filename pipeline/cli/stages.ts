// The I/O around the stage functions: what each npm script reads and writes.
// The work folder holds each stage's output for the next:
//   articles.jsonl (ingest) -> cache/tokens/ (tokenise)
//   -> scored.jsonl, lexicons.json, grams.json (score) -> reports (report)
// The pipeline runs all four in one pass, writing none of those files but the cache.
// Articles stream through: nothing here holds the corpus, its tokens or its hits.
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ingest } from '../01-ingest/index.ts';
import { cacheSize, clearTokenCache } from '../02-tokenise/cache.ts';
import { compileLexicon, compileTerms } from '../03-score/compile.ts';
import { loadLexicons } from '../03-score/index.ts';
import type { GramCount, GramTally } from '../03-score/ngrams.ts';
import { createTokeniser } from '../02-tokenise/tokenise.ts';
import { TextChunks, writeAtomic } from '../04-report/csv.ts';
import { ReportBuilder } from '../04-report/index.ts';
import { prepareArticle } from '../04-report/prepare.ts';
import { formatProblem, InputError, problem, type Problem } from '../messages.ts';
import type { Article, LexiconSet, ScoredArticle } from '../types.ts';
import type { Options } from './options.ts';
import { corpusSize, Progress } from './progress.ts';
import { BATCH, compileSet, localScoring, sharedScoring, type Prepared, type ScoredResult, type Scoring, type ScoringTotals } from './scoring.ts';

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

/** A JSONL file written through a temporary file, renamed into place only when complete. */
class JsonlWriter {
  private readonly temp: string;
  private readonly stream: WriteStream;
  private readonly chunks = new TextChunks();
  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.temp = `${file}.tmp-${process.pid}`;
    this.stream = createWriteStream(this.temp);
  }
  async write(record: unknown): Promise<void> {
    await this.writeLine(JSON.stringify(record));
  }
  async writeLine(line: string): Promise<void> {
    if (this.chunks.add(`${line}\n`)) await this.flush();
  }
  private async flush(): Promise<void> {
    const chunk = this.chunks.take();
    if (chunk !== '' && !this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    renameSync(this.temp, this.file);
  }
  /** Drops what was written: a failed run leaves the previous file, or none. */
  abort(): void {
    // A write still under way fails once the stream is destroyed; that failure is this one's.
    this.stream.on('error', () => undefined);
    this.stream.destroy();
    rmSync(this.temp, { force: true });
  }
}

/** Runs `body` with `writer`, which is closed when it succeeds and aborted when it fails. */
async function writingTo<T>(writer: JsonlWriter, body: (w: JsonlWriter) => Promise<T>): Promise<T> {
  try {
    const result = await body(writer);
    await writer.close();
    return result;
  } catch (e) {
    writer.abort();
    throw e;
  }
}

async function* readLines(file: string, before: string): AsyncGenerator<string> {
  if (!existsSync(file)) throw new InputError([problem('C001', 'error', file, `missing; run ${before} first`)]);
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield line;
}

async function* readJsonl<T>(file: string, before: string): AsyncGenerator<T> {
  for await (const line of readLines(file, before)) yield JSON.parse(line) as T;
}

/** Lexicons checked before anything else is read or written; any error stops the run. */
export function checkedLexicons(where: string, out: Console): LexiconSet {
  const loaded = loadLexicons(where);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new InputError(errors);
  for (const p of loaded.problems) out.warn(formatProblem(p));
  return { lexicons: loaded.lexicons, actors: loaded.actors };
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
}

function describeIngest(t: IngestTally): string {
  const skipped = t.skipped > 0 ? `; skipped ${t.skipped} (see the errors above)` : '';
  const warned = t.warnings > 0 ? `; ${t.warnings} warning(s) above` : '';
  return `read ${t.articles} article(s) from ${t.outlets.size} outlet(s)${skipped}${warned}`;
}

function reportProblem(p: Problem, tally: IngestTally, out: Console): void {
  out.warn(formatProblem(p));
  if (p.severity === 'error' || p.code === 'C004') tally.skipped += 1;
  else tally.warnings += 1;
}

/** The corpus's articles, its problems reported as they come; fails only if no article at all is left. */
async function* corpusArticles(options: Options, out: Console, tally: IngestTally): AsyncGenerator<Article> {
  for await (const item of ingest(options.corpus, { maxArticleBytes: options.maxArticleBytes })) {
    if ('problem' in item) {
      reportProblem(item.problem, tally, out);
      continue;
    }
    tally.articles += 1;
    tally.outlets.add(item.article.outlet);
    yield item.article;
  }
  if (tally.articles === 0) {
    throw new InputError([problem('C015', 'error', options.corpus)]);
  }
}

export async function runIngest(options: Options, out: Console): Promise<void> {
  const tally: IngestTally = { articles: 0, outlets: new Set(), skipped: 0, warnings: 0 };
  await writingTo(new JsonlWriter(path.join(options.work, ARTICLES)), async (writer) => {
    for await (const article of corpusArticles(options, out, tally)) await writer.write(article);
  });
  out.log(`ingest: ${describeIngest(tally)}; wrote ${path.join(options.work, ARTICLES)}`);
}

const tokenCacheFolder = (options: Options) => path.join(options.work, 'cache', 'tokens');

/** The token cache to use, emptied first on --clear-cache; null for --no-cache. */
function openedTokenCache(options: Options): string | null {
  const folder = tokenCacheFolder(options);
  if (options.clearCache) clearTokenCache(folder);
  return options.cache ? folder : null;
}

/** Scoring in this thread, or shared with workers; the lexicons are compiled here, once. */
function openScoring(options: Options, set: LexiconSet | null, scoredJson = false): Scoring {
  const prepare = (): Prepared => {
    const tokeniser = set ? createTokeniser() : null;
    const compiled = set && tokeniser ? compileSet(set, tokeniser) : null;
    return { setup: { compiled, cache: openedTokenCache(options), bootstrap: options.stats, scoredJson }, tokeniser };
  };
  return options.workers > 1 ? sharedScoring(prepare, options.workers) : localScoring(prepare());
}

/** Tallies of a scoring pass, for the summary. */
class PassTally {
  articles = 0;
  words = 0;
  hits = 0;
  cached = 0;
  add(result: ScoredResult): void {
    this.articles += 1;
    this.words += result.words;
    this.hits += result.prepared?.hits.length ?? 0;
    if (result.cached) this.cached += 1;
  }
  describeTokens(): string {
    return `${this.words} words; ${this.cached} from the token cache, ${this.articles - this.cached} tokenised`;
  }
}

/** Articles read between two turns of the event loop. */
const YIELD_EVERY = 8;

/** Articles in flight: enough batches to keep every worker busy while the main thread catches up. */
function scoringWindow(options: Options): number {
  return options.workers <= 1 ? 1 : options.workers * BATCH * 4;
}

/**
 * Scores every article, keeping at most `window` in flight, and hands each
 * result to `each` in corpus order, whatever order the workers finish in.
 */
async function scoreInOrder(
  articles: AsyncIterable<Article>,
  scoring: Scoring,
  window: number,
  each: (article: Article, result: ScoredResult) => Promise<void>,
): Promise<void> {
  const queue: { article: Article; result: Promise<ScoredResult> }[] = [];
  const settle = async () => {
    const next = queue.shift()!;
    scoring.flush();
    await each(next.article, await next.result);
  };
  let seq = 0;
  try {
    for await (const article of articles) {
      // Lets replies from workers in, so that scoring knows how busy they are.
      if (seq % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
      const result = scoring.score(article, seq++);
      // Awaited in turn below; this only keeps an early failure from counting as unhandled.
      result.catch(() => undefined);
      queue.push({ article, result });
      if (queue.length >= window) await settle();
    }
    while (queue.length > 0) await settle();
  } catch (e) {
    await scoring.close().catch(() => undefined);
    throw e;
  }
}

export async function runTokenise(options: Options, out: Console): Promise<void> {
  const started = performance.now();
  const articles = readJsonl<Article>(path.join(options.work, ARTICLES), 'npm run ingest');
  const { pass } = await scorePass(options, null, articles, out, 0, false, async () => undefined);
  out.log(`tokenise: ${pass.articles} article(s), ${pass.describeTokens()}; ${describeCache(options)}`);
  out.log(describeSpeed(pass.words, started));
}

function describeCache(options: Options): string {
  if (!options.cache) return 'token cache not used (--no-cache)';
  const { entries, bytes } = cacheSize(tokenCacheFolder(options));
  return `token cache: ${entries} entries, ${(bytes / 1e6).toFixed(1)} MB`;
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
 * stages and the pipeline.
 */
async function scorePass(
  options: Options,
  set: LexiconSet | null,
  articles: AsyncIterable<Article>,
  out: Console,
  corpusBytes: number,
  scoredJson: boolean,
  each: (result: ScoredResult) => Promise<void>,
): Promise<{ pass: PassTally; totals: ScoringTotals }> {
  const scoring = openScoring(options, set, scoredJson);
  const pass = new PassTally();
  const progress = new Progress(out, options, corpusBytes);
  try {
    await scoreInOrder(articles, scoring, scoringWindow(options), async (article, result) => {
      pass.add(result);
      await each(result);
      progress.tick(result.words, article.title.length + article.text.length);
    });
    return { pass, totals: await scoring.close() };
  } finally {
    progress.stop();
  }
}

export async function runScore(options: Options, out: Console): Promise<void> {
  const started = performance.now();
  const set = checkedLexicons(options.lexicons, out);
  const articles = readJsonl<Article>(path.join(options.work, ARTICLES), 'npm run ingest');
  const { pass, totals } = await writingTo(new JsonlWriter(path.join(options.work, SCORED)), (scoredOut) =>
    scorePass(options, set, articles, out, 0, true, (result) => scoredOut.writeLine(result.prepared!.json!)),
  );
  writeAtomic(path.join(options.work, LEXICONS), JSON.stringify(set));
  writeGrams(options, totals.grams);
  out.log(`score: ${pass.articles} article(s) against ${describeLexicons(set)}: ${pass.hits} hit(s); ${pass.describeTokens()}`);
  out.log(describeSpeed(pass.words, started));
}

async function finishReports(options: Options, builder: ReportBuilder, grams: GramTally, out: Console): Promise<void> {
  const written = await builder.finish(options.out, grams);
  out.log(`report: wrote ${written.length} file(s) to ${options.out}/: ${written.join(', ')}`);
}

export async function runReport(options: Options, out: Console): Promise<void> {
  const set = readWorkJson<LexiconSet>(options, LEXICONS);
  const grams: GramTally = new Map(
    readWorkJson<[string, [string, GramCount][]][]>(options, GRAMS).map(([slug, g]) => [slug, new Map(g)]),
  );
  const builder = new ReportBuilder(set, { stats: options.stats, work: options.work, bootstrapHere: true });
  try {
    for await (const line of readLines(path.join(options.work, SCORED), 'npm run score')) {
      await builder.add(prepareArticle(JSON.parse(line) as ScoredArticle, line));
    }
    await finishReports(options, builder, grams, out);
  } catch (e) {
    builder.discard();
    throw e;
  }
}

/**
 * All four stages in one pass over the corpus. Of the work folder it fills only
 * the token cache: the stages' files cost more to write than to make again.
 */
export async function runPipeline(options: Options, out: Console): Promise<void> {
  const started = performance.now();
  const set = checkedLexicons(options.lexicons, out);
  const builder = new ReportBuilder(set, { stats: options.stats, work: options.work, bootstrapHere: false });
  try {
    const tally: IngestTally = { articles: 0, outlets: new Set(), skipped: 0, warnings: 0 };
    const articles = corpusArticles(options, out, tally);
    const { pass, totals } = await scorePass(options, set, articles, out, corpusSize(options.corpus), false, (result) => builder.add(result.prepared!));
    builder.mergeBootstrap(totals.boot);
    // Stage output from some earlier run would not match this corpus and these reports.
    for (const stale of [ARTICLES, SCORED, LEXICONS, GRAMS]) rmSync(path.join(options.work, stale), { force: true });
    out.log(`ingest: ${describeIngest(tally)}`);
    out.log(`tokenise: ${pass.describeTokens()}; ${describeCache(options)}`);
    out.log(`score: ${describeLexicons(set)}: ${pass.hits} hit(s)`);
    await finishReports(options, builder, totals.grams, out);
    out.log(describeSpeed(pass.words, started));
  } catch (e) {
    builder.discard();
    throw e;
  }
}

export function runLexiconsCheck(options: Options, out: Console): void {
  const set = checkedLexicons(options.lexicons, out);
  const tokeniser = createTokeniser();
  set.lexicons.forEach((l) => compileLexicon(l, tokeniser));
  compileTerms(set.actors, tokeniser);
  for (const l of [...set.lexicons].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const frames = new Set(l.entries.map((e) => e.frame));
    out.log(`${l.file}: ${l.entries.length} entries, ${frames.size} frame(s)${l.weighted ? ', weighted' : ''}`);
  }
  const actorFiles = [...new Set(set.actors.map((a) => a.lexicon))].sort();
  for (const file of actorFiles) {
    const aliases = set.actors.filter((a) => a.lexicon === file);
    out.log(`${file}: ${aliases.length} aliases of ${new Set(aliases.map((a) => a.actor)).size} actor(s)`);
  }
  out.log(`lexicons: ${describeLexicons(set)}, no problems`);
}

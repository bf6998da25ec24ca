// The I/O around the stage functions: what each npm script reads and writes.
// The work folder holds each stage's output for the next:
//   articles.jsonl (ingest) -> cache/tokens/ (tokenise) -> scored.jsonl + lexicons.json (score) -> reports (report)
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ingest } from '../01-ingest/index.ts';
import { cacheKey, clearTokenCache, openTokenCache, type TokenCache } from '../02-tokenise/cache.ts';
import { countWords, createTokeniser, type Tokeniser } from '../02-tokenise/tokenise.ts';
import type { CompiledActors } from '../03-score/attribute.ts';
import { compileLexicon, compileTerms, type CompiledLexicon } from '../03-score/compile.ts';
import { loadLexicons } from '../03-score/index.ts';
import { scoreArticle } from '../03-score/index.ts';
import { addGrams, type GramCount, type GramTally } from '../03-score/ngrams.ts';
import { writeAtomic, writeReports } from '../04-report/csv.ts';
import { buildReports } from '../04-report/index.ts';
import { formatProblem, InputError, type Problem } from '../messages.ts';
import type { Article, LexiconSet, ScoredArticle, TokenisedArticle } from '../types.ts';
import type { Options } from './options.ts';

const ARTICLES = 'articles.jsonl';
const SCORED = 'scored.jsonl';
const LEXICONS = 'lexicons.json';
const GRAMS = 'grams.json';

export interface Console {
  log(line: string): void;
  warn(line: string): void;
}

/** A JSONL file written through a temporary file, renamed into place only when complete. */
class JsonlWriter {
  private readonly temp: string;
  private readonly stream: WriteStream;
  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.temp = `${file}.tmp-${process.pid}`;
    this.stream = createWriteStream(this.temp);
  }
  async write(record: unknown): Promise<void> {
    if (!this.stream.write(`${JSON.stringify(record)}\n`)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
    renameSync(this.temp, this.file);
  }
}

async function* readJsonl<T>(file: string, before: string): AsyncGenerator<T> {
  if (!existsSync(file)) throw new InputError([{ code: 'C001', severity: 'error', place: file, message: `missing; run ${before} first` }]);
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as T;
}

/** Lexicons checked before anything else is read or written; any error stops the run. */
export function checkedLexicons(where: string, out: Console): LexiconSet {
  const loaded = loadLexicons(where);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new InputError(errors);
  }
  for (const p of loaded.problems) out.warn(formatProblem(p));
  return { lexicons: loaded.lexicons, actors: loaded.actors };
}

class TokenSource {
  constructor(
    private readonly tokeniser: Tokeniser,
    private readonly cache: TokenCache,
  ) {}
  get(article: Article): TokenisedArticle {
    const key = cacheKey(article);
    const cached = this.cache.get(key);
    if (cached) return { article, tokens: cached, words: countWords(cached) };
    const doc = this.tokeniser.tokenise(article);
    this.cache.put(key, doc.tokens);
    return doc;
  }
  summary(): string {
    return `${this.cache.hits} from the token cache, ${this.cache.misses} tokenised`;
  }
}

function tokenSource(options: Options & { clearCache?: boolean }, tokeniser: Tokeniser): TokenSource {
  const folder = path.join(options.work, 'cache', 'tokens');
  if (options.clearCache) clearTokenCache(folder);
  return new TokenSource(tokeniser, openTokenCache(options.cache ? folder : null));
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

async function ingestInto(
  options: Options,
  out: Console,
  each: (article: Article) => Promise<void>,
): Promise<IngestTally> {
  const tally: IngestTally = { articles: 0, outlets: new Set(), skipped: 0, warnings: 0 };
  for await (const item of ingest(options.corpus)) {
    if ('problem' in item) {
      reportProblem(item.problem, tally, out);
      continue;
    }
    tally.articles += 1;
    tally.outlets.add(item.article.outlet);
    await each(item.article);
  }
  if (tally.articles === 0) {
    throw new InputError([{ code: 'C004', severity: 'error', place: options.corpus, message: 'no article could be read; nothing to report' }]);
  }
  return tally;
}

function reportProblem(p: Problem, tally: IngestTally, out: Console): void {
  out.warn(formatProblem(p));
  if (p.severity === 'error' || p.code === 'C004') tally.skipped += 1;
  else tally.warnings += 1;
}

export async function runIngest(options: Options, out: Console): Promise<void> {
  const writer = new JsonlWriter(path.join(options.work, ARTICLES));
  const tally = await ingestInto(options, out, (article) => writer.write(article));
  await writer.close();
  out.log(`ingest: ${describeIngest(tally)}; wrote ${path.join(options.work, ARTICLES)}`);
}

export async function runTokenise(options: Options & { clearCache?: boolean }, out: Console): Promise<void> {
  const source = tokenSource(options, createTokeniser());
  let articles = 0;
  let words = 0;
  for await (const article of readJsonl<Article>(path.join(options.work, ARTICLES), 'npm run ingest')) {
    articles += 1;
    words += source.get(article).words;
  }
  out.log(`tokenise: ${articles} article(s), ${words} words: ${source.summary()}`);
}

interface Compiled {
  lexicons: CompiledLexicon[];
  actors: CompiledActors | null;
}

function compileAll(set: LexiconSet, tokeniser: Tokeniser): Compiled {
  return {
    lexicons: set.lexicons.map((l) => compileLexicon(l, tokeniser)),
    actors: set.actors.length > 0 ? compileTerms(set.actors, tokeniser) : null,
  };
}

function describeLexicons(set: LexiconSet): string {
  const entries = set.lexicons.reduce((n, l) => n + l.entries.length, 0);
  const actors = new Set(set.actors.map((a) => a.actor)).size;
  return `${set.lexicons.length} lexicon(s), ${entries} entries, ${actors} actor(s)`;
}

/** Stage 3 around one corpus pass: lexicons checked and compiled once, each article scored and its phrases tallied. */
function createScorer(options: Options & { clearCache?: boolean }, out: Console) {
  const lexicons = checkedLexicons(options.lexicons, out);
  const tokeniser = createTokeniser();
  const compiled = compileAll(lexicons, tokeniser);
  const source = tokenSource(options, tokeniser);
  const grams: GramTally = new Map();
  let hits = 0;
  let words = 0;
  return {
    lexicons,
    grams,
    source,
    score(article: Article): ScoredArticle {
      const doc = source.get(article);
      const scored = scoreArticle(doc, compiled.lexicons, compiled.actors);
      addGrams(grams, article, doc.tokens, scored.hits);
      hits += scored.hits.length;
      words += scored.words;
      return scored;
    },
    /** Leaves what the report stage needs besides scored.jsonl in the work folder. */
    finish(): void {
      writeAtomic(path.join(options.work, LEXICONS), JSON.stringify(lexicons));
      writeAtomic(path.join(options.work, GRAMS), JSON.stringify([...grams].map(([slug, g]) => [slug, [...g]])));
    },
    summary: () => `${describeLexicons(lexicons)}: ${hits} hit(s) in ${words} words`,
  };
}

export async function runScore(options: Options & { clearCache?: boolean }, out: Console): Promise<void> {
  const scorer = createScorer(options, out);
  const writer = new JsonlWriter(path.join(options.work, SCORED));
  let articles = 0;
  for await (const article of readJsonl<Article>(path.join(options.work, ARTICLES), 'npm run ingest')) {
    articles += 1;
    await writer.write(scorer.score(article));
  }
  await writer.close();
  scorer.finish();
  out.log(`score: ${articles} article(s) against ${scorer.summary()}; ${scorer.source.summary()}`);
}

function report(options: Options, lexicons: LexiconSet, scored: ScoredArticle[], grams: GramTally, out: Console): void {
  const written = writeReports(options.out, buildReports(lexicons, scored, grams, options.stats));
  out.log(`report: wrote ${written.length} file(s) to ${options.out}/: ${written.join(', ')}`);
}

function readWorkJson<T>(options: Options, name: string): T {
  const file = path.join(options.work, name);
  if (!existsSync(file)) {
    throw new InputError([{ code: 'C001', severity: 'error', place: file, message: 'missing; run npm run score first' }]);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export async function runReport(options: Options, out: Console): Promise<void> {
  const lexicons = readWorkJson<LexiconSet>(options, LEXICONS);
  const grams: GramTally = new Map(
    readWorkJson<[string, [string, GramCount][]][]>(options, GRAMS).map(([slug, g]) => [slug, new Map(g)]),
  );
  const scored: ScoredArticle[] = [];
  for await (const s of readJsonl<ScoredArticle>(path.join(options.work, SCORED), 'npm run score')) scored.push(s);
  report(options, lexicons, scored, grams, out);
}

/** All four stages in one pass over the corpus, leaving each stage's output in the work folder. */
export async function runPipeline(options: Options & { clearCache?: boolean }, out: Console): Promise<void> {
  const started = performance.now();
  const scorer = createScorer(options, out);
  const articlesOut = new JsonlWriter(path.join(options.work, ARTICLES));
  const scoredOut = new JsonlWriter(path.join(options.work, SCORED));
  const scored: ScoredArticle[] = [];
  const tally = await ingestInto(options, out, async (article) => {
    await articlesOut.write(article);
    const s = scorer.score(article);
    scored.push(s);
    await scoredOut.write(s);
  });
  await articlesOut.close();
  await scoredOut.close();
  scorer.finish();
  out.log(`ingest: ${describeIngest(tally)}`);
  out.log(`tokenise: ${scorer.source.summary()}`);
  out.log(`score: ${scorer.summary()}`);
  report(options, scorer.lexicons, scored, scorer.grams, out);
  out.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export function runLexiconsCheck(options: Options, out: Console): void {
  const lexicons = checkedLexicons(options.lexicons, out);
  const tokeniser = createTokeniser();
  compileAll(lexicons, tokeniser);
  for (const l of [...lexicons.lexicons].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const frames = new Set(l.entries.map((e) => e.frame));
    out.log(`${l.file}: ${l.entries.length} entries, ${frames.size} frame(s)${l.weighted ? ', weighted' : ''}`);
  }
  out.log(`lexicons: ${describeLexicons(lexicons)}, no problems`);
}

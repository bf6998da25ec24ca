// Tokenise (through the cache) and score articles, in this thread or spread
// over worker threads. Either way the caller gets each article's result back
// in the order it sent them, and each scoring thread keeps the running sums
// that cost most to keep (bootstrap resamples, phrase counts for
// suggestions), merged at the end into the same totals for any --workers.
import { threadId, Worker } from 'node:worker_threads';
import { cacheKey, openTokenCache, type TokenCache } from '../02-tokenise/cache.ts';
import { countWords, createTokeniser, type Tokeniser } from '../02-tokenise/tokenise.ts';
import { compileLexicon, compileTerms, type CompiledLexicon } from '../03-score/compile.ts';
import type { CompiledActors } from '../03-score/attribute.ts';
import { scoreArticle } from '../03-score/index.ts';
import { addGrams, changedGramsOf, mergeGrams, type GramChange, type GramTally } from '../03-score/ngrams.ts';
import { bytesHolding, freshWordBytes, unitsOf, vocabularyIds, wordHashOf, wordOf, type Units } from '../03-score/units.ts';
import { addChangeToBootstrap, addToBootstrap, countChange, EntryIndex, keyCounts, mergeBootstrap, type BootstrapConfig } from '../04-report/aggregate.ts';
import { BootstrapSums } from '../04-report/statistics.ts';
import { coveredSpans, prepareArticle, type PreparedArticle, type PreparedHit } from '../04-report/prepare.ts';
import type { CsvFormat } from '../04-report/csv.ts';
import type { Article, Lexicon, LexiconSet, Tokens } from '../types.ts';
import { InputError, problem, type Problem } from '../messages.ts';

/** A lexicon set compiled once, by the thread that starts the scoring, for every scoring thread. */
export interface CompiledSet {
  lexicons: CompiledLexicon[];
  actors: CompiledActors | null;
}

export function compileSet(set: LexiconSet, tokeniser: Tokeniser): CompiledSet {
  return {
    lexicons: set.lexicons.map((l) => compileLexicon(l, tokeniser)),
    actors: set.actors.length > 0 ? compileTerms(set.actors, tokeniser) : null,
  };
}

export interface ScoringSetup {
  /** The lexicons to score with, compiled, or null to tokenise into the cache and nothing more (stage 2). */
  compiled: CompiledSet | null;
  /** Token cache folder, or null for --no-cache. */
  cache: string | null;
  bootstrap: BootstrapConfig;
  /** How the rows of articles.csv and hits.csv are written. */
  csv: CsvFormat;
  /** Whether each result carries its line of scored.jsonl (the score stage writes it; the pipeline does not). */
  scoredJson: boolean;
  /** Whether each result carries the article's vocabulary, for the run memory (the pipeline, with the cache). */
  vocabulary: boolean;
  /** The lexicons of the remembered run, when scoring its articles again (RememberedArticle). */
  remembered: Lexicon[] | null;
}

/**
 * An article of the run memory to score again: its tokens are in the cache
 * under `key`, and `hits` are its hits of the remembered run, `uncounted` where
 * an entry that counts nothing matched in it.
 */
export interface RememberedArticle {
  article: Omit<Article, 'text'>;
  key: string;
  words: number;
  hits: PreparedHit[];
  uncounted: PreparedArticle['uncounted'];
}

/**
 * The words of the vocabularies hashed so far, for the run memory. A word is
 * added to `words` the first time its number comes, not once per article:
 * the set holds the corpus's vocabulary, and asking it costs more than
 * hashing.
 */
export class VocabularyWords {
  /** By word number: 1 once the word is in `words`. */
  private added = freshWordBytes(-1);
  constructor(readonly words: Set<string>) {}

  /** The hashes of an article's vocabulary (vocabularyIds), its new words added to `words`. */
  hashes(units: Units, tokens: Pick<Tokens, 'lemmaNorm'>): Uint32Array {
    const ids = vocabularyIds(units, tokens);
    if (units.generation !== this.added.generation) this.added = freshWordBytes(units.generation);
    const hashes = new Uint32Array(ids.length);
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      hashes[k] = wordHashOf(id);
      const added = bytesHolding(this.added, id);
      if (added[id] === 0) {
        added[id] = 1;
        this.words.add(wordOf(id));
      }
    }
    return hashes;
  }
}

/** What a scoring thread is given: an article, or a remembered one to score again. */
export type ScoringJob = Article | RememberedArticle;

const isRemembered = (job: ScoringJob): job is RememberedArticle => 'key' in job;

export interface ScoredResult {
  /** The article's token cache key. */
  key: string;
  words: number;
  /** True when the tokens came from the cache. */
  cached: boolean;
  /** The scored article as the report stage needs it, rows written out already; null when only tokenising. */
  prepared: PreparedArticle | null;
  /** The hashes (wordHash) of the article's vocabulary (vocabularyIds), when the setup asks for it. */
  vocabulary: Uint32Array | null;
  /** For a remembered article, how its phrases changed; its bootstrap change is in the thread's totals. */
  grams: GramChange | null;
  /** Why the article could not be scored (C027): it is left out, and the rest are scored; null for one scored. */
  failed: Problem | null;
}

/** What the scoring threads sum up besides the results they hand back. */
export interface ScoringTotals {
  boot: Map<string, BootstrapSums>;
  grams: GramTally;
  /** Every word of the articles' vocabularies, when the setup asks for them. */
  words: Set<string>;
}

export interface Scoring {
  /**
   * Scores the article that is number `seq` in corpus order. A remembered
   * article whose tokens the cache no longer holds has a null `prepared`.
   */
  score(job: ScoringJob, seq: number): Promise<ScoredResult>;
  /** Sends off articles held back to be sent together; called before waiting for a result. */
  flush(): void;
  /** Ends the scoring (and the workers); returns the totals of every thread, merged. */
  close(): Promise<ScoringTotals>;
}

/**
 * Everything one thread needs to score: the compiled lexicons, the cache, its
 * totals, and the model, loaded on the first article the cache does not hold
 * (a re-run after a lexicon edit never loads it) unless `tokeniser` is given.
 */
function createThreadScorer(setup: ScoringSetup, tokeniser: Tokeniser | null = null) {
  const { lexicons, actors } = setup.compiled ?? { lexicons: [], actors: null };
  const cache: TokenCache = openTokenCache(setup.cache, `${process.pid}-${threadId}`);
  const totals: ScoringTotals = { boot: new Map(), grams: new Map(), words: new Set() };
  const vocabularyWords = new VocabularyWords(totals.words);
  const weights = new Float64Array(setup.bootstrap.resamples);
  const entries = new EntryIndex(lexicons.map((l) => l.lexicon));
  const before = setup.remembered ? new EntryIndex(setup.remembered) : null;

  // Each scoring adds to the thread's totals last, after all that may fail: an article that cannot be scored adds nothing.

  /** Scores a remembered article again, and adds the change in its hits to the bootstrap totals. */
  function scoreAgain(remembered: RememberedArticle, seq: number): ScoredResult {
    const { article, key, words, hits } = remembered;
    const tokens = cache.get(key);
    if (!tokens) return { key, words, cached: false, prepared: null, vocabulary: null, grams: null, failed: null };
    const scored = scoreArticle({ article: { ...article, text: '' }, tokens, words }, lexicons, actors);
    const prepared = prepareArticle(scored, null, setup.csv);
    const change = countChange(keyCounts(hits, before!), keyCounts(prepared.hits, entries));
    const grams = changedGramsOf(article, tokens, coveredSpans(remembered), coveredSpans(prepared), seq);
    addChangeToBootstrap(totals.boot, article, change, setup.bootstrap, weights);
    return { key, words, cached: true, prepared, vocabulary: null, grams, failed: null };
  }

  /** Tokenises (or finds in the cache) and scores an article read for the first time. */
  function scoreNew(article: Article, seq: number): ScoredResult {
    const key = cacheKey(article);
    const cachedTokens = cache.get(key);
    const doc = cachedTokens ? { article, tokens: cachedTokens, words: countWords(cachedTokens) } : (tokeniser ??= createTokeniser()).tokenise(article);
    if (!cachedTokens) cache.put(key, doc.tokens);
    const cached = cachedTokens !== null;
    if (!setup.compiled) return { key, words: doc.words, cached, prepared: null, vocabulary: null, grams: null, failed: null };
    const units = unitsOf(doc.tokens);
    const scored = scoreArticle(doc, lexicons, actors, units);
    const prepared = prepareArticle(scored, setup.scoredJson ? JSON.stringify(scored) : null, setup.csv);
    const vocabulary = setup.vocabulary ? vocabularyWords.hashes(units, doc.tokens) : null;
    addGrams(totals.grams, article, doc.tokens, coveredSpans(prepared), seq);
    addToBootstrap(totals.boot, prepared, entries, setup.bootstrap, weights);
    return { key, words: doc.words, cached, prepared, vocabulary, grams: null, failed: null };
  }

  return {
    totals,
    close: () => cache.close(),
    /**
     * Scores the article that is number `seq` in corpus order. One that breaks
     * scoring comes back failed, naming it; a system error (a full disk) throws.
     */
    score(job: ScoringJob, seq: number): ScoredResult {
      try {
        return isRemembered(job) ? scoreAgain(job, seq) : scoreNew(job, seq);
      } catch (e) {
        const failed = failureOf(e, isRemembered(job) ? job.article : job);
        if (!failed) throw e;
        return { key: '', words: 0, cached: false, prepared: null, vocabulary: null, grams: null, failed };
      }
    },
  };
}

/**
 * An error met while scoring `article`, as the user is told it: which article
 * (C027), so that a run over 100,000 articles that one breaks goes on without
 * it and says which. Null for a system error (a full disk), which stops the run.
 */
function failureOf(e: unknown, article: Pick<Article, 'origin' | 'article_id'>): Problem | null {
  if (!(e instanceof Error) || (e as NodeJS.ErrnoException).code !== undefined || e instanceof InputError) return null;
  return problem('C027', 'error', article.origin, article.article_id, e.message);
}

/** What scoring needs made before it starts, and the model if making it loaded one here. */
export interface Prepared {
  setup: ScoringSetup;
  tokeniser: Tokeniser | null;
}

/** Scoring in this thread. */
export function localScoring({ setup, tokeniser }: Prepared): Scoring {
  const scorer = createThreadScorer(setup, tokeniser);
  return {
    score: async (job, seq) => scorer.score(job, seq),
    flush: () => undefined,
    close: async () => {
      scorer.close();
      return scorer.totals;
    },
  };
}

interface SerialisedSums {
  resamples: number;
  words: Float64Array;
  keys: [string, Int32Array][];
}

export interface SerialisedTotals {
  boot: [string, SerialisedSums][];
  grams: GramTally;
  words: Set<string>;
}

export type WorkerRequest =
  | { kind: 'init'; setup: ScoringSetup }
  | { kind: 'score'; batch: { seq: number; job: ScoringJob }[] }
  | { kind: 'close' };
export type WorkerReply =
  | { kind: 'scored'; batch: { seq: number; result: ScoredResult }[] }
  | { kind: 'closed'; totals: SerialisedTotals }
  | { kind: 'failed'; seqs: number[]; error: WorkerError };

/** A worker's error as it crosses to the main thread: its message, and a system error's code and file (a full disk). */
type WorkerError = Pick<NodeJS.ErrnoException, 'message' | 'code' | 'path'> & { problems?: Problem[] };

function mergeTotals(into: ScoringTotals, from: ScoringTotals): void {
  mergeBootstrap(into.boot, from.boot);
  mergeGrams(into.grams, from.grams);
  for (const word of from.words) into.words.add(word);
}

/** Articles sent to a worker in one message: one message per article costs more in thread wake-ups than the scoring. */
const BATCH = 16;

export function serialise(totals: ScoringTotals): SerialisedTotals {
  const boot: [string, SerialisedSums][] = [...totals.boot].map(([slug, sums]) => [slug, { resamples: sums.resamples, words: sums.words, keys: [...sums.keys] }]);
  return { boot, grams: totals.grams, words: totals.words };
}

export function deserialise(data: SerialisedTotals): ScoringTotals {
  const boot = new Map<string, BootstrapSums>();
  for (const [slug, serialised] of data.boot) {
    const sums = new BootstrapSums(serialised.resamples);
    sums.words.set(serialised.words);
    for (const [key, values] of serialised.keys) sums.keys.set(key, values);
    boot.set(slug, sums);
  }
  return { boot, grams: data.grams, words: data.words };
}

/**
 * Scoring spread over `count` worker threads, each with its own model and
 * totals. Bootstrap sums are sums of whole numbers and phrase counts are
 * counts, so merged they are exact whatever thread scored which article; each
 * phrase keeps the example of the article first in corpus order.
 */
function workerScoring(makeSetup: () => ScoringSetup, count: number): Scoring & { readonly inFlight: number } {
  // Scoring makes many short-lived strings; a worker's default young generation is small
  // enough that collecting it cost about a tenth of the run.
  const options = { resourceLimits: { maxYoungGenerationSizeMb: 64 } };
  const workers = Array.from({ length: count }, () => new Worker(new URL('./score-worker.mjs', import.meta.url), options));
  const pending = new Map<number, { resolve: (r: ScoredResult) => void; reject: (e: Error) => void }>();
  let failure: Error | null = null;
  const exited = new Set<Worker>();
  // Made while the workers start up: compiling a large lexicon takes as long.
  const setup = makeSetup();
  for (const worker of workers) {
    worker.postMessage({ kind: 'init', setup } satisfies WorkerRequest);
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'scored') {
        for (const { seq: done, result } of reply.batch) {
          pending.get(done)?.resolve(result);
          pending.delete(done);
        }
      } else if (reply.kind === 'failed') {
        for (const failed of reply.seqs) {
          const { problems, ...error } = reply.error;
          pending.get(failed)?.reject(problems ? new InputError(problems) : Object.assign(new Error(error.message), error));
          pending.delete(failed);
        }
      }
    });
    const fail = (e: Error) => {
      failure ??= e;
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      exited.add(worker);
      if (code !== 0) fail(new Error(`a scoring worker stopped (exit code ${code})`));
    });
  }
  let batch: { seq: number; job: ScoringJob }[] = [];
  let next = 0;
  const flush = () => {
    if (batch.length === 0) return;
    workers[next]!.postMessage({ kind: 'score', batch } satisfies WorkerRequest);
    next = (next + 1) % count;
    batch = [];
  };
  return {
    score(job, seq) {
      if (failure) return Promise.reject(failure);
      const promise = new Promise<ScoredResult>((resolve, reject) => pending.set(seq, { resolve, reject }));
      batch.push({ seq, job });
      if (batch.length === BATCH) flush();
      return promise;
    },
    flush,
    get inFlight() {
      return pending.size;
    },
    async close() {
      flush();
      const closing = workers.map(
        (worker) =>
          new Promise<ScoringTotals>((resolve, reject) => {
            worker.on('message', (reply: WorkerReply) => {
              if (reply.kind === 'closed') resolve(deserialise(reply.totals));
            });
            // A worker that has stopped will not answer.
            const stopped = () => reject(failure ?? new Error('a scoring worker stopped before handing over its totals'));
            if (exited.has(worker)) stopped();
            worker.on('exit', stopped);
            worker.postMessage({ kind: 'close' } satisfies WorkerRequest);
          }),
      );
      const all = await Promise.all(closing).finally(() => Promise.all(workers.map((w) => w.terminate())));
      const merged: ScoringTotals = { boot: new Map(), grams: new Map(), words: new Set() };
      for (const totals of all) mergeTotals(merged, totals);
      return merged;
    },
  };
}

/**
 * `threads` scoring threads on as many cores: `threads - 1` workers, and this
 * thread, which also reads the corpus and writes the reports, scoring
 * whatever the workers have no room for. A worker more instead would leave
 * three busy threads on two cores.
 */
export function sharedScoring(prepare: () => Prepared, threads: number): Scoring {
  const made: Partial<Prepared> = {};
  const workers = workerScoring(() => {
    Object.assign(made, prepare());
    return made.setup!;
  }, threads - 1);
  const here = createThreadScorer(made.setup!, made.tokeniser ?? null);
  // Enough queued that a worker never waits while this thread scores an article.
  const room = (threads - 1) * BATCH * 2;
  return {
    score(job, seq) {
      if (workers.inFlight < room) return workers.score(job, seq);
      try {
        return Promise.resolve(here.score(job, seq));
      } catch (e) {
        return Promise.reject(e as Error);
      }
    },
    flush: () => workers.flush(),
    async close() {
      here.close();
      const totals = await workers.close();
      mergeTotals(totals, here.totals);
      return totals;
    },
  };
}

/** The worker side: see score-worker.mjs, which loads this with TypeScript support. */
export function serveWorker(port: { on(event: 'message', f: (m: WorkerRequest) => void): void; postMessage(m: WorkerReply): void }): void {
  let scorer: ReturnType<typeof createThreadScorer> | null = null;
  port.on('message', (message) => {
    if (message.kind === 'init') {
      scorer = createThreadScorer(message.setup);
    } else if (message.kind === 'score') {
      try {
        const batch = message.batch.map(({ seq, job }) => ({ seq, result: scorer!.score(job, seq) }));
        port.postMessage({ kind: 'scored', batch });
      } catch (e) {
        const { message: text, code, path } = e as NodeJS.ErrnoException;
        const problems = e instanceof InputError ? e.problems : undefined;
        port.postMessage({ kind: 'failed', seqs: message.batch.map((b) => b.seq), error: { message: text, code, path, problems } });
      }
    } else {
      scorer!.close();
      port.postMessage({ kind: 'closed', totals: serialise(scorer!.totals) });
    }
  });
}

/** Jobs read between two turns of the event loop. */
const YIELD_EVERY = 8;

/** Jobs in flight: enough batches to keep every worker busy while the main thread catches up. */
export function scoringWindow(workers: number): number {
  return workers <= 1 ? 1 : workers * BATCH * 4;
}

/** Numbers articles in corpus order, from 0. */
export async function* numbered<J>(jobs: AsyncIterable<J>): AsyncGenerator<[number, J]> {
  let seq = 0;
  for await (const job of jobs) yield [seq++, job];
}

/**
 * Scores every job (with its number in corpus order), keeping at most
 * `window` in flight, and hands each result to `each` in the order of the
 * jobs, whatever order the workers finish in.
 */
export async function scoreInOrder<J extends ScoringJob>(
  jobs: AsyncIterable<[number, J]> | Iterable<[number, J]>,
  scoring: Scoring,
  window: number,
  each: (job: J, result: ScoredResult, seq: number) => Promise<void>,
): Promise<void> {
  const queue: { seq: number; job: J; result: Promise<ScoredResult> }[] = [];
  const settle = async () => {
    const next = queue.shift()!;
    scoring.flush();
    await each(next.job, await next.result, next.seq);
  };
  let sent = 0;
  try {
    for await (const [seq, job] of jobs) {
      // Lets replies from workers in, so that scoring knows how busy they are.
      if (++sent % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      const result = scoring.score(job, seq);
      // Awaited in turn below; this only keeps an early failure from counting as unhandled.
      result.catch(() => undefined);
      queue.push({ seq, job, result });
      if (queue.length >= window) await settle();
    }
    while (queue.length > 0) await settle();
  } catch (e) {
    await scoring.close().catch(() => undefined);
    throw e;
  }
}

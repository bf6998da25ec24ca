// Tokenise (through the cache) and score articles, in this thread or spread
// over worker threads. Either way the caller gets each article's result back
// in the order it sent them, so that reports are identical for any --workers.
import { threadId, Worker } from 'node:worker_threads';
import { cacheKey, openTokenCache, type TokenCache } from '../02-tokenise/cache.ts';
import { countWords, createTokeniser } from '../02-tokenise/tokenise.ts';
import { compileLexicon, compileTerms } from '../03-score/compile.ts';
import { scoreArticle } from '../03-score/index.ts';
import { articleGrams, type ArticleGrams } from '../03-score/ngrams.ts';
import { addToBootstrap, mergeBootstrap, type BootstrapConfig } from '../04-report/aggregate.ts';
import { BootstrapSums } from '../04-report/statistics.ts';
import type { Article, LexiconSet, ScoredArticle } from '../types.ts';

export interface ScoringSetup {
  set: LexiconSet;
  /** Token cache folder, or null for --no-cache. */
  cache: string | null;
  bootstrap: BootstrapConfig;
}

export interface ScoredResult {
  scored: ScoredArticle;
  grams: ArticleGrams;
  /** True when the tokens came from the cache. */
  cached: boolean;
}

export interface Scoring {
  score(article: Article): Promise<ScoredResult>;
  /** Sends off articles held back to be sent together; called before waiting for a result. */
  flush(): void;
  /** Ends the workers; returns the bootstrap sums they built, or null when the caller builds them. */
  close(): Promise<Map<string, BootstrapSums> | null>;
}

/** Everything one thread needs to score: the model, the compiled lexicons, the cache. */
export function createThreadScorer(setup: ScoringSetup) {
  const tokeniser = createTokeniser();
  const lexicons = setup.set.lexicons.map((l) => compileLexicon(l, tokeniser));
  const actors = setup.set.actors.length > 0 ? compileTerms(setup.set.actors, tokeniser) : null;
  const cache: TokenCache = openTokenCache(setup.cache, `${process.pid}-${threadId}`);
  return (article: Article): ScoredResult => {
    const key = cacheKey(article);
    const cachedTokens = cache.get(key);
    const doc = cachedTokens
      ? { article, tokens: cachedTokens, words: countWords(cachedTokens) }
      : tokeniser.tokenise(article);
    if (!cachedTokens) cache.put(key, doc.tokens);
    const scored = scoreArticle(doc, lexicons, actors);
    return { scored, grams: articleGrams(doc.tokens, scored.hits), cached: cachedTokens !== null };
  };
}

/** Scoring in this thread; the caller adds articles to the bootstrap itself. */
export function localScoring(setup: ScoringSetup): Scoring {
  const score = createThreadScorer(setup);
  return {
    score: async (article) => score(article),
    flush: () => undefined,
    close: async () => null,
  };
}

interface SerialisedSums {
  resamples: number;
  words: Float64Array;
  keys: [string, Float64Array][];
}

export type WorkerRequest =
  | { kind: 'init'; setup: ScoringSetup }
  | { kind: 'score'; batch: { seq: number; article: Article }[] }
  | { kind: 'close' };
export type WorkerReply =
  | { kind: 'scored'; batch: { seq: number; result: ScoredResult }[] }
  | { kind: 'closed'; boot: [string, SerialisedSums][] }
  | { kind: 'failed'; seqs: number[]; message: string };

/** Articles sent to a worker in one message: one message per article costs more in thread wake-ups than the scoring. */
export const BATCH = 16;

export function serialiseBootstrap(boot: Map<string, BootstrapSums>): [string, SerialisedSums][] {
  return [...boot].map(([slug, sums]) => [slug, { resamples: sums.resamples, words: sums.words, keys: [...sums.keys] }]);
}

function deserialiseBootstrap(list: [string, SerialisedSums][]): Map<string, BootstrapSums> {
  const boot = new Map<string, BootstrapSums>();
  for (const [slug, data] of list) {
    const sums = new BootstrapSums(data.resamples);
    sums.words.set(data.words);
    for (const [key, values] of data.keys) sums.keys.set(key, values);
    boot.set(slug, sums);
  }
  return boot;
}

/**
 * Scoring spread over `count` worker threads, each with its own model, and
 * each adding its articles to its own bootstrap sums (the costly part of the
 * statistics), merged at the end: sums of whole numbers, so exact in any order.
 */
export function workerScoring(setup: ScoringSetup, count: number): Scoring {
  const workers = Array.from({ length: count }, () => new Worker(new URL('./score-worker.mjs', import.meta.url)));
  const pending = new Map<number, { resolve: (r: ScoredResult) => void; reject: (e: Error) => void }>();
  const closing: Promise<Map<string, BootstrapSums>>[] = [];
  let failure: Error | null = null;
  let seq = 0;
  for (const worker of workers) {
    worker.postMessage({ kind: 'init', setup } satisfies WorkerRequest);
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'scored') {
        for (const { seq, result } of reply.batch) {
          pending.get(seq)?.resolve(result);
          pending.delete(seq);
        }
      } else if (reply.kind === 'failed') {
        for (const seq of reply.seqs) {
          pending.get(seq)?.reject(new Error(reply.message));
          pending.delete(seq);
        }
      }
    });
    worker.on('error', (e) => {
      failure = e;
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
  }
  let batch: { seq: number; article: Article }[] = [];
  let next = 0;
  const flush = () => {
    if (batch.length === 0) return;
    workers[next]!.postMessage({ kind: 'score', batch } satisfies WorkerRequest);
    next = (next + 1) % count;
    batch = [];
  };
  return {
    score(article) {
      if (failure) return Promise.reject(failure);
      const mine = seq++;
      const promise = new Promise<ScoredResult>((resolve, reject) => pending.set(mine, { resolve, reject }));
      batch.push({ seq: mine, article });
      if (batch.length === BATCH) flush();
      return promise;
    },
    flush,
    async close() {
      flush();
      for (const worker of workers) {
        closing.push(
          new Promise((resolve) => {
            worker.on('message', (reply: WorkerReply) => {
              if (reply.kind === 'closed') resolve(deserialiseBootstrap(reply.boot));
            });
          }),
        );
        worker.postMessage({ kind: 'close' } satisfies WorkerRequest);
      }
      const boots = await Promise.all(closing);
      await Promise.all(workers.map((w) => w.terminate()));
      const merged = new Map<string, BootstrapSums>();
      for (const boot of boots) mergeBootstrap(merged, boot);
      return merged;
    },
  };
}

/** The worker side: see score-worker.mjs, which loads this with TypeScript support. */
export function serveWorker(port: { on(event: 'message', f: (m: WorkerRequest) => void): void; postMessage(m: WorkerReply): void }): void {
  let score: ((article: Article) => ScoredResult) | null = null;
  let setup: ScoringSetup | null = null;
  const boot = new Map<string, BootstrapSums>();
  let weights = new Float64Array(0);
  port.on('message', (message) => {
    if (message.kind === 'init') {
      setup = message.setup;
      score = createThreadScorer(setup);
      weights = new Float64Array(setup.bootstrap.resamples);
    } else if (message.kind === 'score') {
      try {
        const batch = message.batch.map(({ seq, article }) => {
          const result = score!(article);
          addToBootstrap(boot, result.scored, setup!.bootstrap, weights);
          return { seq, result };
        });
        port.postMessage({ kind: 'scored', batch });
      } catch (e) {
        port.postMessage({ kind: 'failed', seqs: message.batch.map((b) => b.seq), message: (e as Error).stack ?? String(e) });
      }
    } else {
      port.postMessage({ kind: 'closed', boot: serialiseBootstrap(boot) });
    }
  });
}

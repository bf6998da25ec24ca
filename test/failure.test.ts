// An article that breaks scoring (as a paragraph of 150,000 tokens once did,
// with "Maximum call stack size exceeded" and no word of which article): the
// run stops naming it, in this thread and from a worker thread. Scoring is
// made to break on one title, since no known input breaks it any more.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runPipeline } from '../pipeline/cli/stages.ts';
import { compileSet, serveWorker, type WorkerReply, type WorkerRequest } from '../pipeline/cli/scoring.ts';
import { formatProblem, InputError } from '../pipeline/messages.ts';
import { article, exportCsv, lexicon, quiet, tempDir, testOptions, tokeniser } from './helpers.ts';

vi.mock('../pipeline/03-score/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../pipeline/03-score/index.ts')>();
  return {
    ...real,
    scoreArticle: (...args: Parameters<typeof real.scoreArticle>) => {
      if (args[0].article.title === 'Breaks') throw new RangeError('Maximum call stack size exceeded');
      return real.scoreArticle(...args);
    },
  };
});

const C027 = (place: string, id: string) =>
  `${place}: error C027: article ${id} could not be scored (Maximum call stack size exceeded): leave the article out of the corpus to score the rest, and please report it with the article`;

describe('an article that breaks scoring', () => {
  it('stops the run naming the article, and writes no report', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    const rows = ['Fine', 'Breaks', 'Fine too'].map((title, i) => ['Sur', title, '2023-01-02', `u${i}`, 'The regime fell.']);
    writeFileSync(corpus, exportCsv(rows));
    const options = testOptions({ corpus });
    const error = await runPipeline(options, quiet()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const [problem] = (error as InputError).problems;
    const id = /^article (sur-[0-9a-f]{10}) /.exec(problem!.message)?.[1];
    expect(formatProblem(problem!)).toBe(C027(`${corpus}:record 2`, id!));
    expect(existsSync(options.out)).toBe(false);
  });

  it('names the article from a worker thread, as the problem it is, not a bare message', () => {
    const replies: WorkerReply[] = [];
    let handle: (m: WorkerRequest) => void = () => undefined;
    serveWorker({ on: (_, f) => (handle = f), postMessage: (m) => replies.push(m) });
    const compiled = compileSet({ lexicons: [lexicon('frame,pole,term\nf,p,regime\n')], actors: [] }, tokeniser);
    handle({ kind: 'init', setup: { compiled, cache: null, bootstrap: { resamples: 0, seed: 1 }, scoredJson: false, vocabulary: false, remembered: null } });
    handle({ kind: 'score', batch: [{ seq: 0, job: article('The regime fell.', { title: 'Breaks', article_id: 'sur-1', origin: 'export.csv:record 7' }) }] });
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(reply.kind === 'failed' && reply.error.problems?.map(formatProblem)).toEqual([C027('export.csv:record 7', 'sur-1')]);
  });
});

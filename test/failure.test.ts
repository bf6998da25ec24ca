// An article that breaks scoring (as a paragraph of 150,000 tokens once did,
// with "Maximum call stack size exceeded" and no word of which article): it is
// left out and named, in this thread and from a worker thread, and the rest
// of the run goes on. Scoring is
// made to break on one title, since no known input breaks it any more.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runPipeline } from '../pipeline/cli/stages.ts';
import { compileSet, serveWorker, type WorkerReply, type WorkerRequest } from '../pipeline/cli/scoring.ts';
import { formatProblem } from '../pipeline/messages.ts';
import { article, exportCsv, lexicon, quiet, readReport, tempDir, testOptions, tokeniser } from './helpers.ts';
import { PLAIN_CSV } from '../pipeline/04-report/csv.ts';

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
  `${place}: error C027: article ${id} could not be scored (Maximum call stack size exceeded): left out, and the rest scored; please report it with the article`;

describe('an article that breaks scoring', () => {
  it('is left out, named, and the rest scored and reported; a re-run from the run memory names it again (the whole run stopped, writing nothing)', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    const rows = ['Fine', 'Breaks', 'Fine too'].map((title, i) => ['Sur', title, '2023-01-02', `u${i}`, `The regime fell, ${i}.`]);
    writeFileSync(corpus, exportCsv(rows));
    const options = testOptions({ corpus });
    const log = quiet();
    await runPipeline(options, log);
    const failed = log.lines.filter((line) => line.includes(' error C027: '));
    const id = /article (sur-[0-9a-f]{10}) /.exec(failed[0] ?? '')?.[1];
    expect(failed).toEqual([C027(`${corpus}:record 2`, id!)]);
    expect(log.lines).toContain('ingest: read 2 article(s) from 1 outlet(s); skipped 1 (see the errors above)');
    expect(readReport(path.join(options.out, 'articles.csv')).map((a) => a.title)).toEqual(['Fine', 'Fine too']);
    expect(readReport(path.join(options.out, 'hits.csv')).map((h) => h.title)).toEqual(['Fine', 'Fine too']);
    const again = quiet();
    await runPipeline(options, again);
    expect(again.lines.filter((line) => line.includes(' error C027: '))).toEqual(failed);
    expect(again.lines).toContain('ingest: read 2 article(s) from 1 outlet(s); skipped 1 (see the errors above); the corpus is as in the last run, not read again');
  });

  it('comes back from a worker thread as the problem it is, the rest of the batch scored', () => {
    const replies: WorkerReply[] = [];
    let handle: (m: WorkerRequest) => void = () => undefined;
    serveWorker({ on: (_, f) => (handle = f), postMessage: (m) => replies.push(m) });
    const compiled = compileSet({ lexicons: [lexicon('frame,pole,term\nf,p,regime\n')], actors: [] }, tokeniser);
    handle({ kind: 'init', setup: { compiled, cache: null, bootstrap: { resamples: 0, seed: 1 }, csv: PLAIN_CSV, scoredJson: false, vocabulary: false, remembered: null } });
    const batch = ['Breaks', 'Fine'].map((title, seq) => ({ seq, job: article('The regime fell.', { title, article_id: `sur-${seq}`, origin: `export.csv:record ${seq + 7}` }) }));
    handle({ kind: 'score', batch });
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(reply.kind === 'scored' && reply.batch.map(({ result }) => (result.failed ? formatProblem(result.failed) : result.prepared!.hits.length))).toEqual([C027('export.csv:record 7', 'sur-0'), 1]);
  });
});

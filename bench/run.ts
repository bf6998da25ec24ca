// One measured run, in a process of its own so that its peak memory is its
// own: `tsx bench/run.ts pipeline '<options JSON>'` runs the whole pipeline;
// `tsx bench/run.ts readdoc '<corpus>'` runs wink-nlp's readDoc alone, with its
// full pipe, over the same paragraphs the tokeniser reads, and `readdoc-lean`
// with the pipe the tokeniser uses; `readdoc-threads '<corpus>' N` runs
// readDoc in N worker threads at once, each over all the paragraphs. Prints
// one line of JSON.
import { Worker } from 'node:worker_threads';
import { ingest } from '../pipeline/01-ingest/index.ts';
import { paragraphsOf, WINK_PIPE } from '../pipeline/02-tokenise/tokenise.ts';
import { runPipeline } from '../pipeline/cli/stages.ts';
import type { Options } from '../pipeline/cli/options.ts';

const [mode, arg, threads] = process.argv.slice(2);
const report = (fields: Record<string, number>) =>
  process.stdout.write(`${JSON.stringify({ ...fields, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);

/** The paragraphs the tokeniser reads, of every article of `corpus`. */
async function paragraphsIn(corpus: string): Promise<string[]> {
  const paragraphs: string[] = [];
  for await (const item of ingest(corpus)) if ('article' in item) paragraphs.push(...paragraphsOf(item.article));
  return paragraphs;
}

if (mode === 'readdoc' || mode === 'readdoc-lean') {
  // Imported here only: a pipeline run loads wink-nlp itself when it needs it, and that time is part of the run.
  const { default: winkNLP } = await import('wink-nlp');
  const { default: model } = await import('wink-eng-lite-web-model');
  const nlp = mode === 'readdoc' ? winkNLP(model) : winkNLP(model, WINK_PIPE);
  const paragraphs = await paragraphsIn(arg!);
  const started = performance.now();
  for (const paragraph of paragraphs) nlp.readDoc(paragraph);
  report({ seconds: (performance.now() - started) / 1000 });
} else if (mode === 'readdoc-threads') {
  const paragraphs = await paragraphsIn(arg!);
  // Each thread loads its own model, as the pipeline's workers do, and starts reading once all have.
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const nlp = require('wink-nlp')(require('wink-eng-lite-web-model'));
    parentPort.once('message', () => {
      const started = performance.now();
      for (const paragraph of workerData) nlp.readDoc(paragraph);
      parentPort.postMessage((performance.now() - started) / 1000);
    });
    parentPort.postMessage('ready');`;
  const workers = Array.from({ length: Number(threads) }, () => new Worker(code, { eval: true, workerData: paragraphs }));
  await Promise.all(workers.map((w) => new Promise((ready) => w.once('message', ready))));
  const read = (worker: Worker) =>
    new Promise<number>((done) => {
      worker.once('message', done);
      worker.postMessage('go');
    });
  const seconds = await Promise.all(workers.map(read));
  await Promise.all(workers.map((w) => w.terminate()));
  report({ seconds: Math.max(...seconds) });
} else {
  const options = JSON.parse(arg!) as Options;
  let words = 0;
  let rescored = -1;
  const started = performance.now();
  await runPipeline(options, {
    log: (line) => {
      const m = /^tokenise: (\d+) words/.exec(line);
      if (m) words = Number(m[1]);
      const again = /(\d+) article\(s\) scored again/.exec(line);
      if (again) rescored = Number(again[1]);
    },
    warn: () => undefined,
  });
  report({ seconds: (performance.now() - started) / 1000, words, rescored });
}

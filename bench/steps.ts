// npm run bench:steps [-- --articles 1000]
// Microseconds per article of each step of scoring, one thread, on synthetic
// articles: where a run's time goes. Each step runs over all the articles
// three times and the fastest pass counts. Figures only, like npm run bench.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingest } from '../pipeline/01-ingest/index.ts';
import { decodeTokens, encodeTokens } from '../pipeline/02-tokenise/codec.ts';
import { createTokeniser } from '../pipeline/02-tokenise/tokenise.ts';
import { attribute } from '../pipeline/03-score/attribute.ts';
import { loadLexicons, scoreArticle } from '../pipeline/03-score/index.ts';
import { findHits } from '../pipeline/03-score/match.ts';
import { addGrams } from '../pipeline/03-score/ngrams.ts';
import { unitsOf } from '../pipeline/03-score/units.ts';
import { addToBootstrap, EntryIndex } from '../pipeline/04-report/aggregate.ts';
import { DEFAULT_STATS } from '../pipeline/04-report/analysis.ts';
import { coveredSpans, prepareArticle } from '../pipeline/04-report/prepare.ts';
import { compileSet, VocabularyWords } from '../pipeline/cli/scoring.ts';
import type { Article } from '../pipeline/types.ts';
import { writeSyntheticCorpus } from './synthetic.ts';
import { PLAIN_CSV } from '../pipeline/04-report/csv.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000' } } });
const count = Number(values.articles);
const dir = path.join(ROOT, '.work', 'bench');
const corpus = path.join(dir, `synthetic-${count}.csv`);
if (!existsSync(corpus)) {
  mkdirSync(dir, { recursive: true });
  await writeSyntheticCorpus(corpus, count);
}

const articles: Article[] = [];
for await (const item of ingest(corpus)) if ('article' in item) articles.push(item.article);
const tokeniser = createTokeniser();
const set = loadLexicons(path.join(ROOT, 'lexicons'));
const { lexicons, actors } = compileSet(set, tokeniser);
const entries = new EntryIndex(set.lexicons);
const docs = articles.map((a) => tokeniser.tokenise(a));
const encoded = docs.map((d) => encodeTokens(d.tokens));
const units = docs.map((d) => unitsOf(d.tokens));
const matches = docs.map((d, i) => findHits(d, units[i]!, lexicons).matches);
const scored = docs.map((d) => scoreArticle(d, lexicons, actors));
const prepared = scored.map((s) => prepareArticle(s, null, PLAIN_CSV));
const weights = new Float64Array(DEFAULT_STATS.resamples);

const steps: [string, () => void][] = [
  ['wink-nlp readDoc and taking the tokens out', () => articles.forEach((a) => tokeniser.tokenise(a))],
  ['encoding tokens for the cache', () => docs.forEach((d) => encodeTokens(d.tokens))],
  ['decoding them from the cache', () => encoded.forEach((b) => decodeTokens(b))],
  ['matching units', () => docs.forEach((d) => unitsOf(d.tokens))],
  ['matching (tries)', () => docs.forEach((d, i) => findHits(d, units[i]!, lexicons))],
  ['attribution', () => docs.forEach((d, i) => attribute(d.tokens, units[i]!, matches[i]!, actors))],
  ['phrase counts for suggestions', () => {
    const grams = new Map();
    docs.forEach((d, i) => addGrams(grams, d.article, d.tokens, coveredSpans(prepared[i]!), i));
  }],
  ['hits.csv and articles.csv rows', () => scored.forEach((s) => prepareArticle(s, null, PLAIN_CSV))],
  ["the run memory's word hashes", () => {
    const words = new VocabularyWords(new Set());
    docs.forEach((d, i) => words.hashes(units[i]!, d.tokens));
  }],
  [`bootstrap (${DEFAULT_STATS.resamples} resamples)`, () => {
    const boot = new Map();
    prepared.forEach((p) => addToBootstrap(boot, p, entries, DEFAULT_STATS, weights));
  }],
];

process.stdout.write(`${articles.length} synthetic articles, ${docs.reduce((n, d) => n + d.words, 0)} words, one thread\n\n| step | µs per article |\n|---|---|\n`);
for (const [name, step] of steps) {
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    step();
    best = Math.min(best, performance.now() - started);
  }
  process.stdout.write(`| ${name} | ${Math.round((best / articles.length) * 1000)} |\n`);
}

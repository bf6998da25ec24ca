// npm run bench [-- --sizes 10000,100000 --workers 2]
// Prints the speed and memory figures of the README's table, measured on
// deterministic synthetic corpora made from the bundled texts. Figures only:
// it neither passes nor fails, and is not part of npm test.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_STATS } from '../pipeline/04-report/analysis.ts';
import { DEFAULT_MAX_ARTICLE_KB, type Options } from '../pipeline/cli/options.ts';
import { writeSyntheticCorpus } from './synthetic.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    workers: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    dir: { type: 'string', default: path.join(ROOT, '.work', 'bench') },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const workers = Number(values.workers);
const dir = values.dir!;
mkdirSync(dir, { recursive: true });

interface Measured {
  seconds: number;
  words?: number;
  /** Articles a re-run from the run memory scored again; -1 for a run without it. */
  rescored?: number;
  maxRssMB: number;
}

function measure(mode: 'pipeline' | 'readdoc' | 'readdoc-lean' | 'readdoc-threads', ...args: string[]): Measured {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'run.ts'), mode, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Measured;
}

function options(corpus: string, work: string, overrides: Partial<Options> = {}): string {
  const o: Options = {
    corpus, lexicons: path.join(ROOT, 'lexicons'), out: path.join(work, 'reports'), work, cache: true, clearCache: false, pruneCache: false,
    stats: DEFAULT_STATS, workers: 1, maxArticleBytes: DEFAULT_MAX_ARTICLE_KB * 1000, quiet: true, columns: {}, rules: null, dayFirst: false, outlet: null, outletNames: null, skipNearDuplicates: false, decimalComma: false, about: null, from: null, to: null, ...overrides,
  };
  return JSON.stringify(o);
}

async function corpusOf(size: number): Promise<string> {
  const file = path.join(dir, `synthetic-${size}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`making a synthetic corpus of ${size} articles...\n`);
    await writeSyntheticCorpus(file, size);
  }
  return file;
}

/**
 * The folders the runs work in, removed at the end: they hold gigabytes (the
 * 100,000-article run's alone 2.3 GB). The synthetic corpora are kept for the next bench.
 */
const made = new Set<string>();

/** `dir`'s folder `name`, emptied, and removed at the end. */
function freshFolder(name: string): string {
  const folder = path.join(dir, name);
  rmSync(folder, { recursive: true, force: true });
  made.add(folder);
  return folder;
}

/** A lexicons folder of the bundled lexicons' first `count` entries, plus made-up rare words to reach `total`. */
function lexiconFolder(name: string, realEntries: number, total: number): string {
  const folder = freshFolder(name);
  mkdirSync(folder, { recursive: true });
  const rows = readFileSync(path.join(ROOT, 'lexicons', 'legitimacy.csv'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('frame,'))
    .concat(
      readFileSync(path.join(ROOT, 'lexicons', 'violence.csv'), 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#') && !l.startsWith('frame,'))
        .map((l) => l.replace(/^violence,([^,]+),([^,]+),/, 'violence,$1,$2,0,')),
    )
    .slice(0, realEntries);
  const letters = 'bcdfghjklmnpqrstvwxz';
  for (let i = rows.length; i < total; i++) {
    let word = '';
    for (let k = i; word === '' || k > 0; k = Math.floor(k / letters.length)) word = letters[k % letters.length] + word;
    rows.push(`made-up,${i % 2 ? 'a' : 'b'},zq${word}${i % 3 === 0 ? ' regime' : ''},1,,`);
  }
  writeFileSync(path.join(folder, 'lexicon.csv'), `frame,pole,term,weight,note,source\n${rows.join('\n')}\n`);
  return folder;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const lines: [string, string][] = [];
const say = (what: string, figure: string) => {
  lines.push([what, figure]);
  process.stderr.write(`${what}: ${figure}\n`);
};

const small = await corpusOf(sizes[0]!);

/**
 * The faster of two runs, taking turns with the other measures' runs: this
 * machine's neighbours slow some runs by a fifth or more, never speed any up.
 * Peak memory is the larger of the two.
 */
function fastestOfTwo(...makers: (() => Measured)[]): Measured[] {
  const runs = [1, 2].map(() => makers.map((make) => make()));
  return makers.map((_, i) => {
    const [a, b] = [runs[0]![i]!, runs[1]![i]!];
    return { ...(a.seconds <= b.seconds ? a : b), maxRssMB: Math.max(a.maxRssMB, b.maxRssMB) };
  });
}

const [ceiling, lean, onAllCores, cold1, coldN] = fastestOfTwo(
  () => measure('readdoc', small),
  () => measure('readdoc-lean', small),
  () => measure('readdoc-threads', small, String(workers)),
  () => measure('pipeline', options(small, freshFolder('cold-1'), { workers: 1 })),
  () => measure('pipeline', options(small, freshFolder('cold-n'), { workers })),
) as [Measured, Measured, Measured, Measured, Measured];
const words = cold1.words!;
say(`wink-nlp readDoc alone (${fmt(sizes[0]!)} articles, ${fmt(words)} words)`, `${fmt(words / ceiling.seconds)} words/s`);
say('wink-nlp readDoc with the pipe the tokeniser runs (no entities, no sentiment)', `${fmt(words / lean.seconds)} words/s = ${fmt(ceiling.seconds / lean.seconds, 2)} × readDoc`);
say(
  `wink-nlp readDoc alone in ${workers} threads at once (each over the whole corpus): what ${workers} cores give before any code of ours`,
  `${fmt((workers * words) / onAllCores.seconds)} words/s = ${fmt((workers * ceiling.seconds) / onAllCores.seconds, 2)} × readDoc in one`,
);
say('cold pipeline, 1 worker', `${fmt(words / cold1.seconds)} words/s = ${fmt(ceiling.seconds / cold1.seconds, 2)} × readDoc`);
say(`cold pipeline, ${workers} workers`, `${fmt(words / coldN.seconds)} words/s = ${fmt(ceiling.seconds / coldN.seconds, 2)} × readDoc, ${fmt(cold1.seconds / coldN.seconds, 2)} × 1 worker`);

/** A copy of the bundled lexicons with `line` added to `file`. */
function editedLexicons(name: string, file: string, line: string): string {
  const folder = freshFolder(name);
  cpSync(path.join(ROOT, 'lexicons'), folder, { recursive: true });
  writeFileSync(path.join(folder, file), `${readFileSync(path.join(folder, file), 'utf8')}${line}\n`);
  return folder;
}

/** A work folder holding a copy of the cold run's token cache, and no run memory. */
function tokenCacheOnly(name: string): string {
  const w = freshFolder(name);
  cpSync(path.join(dir, 'cold-n', 'cache', 'tokens'), path.join(w, 'cache', 'tokens'), { recursive: true });
  return w;
}

const share = (m: Measured) => `${fmt(m.rescored!)} of ${fmt(sizes[0]!)} articles scored again`;
// Each re-run starts from the memory of the cold run: a copy of its work folder.
const rescoreAfter = (name: string, lexicons: string) => () => {
  const w = freshFolder(name);
  cpSync(path.join(dir, 'cold-n'), w, { recursive: true });
  return measure('pipeline', options(small, w, { workers, lexicons }));
};
const [rare, common] = fastestOfTwo(
  rescoreAfter('rescore-rare', editedLexicons('lexicons-rare', 'legitimacy.csv', 'legitimacy,delegitimising,strongman,-1,edit for the benchmark,bench')),
  rescoreAfter('rescore-common', editedLexicons('lexicons-common', 'violence.csv', 'violence,state violence,protest*,edit for the benchmark,bench')),
) as [Measured, Measured];
say('re-score after a lexicon edit (run memory; an entry the corpus never uses)', `${fmt(rare.seconds, 2)} s = ${fmt(coldN.seconds / rare.seconds, 1)} × faster than cold; ${share(rare)}`);
say('re-score after a lexicon edit (run memory; a `word*` entry many articles use)', `${fmt(common.seconds, 2)} s = ${fmt(coldN.seconds / common.seconds, 1)} × faster than cold; ${share(common)}`);
const cacheOnly = measure('pipeline', options(small, tokenCacheOnly('rescore-tokens'), { workers, lexicons: path.join(dir, 'lexicons-rare') }));
say('re-score after a lexicon edit (token cache only, no run memory)', `${fmt(cacheOnly.seconds, 1)} s = ${fmt(coldN.seconds / cacheOnly.seconds, 1)} × faster than cold`);

// Each lexicon's first run tokenises its terms, and keeps them in the token cache; later runs (each
// from the same token cache, without the run memory) find them there. Runs take turns, and of the
// later ones the fastest of three counts: the figures are close, and the machine's noise is not.
const lex50Folder = lexiconFolder('lexicon-50', 50, 50);
const lex10kFolder = lexiconFolder('lexicon-10000', 50, 10000);
const lexiconRun = (name: string, lexicons: string, first: boolean) => {
  const w = first ? tokenCacheOnly(name) : path.join(dir, name);
  rmSync(path.join(w, 'cache', 'memory'), { recursive: true, force: true });
  return measure('pipeline', options(small, w, { workers, lexicons })).seconds;
};
const [first50, first10k] = [lexiconRun('lexicon-50-run', lex50Folder, true), lexiconRun('lexicon-10000-run', lex10kFolder, true)];
const later = [1, 2, 3].map(() => [lexiconRun('lexicon-50-run', lex50Folder, false), lexiconRun('lexicon-10000-run', lex10kFolder, false)]);
const lex50 = Math.min(...later.map((l) => l[0]!));
const lex10k = Math.min(...later.map((l) => l[1]!));
say(
  '10,000-entry lexicon against 50 entries (scoring every article from the token cache)',
  `${fmt(lex10k, 1)} s / ${fmt(lex50, 1)} s = ${fmt(lex10k / lex50, 2)} with each lexicon's terms in the token cache (the fastest of three runs each); ` +
    `${fmt(first10k, 1)} s / ${fmt(first50, 1)} s = ${fmt(first10k / first50, 2)} on each lexicon's first run, which tokenises its terms`,
);

say(`peak RSS at ${fmt(sizes[0]!)} articles (cold, ${workers} workers)`, `${fmt(coldN.maxRssMB)} MB`);
for (const size of sizes.slice(1)) {
  const big = await corpusOf(size);
  const run = measure('pipeline', options(big, freshFolder(`cold-${size}`), { workers }));
  say(`peak RSS at ${fmt(size)} articles (cold, ${workers} workers, ${fmt(run.seconds)} s)`, `${fmt(run.maxRssMB)} MB = ${fmt(run.maxRssMB / coldN.maxRssMB, 2)} × ${fmt(sizes[0]!)}`);
}

for (const folder of made) rmSync(folder, { recursive: true, force: true });

const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(`\nMachine: ${availableParallelism()} cores (${cpu}), ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n\n`);
process.stdout.write('| measure | figure |\n|---|---|\n');
for (const [what, figure] of lines) process.stdout.write(`| ${what} | ${figure} |\n`);

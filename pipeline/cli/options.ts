// The options every stage script shares, read with node:util parseArgs.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { aboutTerms } from '../01-ingest/about.ts';
import { EXPORT_FIELDS, parseColumns, type ColumnNames } from '../01-ingest/read-export.ts';
import { DEFAULT_STATS, type StatsConfig } from '../04-report/analysis.ts';
import { daySpan, parseDate } from '../text.ts';

export interface Options {
  corpus: string;
  lexicons: string;
  out: string;
  work: string;
  cache: boolean;
  /** Empty the token cache before the run. */
  clearCache: boolean;
  /** Drop the token cache entries the run did not use, after it. */
  pruneCache: boolean;
  stats: StatsConfig;
  /** Worker threads for tokenising and scoring; 1: all in this thread. */
  workers: number;
  /** Longer articles are skipped with a message. */
  maxArticleBytes: number;
  /** Dates written with slashes that read either way ("11/01/2023") are day first. */
  dayFirst: boolean;
  /** The outlet of every article of an export that names none (--outlet), or null. */
  outlet: string | null;
  /** Only articles dated within these days are read (--from, --to: YYYY, YYYY-MM or YYYY-MM-DD); null for no bound. */
  from: string | null;
  to: string | null;
  /** No progress bar. */
  quiet: boolean;
  /** An export's own names for the fields it names otherwise (--columns text=content). */
  columns: ColumnNames;
  /** Cleaning rules for every article of an export (--rules), or null. */
  rules: string | null;
  /** A CSV file naming the outlet each name of the corpus is counted as (--outlet-names), or null. */
  outletNames: string | null;
  /** An article that nearly repeats an earlier one of its outlet is skipped (--skip-near-duplicates). */
  skipNearDuplicates: boolean;
  /** Reports with semicolons between cells and a decimal comma (--decimal-comma). */
  decimalComma: boolean;
  /** Only the articles whose title or text holds one of these terms (--about), or null for all. */
  about: string[] | null;
}

/**
 * A warning for more worker threads than cores, null otherwise: each worker
 * holds a model of its own (about 140 MB) and they take turns on the cores, so
 * a run with more takes longer, not less, and a great many run out of memory.
 */
export function workersWarning(workers: number, cores = availableParallelism()): string | null {
  if (workers <= cores) return null;
  return `warning: --workers ${workers} is more than the ${cores} core(s) here: each worker thread holds its own model (about 140 MB) and they take turns on the cores, so the run takes longer, not less; --workers ${cores} is the fastest`;
}

/** An article longer than this (in UTF-8) is far beyond news; most likely a broken row or a whole-site dump. */
export const DEFAULT_MAX_ARTICLE_KB = 1000;

const OPTION_HELP = `Options (every stage takes the same ones):
  --corpus PATH     corpus folder with manifest.csv (or a zip of one; or, with --outlet, a folder or
                    zip of one outlet's pages), a CSV, TSV, JSON or JSONL export (or .gz), a workbook (.xlsx) or a saved
                    RSS or Atom feed, or a folder or zip archive of these (default: corpus/)
  --lexicons PATH   folder of lexicon CSV files, or one file (default: lexicons/)
  --out PATH        folder the reports are written to (default: reports/)
  --work PATH       folder for intermediate stage output, the token cache and the run memory (default: .work/)
  --no-cache        tokenise and score everything again, ignoring and not filling the token cache and the run memory
  --clear-cache     delete the token cache and the run memory first
  --prune-cache     pipeline and tokenise: after the run, drop the token cache entries it did not use
                    (articles no longer in the corpus or changed since, earlier tokeniser versions)
  --resamples N     article resamples for the 95% intervals (default: ${DEFAULT_STATS.resamples}; 0: no intervals)
  --prior A0        strength of the keyness prior (default: the corpus's word count)
  --min-words N     an outlet with fewer words is a small sample (default: ${DEFAULT_STATS.minWords})
  --min-articles N  an outlet with fewer articles is a small sample (default: ${DEFAULT_STATS.minArticles})
  --seed N          seed of the bootstrap (default: ${DEFAULT_STATS.seed})
  --workers N       worker threads for tokenising and scoring (default: the number of cores, ${availableParallelism()})
  --max-article-kb N  skip articles longer than this, with a message (default: ${DEFAULT_MAX_ARTICLE_KB})
  --columns F=C,...   an export's own names for the fields ${EXPORT_FIELDS.join(',')},
                    e.g. --columns text=content,date=published_at (JSON: outlet=source.name for nested keys)
  --rules FILE      cleaning rules (YAML, as a corpus folder's) for every article of an export:
                    furniture lines dropped, text after an end line cut, \`remove\` text taken out;
                    for every page of a folder or zip of one outlet's pages (--outlet), all of a page's rules
  --day-first       dates with slashes or dashes that read either way ("11/01/2023") are day first
                    (default: month first, as US exports write them)
  --outlet NAME     the outlet of every article of an export that names none (an export of one
                    newspaper: its API, a scrape of its site): no outlet column needed; or of
                    a folder or zip of one outlet's saved pages, which then needs no manifest.csv;
                    articles whose cleaning rules capture their own (?<outlet>…) keep it
  --outlet-names FILE  a CSV file with the columns name,outlet: articles whose outlet is written as
                    a name are counted as that outlet ("Guardian" and "theguardian.com" as "The Guardian")
  --skip-near-duplicates  leave out an article that nearly repeats an earlier one of its outlet
                    (an updated version under another address), so that it counts once
  --from DATE, --to DATE  only articles dated within these days (YYYY-MM-DD, YYYY-MM or YYYY,
                    both included); articles with no date are left out too, and counted
  --about TERMS     only the articles whose title or text holds one of these words or phrases,
                    separated by commas (case and accents aside; protest* for any ending), e.g.
                    --about "Peru, Boluarte, Castillo": the events compared, out of a whole archive
  --decimal-comma   reports with semicolons between cells and a comma as decimal mark (0,25), as
                    Excel opens a CSV by a double click where the decimal mark is a comma
  --quiet           no progress bar
  -h, --help        show this help`;

/** A whole number (or, with `positive`, any number above 0) from an option, or a UsageError naming it. */
function numberOption(name: string, value: string | undefined, fallback: number, kind: 'count' | 'positive' | 'integer'): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  const ok =
    value.trim() !== '' &&
    Number.isFinite(n) &&
    (kind === 'positive' ? n > 0 : Number.isInteger(n) && (kind === 'integer' || n >= 0));
  if (!ok) {
    const want = kind === 'positive' ? 'a number above 0' : kind === 'count' ? 'a whole number, 0 or more' : 'a whole number';
    throw new UsageError(`--${name} must be ${want}, not "${value}"`);
  }
  return n;
}

export class UsageError extends Error {}

/** --from and --to together, or a UsageError when the first is after the second. */
function daysWithin(from: string | null, to: string | null): { from: string | null; to: string | null } {
  if (from !== null && to !== null && daySpan(from)[0] > daySpan(to)[1]) throw new UsageError(`--from ${from} is after --to ${to}; give the earlier day first`);
  return { from, to };
}

/** --outlet: a name, or a UsageError when it is empty. */
function outletOption(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (value.trim() === '') throw new UsageError('--outlet needs the name of the outlet, e.g. --outlet "The Guardian"');
  return value.trim();
}

/** --about: its terms, or a UsageError when it gives none. */
function aboutOption(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  const terms = aboutTerms(value);
  if (terms.length === 0) throw new UsageError('--about needs the words or phrases the articles compared hold, separated by commas, e.g. --about "Peru, Boluarte"');
  return terms;
}

/** --from and --to: a day, month or year written as ISO 8601 does, or a UsageError naming the option. */
function dayOption(name: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const day = value.trim();
  if (!/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(day) || parseDate(day) !== day) {
    throw new UsageError(`--${name} must be a date written YYYY-MM-DD (or YYYY-MM, YYYY), not "${value}"`);
  }
  return day;
}

/** --columns text=content,date=published_at: which of the export's columns holds which field. */
function columnNames(value: string | undefined): ColumnNames {
  try {
    return value === undefined ? {} : parseColumns(value, '--columns');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** A folder from an option; a UsageError naming it if a file is in its place. */
function folderValue(name: string, value: string): string {
  const folder = path.normalize(value);
  if (existsSync(folder) && !statSync(folder).isDirectory()) throw new UsageError(`--${name} must be a folder, but "${value}" is a file; give a folder, or a path where one can be made`);
  return folder;
}

/**
 * A UsageError where a folder the run writes in (--out, --work) is, or is
 * inside, a folder it reads (the corpus, the lexicons): the next run would
 * read the reports as exports or lexicons, and the run memory, its corpus
 * changed by each run, would never serve.
 */
function refuseWritingIntoInputs(read: { corpus: string; lexicons: string }, written: { out: string; work: string }): void {
  const what = { out: 'the reports', work: 'its work files (the token cache, the run memory)' };
  const as = { corpus: 'the corpus', lexicons: 'lexicons' };
  for (const [input, folder] of Object.entries(read) as [keyof typeof as, string][]) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
    const inputPath = path.resolve(folder);
    for (const [option, into] of Object.entries(written) as [keyof typeof what, string][]) {
      const writes = path.resolve(into);
      if (writes === inputPath || writes.startsWith(`${inputPath}${path.sep}`)) {
        throw new UsageError(`--${option} ${into} is ${writes === inputPath ? '' : 'inside '}the ${input} folder ${folder}: the next run would read ${what[option]} as ${as[input]}; give --${option} a folder outside it`);
      }
    }
  }
}

/** The options every stage takes, for parseArgs (their help: OPTION_HELP). */
const OPTIONS = {
  corpus: { type: 'string', default: 'corpus' },
  lexicons: { type: 'string', default: 'lexicons' },
  out: { type: 'string', default: 'reports' },
  work: { type: 'string', default: '.work' },
  'no-cache': { type: 'boolean', default: false },
  'clear-cache': { type: 'boolean', default: false },
  'prune-cache': { type: 'boolean', default: false },
  resamples: { type: 'string' },
  prior: { type: 'string' },
  'min-words': { type: 'string' },
  'min-articles': { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  'max-article-kb': { type: 'string' },
  columns: { type: 'string' },
  rules: { type: 'string' },
  'day-first': { type: 'boolean', default: false },
  outlet: { type: 'string' },
  'outlet-names': { type: 'string' },
  'skip-near-duplicates': { type: 'boolean', default: false },
  from: { type: 'string' },
  to: { type: 'string' },
  'decimal-comma': { type: 'boolean', default: false },
  about: { type: 'string' },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/**
 * The options npm took for its own: given before "--" (`npm run pipeline
 * --corpus=my.csv`), an option is npm's config, set in the environment as
 * npm_config_corpus, and the script never sees it, so the run would read the
 * default corpus as if asked to. --quiet and --help are npm's own too, and
 * harmless; --no-cache npm reads as its cache folder, which it always sets.
 */
function takenByNpm(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(OPTIONS).flatMap(([name, option]) => {
    const value = name === 'quiet' || name === 'help' ? undefined : env[`npm_config_${name.replaceAll('-', '_')}`];
    if (value === undefined) return [];
    // "--from 2023" before "--" leaves npm "true", and the value to the script.
    return [option.type === 'boolean' ? `--${name}` : `--${name} ${value === 'true' ? 'VALUE' : value}`];
  });
}

export function readOptions(argv: string[], usage: string, env: NodeJS.ProcessEnv = process.env): Options | null {
  const npmTook = takenByNpm(env);
  if (npmTook.length > 0) {
    const script = env['npm_lifecycle_event'] ?? 'pipeline';
    throw new UsageError(
      `npm took ${npmTook.map((o) => o.split(' ')[0]).join(', ')} for its own options, since they came before "--", and this run would not see them: put "--" between the script and its options: npm run ${script} -- ${npmTook.join(' ')}`,
    );
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      tokens: true,
      options: OPTIONS,
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${usage}\n\n${OPTION_HELP}`);
  }
  // parseArgs keeps the last of an option given twice; the first would be dropped without a word.
  const given = new Map<string, string[]>();
  for (const token of parsed.tokens) {
    if (token.kind === 'option' && token.value !== undefined) given.set(token.name, [...(given.get(token.name) ?? []), token.value]);
  }
  for (const [name, values] of given) {
    if (values.length > 1) {
      const hint = name === 'columns' ? ': give it once, its pairs joined by commas (--columns text=content,date=published_at)' : name === 'corpus' ? ': give it once (a folder of exports reads several files)' : ': give it once';
      throw new UsageError(`--${name} is given ${values.length} times (${values.map((value) => `"${value}"`).join(', ')})${hint}`);
    }
  }
  /**
   * A path given on the command line, relative to the folder npm was run from
   * (INIT_CWD): npm runs a script in the project's folder, where a path given
   * from a folder below it named nothing. Shown, as the defaults are, from the
   * project's folder.
   */
  const fromCaller = (name: string, value: string) => {
    const caller = env['INIT_CWD'];
    if (!given.has(name) || caller === undefined || path.isAbsolute(value) || path.resolve(caller) === process.cwd()) return value;
    return path.relative(process.cwd(), path.resolve(caller, value)) || '.';
  };
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`${usage}\n\n${OPTION_HELP}\n`);
    return null;
  }
  const read = { corpus: path.normalize(fromCaller('corpus', v.corpus!)), lexicons: path.normalize(fromCaller('lexicons', v.lexicons!)) };
  const written = { out: folderValue('out', fromCaller('out', v.out!)), work: folderValue('work', fromCaller('work', v.work!)) };
  refuseWritingIntoInputs(read, written);
  return {
    ...read,
    ...written,
    cache: !v['no-cache'],
    clearCache: v['clear-cache']!,
    pruneCache: v['prune-cache']!,
    stats: {
      resamples: numberOption('resamples', v.resamples, DEFAULT_STATS.resamples, 'count'),
      prior: v.prior === undefined ? null : numberOption('prior', v.prior, 0, 'positive'),
      minWords: numberOption('min-words', v['min-words'], DEFAULT_STATS.minWords, 'count'),
      minArticles: numberOption('min-articles', v['min-articles'], DEFAULT_STATS.minArticles, 'count'),
      seed: numberOption('seed', v.seed, DEFAULT_STATS.seed, 'integer'),
    },
    workers: Math.max(1, numberOption('workers', v.workers, availableParallelism(), 'count')),
    maxArticleBytes: numberOption('max-article-kb', v['max-article-kb'], DEFAULT_MAX_ARTICLE_KB, 'positive') * 1000,
    quiet: v.quiet!,
    columns: columnNames(v.columns),
    rules: v.rules === undefined ? null : path.normalize(fromCaller('rules', v.rules)),
    dayFirst: v['day-first']!,
    outlet: outletOption(v.outlet),
    outletNames: v['outlet-names'] === undefined ? null : path.normalize(fromCaller('outlet-names', v['outlet-names'])),
    skipNearDuplicates: v['skip-near-duplicates']!,
    decimalComma: v['decimal-comma']!,
    about: aboutOption(v.about),
    ...daysWithin(dayOption('from', v.from), dayOption('to', v.to)),
  };
}

// The run memory: what `npm run pipeline` keeps of its last run, so that a
// re-run after a lexicon edit scores again only the articles that the edit can
// change (03-score/edits.ts), reads the rest back as they were, and writes the
// same reports as a cold run would. It lives beside the token cache:
//   memory.json       what the run was made from (a fingerprint of the code,
//                     the corpus files, the actors and the options), its
//                     lexicons, its ingest messages and the files below;
//                     written last, so that it names complete files only
//   records-*.jsonl   per article, in corpus order: metadata, token cache key,
//                     hits, where its rows and its words are
//   rows-*.bin        its rows of articles.csv and hits.csv (the report spill),
//                     to which a re-run appends the rows of articles scored again
//   vocab-*.bin       per article, the hashes of the words it holds
//   totals-*.v8       bootstrap sums and phrase counts per outlet, and every
//                     word of the corpus (for `word*` entries)
// While the fingerprint holds, the corpus is not read again; anything else
// changed makes the next run a full one.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { cacheKey, openTokenCache, type TokenCache } from '../02-tokenise/cache.ts';
import type { Tokeniser } from '../02-tokenise/tokenise.ts';
import { editedEntries, firstWords, startsEdited } from '../03-score/edits.ts';
import { gramsOf, replaceGrams, type GramCount } from '../03-score/ngrams.ts';
import { wordHash } from '../03-score/units.ts';
import { mergeBootstrap } from '../04-report/aggregate.ts';
import { ByteChunks, removeUnfinished, unfinishedFiles, writeAtomic } from '../files.ts';
import type { RowsAt } from '../04-report/article-index.ts';
import type { ReportBuilder } from '../04-report/index.ts';
import { coveredSpans, type PreparedArticle, type PreparedHit } from '../04-report/prepare.ts';
import type { Article, LexiconSet, Tokens } from '../types.ts';
import { JsonlWriter } from './jsonl.ts';
import { writtenByRunningProcess } from './lock.ts';
import type { Options } from './options.ts';
import type { Progress } from './progress.ts';
import {
  deserialise, scoreInOrder, serialise, type ScoredResult, type Scoring, type ScoringTotals, type SerialisedTotals,
} from './scoring.ts';

const MEMORY_VERSION = 5;
const INDEX = 'memory.json';
const PIPELINE = path.resolve(import.meta.dirname, '..');

/** What the ingest of the remembered run said, to say again without reading the corpus. */
export interface IngestSummary {
  articles: number;
  outlets: number;
  skipped: number;
  warnings: number;
  /** Its messages, as printed. */
  messages: string[];
  /** Lines (C066) and phrases (C069) repeated in many of an outlet's articles, and the rules file suggested to take them out; null for none. */
  furniture: { lines: number; phrases: number; file: string } | null;
  /** Files beside the corpus that rows named for their text, each with its size and time of change ('absent' where it was not there). */
  beside: Record<string, string>;
}

interface MemoryFiles {
  records: string;
  rows: string;
  vocab: string;
  totals: string;
}

export interface MemoryIndex {
  version: number;
  fingerprint: string;
  lexicons: LexiconSet['lexicons'];
  ingest: IngestSummary;
  words: number;
  files: MemoryFiles;
}

/** One article as remembered: a line of records-*.jsonl. */
interface MemoryRecord {
  article: Omit<Article, 'text'>;
  key: string;
  words: number;
  sentences: number;
  hits: PreparedHit[];
  uncounted: PreparedArticle['uncounted'];
  rows: RowsAt;
  /** Where its word hashes are in vocab-*.bin: first hash, how many. */
  vocab: [number, number];
}

export const memoryFolder = (options: Pick<Options, 'work'>) => path.join(options.work, 'cache', 'memory');

/** Bytes on disk. */
export function memorySize(folder: string): number {
  return existsSync(folder) ? readdirSync(folder).reduce((sum, name) => sum + statSync(path.join(folder, name)).size, 0) : 0;
}

function filesUnder(where: string): string[] {
  if (!statSync(where).isDirectory()) return [where];
  return (
    readdirSync(where, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.join(d.parentPath, d.name))
      // Hidden files and an open document's lock file ("~$…"), as ingest passes them over: a Mac's .DS_Store changing kept the memory from serving.
      .filter((file) => !path.relative(where, file).split(path.sep).some((part) => /^(\.|~\$)/.test(part)))
      .sort()
  );
}

/** Adds the files under `root` to `hash`, a megabyte at a time: a corpus export can be far larger than memory should hold. */
function hashFiles(hash: Hash, root: string, files: string[]): void {
  const buffer = Buffer.alloc(1 << 20);
  for (const file of files) {
    hash.update(`\0${path.relative(root, file)}\0`);
    const fd = openSync(file, 'r');
    try {
      for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, read));
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * A hash of everything but the lexicons that the reports depend on: the code
 * (a changed scorer must not reuse old hits) and its dependencies, the corpus
 * files' contents, the actors, the options that change what is ingested or
 * summed, and the tokeniser's version. Null where the corpus cannot be read:
 * ingest will say why.
 */
export function runFingerprint(options: Options, set: LexiconSet): string | null {
  const hash = createHash('sha256');
  const lockFile = path.join(PIPELINE, '..', 'package-lock.json');
  hashFiles(hash, PIPELINE, [...filesUnder(PIPELINE), ...(existsSync(lockFile) ? [lockFile] : [])]);
  const corpus = path.resolve(options.corpus);
  try {
    hashFiles(hash, corpus, filesUnder(corpus));
    for (const file of [options.rules, options.outletNames]) if (file) hashFiles(hash, path.dirname(file), [file]);
  } catch {
    return null;
  }
  const { maxArticleBytes, columns, dayFirst, outlet, skipNearDuplicates, from, to, about, stats, decimalComma } = options;
  const tokens = cacheKey({ title: '', text: '' });
  hash.update(JSON.stringify([MEMORY_VERSION, process.versions.v8, maxArticleBytes, columns, dayFirst, outlet, skipNearDuplicates, from, to, about, stats.resamples, stats.seed, decimalComma, set.actors, tokens]));
  return hash.digest('hex');
}

/** A file's size and time of change, or 'absent': what tells that a file beside the corpus changed since a run read it. */
function fileStamp(file: string): string {
  const info = statSync(file, { throwIfNoEntry: false });
  return info ? `${info.size}:${info.mtimeMs}` : 'absent';
}

/** Each file's stamp (fileStamp), by its path. */
export const fileStamps = (files: Iterable<string>): Record<string, string> => Object.fromEntries([...files].sort().map((file) => [file, fileStamp(file)]));

/**
 * The last run's memory if it was made from the same fingerprint and the files
 * beside the corpus it read are as they were; null for none, another, or a
 * damaged one.
 */
export function loadMemory(folder: string, fingerprint: string): MemoryIndex | null {
  try {
    const index = JSON.parse(readFileSync(path.join(folder, INDEX), 'utf8')) as MemoryIndex;
    if (index.version !== MEMORY_VERSION || index.fingerprint !== fingerprint) return null;
    if (Object.entries(index.ingest.beside).some(([file, stamp]) => fileStamp(file) !== stamp)) return null;
    return Object.values(index.files).every((name) => existsSync(path.join(folder, name))) ? index : null;
  } catch {
    return null;
  }
}

/** What names a run's memory files: when, and the process (writerRuns reads it back). */
const runName = () => `${Date.now().toString(36)}-${process.pid}`;

/** Whether the process that wrote a memory file (its number ends the name, or the temporary name: temporaryFor) is still running. */
function writerRuns(name: string): boolean {
  const pid = Number(/(?:-|\.tmp-)(\d+)(?:\.[a-z0-9]+)?$/.exec(name)?.[1]);
  return writtenByRunningProcess(pid);
}

/**
 * Writes memory.json, then removes the files it does not name: those of
 * earlier runs, and of runs that stopped half-way. A run still writing
 * beside this one keeps its files.
 */
function saveIndex(folder: string, index: MemoryIndex): void {
  writeAtomic(path.join(folder, INDEX), JSON.stringify(index));
  const named = new Set([INDEX, ...Object.values(index.files)]);
  for (const name of readdirSync(folder)) {
    if (!named.has(name) && !writerRuns(name)) rmSync(path.join(folder, name), { force: true });
  }
}

/** Word hashes appended to vocab-*.bin, as they are in memory (read back by readHashes). */
class VocabWriter {
  private readonly fd: number;
  private readonly writes: ByteChunks;
  /** Hashes written so far. */
  private count = 0;
  constructor(file: string) {
    this.fd = openSync(file, 'w');
    this.writes = new ByteChunks(this.fd, file);
  }
  /** Appends an article's word hashes; returns where they are. */
  add(hashes: Uint32Array): [number, number] {
    const at = this.count;
    this.writes.add(new Uint8Array(hashes.buffer, hashes.byteOffset, hashes.byteLength));
    this.count += hashes.length;
    return [at, hashes.length];
  }
  close(): void {
    this.writes.flush();
    closeSync(this.fd);
  }
}

/** The memory of a full run, written as its articles are scored; in place only once finish() is done. */
export class MemoryWriter {
  private readonly files: MemoryFiles;
  private readonly records: JsonlWriter;
  private readonly vocab: VocabWriter;
  private words = 0;

  constructor(private readonly folder: string) {
    const run = runName();
    this.files = {
      records: `records-${run}.jsonl`,
      rows: `rows-${run}.bin`,
      vocab: `vocab-${run}.bin`,
      totals: `totals-${run}.v8`,
    };
    this.records = new JsonlWriter(path.join(folder, this.files.records));
    this.vocab = new VocabWriter(path.join(folder, this.files.vocab));
    for (const name of [this.files.vocab, this.files.rows]) unfinishedFiles.add(path.join(folder, name));
  }

  /** The file for the report builder's rows (see ReportBuilderOptions.keptSpill). */
  get rowsFile(): string {
    return path.join(this.folder, this.files.rows);
  }

  async add(article: Article, result: ScoredResult, rows: RowsAt): Promise<void> {
    const { text: _text, ...meta } = article;
    const { prepared } = result;
    this.words += result.words;
    const record: MemoryRecord = {
      article: meta,
      key: result.key,
      words: result.words,
      sentences: prepared!.sentences,
      hits: prepared!.hits,
      uncounted: prepared!.uncounted,
      rows,
      vocab: this.vocab.add(result.vocabulary!),
    };
    await this.records.write(record);
  }

  async finish(fingerprint: string, set: LexiconSet, ingest: IngestSummary, totals: ScoringTotals): Promise<void> {
    this.vocab.close();
    await this.records.close();
    writeAtomic(path.join(this.folder, this.files.totals), v8.serialize(serialise(totals)));
    const index = { version: MEMORY_VERSION, fingerprint, lexicons: set.lexicons, ingest, words: this.words, files: this.files };
    saveIndex(this.folder, index);
    for (const name of [this.files.vocab, this.files.rows]) unfinishedFiles.delete(path.join(this.folder, name));
  }

  /** Removes what this run wrote of its memory: the last one stays as it was. */
  abort(): void {
    this.records.abort();
    try {
      this.vocab.close();
    } catch {
      // Closed already.
    }
    for (const name of [this.files.vocab, this.files.rows]) removeUnfinished(path.join(this.folder, name));
  }
}

/** A token cache entry that the memory names has gone, or an article scored again broke scoring: only a full run can go on (which leaves such an article out, C027). */
class TokensGone extends Error {}

export interface Rescored {
  /** Articles scored again, of all. */
  rescored: number;
  articles: number;
  hits: number;
  totals: ScoringTotals;
  /** Saves the memory of this run: call once its reports are written. */
  save(): void;
}

export interface RescoreSetup {
  folder: string;
  index: MemoryIndex;
  /** The lexicons to score with now. */
  set: LexiconSet;
  tokeniser: Tokeniser;
  /** Gets every article; its spill file must be the memory's rows file. */
  builder: ReportBuilder;
  cacheFolder: string;
  /** Scoring, set up with the remembered lexicons, for so many articles to score again; and how many to keep in flight. */
  scoringFor: (articles: number) => { scoring: Scoring; window: number };
  /** A progress bar over so many words to score again. */
  progressFor: (words: number) => Progress;
}

/**
 * Scores again, against `set`, the remembered articles that the lexicon edits
 * since the last run can change, and hands every article to `builder` in
 * corpus order (the others with their remembered rows). Null when the token
 * cache no longer holds an article needed.
 */
export async function rescore({ folder, index, set, tokeniser, builder, cacheFolder, scoringFor, progressFor }: RescoreSetup): Promise<Rescored | null> {
  const file = (name: keyof MemoryFiles) => path.join(folder, index.files[name]);
  const first = firstWords(editedEntries(index.lexicons, set.lexicons), tokeniser);
  const hashes = readHashes(file('vocab'));
  const holds = (record: MemoryRecord, flags: Uint8Array) => {
    const [at, count] = record.vocab;
    for (let k = at; k < at + count; k++) if (flags[hashes[k]! & HASH_SLOTS]) return true;
    return false;
  };
  const lines = readFileSync(file('records'), 'utf8').split('\n').filter((line) => line !== '');
  const records = lines.map((line) => JSON.parse(line) as MemoryRecord);
  const totals = deserialise(v8.deserialize(readFileSync(file('totals'))) as SerialisedTotals);

  const edited = hashFlags(totals.words, (word) => startsEdited(first, word));
  const again = new Uint8Array(records.length);
  const jobs: [number, MemoryRecord][] = [];
  records.forEach((record, seq) => {
    if (!holds(record, edited)) return;
    again[seq] = 1;
    jobs.push([seq, record]);
  });
  let hits = 0;
  let next = 0;
  /** Counts the articles not scored again, up to number `end`. */
  const addUnchanged = (end: number) => {
    for (; next < end; next++) {
      if (again[next]) continue;
      builder.addSpilled(records[next]!, records[next]!.rows);
      hits += records[next]!.hits.length;
    }
  };
  /** outlet slug -> phrases whose example is to be found again, and in which article it was */
  const lost = new Map<string, Map<string, number>>();
  // Opened only for an article to look at here: opening reads every entry's header.
  let cache: TokenCache | null = null;
  try {
    if (jobs.length > 0) {
      const { scoring, window } = scoringFor(jobs.length);
      const progress = progressFor(jobs.reduce((sum, [, record]) => sum + record.words, 0));
      await scoreInOrder(jobs, scoring, window, async (record, result, seq) => {
        if (!result.prepared) throw new TokensGone();
        progress.tick(record.words, record.words);
        addUnchanged(seq);
        next = seq + 1;
        const rows = await builder.add(result.prepared);
        hits += result.prepared.hits.length;
        const slug = record.article.outlet_slug;
        const grams = totals.grams.get(slug) ?? new Map<string, GramCount>();
        totals.grams.set(slug, grams);
        for (const gram of replaceGrams(grams, seq, result.grams!)) {
          const outletLost = lost.get(slug) ?? new Map<string, number>();
          outletLost.set(gram, seq);
          lost.set(slug, outletLost);
        }
        records[seq] = { ...record, hits: result.prepared.hits, uncounted: result.prepared.uncounted, rows };
        lines[seq] = JSON.stringify(records[seq]);
      }).finally(() => progress.stop());
      mergeBootstrap(totals.boot, (await scoring.close()).boot);
    }
    addUnchanged(records.length);
    const tokensOf = (record: MemoryRecord): Tokens => {
      const tokens = (cache ??= openTokenCache(cacheFolder, `${process.pid}-memory`)).get(record.key);
      if (!tokens) throw new TokensGone();
      return tokens;
    };
    findExamples(lost, totals.grams, records, tokensOf, holds);
  } catch (e) {
    if (e instanceof TokensGone) return null;
    throw e;
  } finally {
    (cache as TokenCache | null)?.close();
  }
  return {
    rescored: jobs.length,
    articles: records.length,
    hits,
    totals,
    save() {
      const updated = { ...index, lexicons: set.lexicons };
      // Nothing scored again: the records and totals stand as they are.
      if (jobs.length === 0) return saveIndex(folder, updated);
      const run = runName();
      const files = { ...index.files, records: `records-${run}.jsonl`, totals: `totals-${run}.v8` };
      const liveBytes = records.reduce((sum, r) => sum + r.rows.articleBytes + r.rows.hitBytes, 0);
      // Each re-run appends the rows of the articles it scored again; past twice the live rows, they are copied out afresh.
      if (statSync(file('rows')).size > 2 * liveBytes) {
        files.rows = `rows-${run}.bin`;
        compactRows(file('rows'), path.join(folder, files.rows), records);
        records.forEach((record, seq) => (lines[seq] = JSON.stringify(record)));
      }
      writeAtomic(path.join(folder, files.records), `${lines.join('\n')}\n`);
      writeAtomic(path.join(folder, files.totals), v8.serialize(serialise(totals)));
      saveIndex(folder, { ...updated, files });
    },
  };
}

/** Copies the live rows of `records`, in corpus order, from one rows file to a new one, and points the records there. */
function compactRows(from: string, to: string, records: MemoryRecord[]): void {
  const input = openSync(from, 'r');
  const output = openSync(to, 'w');
  try {
    const writes = new ByteChunks(output, to);
    let rows = Buffer.alloc(1 << 16);
    let offset = 0;
    for (const record of records) {
      const length = record.rows.articleBytes + record.rows.hitBytes;
      if (length > rows.length) rows = Buffer.alloc(length);
      readSync(input, rows, 0, length, record.rows.offset);
      writes.add(rows.subarray(0, length));
      record.rows = { ...record.rows, offset };
      offset += length;
    }
    writes.flush();
  } finally {
    closeSync(input);
    closeSync(output);
  }
}

function readHashes(file: string): Uint32Array {
  const hashes = new Uint32Array(statSync(file).size / 4);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, hashes, 0, hashes.byteLength, 0);
  } finally {
    closeSync(fd);
  }
  return hashes;
}

/** Word hashes are looked up by their low 22 bits: two words that share them only make an article looked at for nothing. */
const HASH_SLOTS = (1 << 22) - 1;

/** A flag per hash slot, set for the words `pick` picks. */
function hashFlags(words: Iterable<string>, pick: (word: string) => boolean): Uint8Array {
  const flags = new Uint8Array(HASH_SLOTS + 1);
  for (const word of words) if (pick(word)) flags[wordHash(word) & HASH_SLOTS] = 1;
  return flags;
}

/**
 * Finds the example of each lost phrase (replaceGrams): the first article
 * after the one that lost it, in corpus order and of the same outlet, that
 * has the phrase. Only articles holding the phrase's words are looked at.
 */
function findExamples(
  lost: Map<string, Map<string, number>>,
  grams: Map<string, Map<string, GramCount>>,
  records: MemoryRecord[],
  tokensOf: (record: MemoryRecord) => Tokens,
  holds: (record: MemoryRecord, flags: Uint8Array) => boolean,
): void {
  for (const [slug, phrases] of lost) {
    const words = new Set([...phrases.keys()].flatMap((gram) => gram.split(' ')));
    const flags = hashFlags(words, () => true);
    // Not Math.min(...): an article of a great many phrases would overflow the stack.
    const from = [...phrases.values()].reduce((a, b) => Math.min(a, b));
    for (let seq = from + 1; seq < records.length && phrases.size > 0; seq++) {
      const record = records[seq]!;
      if (record.article.outlet_slug !== slug || !holds(record, flags)) continue;
      const found = gramsOf(record.article, tokensOf(record), coveredSpans(record), seq);
      for (const [gram, after] of phrases) {
        const known = grams.get(slug)?.get(gram);
        // Counted nowhere any more: nothing to find.
        if (!known) phrases.delete(gram);
        const g = found.get(gram);
        if (!known || !g || seq <= after) continue;
        Object.assign(known, { example: g.example, article_id: g.article_id, seq });
        phrases.delete(gram);
      }
    }
  }
}

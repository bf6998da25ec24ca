// A progress bar on stderr for long runs: articles done, words per second and
// the time to go, drawn only on a terminal and without --quiet. The corpus
// streams in, so the share done is measured in text: characters of articles
// done against the corpus's size on disk.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { GZIPPED } from '../01-ingest/read-export.ts';
import { WARC_FILE } from '../01-ingest/warc.ts';
import { WORKBOOK } from '../01-ingest/workbook.ts';
import { ZipArchive, ZIPPED } from '../01-ingest/zip.ts';
import type { Options } from './options.ts';

export interface ProgressTarget {
  progress?: boolean;
}

/** The size of a corpus file, or of the files of a corpus folder and its subfolders (pages or exports may sit in them). */
export async function corpusSize(corpus: string): Promise<number> {
  try {
    const info = statSync(corpus);
    if (!info.isDirectory()) return await textSize(corpus, info.size);
    const files = readdirSync(corpus, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    let size = 0;
    for (const d of files) size += await textSize(path.join(d.parentPath, d.name), statSync(path.join(d.parentPath, d.name)).size);
    return size;
  } catch {
    return 0;
  }
}

/**
 * A file's size as text, since the bar counts the text read: a zip archive's
 * as its directory gives its files' sizes unpacked, a gzipped file's as its
 * last four bytes give it (modulo 4 GiB), a web archive's as it is on disk.
 */
async function textSize(file: string, size: number): Promise<number> {
  // A workbook is a zip archive too: its parts unpacked overstate its text, so the bar stops short of its end rather than stand there.
  if (ZIPPED.test(file) || WORKBOOK.test(file)) {
    const archive = await ZipArchive.open(file);
    archive.close();
    return archive.files().reduce((sum, inside) => sum + inside.size, 0);
  }
  // A web archive is gzipped record by record: its last four bytes give the last record's size alone.
  if (WARC_FILE.test(file) || !GZIPPED.test(file) || size < 18) return size;
  const fd = openSync(file, 'r');
  try {
    const trailer = Buffer.alloc(4);
    readSync(fd, trailer, 0, 4, size - 4);
    return trailer.readUInt32LE(0);
  } finally {
    closeSync(fd);
  }
}

/** The bars on the terminal now, to stop (and show the cursor again) when a signal stops the run. */
const shown = new Set<cliProgress.SingleBar>();

export function stopProgressBars(): void {
  for (const bar of shown) bar.stop();
  shown.clear();
}

export class Progress {
  private readonly bar: cliProgress.SingleBar | null;
  private articles = 0;
  private words = 0;
  private done = 0;
  private readonly started = performance.now();

  /** `total`: the corpus's size in bytes, or 0 when unknown (the stage reads the work folder). */
  constructor(target: ProgressTarget, options: Pick<Options, 'quiet'>, private readonly total: number) {
    const show = target.progress === true && !options.quiet;
    const format = total > 0
      ? '{bar} {percentage}% | {articles} articles | {rate} words/s | ETA {eta_formatted}'
      : '{articles} articles | {words} words | {rate} words/s';
    this.bar = show
      ? new cliProgress.SingleBar({ format, stream: process.stderr, fps: 5, clearOnComplete: true, hideCursor: true, etaBuffer: 200 }, cliProgress.Presets.shades_classic)
      : null;
    this.bar?.start(Math.max(total, 1), 0, { articles: 0, words: 0, rate: 0 });
    if (this.bar) shown.add(this.bar);
  }

  /** One article done, of `words` words and `characters` characters of text. */
  tick(words: number, characters: number): void {
    this.articles += 1;
    this.words += words;
    this.done += characters;
    if (!this.bar) return;
    const seconds = (performance.now() - this.started) / 1000;
    const rate = Math.round(this.words / Math.max(seconds, 1e-3));
    this.bar.update(Math.min(this.done, Math.max(this.total - 1, 0)), { articles: this.articles, words: this.words, rate });
  }

  stop(): void {
    if (!this.bar) return;
    this.bar.stop();
    shown.delete(this.bar);
  }
}

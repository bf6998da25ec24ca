// Stage 4, report, fed one scored article at a time so that memory stays flat
// however large the corpus: counts are aggregated as articles arrive; the rows
// of hits.csv and articles.csv are spilled to a work file in arrival order and
// copied out in sorted order at the end; every other report is made and written
// a chunk of rows at a time.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, write } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import type { GramTally } from '../03-score/ngrams.ts';
import { FileUpdates, naming, removeUnfinished, TextChunks, unfinishedFiles } from '../files.ts';
import type { LexiconSet } from '../types.ts';
import { ArticleIndex, type RowsAt } from './article-index.ts';
import { addArticle, addToBootstrap, createAggregates, mergeBootstrap, type Aggregates } from './aggregate.ts';
import { analyse, type StatsConfig } from './analysis.ts';
import { csvChunks, csvHeader, removeGoneOutletReports, SPREADSHEET_ROWS, type CsvFormat } from './csv.ts';
import { keynessTable, sharePairsTable, sharesTable } from './keyness.ts';
import type { BootstrapSums } from './statistics.ts';
import { suggestionsTable } from './suggestions.ts';
import type { Table } from './outline.ts';
import type { CountedArticle, PreparedArticle } from './prepare.ts';
import {
  ARTICLE_COLUMNS, comparisonTable, corpusTable, HIT_COLUMNS, monthsTable, outletTable, settingsTable, sortedOutlets, targetsTable, unmatchedTable,
} from './tables.ts';

const writeAt = promisify(write);

export interface ReportBuilderOptions {
  stats: StatsConfig;
  /** Folder for the spill file. */
  work: string;
  /** False when the scoring threads add the articles to the bootstrap and hand their sums over (mergeBootstrap). */
  bootstrapHere: boolean;
  /** How the reports write their cells; the rows added come prepared so. */
  csv: CsvFormat;
  /**
   * A spill file to keep after the run (the run memory's rows), added to when
   * `append`; by default a temporary one in `work`, removed at the end.
   */
  keptSpill?: { file: string; append: boolean };
}

/** What finish() did with each report, by path relative to the reports folder, A-Z. */
export interface ReportFiles {
  written: string[];
  /** Reports whose content came out as it already was: left untouched. */
  unchanged: string[];
  /** Outlet reports of earlier runs for outlets no longer in the corpus: deleted. */
  removed: string[];
  /** Reports with more rows than a spreadsheet shows (SPREADSHEET_ROWS), and their rows, A-Z. */
  pastSpreadsheets: { name: string; rows: number }[];
}

export class ReportBuilder {
  private readonly agg: Aggregates;
  private readonly spillFile: string;
  private readonly spill: number;
  private spillEnd = 0;
  private readonly index = new ArticleIndex();
  private readonly weights: Float64Array;
  /** Rows added but not yet in the spill file; the chunk being written. */
  private readonly pending = new TextChunks();
  private writing: Promise<unknown> = Promise.resolve();
  /** Rows of hits.csv: the hits of every article added. */
  private hitRows = 0;

  constructor(
    set: LexiconSet,
    private readonly options: ReportBuilderOptions,
  ) {
    this.agg = createAggregates(set.lexicons);
    const kept = options.keptSpill;
    this.spillFile = kept?.file ?? path.join(options.work, `report-rows.spill-${process.pid}`);
    mkdirSync(path.dirname(this.spillFile), { recursive: true });
    this.spill = openSync(this.spillFile, kept?.append ? 'r+' : 'w+');
    if (!kept) unfinishedFiles.add(this.spillFile);
    this.spillEnd = kept?.append ? fstatSync(this.spill).size : 0;
    this.weights = new Float64Array(options.stats.resamples);
  }

  /**
   * Returns where the article's rows go in the spill file; resolves at once, or
   * once the file has room: at most one chunk is being written while the next fills.
   */
  async add(prepared: PreparedArticle): Promise<RowsAt> {
    if (this.options.bootstrapHere) addToBootstrap(this.agg.boot, prepared, this.agg.entries, this.options.stats, this.weights);
    const at = { offset: this.spillEnd, articleBytes: Buffer.byteLength(prepared.articleCsv), hitBytes: Buffer.byteLength(prepared.hitsCsv) };
    this.addSpilled(prepared, at);
    this.spillEnd += at.articleBytes + at.hitBytes;
    this.pending.add(prepared.articleCsv);
    if (this.pending.add(prepared.hitsCsv)) await this.flushSpill();
    return at;
  }

  /** Counts an article whose rows are in the (kept) spill file already, at `at`. */
  addSpilled(counted: CountedArticle, at: RowsAt): void {
    addArticle(this.agg, counted);
    this.hitRows += counted.hits.length;
    this.index.add(counted.article, at);
  }

  /**
   * Starts writing the rows held back (one write per chunk, not two per
   * article) once the chunk before is written, and goes on while it is.
   */
  private async flushSpill(): Promise<void> {
    await this.writing;
    const chunk = this.pending.take();
    if (chunk === '') return;
    // The chunk is the last of what was added: it ends where the spilled rows end.
    this.writing = writeAt(this.spill, chunk, this.spillEnd - Buffer.byteLength(chunk), 'utf8').catch((e: unknown) => {
      throw naming(this.spillFile, e);
    });
  }

  mergeBootstrap(boot: Map<string, BootstrapSums>): void {
    mergeBootstrap(this.agg.boot, boot);
  }

  /**
   * Copies every spilled article, in sorted order, into the updates of
   * `articles.csv` and `hits.csv`: one read per article, one write per megabyte.
   */
  private copyOut(reports: FileUpdates): void {
    const rowsFile = (name: string, columns: string[]) => {
      const update = reports.open(name);
      update.add(Buffer.from(csvHeader(columns, this.options.csv)));
      return update;
    };
    const articles = rowsFile('articles.csv', ARTICLE_COLUMNS);
    const hits = rowsFile('hits.csv', HIT_COLUMNS);
    let rows = Buffer.alloc(1 << 16);
    for (const entry of this.index.sorted()) {
      const length = entry.articleBytes + entry.hitBytes;
      if (length > rows.length) rows = Buffer.alloc(length);
      readSync(this.spill, rows, 0, length, entry.offset);
      articles.add(rows.subarray(0, entry.articleBytes));
      hits.add(rows.subarray(entry.articleBytes, length));
    }
    articles.finish();
    hits.finish();
  }

  /**
   * Writes every report into `out` that is not already as it should be, all
   * at once: a run that fails on the way leaves every report as it was.
   */
  async finish(out: string, grams: GramTally, settings: ReadonlyArray<readonly [string, string]>): Promise<ReportFiles> {
    const reports = new FileUpdates(out);
    try {
      await this.flushSpill();
      await this.writing;
      const analysis = analyse(this.agg, this.options.stats);
      this.copyOut(reports);
      const rows = new Map([['articles.csv', this.index.size], ['hits.csv', this.hitRows]]);
      // Each report written as it is made, a chunk of rows at a time: with hundreds of outlets,
      // share-pairs.csv alone has a million rows.
      const write = (name: string, table: Table) => {
        const update = reports.open(name);
        const count = { rows: 0 };
        for (const chunk of csvChunks(table, this.options.csv, count)) update.add(Buffer.from(chunk));
        update.finish();
        rows.set(name, count.rows);
      };
      for (const outlet of sortedOutlets(this.agg)) write(`outlets/${outlet.slug}.csv`, outletTable(analysis, outlet));
      write('corpus.csv', corpusTable(analysis));
      write('comparison.csv', comparisonTable(analysis));
      write('months.csv', monthsTable(analysis));
      write('keyness.csv', keynessTable(analysis));
      write('shares.csv', sharesTable(analysis));
      write('share-pairs.csv', sharePairsTable(analysis));
      write('suggestions.csv', suggestionsTable(analysis, grams));
      write('targets.csv', targetsTable(analysis));
      write('unmatched.csv', unmatchedTable(analysis));
      write('run.csv', settingsTable(settings));
      const changed = reports.commit();
      const removed = removeGoneOutletReports(out, new Set(rows.keys()));
      const names = [...changed.keys()].sort();
      return {
        written: names.filter((n) => changed.get(n)),
        unchanged: names.filter((n) => !changed.get(n)),
        removed,
        pastSpreadsheets: names.filter((n) => rows.get(n)! + 1 > SPREADSHEET_ROWS).map((name) => ({ name, rows: rows.get(name)! })),
      };
    } finally {
      reports.discard();
      this.discard();
    }
  }

  /** Closes the spill file and removes it unless it is kept (also when a run fails before finishing). */
  discard(): void {
    // A chunk still being written fails once the file is closed; that failure is this one's.
    this.writing.catch(() => undefined);
    try {
      closeSync(this.spill);
    } catch {
      // Already closed.
    }
    if (!this.options.keptSpill) removeUnfinished(this.spillFile);
  }
}

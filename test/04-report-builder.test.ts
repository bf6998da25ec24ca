// The report builder's spill file: rows of hits.csv and articles.csv are held
// back, written in chunks and copied out in sorted order. Articles whose rows
// run over several chunks, in multi-byte text, must come out whole and in order.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATS } from '../pipeline/04-report/analysis.ts';
import { ArticleIndex, type ArticleOrder } from '../pipeline/04-report/article-index.ts';
import { csvChunks, csvRows, PLAIN_CSV } from '../pipeline/04-report/csv.ts';
import { ReportBuilder } from '../pipeline/04-report/index.ts';
import { byFolded } from '../pipeline/04-report/outline.ts';
import type { PreparedArticle } from '../pipeline/04-report/prepare.ts';
import { runPipeline } from '../pipeline/cli/stages.ts';
import { exportCsv, lexicon, quiet, readReport, tempDir, testOptions } from './helpers.ts';

function prepared(slug: string, id: string, date: string, hitRowsBytes: number): PreparedArticle {
  // "é" is two bytes in UTF-8: byte offsets and string lengths differ.
  const hitsCsv = `${slug},${id},${'é'.repeat(hitRowsBytes / 2)}\n${slug},${id},second row\n`;
  return {
    article: { outlet: slug, outlet_slug: slug, article_id: id, date, near_duplicate_of: '' },
    words: 100, sentences: 5, hits: [], uncounted: [],
    articleCsv: `${slug},${id},${date}\n`, hitsCsv, json: null,
  };
}

describe('a report written a chunk of rows at a time', () => {
  it.each([0, 1, 4096, 4097, 10_000])('of %i rows reads as the whole table written at once, formulae neutralised', (count) => {
    const columns = ['outlet', 'term', 'z'];
    const rows = Array.from({ length: count }, (_, i) => ({ outlet: `Outlet ${i % 7}`, term: i % 3 === 0 ? '=cmd' : `term, "${i}"`, z: i / 7 }));
    const whole = `\uFEFF${Papa.unparse([columns], { newline: '\n' })}\n${count === 0 ? '' : `${Papa.unparse(rows.map((r) => columns.map((c) => r[c as keyof typeof r])), { escapeFormulae: true, newline: '\n' })}\n`}`;
    const chunks = [...csvChunks({ columns, rows: rows.values() }, PLAIN_CSV)];
    expect(chunks.join('')).toBe(whole);
    expect(chunks.length).toBe(2 + Math.floor(count / 4096));
  });
});

describe('a report with a decimal comma (--decimal-comma)', () => {
  it.each<[string, string | number, string]>([
    ['a number: its point a comma', 0.2512, '0,2512'],
    ['a negative number: no formula, not marked as one', -1.5, '-1,5'],
    ['a whole number as it is', -2, '-2'],
    ['text that starts as a formula would: marked', '=cmd', "\"'=cmd\""],
    ['text starting with a minus, a number and more: marked', '-1,5 killed', "\"'-1,5 killed\""],
    ['text written as a number: as it is', '2018-04', '2018-04'],
    ['text holding a semicolon: quoted', 'regime; junta', '"regime; junta"'],
    ['text holding a point: as it is', 'Mr. Maduro', 'Mr. Maduro'],
  ])('writes %s', (_, value, written) => {
    expect(csvRows(['a', 'b'], [{ a: value, b: 1.5 }], { decimalComma: true })).toBe(`${written};1,5\n`);
  });
});

describe('the report builder', () => {
  it('copies out every article’s rows whole and sorted, however the spill file was chunked', async () => {
    const work = tempDir();
    const builder = new ReportBuilder({ lexicons: [lexicon('frame,pole,term\nf,p,regime\n')], actors: [] }, { stats: { ...DEFAULT_STATS, resamples: 0 }, work, bootstrapHere: true, csv: PLAIN_CSV });
    // 3 MB of rows in all (1.5 million characters), arriving out of order: more than one chunk.
    const articles = [
      prepared('sur', 'b', '2023-02-01', 700_000), prepared('norte', 'a', '2023-01-05', 10),
      prepared('sur', 'a', '2023-02-01', 1_300_000), prepared('este', 'c', '', 900_000),
      prepared('norte', 'b', '2023-01-04', 100_000),
    ];
    for (const a of articles) await builder.add(a);
    const out = path.join(work, 'reports');
    await builder.finish(out, new Map(), [['corpus', 'corpus']]);
    const read = (name: string) => readFileSync(path.join(out, name), 'utf8').replace(/^\uFEFF[^\n]*\n/, '');
    const sorted = [articles[3]!, articles[4]!, articles[1]!, articles[2]!, articles[0]!];
    expect(read('hits.csv')).toBe(sorted.map((a) => a.hitsCsv).join(''));
    expect(read('articles.csv')).toBe(sorted.map((a) => a.articleCsv).join(''));
  });
});

describe('the order of articles.csv and hits.csv', () => {
  /** The comparison ArticleIndex replaces: byFolded on each field, every time. */
  const byArticleOrder = (a: ArticleOrder, b: ArticleOrder) =>
    byFolded(a.outlet_slug, b.outlet_slug) || byFolded(a.date, b.date) || byFolded(a.article_id, b.article_id);

  it('is outlet, date, id, each folded A-Z with the exact text breaking ties, as byFolded compares them', () => {
    // Few letters, so that fields tie often, and case and accents that fold alike.
    const text = fc.array(fc.constantFrom('a', 'A', 'á', 'b', 'B', '-', '1'), { maxLength: 3 }).map((c) => c.join(''));
    const article = fc.record({ outlet_slug: text, date: text, article_id: text });
    fc.assert(
      fc.property(fc.array(article, { maxLength: 60 }), (articles: ArticleOrder[]) => {
        const reference = [...articles].sort(byArticleOrder);
        const index = new ArticleIndex();
        // The offset stands for the article, to tell which came out where.
        articles.forEach((a, offset) => index.add(a, { offset, articleBytes: offset * 3, hitBytes: offset * 7 }));
        const sorted = [...index.sorted()];
        expect(sorted.map((at) => articles[at.offset])).toEqual(reference);
        expect(sorted.every((at) => at.articleBytes === at.offset * 3 && at.hitBytes === at.offset * 7)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("gives one word's hits of two lexicons in the order of the lexicons' names, whatever their lines (a mutant ordering them by line survived)", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'lexicons'));
    writeFileSync(path.join(dir, 'lexicons', 'b-labels.csv'), 'frame,pole,term\nlabels,del,regime\n');
    writeFileSync(path.join(dir, 'lexicons', 'a-labels.csv'), '# A comment first, so that its term is on a later line.\nframe,pole,term\nlabels,del,regime\n');
    writeFileSync(path.join(dir, 'export.csv'), exportCsv([['Sur', 'T', '2023-01-10', 'https://sur.pe/1', 'The regime fell.']]));
    const options = testOptions({ corpus: path.join(dir, 'export.csv'), lexicons: path.join(dir, 'lexicons') });
    await runPipeline(options, quiet());
    expect(readReport(path.join(options.out, 'hits.csv')).map((r) => [r.lexicon, r.line, r.match])).toEqual([
      ['a-labels.csv', '3', 'regime'],
      ['b-labels.csv', '2', 'regime'],
    ]);
  });

  it('keeps every article and its place in the spill file past the first thousand articles (the arrays grow)', () => {
    const articles = Array.from({ length: 2500 }, (_, i) => ({ outlet_slug: `o${i % 3}`, date: `2024-01-${10 + (i % 17)}`, article_id: `a${(i * 7919) % 2500}` }));
    const index = new ArticleIndex();
    articles.forEach((a, i) => index.add(a, { offset: i * 1000, articleBytes: i, hitBytes: i + 1 }));
    const sorted = [...index.sorted()];
    const reference = [...articles.keys()].sort((a, b) => byArticleOrder(articles[a]!, articles[b]!));
    expect(sorted).toEqual(reference.map((i) => ({ offset: i * 1000, articleBytes: i, hitBytes: i + 1 })));
  });
});

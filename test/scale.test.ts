// Scale (issue 5), pinned without timing: identical reports for any number of
// workers, the token cache's reuse and invalidation, streaming of a large
// export, and broken rows in the middle of a corpus.
import { execFileSync } from 'node:child_process';
import { cpSync, createWriteStream, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { indexPacks } from '../pipeline/02-tokenise/cache.ts';
import { runPipeline } from '../pipeline/cli/stages.ts';
import { expectSameReports, exportCsv, quiet, readReport, ROOT, snapshot, tempDir, testOptions } from './helpers.ts';

const ARTICLE_TEXT = [
  'The regime of Dina Boluarte faced new protests on Tuesday.',
  '“This is a massacre,” said a union leader in Puno.',
  'The de facto government denied that security forces had fired on the crowd.',
  'Analysts said the crackdown would deepen the crisis.',
];

describe('worker threads', () => {
  it('give byte-identical reports for --workers 1 and --workers 2', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    writeFileSync(
      corpus,
      exportCsv(Array.from({ length: 60 }, (_, i) => [['Sur', 'Norte', 'Este'][i % 3]!, `Report ${i}`, `2023-01-${String((i % 28) + 1).padStart(2, '0')}`, `u${i}`, ARTICLE_TEXT.slice(i % 4).concat(ARTICLE_TEXT.slice(0, i % 4)).join('\n')])),
    );
    const one = testOptions({ corpus, workers: 1, cache: false, stats: { ...testOptions().stats, resamples: 200 } });
    const two = testOptions({ corpus, workers: 2, cache: false, stats: one.stats });
    await runPipeline(one, quiet());
    await runPipeline(two, quiet());
    expectSameReports(one.out, two.out);
    const bundledOne = testOptions({ workers: 1 });
    const bundledTwo = testOptions({ workers: 2 });
    await runPipeline(bundledOne, quiet());
    await runPipeline(bundledTwo, quiet());
    expectSameReports(bundledOne.out, bundledTwo.out);
  });
});

describe('a run that fails while scoring', () => {
  it.each([1, 2])('stops with the error, leaving the reports as they were and no temporary file (--workers %i)', async (workers) => {
    const options = testOptions({ workers });
    await runPipeline(options, quiet());
    const before = snapshot(options.out);
    // The token cache's folder is a file: every cache write fails.
    rmSync(path.join(options.work, 'cache'), { recursive: true, force: true });
    writeFileSync(path.join(options.work, 'cache'), 'not a folder');
    await expect(runPipeline(options, quiet())).rejects.toThrow(/ENOTDIR|not a directory/);
    expect(readdirSync(options.work).filter((name) => /\.tmp-|spill/.test(name))).toEqual([]);
    const after = snapshot(options.out);
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), name).toBe(true);
  });
});

describe('the token cache', () => {
  it('serves a re-run after a lexicon edit, with the same reports as a cold run with that lexicon', async () => {
    const first = testOptions();
    await runPipeline(first, quiet());
    // The token cache alone, without the run memory (memory.test.ts).
    rmSync(path.join(first.work, 'cache', 'memory'), { recursive: true });
    const edited = path.join(first.work, 'edited-lexicons');
    cpSync(path.join(ROOT, 'lexicons'), edited, { recursive: true });
    writeFileSync(path.join(edited, 'legitimacy.csv'), `${readFileSync(path.join(edited, 'legitimacy.csv'), 'utf8')}legitimacy,delegitimising,strongman,-1,test edit,test\n`);
    const rerun = { ...first, lexicons: edited, out: path.join(first.work, 'rerun') };
    const log = quiet();
    await runPipeline(rerun, log);
    expect(log.lines.join('\n')).toContain('14 from the token cache, 0 tokenised');
    const cold = testOptions({ lexicons: edited, cache: false });
    await runPipeline(cold, quiet());
    expectSameReports(cold.out, rerun.out);
  });

  it('misses only the entry of an article whose text changed', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    const rows = Array.from({ length: 5 }, (_, i) => ['Sur', `Report ${i}`, '2023-01-02', `u${i}`, `${ARTICLE_TEXT[i % 4]} Article ${i}.`]);
    writeFileSync(corpus, exportCsv(rows));
    const options = testOptions({ corpus });
    await runPipeline(options, quiet());
    const entries = () => indexPacks(path.join(options.work, 'cache', 'tokens'));
    const before = entries();
    expect(before.size).toBe(5);
    rows[2]![4] = `${rows[2]![4]} A sentence added later.`;
    writeFileSync(corpus, exportCsv(rows));
    const log = quiet();
    await runPipeline({ ...options, out: path.join(dir, 'again') }, log);
    expect(log.lines.join('\n')).toContain('4 from the token cache, 1 tokenised');
    const after = entries();
    expect(after.size).toBe(6);
    // The four unchanged entries stay where they were, unwritten.
    for (const [key, place] of before) expect(after.get(key)).toEqual(place);
  });
});

describe('a large export', () => {
  it('is ingested without being read whole: a 73 MB file in a 64 MB heap', async () => {
    const dir = tempDir();
    const big = path.join(dir, 'big.csv');
    const out = createWriteStream(big);
    out.write('outlet,title,date,url,text\n');
    const paragraph = `${ARTICLE_TEXT.join(' ')} `.repeat(30);
    for (let i = 0; i < 10000; i++) {
      if (!out.write(`${Papa.unparse([[`Outlet ${i % 7}`, `Report ${i}`, '2023-01-02', `u${i}`, `${paragraph}${i}`]])}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    expect(statSync(big).size).toBeGreaterThan(64 * 2 ** 20);
    // Held whole, the file alone would take twice its size in the heap (JavaScript strings are UTF-16).
    const stdout = execFileSync(
      process.execPath,
      ['--max-old-space-size=64', '--import', 'tsx', path.join(ROOT, 'pipeline', 'cli', 'ingest.ts'), '--corpus', big, '--work', path.join(dir, 'work')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(stdout).toContain('read 10000 article(s) from 7 outlet(s)');
  });
});

describe('broken rows in the middle of a corpus', () => {
  it('get a message each, and the rest complete results', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    const good = (i: number) => Papa.unparse([['Sur', `Report ${i}`, '2023-01-02', `u${i}`, ARTICLE_TEXT.join('\n')]]);
    const lines = [
      'outlet,title,date,url,text',
      good(1),
      good(2),
      'Sur,Too many fields,2023-01-02,u3,some text,and more',
      good(4),
      'Sur,Empty text,2023-01-02,u5,',
      good(6),
      Papa.unparse([['Sur', 'Huge', '2023-01-02', 'u7', 'The regime fell. '.repeat(300000)]]),
      good(8),
    ];
    writeFileSync(corpus, `${lines.join('\n')}\n`);
    const options = testOptions({ corpus, stats: { ...testOptions().stats, resamples: 100 } });
    const log = quiet();
    await runPipeline(options, log);
    // The good rows share one text under four titles, each named as repeating the first (C062).
    const messages = log.lines.filter((l) => / (error|warning) C\d+/.test(l) && !/ warning C062: /.test(l));
    expect(log.lines.filter((l) => / warning C062: /.test(l))).toHaveLength(4);
    // The code after the severity: a temporary folder's random name can hold "C8" too.
    expect(messages.map((l) => / (?:error|warning) (C\d+):/.exec(l)![1])).toEqual(['C008', 'C004', 'C014']);
    expect(messages[0]).toContain(`${corpus}:record 3`);
    expect(messages[2]).toContain('5.1 MB');
    const articles = readReport(path.join(options.out, 'articles.csv'));
    expect(articles.map((a) => a.title).sort()).toEqual(['Report 1', 'Report 2', 'Report 4', 'Report 6', 'Report 8']);
    expect(log.lines.join('\n')).toContain('skipped 3');
  });

  it('an archive of 1,025 sources: share-pairs.csv past what a spreadsheet shows, written whole and named (R001)', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    writeFileSync(corpus, exportCsv(Array.from({ length: 1025 }, (_, i) => [`Source ${i}`, `Report ${i}`, '2023-01-02', `u${i}`, 'The regime spoke to the government.'])));
    const lexicons = path.join(dir, 'legitimacy.csv');
    writeFileSync(lexicons, 'frame,pole,term\nlegitimacy,delegitimising,regime\nlegitimacy,legitimising,government\n');
    const options = testOptions({ corpus, lexicons, stats: { ...testOptions().stats, resamples: 0 } });
    const log = quiet();
    await runPipeline(options, log);
    expect(log.lines.filter((l) => l.includes(' R001: '))).toEqual([
      `${path.join(options.out, 'share-pairs.csv')}: warning R001: 1,049,600 rows: Excel and LibreOffice show only the first 1,048,575 (with the header, a sheet's 1,048,576) and leave out the rest; read it with a tool for large CSV files (R, pandas, DuckDB), or filter it before opening`,
    ]);
    expect(readFileSync(path.join(options.out, 'share-pairs.csv'), 'utf8').split('\n')).toHaveLength(1 + 1_049_600 + 1);
    expect(log.lines.find((l) => l.startsWith('report:'))).toContain(', 1025 outlet reports in outlets/');
  });

  it('text no sentence splitter can split, data pasted in, thousands of quotations in a paragraph: complete results, no report cell past a spreadsheet\'s 32,767 characters', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    const rows = [
      // A "sentence" of 6,000 words: each of its 2,000 rows of hits.csv held all of it (32,000 characters a cell); with more hits the run stopped on "Invalid string length".
      ['Sur', 'A list', '2023-01-02', 'u1', 'the regime and the dictator and '.repeat(1000)],
      ['Sur', 'An image', '2023-01-03', 'u2', `The regime fell. ${'R0lGODlhAQABAIAAAP'.repeat(2000)} The dictator spoke.`],
      ['Sur', 'Chants', '2023-01-04', 'u3', 'Crowds chanted “down with the regime” and '.repeat(2000)],
    ];
    writeFileSync(corpus, exportCsv(rows));
    const options = testOptions({ corpus, stats: { ...testOptions().stats, resamples: 0 } });
    const log = quiet();
    await runPipeline(options, log);
    expect(log.lines.filter((l) => / (error|warning) C\d+/.test(l)).map((l) => / (?:error|warning) (C\d+):/.exec(l)![1])).toEqual(['C026']);
    const hits = readReport(path.join(options.out, 'hits.csv'));
    const byArticle = (title: string) => hits.filter((h) => h.title === title);
    expect([byArticle('A list').length, byArticle('An image').length, byArticle('Chants').length]).toEqual([2000, 2, 2000]);
    expect(byArticle('Chants').every((h) => h.voice === 'quoted')).toBe(true);
    for (const h of byArticle('A list')) expect(h.sentence).toContain(`${h.left}${h.match}${h.right}`);
    for (const report of ['hits.csv', 'suggestions.csv', 'articles.csv']) {
      const longest = Math.max(...readReport(path.join(options.out, report)).flatMap((row) => Object.values(row).map((cell) => cell.length)));
      expect(longest, report).toBeLessThan(2000);
    }
  });
});

// The run memory (issue 5: re-scoring after a lexicon edit): a re-run scores
// again only the articles that an edit can change, and writes, byte for byte,
// the reports of a cold run with the edited lexicons. Anything it cannot
// vouch for (corpus, actors, a lost cache entry, a damaged memory) makes it a
// full run.
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../pipeline/01-ingest/index.ts';
import { changedGrams, changedGramsOf, gramsOf, replaceGrams, type GramCount } from '../pipeline/03-score/ngrams.ts';
import { runPipeline } from '../pipeline/cli/stages.ts';
import type { Options } from '../pipeline/cli/options.ts';
import type { Hit, Tokens } from '../pipeline/types.ts';
import { article, expectSameReports, exportCsv, quiet, readReport, ROOT, summaryLine, tempDir, testOptions, tokeniser } from './helpers.ts';

const FEW_RESAMPLES = { ...testOptions().stats, resamples: 200 };
const SENTENCES_FOR_ROWS = 'The regime of Dina Boluarte faced new protests.\nThe de facto government denied it.';

const scoreLine = (options: Options) => summaryLine(options, 'score');

/** The reports of a cold run (no cache, no memory) with `lexicons`. */
async function coldReports(lexicons: string, corpus?: string): Promise<string> {
  const cold = testOptions({ lexicons, cache: false, stats: FEW_RESAMPLES, ...(corpus ? { corpus } : {}) });
  await runPipeline(cold, quiet());
  return cold.out;
}

const append = (file: string, line: string) => appendFileSync(file, `${line}\n`);
const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));

describe('a re-run after a lexicon edit, on the bundled corpus', () => {
  let remembered: Options;
  beforeAll(async () => {
    remembered = testOptions({ stats: FEW_RESAMPLES });
    cpSync(path.join(ROOT, 'lexicons'), path.join(remembered.work, 'lexicons'), { recursive: true });
    remembered.lexicons = path.join(remembered.work, 'lexicons');
    await runPipeline(remembered, quiet());
  });

  // Each edit starts from the memory of a run with the bundled lexicons; `scored` is how many of the 14 articles it scores again.
  it.each<[string, (lexicons: string) => void, number | 'some']>([
    ['an entry the corpus never uses', (l) => append(path.join(l, 'legitimacy.csv'), 'legitimacy,delegitimising,strongman,-1,test,test'), 0],
    ['an entry the corpus uses', (l) => append(path.join(l, 'legitimacy.csv'), 'legitimacy,legitimising,official,1,test,test'), 7],
    ['a `word*` entry', (l) => append(path.join(l, 'violence.csv'), 'violence,state violence,protest*,test,test'), 'some'],
    // Every entry below has a new line number, in hits.csv too.
    ['an entry deleted, moving the lines below it up', (l) => edit(path.join(l, 'legitimacy.csv'), (t) => t.replace(/^legitimacy,delegitimising,usurper,.*\n/m, '')), 14],
    ['an entry moved to another pole', (l) => edit(path.join(l, 'legitimacy.csv'), (t) => t.replace('legitimacy,delegitimising,dictator,-2', 'legitimacy,legitimising,dictator,2')), 'some'],
    // hits.csv gives each hit's weight: a re-run that took a weight edit for none kept the old one there.
    ['an entry’s weight alone changed', (l) => edit(path.join(l, 'legitimacy.csv'), (t) => t.replace('legitimacy,delegitimising,dictator,-2,', 'legitimacy,delegitimising,dictator,-1,')), 'some'],
    // No report gives an entry's note or source: the articles holding "dictator" were scored again all the same.
    ['an entry’s note and source alone changed', (l) => edit(path.join(l, 'legitimacy.csv'), (t) => t.replace(',-2,personal rule without consent,"Breitbart, Miami Herald (quoted)"', ',-2,rule by one man,Breitbart')), 0],
    ['a longer term taking over a shorter one’s hits', (l) => append(path.join(l, 'legitimacy.csv'), 'legitimacy,delegitimising,"dictator nicolás maduro",-2,test,test'), 'some'],
    ['a lexicon file added', (l) => writeFileSync(path.join(l, 'extra.csv'), 'frame,pole,term\nwords,common,people\nwords,common,say\nwords,other,"new york"\n'), 'some'],
    ['a lexicon file removed', (l) => rmSync(path.join(l, 'ideology.csv')), 'some'],
  ])('%s: scores again only the articles it can change, with the reports of a cold run', async (_, change, scored) => {
    const work = tempDir('framing-work-');
    cpSync(remembered.work, work, { recursive: true });
    const lexicons = path.join(work, 'lexicons');
    change(lexicons);
    const rerun = { ...remembered, work, lexicons, out: path.join(work, 'rerun') };
    const line = await scoreLine(rerun);
    const count = Number(/(\d+) article\(s\) scored again, (\d+) unchanged/.exec(line)?.[1]);
    if (scored === 'some') expect(count).toSatisfy((n: number) => n > 0 && n < 14);
    else expect(count).toBe(scored);
    expectSameReports(await coldReports(lexicons), rerun.out);
  });
});

describe('a re-run after a lexicon edit, on made-up corpora', () => {
  const TERMS = ['crowd', 'angry crowd', 'police', 'riot*', 'the square', 'minister', 'budget', 'tear gas', 'gather', 'protester'];
  const SENTENCES = [
    'An angry crowd gathered at the square.',
    'The crowd gathered at the square again.',
    'Police fired tear gas at the protesters.',
    '“The crowd was peaceful,” a protester said.',
    'Rioters and police clashed near the square.',
    'The minister spoke about the budget.',
    'The budget debate went on until midnight.',
  ];

  function writeCorpus(dir: string, articles: number[][]): string {
    const corpus = path.join(dir, 'export.csv');
    const rows = articles.map((sentences, i) => [i % 3 === 2 ? 'Norte' : 'Sur', `Report ${i}`, `2023-02-${String(i + 1).padStart(2, '0')}`, `u${i}`, sentences.map((s) => SENTENCES[s]).join('\n')]);
    writeFileSync(corpus, exportCsv(rows));
    return corpus;
  }

  const writeLexicon = (folder: string, terms: string[]) =>
    writeFileSync(path.join(folder, 'lexicon.csv'), `frame,pole,term\n${terms.map((t, i) => `f,${i % 2 ? 'a' : 'b'},"${t}"`).join('\n')}\n`);

  it('gives the reports of a cold run after any sequence of edits (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.nat(SENTENCES.length - 1), { minLength: 1, maxLength: 5 }), { minLength: 3, maxLength: 8 }),
        fc.array(fc.subarray(TERMS, { minLength: 1 }), { minLength: 2, maxLength: 3 }),
        async (articles, lexiconVersions) => {
          const dir = tempDir();
          const corpus = writeCorpus(dir, articles);
          const lexicons = path.join(dir, 'lexicons');
          const options = testOptions({ corpus, lexicons, stats: FEW_RESAMPLES });
          for (const [version, terms] of lexiconVersions.entries()) {
            rmSync(lexicons, { recursive: true, force: true });
            cpSync(path.join(ROOT, 'lexicons', 'actors.csv'), path.join(lexicons, 'actors.csv'));
            writeLexicon(lexicons, terms);
            const line = await scoreLine({ ...options, out: path.join(dir, `run-${version}`) });
            if (version > 0) expect(line).toContain('scored again');
            expectSameReports(await coldReports(lexicons, corpus), path.join(dir, `run-${version}`));
          }
        },
      ),
      { numRuns: 4 },
    );
  });

  it('scores many articles again on worker threads, with the reports of a cold run', async () => {
    const dir = tempDir();
    const corpus = writeCorpus(dir, Array.from({ length: 240 }, (_, i) => [i % SENTENCES.length, (i * 3 + 1) % SENTENCES.length]));
    const lexicons = path.join(dir, 'lexicons');
    cpSync(path.join(ROOT, 'lexicons', 'actors.csv'), path.join(lexicons, 'actors.csv'));
    writeLexicon(lexicons, ['crowd', 'police']);
    const options = testOptions({ corpus, lexicons, stats: FEW_RESAMPLES, workers: 2 });
    await runPipeline(options, quiet());
    writeLexicon(lexicons, ['crowd', 'police', 'the square', 'minister']);
    const rerun = { ...options, out: path.join(dir, 'rerun') };
    const count = Number(/(\d+) article\(s\) scored again/.exec(await scoreLine(rerun))?.[1]);
    expect(count).toBeGreaterThanOrEqual(200);
    expectSameReports(await coldReports(lexicons, corpus), rerun.out);
  });

  it('moves a suggestion’s example to the next article when an edit covers the phrase in the first', async () => {
    const dir = tempDir();
    // "crowd" eleven times in ten Sur articles, the first an "angry crowd"; Norte (every third article) writes of budgets.
    const norte = [5, 6, 5, 6];
    const corpus = writeCorpus(dir, [[0], [1], norte, [1], [1, 3], norte, [1], [1], norte, [1], [1], norte, [1], [1], norte]);
    const lexicons = path.join(dir, 'lexicons');
    cpSync(path.join(ROOT, 'lexicons', 'actors.csv'), path.join(lexicons, 'actors.csv'));
    writeLexicon(lexicons, ['minister']);
    const options = testOptions({ corpus, lexicons, stats: FEW_RESAMPLES });
    const example = (out: string) => readReport(path.join(out, 'suggestions.csv')).find((r) => r.outlet === 'Sur' && r.phrase === 'crowd');
    await runPipeline(options, quiet());
    expect(example(options.out)).toMatchObject({ hits: '11', example: SENTENCES[0] });
    writeLexicon(lexicons, ['minister', 'angry crowd']);
    const rerun = { ...options, out: path.join(dir, 'rerun') };
    expect(await scoreLine(rerun)).toContain('1 article(s) scored again');
    expect(example(rerun.out)).toMatchObject({ hits: '10', example: SENTENCES[1] });
    expectSameReports(await coldReports(lexicons, corpus), rerun.out);
  });

  it('finds the next example by counting phrases again (replaceGrams)', () => {
    const tokensOf = (text: string) => tokeniser.tokenise(article(text)).tokens;
    const first = article('', { outlet_slug: 'sur', article_id: 'a1' });
    const tokens = tokensOf(SENTENCES[0]!);
    const before = gramsOf(first, tokens, [], 0);
    // Two more "crowd"s, in later articles, and one "square".
    const outlet = new Map<string, GramCount>([...before].map(([gram, g]) => [gram, { ...g, count: g.count + (gram === 'crowd' ? 2 : 0) }]));
    outlet.set('police', { count: 1, example: SENTENCES[2]!, article_id: 'a2', seq: 1 });
    // "angry crowd" becomes a hit.
    const crowd = tokens.value.indexOf('crowd');
    const after = gramsOf(first, tokens, [{ start: crowd - 1, end: crowd + 1 }], 0);
    expect(replaceGrams(outlet, 0, changedGrams(before, after))).toEqual(['crowd']);
    expect(outlet.get('crowd')).toMatchObject({ count: 2, seq: 0 });
    expect([...outlet.keys()].sort()).toEqual(['crowd', 'gather', 'police', 'square']);
    expect(outlet.get('gather')).toMatchObject({ count: 1, example: SENTENCES[0], seq: 0 });
  });
});

describe('the phrases an article scored again changes (changedGramsOf)', () => {
  const tokensOf: Tokens[] = [];
  beforeAll(async () => {
    for await (const item of ingest(path.join(ROOT, 'corpus'))) {
      if ('article' in item && tokensOf.length < 3) tokensOf.push(tokeniser.tokenise(item.article).tokens);
    }
    // One "sentence" of 400 words, where a phrase's example is the part around its first place, not the whole.
    const words = 'crowd police square march protest banner government army soldier street city capital road bridge river market station school church hospital'.split(' ');
    const [long] = fc.sample(fc.array(fc.constantFrom(...words), { minLength: 400, maxLength: 400 }), { seed: 5, numRuns: 1 });
    tokensOf.push(tokeniser.tokenise(article(long!.join(' '))).tokens);
  });
  const spansIn = (length: number) =>
    fc.array(
      fc.tuple(fc.nat({ max: length - 1 }), fc.integer({ min: 1, max: 4 })).map(([start, width]) => ({ start, end: Math.min(length, start + width) })),
      { maxLength: 12 },
    );
  const whole = (tokens: Tokens, before: Pick<Hit, 'start' | 'end'>[], after: Pick<Hit, 'start' | 'end'>[]) =>
    changedGrams(gramsOf(reporting, tokens, before, 7), gramsOf(reporting, tokens, after, 7));
  const reporting = article('', { outlet_slug: 'sur', article_id: 'a7' });

  it('are those of counting every phrase before and after, on bundled articles and any hits (property)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 3 }).chain((n) => fc.tuple(fc.constant(n), spansIn(tokensOf[n]!.value.length), spansIn(tokensOf[n]!.value.length))),
        ([n, before, after]) => {
          const tokens = tokensOf[n]!;
          // Hits kept from before as well, as an edit leaves most of an article's hits where they were.
          const kept = [...before.slice(0, 6), ...after];
          expect(changedGramsOf(reporting, tokens, before, kept, 7)).toEqual(whole(tokens, before, kept));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('are none when the hits cover the same tokens, however split', () => {
    const tokens = tokensOf[0]!;
    const change = changedGramsOf(reporting, tokens, [{ start: 10, end: 14 }], [{ start: 10, end: 12 }, { start: 12, end: 14 }], 7);
    expect([change.before.size, change.after.size]).toEqual([0, 0]);
  });

  it('move a phrase\'s example to its next sentence when a new hit covers its first', () => {
    const sentences = ['An angry crowd gathered at the square.', 'The crowd gathered at the square again.'];
    const tokens = tokeniser.tokenise(article(sentences.join('\n'))).tokens;
    const crowd = tokens.value.indexOf('crowd');
    const change = changedGramsOf(reporting, tokens, [], [{ start: crowd, end: crowd + 1 }], 7);
    expect(change.before.get('crowd')).toMatchObject({ count: 2, example: sentences[0] });
    expect(change.after.get('crowd')).toMatchObject({ count: 1, example: sentences[1] });
    expect(change).toEqual(whole(tokens, [], [{ start: crowd, end: crowd + 1 }]));
  });
});

/** A run over a copy of the bundled corpus, to change the copy before a re-run. */
async function corpusCopyRun(): Promise<{ dir: string; corpus: string; options: Options }> {
  const dir = tempDir();
  const corpus = path.join(dir, 'corpus');
  cpSync(path.join(ROOT, 'corpus'), corpus, { recursive: true });
  const options = testOptions({ corpus, stats: FEW_RESAMPLES });
  await runPipeline(options, quiet());
  return { dir, corpus, options };
}

describe('a re-run that cannot use the memory', () => {
  async function remembered(): Promise<Options> {
    const options = testOptions({ stats: FEW_RESAMPLES });
    cpSync(path.join(ROOT, 'lexicons'), path.join(options.work, 'lexicons'), { recursive: true });
    options.lexicons = path.join(options.work, 'lexicons');
    await runPipeline(options, quiet());
    append(path.join(options.lexicons, 'legitimacy.csv'), 'legitimacy,legitimising,official,1,test,test');
    return options;
  }

  it.each<[string, (o: Options) => void]>([
    ['an actor added', (o) => append(path.join(o.lexicons, 'actors.csv'), 'Pedro Castillo,Castillo administration,')],
    ['a token cache entry gone', (o) => rmSync(path.join(o.work, 'cache', 'tokens'), { recursive: true })],
    ['a damaged memory', (o) => writeFileSync(path.join(o.work, 'cache', 'memory', 'memory.json'), '{"version":')],
    ['a memory file gone', (o) => {
      const folder = path.join(o.work, 'cache', 'memory');
      rmSync(path.join(folder, readdirSync(folder).find((name) => name.startsWith('records-'))!));
    }],
  ])('%s: makes a full run, with the reports of a cold run', async (_, change) => {
    const options = await remembered();
    change(options);
    const rerun = { ...options, out: path.join(options.work, 'rerun') };
    expect(await scoreLine(rerun)).not.toContain('scored again');
    expectSameReports(await coldReports(options.lexicons), rerun.out);
    // And the memory it leaves serves the next re-run.
    expect(await scoreLine({ ...rerun, out: path.join(options.work, 'third') })).toContain('0 article(s) scored again');
  });

  it('a changed corpus: makes a full run, then remembers the new corpus', async () => {
    const { dir, corpus, options } = await corpusCopyRun();
    const file = path.join(corpus, readdirSync(corpus).find((name) => name.endsWith('.txt'))!);
    edit(file, (text) => text.replace('“We will go back,” she said.', 'One more paragraph about the coup regime.\n\n“We will go back,” she said.'));
    const log = quiet();
    await runPipeline({ ...options, out: path.join(dir, 'rerun') }, log);
    expect(log.lines.join('\n')).toMatch(/13 from the token cache, 1 tokenised/);
    expectSameReports(await coldReports(options.lexicons, corpus), path.join(dir, 'rerun'));
  });
});

describe('a re-run from the memory', () => {
  it("serves where only a file that ingest passes over changed in the corpus folder (a Mac's .DS_Store, an open document's lock file): it made a full run", async () => {
    const { dir, corpus, options } = await corpusCopyRun();
    writeFileSync(path.join(corpus, '.DS_Store'), 'Finder');
    writeFileSync(path.join(corpus, '~$notes.docx'), 'Word');
    expect(await summaryLine({ ...options, out: path.join(dir, 'rerun') }, 'ingest')).toMatch(/the corpus is as in the last run, not read again$/);
  });

  // The corpus's own files are in the fingerprint; the saved copies a reference manager's export names lie beside it.
  it('reads the corpus again where a saved copy a row names for its text changed, or came, since the last run (it served the old text)', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'zotero.csv');
    const page = path.join(dir, 'copies', 'page.html');
    const later = path.join(dir, 'copies', 'later.html');
    mkdirSync(path.dirname(page));
    const html = (text: string) => `<html><head><title>Peru</title></head><body><article><h1>Peru</h1><p>${text}</p></article></body></html>`;
    writeFileSync(page, html('The government spoke.'));
    writeFileSync(corpus, Papa.unparse([['publication title', 'title', 'date', 'file attachments'], ['Sur', 'Peru', '2023-02-01', page], ['Norte', 'Lima', '2023-02-02', later]]));
    const options = testOptions({ corpus, columns: { outlet: 'publication title', file: 'file attachments' }, stats: FEW_RESAMPLES });
    const ingestLine = (out: string) => summaryLine({ ...options, out: path.join(dir, out) }, 'ingest');
    expect(await ingestLine('first')).toMatch(/^ingest: read 1 article\(s\) from 1 outlet\(s\); skipped 1/);
    expect(await ingestLine('again')).toMatch(/not read again$/);
    writeFileSync(page, html('The de facto government of Dina Boluarte spoke.'));
    expect(await ingestLine('changed')).not.toMatch(/not read again$/);
    expect(readReport(path.join(dir, 'changed', 'hits.csv')).map((h) => h.term)).toContain('de facto');
    writeFileSync(later, html('The regime of Nicolás Maduro spoke.'));
    expect(await ingestLine('came')).toMatch(/^ingest: read 2 article\(s\) from 2 outlet\(s\);(?!.*not read again)/);
  });

  it('says again what reading the corpus said: skipped rows are not forgotten', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    const rows = [['Sur', 'Report 1', '2023-02-01', 'u1', SENTENCES_FOR_ROWS], ['Sur', 'Empty', '2023-02-02', 'u2', ''], ['Norte', 'Report 3', '2023-02-03', 'u3', SENTENCES_FOR_ROWS]];
    writeFileSync(corpus, exportCsv(rows));
    const options = testOptions({ corpus, stats: FEW_RESAMPLES });
    const first = quiet();
    await runPipeline(options, first);
    const again = quiet();
    await runPipeline({ ...options, out: path.join(dir, 'again') }, again);
    const said = (log: string[]) => log.filter((line) => / C\d+:|^ingest:/.test(line)).map((line) => line.replace(/; the corpus is as in the last run, not read again$/, ''));
    expect(said(first.lines).length).toBeGreaterThan(1);
    expect(said(again.lines)).toEqual(said(first.lines));
    expect(again.lines.join('\n')).toContain('0 article(s) scored again');
  });
});

describe('the memory on disk', () => {
  it('stays within twice its live rows however many re-runs append to it', async () => {
    const options = testOptions({ stats: FEW_RESAMPLES });
    const lexicons = path.join(options.work, 'lexicons');
    cpSync(path.join(ROOT, 'lexicons'), lexicons, { recursive: true });
    options.lexicons = lexicons;
    await runPipeline(options, quiet());
    const folder = path.join(options.work, 'cache', 'memory');
    const rowsSize = () => statSync(path.join(folder, readdirSync(folder).find((name) => name.startsWith('rows-'))!)).size;
    const first = rowsSize();
    // "the" starts a term: every article is scored again, and its rows appended.
    for (let n = 0; n < 5; n++) {
      append(path.join(lexicons, 'legitimacy.csv'), `legitimacy,legitimising,"the term${n}",1,test,test`);
      expect(await scoreLine(options)).toContain('14 article(s) scored again');
      expect(rowsSize()).toBeLessThanOrEqual(2 * first + 1);
    }
    expect(readdirSync(folder).filter((name) => name.startsWith('rows-'))).toHaveLength(1);
  });
});

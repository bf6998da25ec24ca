// The whole pipeline on the bundled corpus, as a user runs it: report
// contents, the audit trail, determinism, and failure that loses nothing.
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../pipeline/01-ingest/index.ts';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readTermTokens } from '../pipeline/02-tokenise/cache.ts';
import { createTokeniser } from '../pipeline/02-tokenise/tokenise.ts';
import { loadLexicons } from '../pipeline/03-score/index.ts';
import { holdingWorkFolder, LOCK_FILE, processStart } from '../pipeline/cli/lock.ts';
import { diskProblem } from '../pipeline/cli/main.ts';
import { readOptions, UsageError, workersWarning } from '../pipeline/cli/options.ts';
import { corpusSize } from '../pipeline/cli/progress.ts';
import { serveWorker, type WorkerReply, type WorkerRequest } from '../pipeline/cli/scoring.ts';
import { runIngest, runPipeline, runReport, runScore, runSettings, runTokenise } from '../pipeline/cli/stages.ts';
import { formatProblem, InputError } from '../pipeline/messages.ts';
import { parseRules } from '../pipeline/01-ingest/rules.ts';
import { article, expectSameReports, exportCsv, quiet, readReport, ROOT, runScript, snapshot, summaryLine, tempDir, testOptions } from './helpers.ts';
import { PLAIN_CSV } from '../pipeline/04-report/csv.ts';

const OUTLETS = ['aletho-news', 'breitbart', 'caracas-chronicles', 'labour-outlook', 'miami-herald'];

const options = testOptions;
const readCsv = readReport;

/** Undoes escapeFormulae's leading quote, to compare a cell with the text it came from. */
const unescapeFormula = (cell: string) => cell.replace(/^'(?=[=+\-@])/, '');

describe('the bundled corpus', () => {
  const opts = options();
  let hits: Record<string, string>[];
  let articles: Record<string, string>[];
  beforeAll(async () => {
    await runPipeline(opts, quiet());
    hits = readCsv(path.join(opts.out, 'hits.csv'));
    articles = readCsv(path.join(opts.out, 'articles.csv'));
  });

  it('says in run.csv how the reports were made: each option that changes them, and the tokeniser\'s versions', () => {
    const settings = new Map(readCsv(path.join(opts.out, 'run.csv')).map((row) => [row['setting'], row['value']]));
    expect([...settings.keys()]).toEqual([
      'corpus', 'lexicons', 'columns', 'rules', 'outlet', 'outlet-names', 'skip-near-duplicates', 'day-first', 'from', 'to', 'about', 'max-article-kb',
      'resamples', 'prior', 'min-words', 'min-articles', 'seed', 'decimal-comma', 'tokeniser', 'wink-nlp/model',
    ]);
    expect([settings.get('corpus'), settings.get('resamples'), settings.get('day-first'), settings.get('from')]).toEqual([opts.corpus, '2000', 'false', '']);
    expect(runSettings({ ...opts, columns: { text: 'content' }, from: '2023-01', dayFirst: true }).filter(([name]) => ['columns', 'from', 'day-first'].includes(name))).toEqual([
      ['columns', 'text=content'], ['day-first', 'true'], ['from', '2023-01'],
    ]);
  });

  it('writes every report, one per outlet', () => {
    expect([...snapshot(opts.out).keys()].sort()).toEqual(
      [
        'articles.csv', 'comparison.csv', 'corpus.csv', 'hits.csv', 'keyness.csv', 'months.csv', 'run.csv', 'share-pairs.csv', 'shares.csv', 'suggestions.csv',
        'targets.csv', 'unmatched.csv', ...OUTLETS.map((o) => `outlets/${o}.csv`),
      ].sort(),
    );
  });

  it('finds "de facto" in Aletho News only, four times', () => {
    const deFacto = hits.filter((h) => h.term === 'de facto');
    expect(deFacto.map((h) => h.outlet)).toEqual(['Aletho News', 'Aletho News', 'Aletho News', 'Aletho News']);
    for (const slug of OUTLETS) {
      const row = readCsv(path.join(opts.out, 'outlets', `${slug}.csv`)).find((r) => r.term === 'de facto')!;
      expect(row.hits, slug).toBe(slug === 'aletho-news' ? '4' : '0');
    }
  });

  it('finds no hit in reader comments or comment forms', () => {
    const caracas = hits.filter((h) => h.outlet === 'Caracas Chronicles');
    // The first reader comment praises "the Bolivarian candidate": not the outlet's words.
    expect(caracas.filter((h) => h.term === 'Bolivarian')).toEqual([]);
    for (const h of hits) expect(h.sentence).not.toMatch(/Dictatoral|Whatsapp|Please enter|reader-supported|Follow Frances/);
  });

  it('traces every hit to its sentence, and its context to the article text', async () => {
    const texts = new Map<string, string>();
    for await (const item of ingest(opts.corpus)) {
      if ('article' in item) texts.set(item.article.article_id, `${item.article.title}\n${item.article.text}`.replace(/\s+/g, ' '));
    }
    const titles = new Map(articles.map((a) => [a.article_id, a.title]));
    for (const h of hits) {
      expect(titles.get(h.article_id)).toBe(h.title);
      expect(h.sentence).toContain(h.match);
      expect(texts.get(h.article_id)).toContain(h.sentence);
      const cells = [h.left, h.match, h.right].map(unescapeFormula);
      expect(texts.get(h.article_id)).toContain(cells.join(''));
    }
  });

  it('finds the labels the issue names, where the outlets print them', () => {
    const find = (outlet: string, term: string) => hits.filter((h) => h.outlet === outlet && h.term === term).map((h) => h.match);
    expect(find('Breitbart', 'dictator')).toEqual(['dictator', 'dictator']);
    expect(find('Miami Herald', 'tyrant')).toEqual(['tyrant']);
    expect(find('Aletho News', 'coup regime')).toEqual(['coup regime', 'Coup Regime']);
    expect(find('Aletho News', 'self-styled president')).toEqual(['self-styled ‘President']);
    expect(find('Labour Outlook', 'massacre')).toEqual(['massacres']);
    expect(find('Aletho News', 'crackdown')).toContain('Crackdown');
  });

  it('counts words, sentences and hits per article consistently with hits.csv', () => {
    expect(articles).toHaveLength(14);
    for (const a of articles) {
      expect(Number(a.hits), a.article_id).toBe(hits.filter((h) => h.article_id === a.article_id).length);
      expect(Number(a.words)).toBeGreaterThan(100);
      expect(Number(a.sentences)).toBeGreaterThan(3);
    }
  });

  it('gives rates, pole shares and frame scores that a hand count of hits.csv reproduces', () => {
    const words = (outlet: string) => articles.filter((a) => a.outlet === outlet).reduce((n, a) => n + Number(a.words), 0);
    const comparison = readCsv(path.join(opts.out, 'comparison.csv'));
    for (const slug of OUTLETS) {
      const rows = readCsv(path.join(opts.out, 'outlets', `${slug}.csv`));
      const outlet = rows[0]!.outlet!;
      const mine = hits.filter((h) => h.outlet === outlet && h.lexicon === 'legitimacy.csv');
      const frame = rows.find((r) => r.lexicon === 'legitimacy.csv' && r.level === 'frame')!;
      expect(Number(frame.hits)).toBe(mine.length);
      expect(Number(frame.per_1k_words)).toBeCloseTo((mine.length * 1000) / words(outlet), 4);
      const meanWeight = mine.reduce((n, h) => n + Number(h.weight), 0) / mine.length;
      expect(Number(frame.score)).toBeCloseTo(meanWeight, 4);
      const del = rows.find((r) => r.lexicon === 'legitimacy.csv' && r.level === 'pole' && r.pole === 'delegitimising')!;
      expect(Number(del.pole_share)).toBeCloseTo(mine.filter((h) => h.pole === 'delegitimising').length / mine.length, 4);
      const sideBySide = comparison.find((r) => r.lexicon === 'legitimacy.csv' && r.level === 'pole' && r.pole === 'delegitimising')!;
      expect(sideBySide[`pole_share:${slug}`]).toBe(del.pole_share);
      expect(sideBySide[`hits:${slug}`]).toBe(del.hits);
    }
  });

  it('counts each outlet\'s frames and poles month by month in months.csv, as a hand count of hits.csv by the month of each article\'s date gives, its months adding up to the outlet\'s totals', () => {
    const months = readCsv(path.join(opts.out, 'months.csv'));
    const monthOf = (date: string) => (/^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : '');
    const aletho = [...new Set(months.filter((r) => r.outlet === 'Aletho News').map((r) => r.month))];
    expect(aletho).toEqual([...new Set(articles.filter((a) => a.outlet === 'Aletho News').map((a) => monthOf(a.date!)))].sort());
    expect(aletho.length).toBeGreaterThan(3);
    for (const slug of OUTLETS) {
      const outletRows = readCsv(path.join(opts.out, 'outlets', `${slug}.csv`));
      const outlet = outletRows[0]!.outlet!;
      const mine = months.filter((r) => r.outlet === outlet && r.lexicon === 'legitimacy.csv' && r.level === 'pole' && r.pole === 'delegitimising');
      for (const row of mine) {
        const counted = hits.filter((h) => h.outlet === outlet && monthOf(h.date!) === row.month && h.lexicon === 'legitimacy.csv' && h.pole === 'delegitimising');
        expect(Number(row.hits), `${outlet} ${row.month}`).toBe(counted.length);
        const inMonth = articles.filter((a) => a.outlet === outlet && monthOf(a.date!) === row.month);
        expect(Number(row.articles_in_month)).toBe(inMonth.length);
        expect(Number(row.words_in_month)).toBe(inMonth.reduce((n, a) => n + Number(a.words), 0));
        expect(Number(row.per_1k_words)).toBeCloseTo((counted.length * 1000) / Number(row.words_in_month), 4);
      }
      const total = outletRows.find((r) => r.lexicon === 'legitimacy.csv' && r.level === 'pole' && r.pole === 'delegitimising')!;
      expect(mine.reduce((n, r) => n + Number(r.hits), 0)).toBe(Number(total.hits));
      expect(mine.reduce((n, r) => n + Number(r.articles_in_month), 0)).toBe(articles.filter((a) => a.outlet === outlet).length);
    }
  });

  it('describes each outlet\'s part of the corpus in corpus.csv as articles.csv adds up: articles, words, sentences, hits, the days they span, those undated, near duplicates', () => {
    const corpus = readCsv(path.join(opts.out, 'corpus.csv'));
    expect(corpus.map((r) => r.outlet)).toEqual(['Aletho News', 'Breitbart', 'Caracas Chronicles', 'Labour Outlook', 'Miami Herald']);
    for (const row of corpus) {
      const mine = articles.filter((a) => a.outlet === row.outlet);
      const sum = (column: string) => mine.reduce((n, a) => n + Number(a[column]), 0);
      const dated = mine.map((a) => a.date!).filter((d) => d !== '').sort();
      expect([row.articles, row.words, row.sentences, row.hits].map(Number), row.outlet).toEqual([mine.length, sum('words'), sum('sentences'), sum('hits')]);
      expect([row.first_date, row.last_date, row.undated, row.near_duplicates]).toEqual([dated[0] ?? '', dated.at(-1) ?? '', String(mine.length - dated.length), String(mine.filter((a) => a.near_duplicate_of !== '').length)]);
      expect(Number(row.per_1k_words)).toBeCloseTo((sum('hits') * 1000) / sum('words'), 4);
    }
    expect(corpus[0]).toMatchObject({ articles: '10', first_date: '2020-09-28', last_date: '2023-05-27', small_sample: 'false' });
  });

  it('lists every entry found in the corpus for every outlet, zeros included, in the same order; the rest in unmatched.csv', () => {
    const keys = (slug: string) =>
      readCsv(path.join(opts.out, 'outlets', `${slug}.csv`)).map((r) => [r.lexicon, r.frame, r.pole, r.term, r.level].join('|'));
    const first = keys(OUTLETS[0]!);
    const unmatched = readCsv(path.join(opts.out, 'unmatched.csv'));
    expect(first.filter((k) => k.endsWith('|term'))).toHaveLength(90 - unmatched.length);
    for (const slug of OUTLETS) expect(keys(slug)).toEqual(first);
    // Each unmatched entry is in no report row and no hit; each listed one has a hit somewhere.
    const termsHit = new Set(hits.map((h) => `${h.lexicon}|${h.term}`));
    for (const entry of unmatched) {
      expect(termsHit.has(`${entry.lexicon}|${entry.term}`), entry.term).toBe(false);
      expect(first).not.toContain([entry.lexicon, entry.frame, entry.pole, entry.term, 'term'].join('|'));
    }
    for (const key of first.filter((k) => k.endsWith('|term'))) {
      const [lexicon, , , term] = key.split('|');
      expect(termsHit.has(`${lexicon}|${term}`), key).toBe(true);
    }
    expect(unmatched.map((e) => e.term)).toContain('junta');
  });

  it('splits hits into authorial and quoted, and counts labels per actor, consistently with hits.csv', () => {
    for (const slug of OUTLETS) {
      const rows = readCsv(path.join(opts.out, 'outlets', `${slug}.csv`));
      const outlet = rows[0]!.outlet!;
      for (const row of rows.filter((r) => r.level === 'term' && r.hits !== '0')) {
        const mine = hits.filter((h) => h.outlet === outlet && h.lexicon === row.lexicon && h.line === row.line);
        expect(Number(row.authorial) + Number(row.quoted)).toBe(Number(row.hits));
        expect(Number(row.quoted)).toBe(mine.filter((h) => h.voice === 'quoted').length);
      }
    }
    const targets = readCsv(path.join(opts.out, 'targets.csv'));
    for (const row of targets) {
      const mine = hits.filter((h) => h.outlet === row.outlet && h.target === row.actor && h.lexicon === row.lexicon && h.pole === row.pole);
      expect(Number(row.hits), `${row.actor} ${row.outlet} ${row.pole}`).toBe(mine.length);
      expect(Number(row.authorial)).toBe(mine.filter((h) => h.voice === 'authorial').length);
    }
    const boluarte = targets.filter((r) => r.actor === 'Dina Boluarte' && r.pole === 'delegitimising' && r.outlet === 'Aletho News');
    expect(Number(boluarte[0]!.authorial)).toBeGreaterThanOrEqual(8);
    const maduro = targets.find((r) => r.actor === 'Nicolás Maduro' && r.pole === 'delegitimising' && r.outlet === 'Breitbart')!;
    expect([maduro.authorial, maduro.quoted]).toEqual(['1', '0']);
  });

  it('matches the reports committed under reports/ (regenerate with npm run pipeline)', () => {
    const committed = snapshot(path.join(ROOT, 'reports'));
    const fresh = snapshot(opts.out);
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [name, bytes] of fresh) expect(committed.get(name)!.equals(bytes), `reports/${name} is stale`).toBe(true);
  });
});

describe('determinism and caching', () => {
  it('gives byte-identical reports on a re-run: from the run memory, from the token cache alone, or cold', async () => {
    const first = options();
    await runPipeline(first, quiet());
    const fromMemory = { ...first, out: path.join(first.work, 'again') };
    const memoryLog = quiet();
    await runPipeline(fromMemory, memoryLog);
    expect(memoryLog.lines.join('\n')).toContain('0 article(s) scored again, 14 unchanged');
    rmSync(path.join(first.work, 'cache', 'memory'), { recursive: true });
    const fromCache = { ...first, out: path.join(first.work, 'cached') };
    const cacheLog = quiet();
    await runPipeline(fromCache, cacheLog);
    expect(cacheLog.lines.join('\n')).toContain('14 from the token cache, 0 tokenised');
    const cold = options({ cache: false });
    await runPipeline(cold, quiet());
    for (const again of [fromMemory, fromCache, cold]) expectSameReports(first.out, again.out);
  });

  it('rewrites only the reports whose content changes, says which, and leaves the others untouched', async () => {
    const opts = options();
    const reportLine = (o: typeof opts) => summaryLine(o, 'report');
    const inodes = () => new Map([...snapshot(opts.out).keys()].map((f) => [f, statSync(path.join(opts.out, f)).ino]));
    expect(await reportLine(opts)).toMatch(/^report: wrote 17 file\(s\) to .*: articles\.csv, comparison\.csv, corpus\.csv, hits\.csv, /);
    const first = inodes();
    expect(await reportLine(opts)).toBe(`report: 17 file(s) in ${opts.out}/, all unchanged, left as they were`);
    expect(inodes()).toEqual(first);
    // An entry no article uses changes the list of entries without hits, and nothing else (but run.csv, which names the lexicons folder).
    const lexicons = path.join(opts.work, 'lexicons');
    cpSync(path.join(ROOT, 'lexicons'), lexicons, { recursive: true });
    writeFileSync(path.join(lexicons, 'legitimacy.csv'), `${readFileSync(path.join(lexicons, 'legitimacy.csv'), 'utf8')}legitimacy,delegitimising,zqxj regime,-1,,\n`);
    const edited = { ...opts, lexicons };
    expect(await reportLine(edited)).toBe(`report: wrote 2 of 17 file(s) to ${opts.out}/: run.csv, unmatched.csv; 15 unchanged, left as they were`);
    const afterEdit = inodes();
    expect([...afterEdit].filter(([f, ino]) => first.get(f) !== ino).map(([f]) => f).sort()).toEqual(['run.csv', 'unmatched.csv']);
    // A report deleted or cut short by hand is written again.
    rmSync(path.join(opts.out, 'hits.csv'));
    writeFileSync(path.join(opts.out, 'comparison.csv'), readFileSync(path.join(opts.out, 'comparison.csv')).subarray(0, 100));
    expect(await reportLine(edited)).toBe(`report: wrote 2 of 17 file(s) to ${opts.out}/: comparison.csv, hits.csv; 15 unchanged, left as they were`);
    const cold = options({ cache: false, lexicons });
    await runPipeline(cold, quiet());
    expectSameReports(cold.out, opts.out);
  });

  it('takes an entry that counts nothing ("-") added to a lexicon from the run memory as a cold run does: "vice president" no longer a legitimising "president", and "-" in no report', async () => {
    const opts = options();
    await runPipeline(opts, quiet());
    const presidents = (out: string) => readReport(path.join(out, 'hits.csv')).filter((h) => h.term === 'president').length;
    const before = presidents(opts.out);
    const lexicons = path.join(opts.work, 'lexicons');
    cpSync(path.join(ROOT, 'lexicons'), lexicons, { recursive: true });
    writeFileSync(path.join(lexicons, 'legitimacy.csv'), `${readFileSync(path.join(lexicons, 'legitimacy.csv'), 'utf8')}legitimacy,-,vice president,,another office,\n`);
    const edited = { ...opts, lexicons };
    expect(await summaryLine(edited, 'score')).toMatch(/: 252 hit\(s\); 3 article\(s\) scored again/);
    // "Vice President Mike Pence" (Breitbart), and Aletho News's "former vice president" and two "vice-president"s.
    expect(presidents(opts.out)).toBe(before - 4);
    for (const name of readdirSync(opts.out, { recursive: true }).map(String).filter((f) => f.endsWith('.csv'))) {
      expect(readFileSync(path.join(opts.out, name), 'utf8'), name).not.toMatch(/(^|,)-,vice president|legitimacy,-,/m);
    }
    const cold = options({ cache: false, lexicons });
    await runPipeline(cold, quiet());
    expectSameReports(cold.out, opts.out);
  });

  it('suggests no phrase of an entry that counts nothing ("-"), as it suggests none a hit covers, cold and from the run memory alike (its words were suggested for the lexicon they were taken out of)', async () => {
    const corpus = path.join(tempDir(), 'export.csv');
    const story = (outlet: string, n: number) => [outlet, `Visit ${n}`, '2024-01-01', `https://x.org/${outlet}/${n}`, outlet === 'Norte'
      ? `Vice President Mike Pence met the president of Peru, visit ${n}. The vice president spoke of the crisis.`
      : `The president of Peru met protesters, visit ${n}. The crisis deepened.`];
    writeFileSync(corpus, exportCsv(Array.from({ length: 20 }, (_, n) => [story('Norte', n), story('Sur', n)]).flat()));
    const opts = options({ corpus });
    // Phrases are of lemmas, and wink-nlp's lemma of "vice" is "vise".
    const vice = () => readReport(path.join(opts.out, 'suggestions.csv')).filter((r) => r.outlet === 'Norte' && r.phrase.split(' ').includes('vise'));
    await runPipeline(opts, quiet());
    expect(vice().map((r) => r.phrase)).toEqual(['vise']);
    const lexicons = path.join(opts.work, 'lexicons');
    cpSync(path.join(ROOT, 'lexicons'), lexicons, { recursive: true });
    writeFileSync(path.join(lexicons, 'legitimacy.csv'), `${readFileSync(path.join(lexicons, 'legitimacy.csv'), 'utf8')}legitimacy,-,vice president,,another office,\n`);
    const edited = { ...opts, lexicons };
    expect(await summaryLine(edited, 'score')).toMatch(/article\(s\) scored again/);
    expect(vice()).toEqual([]);
    const cold = options({ corpus, cache: false, lexicons });
    await runPipeline(cold, quiet());
    expectSameReports(cold.out, opts.out);
  });

  it('removes the report of an outlet no longer in the corpus, and says so', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    const row = (outlet: string, n: number) => [outlet, `Title ${n}`, '2024-01-01', `https://x.org/${n}`, `The dictator spoke, ${n} times.`];
    writeFileSync(corpus, exportCsv([row('Outlet A', 1), row('Outlet B', 2)]));
    const opts = options({ corpus });
    const reportLine = () => summaryLine(opts, 'report');
    expect(await reportLine()).not.toContain('removed');
    expect(readdirSync(path.join(opts.out, 'outlets')).sort()).toEqual(['outlet-a.csv', 'outlet-b.csv']);
    writeFileSync(corpus, exportCsv([row('Outlet A', 1)]));
    expect(await reportLine()).toMatch(/; removed outlets\/outlet-b\.csv \(outlets no longer in the corpus\)$/);
    expect(readdirSync(path.join(opts.out, 'outlets'))).toEqual(['outlet-a.csv']);
    const fresh = options({ corpus, cache: false });
    await runPipeline(fresh, quiet());
    expectSameReports(fresh.out, opts.out);
  });

  it('puts the articles known to no month (undated, or dated to the year only) last in months.csv, after the months in order', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    const dates = ['2024-01-05', '', '2023-12-31', '2023', '2024-01-20'];
    writeFileSync(corpus, exportCsv(dates.map((date, n) => ['Sur', `Title ${n}`, date, `https://x.org/${n}`, `The dictator spoke, ${n} times.`])));
    const opts = options({ corpus });
    await runPipeline(opts, quiet());
    const frames = readCsv(path.join(opts.out, 'months.csv')).filter((r) => r.lexicon === 'legitimacy.csv' && r.level === 'frame');
    expect(frames.map((r) => [r.month, r.articles_in_month, r.hits])).toEqual([['2023-12', '1', '1'], ['2024-01', '2', '2'], ['', '2', '2']]);
  });

  it('counts outlet reports past a dozen in the summary instead of naming each (an archive has hundreds of sources)', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    const rows = (outlets: number) => Array.from({ length: outlets }, (_, n) => [`Outlet ${n}`, `Title ${n}`, '2024-01-01', `https://x.org/${n}`, `The dictator spoke, ${n} times.`]);
    writeFileSync(corpus, exportCsv(rows(14)));
    const opts = options({ corpus });
    expect(await summaryLine(opts, 'report')).toBe(
      `report: wrote 26 file(s) to ${opts.out}/: articles.csv, comparison.csv, corpus.csv, hits.csv, keyness.csv, months.csv, run.csv, share-pairs.csv, shares.csv, suggestions.csv, targets.csv, unmatched.csv, 14 outlet reports in outlets/`,
    );
    writeFileSync(corpus, exportCsv(rows(1)));
    expect(await summaryLine(opts, 'report')).toMatch(/; removed 13 outlet reports in outlets\/ \(outlets no longer in the corpus\)$/);
  });

  it('loads wink-nlp\'s model only when a text or a term is to be tokenised, not on a re-run from the run memory', async () => {
    // Loading wink-nlp and its model took a sixth of such a re-run.
    const work = tempDir();
    const args = ['--out', path.join(work, 'r'), '--work', work, '--workers', '1'];
    const probe = path.join(ROOT, 'test', 'fixtures', 'report-model-loaded.cjs');
    const loadsModel = async () => {
      const { code, stderr } = await runScript('pipeline', args, { ...process.env, NODE_OPTIONS: `--require "${probe}"` });
      expect(code).toBe(0);
      return /^wink model loaded: (true|false)$/m.exec(stderr)![1] === 'true';
    };
    expect(await loadsModel()).toBe(true);
    expect(await loadsModel()).toBe(false);
  });

  it('gives the same reports stage by stage as in one run', async () => {
    const whole = options();
    await runPipeline(whole, quiet());
    const staged = options();
    for (const stage of [runIngest, runTokenise, runScore, runReport]) await stage(staged, quiet());
    expectSameReports(whole.out, staged.out);
  });

  it('keeps the lexicons\' terms\' tokens in the token cache, so that compiling them again needs no model', async () => {
    const opts = options();
    await runPipeline(opts, quiet());
    const set = loadLexicons(opts.lexicons);
    const terms = new Set([...set.lexicons.flatMap((l) => l.entries.map((e) => e.term)), ...set.actors.map((a) => a.term)]);
    const kept = readTermTokens(path.join(opts.work, 'cache', 'tokens'));
    expect(new Set(kept.map(([term]) => term))).toEqual(terms);
    for (const [term, tokens] of kept) expect(tokens, term).toEqual(createTokeniser().tokeniseTerm(term));
    const uncached = options({ cache: false });
    await runPipeline(uncached, quiet());
    expect(existsSync(path.join(uncached.work, 'cache'))).toBe(false);
  });

  it('says how many cache entries a run did not use, and drops them on --prune-cache, keeping what it needs', async () => {
    // Only when asked: a cache a run prunes by itself loses the entries of the corpus run before it.
    expect([readOptions([], 'usage')!.pruneCache, readOptions(['--prune-cache'], 'usage')!.pruneCache]).toEqual([false, true]);
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    const rows = [1, 2, 3].map((n) => ['Outlet A', `Title ${n}`, '2024-01-01', `https://x.org/${n}`, `The dictator spoke, ${n} times.`]);
    writeFileSync(corpus, exportCsv(rows));
    const opts = options({ corpus });
    await runPipeline(opts, quiet());
    rows[1]![4] = 'The president spoke, twice.';
    writeFileSync(corpus, exportCsv(rows));
    const tokenLine = (o: typeof opts) => summaryLine(o, 'tokenise');
    expect(await tokenLine(opts)).toMatch(/2 from the token cache, 1 tokenised; token cache: 4 entries, [\d.]+ MB, 1 of them not used by this run \(--prune-cache drops them\)$/);
    expect(await tokenLine({ ...opts, pruneCache: true })).toMatch(/3 from the token cache, 0 tokenised; token cache: 3 entries, [\d.]+ MB \(dropped 1 entries this run did not use; [\d.]+ MB freed\)$/);
    const packs = readdirSync(path.join(opts.work, 'cache', 'tokens'));
    expect(await tokenLine({ ...opts, pruneCache: true })).toMatch(/token cache: 3 entries, [\d.]+ MB \(this run used every entry\)$/);
    expect(readdirSync(path.join(opts.work, 'cache', 'tokens'))).toEqual(packs);
    expect(await tokenLine({ ...opts, cache: false })).toContain('token cache not used');
    rmSync(path.join(opts.work, 'cache', 'memory'), { recursive: true });
    const cold = options({ corpus, cache: false });
    await runPipeline(cold, quiet());
    expect(await tokenLine(opts)).toMatch(/3 from the token cache, 0 tokenised; token cache: 3 entries, [\d.]+ MB$/);
    expectSameReports(cold.out, opts.out);
  });

  it('leaves no stage output from an earlier run for a stage to mistake for this one', async () => {
    const opts = options();
    for (const stage of [runIngest, runScore]) await stage(opts, quiet());
    expect(existsSync(path.join(opts.work, 'scored.jsonl'))).toBe(true);
    await runPipeline(opts, quiet());
    for (const [stage, file, before] of [[runScore, 'articles.jsonl', 'ingest'], [runReport, 'lexicons.json', 'score']] as const) {
      const error = await stage(opts, quiet()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).problems[0]!.code).toBe('C001');
      const message = formatProblem((error as InputError).problems[0]!);
      expect(message).toContain(path.join(opts.work, file));
      expect(message).toContain(`missing; run npm run ${before} first`);
    }
  });
});

describe('a malformed lexicon', () => {
  it('stops the run before any report is touched, naming file:line', async () => {
    const opts = options();
    await runPipeline(opts, quiet());
    const before = snapshot(opts.out);
    const mtimes = [...before.keys()].map((f) => statSync(path.join(opts.out, f)).mtimeMs);
    const lexicons = path.join(opts.work, 'lexicons');
    cpSync(path.join(ROOT, 'lexicons'), lexicons, { recursive: true });
    writeFileSync(path.join(lexicons, 'broken.csv'), 'frame,pole,term\nlegitimacy,a,"coup regime\n');
    const error = await runPipeline({ ...opts, lexicons }, quiet()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => [p.code, p.place])).toEqual([['L001', `${lexicons}/broken.csv:2:14`]]);
    const after = snapshot(opts.out);
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), name).toBe(true);
    expect([...before.keys()].map((f) => statSync(path.join(opts.out, f)).mtimeMs)).toEqual(mtimes);
  });
});

describe('a corpus with nothing to read', () => {
  it('stops with C015 after saying why each item was skipped', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\nempty.txt,Empty Outlet,\n');
    writeFileSync(path.join(dir, 'empty.txt'), '');
    const log = quiet();
    const error = await runPipeline(options({ corpus: dir }), log).catch((e: unknown) => e);
    expect((error as InputError).problems.map((p) => p.code)).toEqual(['C015']);
    expect((error as InputError).problems[0]!.message).toMatch(/see the messages above$/);
    expect(log.lines.join('\n')).toContain('warning C004');
  });

  it('says an export with a header and no rows holds no article (C079), rather than point at messages there are none of', async () => {
    const csv = path.join(tempDir(), 'header-only.csv');
    writeFileSync(csv, 'outlet,title,date,url,text\n');
    const log = quiet();
    const error = await runPipeline(options({ corpus: csv }), log).catch((e: unknown) => e);
    expect((error as InputError).problems.map((p) => [p.code, p.message])).toEqual([['C015', expect.stringMatching(/see the messages above$/)]]);
    expect(log.lines.join('\n')).toContain(`${csv}: warning C079: an export that holds no article (a header and no rows`);
  });
});

describe('a CSV export of its own', () => {
  it('runs end to end, neutralises formulae and keeps numbers plain', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    writeFileSync(
      corpus,
      'outlet,title,date,url,text\n' +
        '"Diario Uno","=HYPERLINK(""http://evil"")",2023-01-10,u1,"-The coup regime fell.\n\nThe regime’s president spoke."\n' +
        '"Diario Dos",@Plain title,2023-01-11,u2,"The president and the government met."\n',
    );
    const lexicons = path.join(dir, 'lex');
    mkdirSync(lexicons);
    copyFileSync(path.join(ROOT, 'lexicons', 'legitimacy.csv'), path.join(lexicons, 'legitimacy.csv'));
    const opts = options({ corpus, lexicons });
    await runPipeline(opts, quiet());
    const raw = readFileSync(path.join(opts.out, 'hits.csv'), 'utf8');
    expect(raw).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(raw).toContain(`'@Plain title`);
    expect(raw).toContain(`,-2,coup regime,`);
    expect(raw).toContain(`'-The coup regime fell.`);
    expect(readdirSync(path.join(opts.out, 'outlets')).sort()).toEqual(['diario-dos.csv', 'diario-uno.csv']);
    const uno = readCsv(path.join(opts.out, 'outlets', 'diario-uno.csv'));
    expect(uno.find((r) => r.level === 'frame')).toMatchObject({ hits: '3', score: '-0.6667' });
  });
});

describe('the command line', () => {
  it('prints help and exits 0', async () => {
    const { code, stdout } = await runScript('pipeline', ['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--lexicons PATH');
  });

  it('exits 2 on a statistics option that is not a number, naming it', async () => {
    const { code, stderr } = await runScript('report', ['--resamples', 'many']);
    expect(code).toBe(2);
    expect(stderr).toContain('--resamples must be a whole number, 0 or more, not "many"');
  });

  it.each([
    [1, 2, null],
    [2, 2, null],
    [3, 2, '--workers 3 is more than the 2 core(s) here'],
    [64, 8, '--workers 64 is more than the 8 core(s) here'],
  ])('warns of --workers %i on %i cores only when there are more workers than cores', (workers, cores, warning) => {
    const said = workersWarning(workers, cores);
    if (warning === null) expect(said).toBeNull();
    else {
      expect(said!.startsWith(`warning: ${warning}: `)).toBe(true);
      expect(said!.endsWith(`; --workers ${cores} is the fastest`)).toBe(true);
    }
  });

  it('says so, and gives the same reports, when a run is given more workers than cores', async () => {
    const log = quiet();
    const over = options({ workers: availableParallelism() + 1 });
    await runPipeline(over, log);
    expect(log.lines[0]).toMatch(/^warning: --workers \d+ is more than the \d+ core\(s\) here/);
    const one = options();
    await runPipeline(one, quiet());
    expectSameReports(one.out, over.out);
  });

  it.each([
    ['text', 'field=column pairs separated by commas'],
    ['texts=content', '"texts" is not a field of an export; the fields are outlet,title,date,url,text,id,author,source'],
    ['text=content,Text=body', 'names the column of "text" twice'],
    ['text=a=b', 'not "text=a=b"'],
  ])('refuses --columns %s, saying why', (value, why) => {
    expect(() => readOptions(['--columns', value], 'usage')).toThrow(UsageError);
    expect(() => readOptions(['--columns', value], 'usage')).toThrow(why);
  });

  it('measures a corpus folder for the progress bar with the files in its subfolders (the bar stood at its end while they were read)', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, '2023'));
    writeFileSync(path.join(dir, 'a.csv'), 'x'.repeat(100));
    writeFileSync(path.join(dir, '2023', 'b.csv'), 'x'.repeat(1000));
    expect(await corpusSize(dir)).toBe(1100);
    expect(await corpusSize(path.join(dir, 'a.csv'))).toBe(100);
    expect(await corpusSize(path.join(dir, 'none'))).toBe(0);
  });

  it.each([
    [['--corpus', 'a.csv', '--corpus=b.csv'], '--corpus is given 2 times ("a.csv", "b.csv"): give it once (a folder of exports reads several files)'],
    [['--columns', 'text=body', '--columns', 'date=d'], '--columns is given 2 times ("text=body", "date=d"): give it once, its pairs joined by commas'],
    [['--out', 'r1', '--workers', '1', '--out', 'r2'], '--out is given 2 times ("r1", "r2"): give it once'],
  ])('refuses an option given twice, %j (the last was read, the first dropped without a word)', (argv, why) => {
    expect(() => readOptions(argv, 'usage')).toThrow(UsageError);
    expect(() => readOptions(argv, 'usage')).toThrow(why);
    expect(readOptions(['--quiet', '--quiet'], 'usage')!.quiet).toBe(true);
  });

  it("reads a path given from a folder below the project's from there, as npm runs every script in the project's folder (`cd exports && npm run pipeline -- --corpus archive.csv` looked for archive.csv beside package.json)", () => {
    const below = path.join(process.cwd(), 'exports');
    const argv = ['--corpus', 'archive.csv', '--lexicons', '/data/lexicons', '--rules', '../corpus/rules/aletho-news.yaml', '--work', 'w', '--outlet-names', 'names.csv'];
    expect(readOptions(argv, 'usage', { INIT_CWD: below })).toMatchObject({
      corpus: path.join('exports', 'archive.csv'),
      lexicons: '/data/lexicons',
      rules: path.join('corpus', 'rules', 'aletho-news.yaml'),
      work: path.join('exports', 'w'),
      outletNames: path.join('exports', 'names.csv'),
      out: 'reports',
    });
    // From the project's folder, and outside npm, as given.
    for (const env of [{ INIT_CWD: process.cwd() }, {}]) expect(readOptions(['--corpus', './archive.csv'], 'usage', env)!.corpus).toBe('archive.csv');
  });

  it.each([
    [['--out', 'corpus'], '--out corpus is the corpus folder corpus: the next run would read the reports as the corpus; give --out a folder outside it'],
    [['--out', 'corpus/reports'], `--out ${path.join('corpus', 'reports')} is inside the corpus folder corpus: the next run would read the reports as the corpus; give --out a folder outside it`],
    [['--work', 'lexicons/.work'], `--work ${path.join('lexicons', '.work')} is inside the lexicons folder lexicons: the next run would read its work files (the token cache, the run memory) as lexicons; give --work a folder outside it`],
  ])('refuses to write reports or work files into a folder it reads (%j: the next run read the reports as exports, C006 for each, and the run memory never served)', (argv, why) => {
    // Outside npm: the paths as given, from the project's folder, wherever npm test was run from.
    expect(() => readOptions(argv, 'usage', {})).toThrow(UsageError);
    expect(() => readOptions(argv, 'usage', {})).toThrow(why);
  });

  it('writes reports beside an export file, and into a folder that holds the corpus folder', () => {
    expect(readOptions(['--corpus', 'corpus/manifest.csv', '--out', 'corpus'], 'usage', {})!.out).toBe('corpus');
    expect(readOptions(['--out', '.'], 'usage', {})!.out).toBe('.');
  });

  it.each([
    [{ npm_config_corpus: 'my.csv' }, 'npm took --corpus for its own options, since they came before "--", and this run would not see them: put "--" between the script and its options: npm run pipeline -- --corpus my.csv'],
    [{ npm_lifecycle_event: 'score', npm_config_day_first: 'true', npm_config_from: 'true' }, 'npm took --day-first, --from for its own options, since they came before "--", and this run would not see them: put "--" between the script and its options: npm run score -- --day-first --from VALUE'],
  ])('refuses a run whose options npm took for its own, given before "--" (%j: it read the default corpus as if asked to)', (env, why) => {
    expect(() => readOptions([], 'usage', { ...env, npm_config_cache: '/root/.npm', npm_config_quiet: 'true' })).toThrow(UsageError);
    expect(() => readOptions([], 'usage', env)).toThrow(why);
    expect(readOptions(['--quiet'], 'usage', { npm_config_cache: '/root/.npm', npm_config_loglevel: 'warn' })!.quiet).toBe(true);
  });

  it.each([
    [['--from', '2023-13-01'], '--from must be a date written YYYY-MM-DD (or YYYY-MM, YYYY), not "2023-13-01"'],
    [['--to', '11/01/2023'], '--to must be a date written YYYY-MM-DD'],
    [['--from', '2023-02', '--to', '2023-01-31'], '--from 2023-02 is after --to 2023-01-31; give the earlier day first'],
  ])('refuses --from and --to that are no days, or out of order: %j', (argv, why) => {
    expect(() => readOptions(argv, 'usage')).toThrow(UsageError);
    expect(() => readOptions(argv, 'usage')).toThrow(why);
  });

  it('refuses an empty --outlet', () => {
    expect(() => readOptions(['--outlet', ' '], 'usage')).toThrow('--outlet needs the name of the outlet');
    expect(readOptions(['--outlet', ' The Guardian '], 'usage')!.outlet).toBe('The Guardian');
  });

  it('reads --from and --to, which the run memory tells apart from other days', async () => {
    expect(readOptions(['--from', '2023-01', '--to', '2023-01-31'], 'usage')).toMatchObject({ from: '2023-01', to: '2023-01-31' });
    const corpus = path.join(tempDir(), 'export.csv');
    writeFileSync(corpus, 'outlet,title,date,url,text\nA,T1,2023-01-11,u1,The dictator spoke.\nA,T2,2023-02-11,u2,The regime fell.\n');
    const opts = testOptions({ corpus, from: '2023-01-01', to: '2023-01-31' });
    await runPipeline(opts, quiet());
    expect(readReport(path.join(opts.out, 'articles.csv')).map((a) => a.title)).toEqual(['T1']);
    const february = { ...opts, from: '2023-02-01', to: '2023-02-28' };
    expect(await summaryLine(february, 'ingest')).not.toContain('not read again');
    expect(readReport(path.join(opts.out, 'articles.csv')).map((a) => a.title)).toEqual(['T2']);
  });

  it('reads --day-first, which the run memory tells apart from its absence', async () => {
    expect([readOptions([], 'usage')!.dayFirst, readOptions(['--day-first'], 'usage')!.dayFirst]).toEqual([false, true]);
    const corpus = path.join(tempDir(), 'export.csv');
    writeFileSync(corpus, 'outlet,title,date,url,text\nA,T,11/01/2023,u,The dictator spoke.\n');
    const opts = testOptions({ corpus });
    await runPipeline(opts, quiet());
    expect(readReport(path.join(opts.out, 'articles.csv')).map((a) => a.date)).toEqual(['2023-11-01']);
    const dayFirst = { ...opts, dayFirst: true };
    expect(await summaryLine(dayFirst, 'ingest')).not.toContain('not read again');
    expect(readReport(path.join(opts.out, 'articles.csv')).map((a) => a.date)).toEqual(['2023-01-11']);
  });

  it('reads --columns into lower-case names, which the run memory tells apart', async () => {
    expect(readOptions(['--columns', 'Text = Content ,date=publishedAt'], 'usage')!.columns).toEqual({ text: 'content', date: 'publishedat' });
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    writeFileSync(corpus, 'outlet,title,date,url,body,lede\nA,T,2024-01-01,u,The dictator spoke.,The president spoke.\n');
    const opts = testOptions({ corpus, columns: { text: 'body' } });
    expect(await summaryLine(opts, 'score')).toMatch(/: 1 hit\(s\)$/);
    const other = { ...opts, columns: { text: 'lede' } };
    expect(await summaryLine(other, 'ingest')).not.toContain('not read again');
    expect(readReport(path.join(other.out, 'hits.csv')).map((h) => h.term)).toEqual(['president']);
  });

  it('cleans an export by --rules, and takes an edit of the rules for a change of the corpus, not for the last run', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    writeFileSync(corpus, exportCsv([['BBC News', 'T', '2024-01-01', 'u', 'Media playback is unsupported on your device Media caption The president spoke.\nShare this with Email\nThe dictator spoke.\nRelated Topics\nThe regime fell.']]));
    const rules = path.join(dir, 'export-rules.yaml');
    writeFileSync(rules, "remove:\n  - 'Media playback is unsupported on your device'\n  - 'Media caption'\nfurniture:\n  - '^Share this'\nend:\n  - '^Related Topics$'\n");
    const opts = testOptions({ corpus, rules });
    await runPipeline(opts, quiet());
    expect(readReport(path.join(opts.out, 'hits.csv')).map((h) => [h.term, h.sentence])).toEqual([['president', 'The president spoke.'], ['dictator', 'The dictator spoke.']]);
    writeFileSync(rules, "furniture:\n  - '^Share this'\n");
    expect(await summaryLine(opts, 'ingest')).not.toContain('not read again');
    expect(readReport(path.join(opts.out, 'hits.csv')).map((h) => h.term)).toEqual(['president', 'dictator', 'regime']);
    const missing = await runPipeline({ ...opts, rules: path.join(dir, 'nope.yaml') }, quiet()).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(InputError);
    expect(formatProblem((missing as InputError).problems[0]!)).toBe(`${path.join(dir, 'nope.yaml')}: error C009: bad cleaning rules in ${path.join(dir, 'nope.yaml')}: no such file`);
    await expect(runPipeline({ ...opts, corpus: path.join(ROOT, 'corpus') }, quiet())).rejects.toThrow(/--rules cleans the articles of a CSV or JSON export, but .* is a corpus folder/);
  });

  it('counts outlets as --outlet-names names them, takes an edit of that file for a change of the corpus, and stops on one missing', async () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'export.csv');
    writeFileSync(corpus, exportCsv([['Guardian', 'T1', '2024-01-01', 'u1', 'The dictator spoke.'], ['theguardian.com', 'T2', '2024-01-02', 'u2', 'The regime fell.']]));
    const outletNames = path.join(dir, 'outlet-names.csv');
    writeFileSync(outletNames, 'name,outlet\nGuardian,The Guardian\ntheguardian.com,The Guardian\n');
    const opts = testOptions({ corpus, outletNames });
    await runPipeline(opts, quiet());
    expect(readdirSync(path.join(opts.out, 'outlets'))).toEqual(['the-guardian.csv']);
    writeFileSync(outletNames, 'name,outlet\nGuardian,The Guardian\n');
    expect(await summaryLine(opts, 'ingest')).not.toContain('not read again');
    expect(readdirSync(path.join(opts.out, 'outlets')).sort()).toEqual(['the-guardian.csv', 'theguardian-com.csv']);
    const missing = await runPipeline({ ...opts, outletNames: path.join(dir, 'nope.csv') }, quiet()).catch((e: unknown) => e);
    expect(formatProblem((missing as InputError).problems[0]!)).toMatch(/nope\.csv: error C001: /);
  });

  it('leaves out an outlet\'s updated version with --skip-near-duplicates, and does not take a run without it from the memory of one with it', async () => {
    expect(readOptions(['--skip-near-duplicates'], 'usage')!.skipNearDuplicates).toBe(true);
    const story = 'Security forces fired on protesters in Juliaca on Monday, killing seventeen people, in the deadliest day since the de facto government of Dina Boluarte took office. Rights groups called it a massacre and demanded an inquiry.';
    const corpus = path.join(tempDir(), 'export.csv');
    writeFileSync(corpus, exportCsv([['Sur', 'Juliaca', '2023-01-09', 'u1', story], ['Sur', 'Juliaca (updated)', '2023-01-10', 'u2', `${story}\nThe regime denied it.`]]));
    const opts = testOptions({ corpus, skipNearDuplicates: true });
    expect(await summaryLine(opts, 'ingest')).toBe('ingest: read 1 article(s) from 1 outlet(s); skipped 1 (see the errors above)');
    expect(readReport(path.join(opts.out, 'articles.csv')).map((a) => a.title)).toEqual(['Juliaca']);
    await runPipeline({ ...opts, skipNearDuplicates: false }, quiet());
    const [first, update] = readReport(path.join(opts.out, 'articles.csv'));
    expect([first!.title, first!.near_duplicate_of, update!.title, update!.near_duplicate_of]).toEqual(['Juliaca', '', 'Juliaca (updated)', first!.article_id]);
    // Each hit says so too, to be filtered on: "de facto", "government" and "massacre" in both, "regime" in the update alone.
    const hits = readReport(path.join(opts.out, 'hits.csv'));
    expect(hits.filter((h) => h.near_duplicate_of === first!.article_id).map((h) => h.article_id)).toEqual(hits.filter((h) => h.title === 'Juliaca (updated)').map((h) => h.article_id));
    expect(hits.filter((h) => h.near_duplicate_of === first!.article_id).length).toBeGreaterThan(hits.filter((h) => h.title === 'Juliaca').length);
  });

  it('writes every report with semicolons and a decimal comma with --decimal-comma (where the decimal mark is a comma, Excel showed each report in one column), cell for cell as without it; a run without it is not taken from the memory of one with it', async () => {
    expect(readOptions(['--decimal-comma'], 'usage')!.decimalComma).toBe(true);
    const opts = testOptions({ decimalComma: true });
    await runPipeline(opts, quiet());
    const bundled = snapshot(path.join(ROOT, 'reports'));
    const written = snapshot(opts.out);
    expect([...written.keys()].sort()).toEqual([...bundled.keys()].sort());
    const cells = (bytes: Buffer, delimiter: string) => Papa.parse<string[]>(bytes.toString('utf8').replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: true }).data;
    for (const [name, bytes] of written) {
      const rows = cells(bytes, ';');
      // Each report's rows as many as its header's cells: the semicolons are the separators, not cells' own.
      expect(rows.every((row) => row.length === rows[0]!.length), name).toBe(true);
      // No number left with a decimal point: a spreadsheet there reads it as text, or as thousands.
      expect(rows.flat().filter((cell) => /^-?\d+\.\d+$/.test(cell)), name).toEqual([]);
      const asPlain = rows.map((row) => row.map((cell) => (/^-?\d+,\d+$/.test(cell) ? cell.replace(',', '.') : cell === 'true' && row[0] === 'decimal-comma' ? 'false' : cell)));
      expect(asPlain, name).toEqual(cells(bundled.get(name)!, ','));
    }
    expect(written.get('comparison.csv')!.toString('utf8')).toMatch(/;-?\d+,\d{4};/);
    await runPipeline({ ...opts, decimalComma: false }, quiet());
    expectSameReports(path.join(ROOT, 'reports'), opts.out);
  });

  it('gathers the rules for every outlet\'s repeated lines (C066) in suggested-furniture.yaml, which the ten messages of a code shown could not hold; gone once none repeat; given to --rules and edited, never written over', async () => {
    const corpus = path.join(tempDir(), 'export.csv');
    // Twelve outlets, each with its own ad line in all three of its articles: two past the ten messages shown.
    const rows = Array.from({ length: 36 }, (_, i) => [`Outlet ${Math.floor(i / 3)}`, `T${i}`, '2023-01-10', `u${i}`, `The regime fell, ${i}.\nAd for outlet ${Math.floor(i / 3)}\nCrowds cheered, ${i}.`]);
    writeFileSync(corpus, exportCsv(rows));
    const opts = testOptions({ corpus });
    const log = quiet();
    await runPipeline(opts, log);
    const file = path.join(opts.work, 'suggested-furniture.yaml');
    expect(log.lines.find((line) => line.startsWith('ingest:'))).toBe(`ingest: read 36 article(s) from 12 outlet(s); 12 warning(s) above; rules for the furniture found in many of an outlet's articles, 12 line(s) standing alone (C066), in ${file}`);
    expect(log.lines.filter((line) => line.includes(' C066: '))).toHaveLength(11);
    const words = readReport(path.join(opts.out, 'articles.csv')).map((a) => Number(a.words));
    const original = readFileSync(file, 'utf8');
    const rules = parseRules(original, file);
    expect(rules.furniture).toHaveLength(12);
    // Given to --rules, it drops them all, and stays; edited, the run leaves it as it is, though it finds the lines kept again.
    await runPipeline({ ...opts, rules: file }, quiet());
    const dropped = readReport(path.join(opts.out, 'articles.csv')).map((a, k) => words[k]! - Number(a.words));
    expect(new Set(dropped)).toEqual(new Set([4]));
    const edited = original.replace(/\n {2}# Outlet 0:.*\n.*/, '');
    expect(edited.length).toBeLessThan(original.length);
    writeFileSync(file, edited);
    await runPipeline({ ...opts, rules: file }, quiet());
    expect(readFileSync(file, 'utf8')).toBe(edited);
    const copy = path.join(tempDir(), 'furniture.yaml');
    writeFileSync(copy, original);
    expect(await summaryLine({ ...opts, rules: copy }, 'ingest')).toBe('ingest: read 36 article(s) from 12 outlet(s)');
    expect(existsSync(file)).toBe(false);
  });

  it('reads only the articles --about names, records its terms in run.csv, and does not take a run with other terms from the run memory', async () => {
    expect(readOptions(['--about', 'Peru, Boluarte'], 'usage')!.about).toEqual(['Peru', 'Boluarte']);
    expect(() => readOptions(['--about', ' , '], 'usage')).toThrow(UsageError);
    const opts = testOptions({ about: ['Boluarte'] });
    expect(await summaryLine(opts, 'ingest')).toBe('ingest: read 9 article(s) from 2 outlet(s); 1 warning(s) above');
    expect(new Map(readReport(path.join(opts.out, 'run.csv')).map((r) => [r.setting, r.value])).get('about')).toBe('Boluarte');
    expect(await summaryLine({ ...opts, about: ['Maduro'] }, 'ingest')).toBe('ingest: read 3 article(s) from 3 outlet(s); 1 warning(s) above');
  });

  it('counts the messages it did not list in the summary', async () => {
    const corpus = path.join(tempDir(), 'export.csv');
    writeFileSync(corpus, exportCsv(Array.from({ length: 25 }, (_, i) => ['A', `T${i}`, 'someday', `u${i}`, `The regime fell, ${i}.`])));
    expect(await summaryLine(testOptions({ corpus }), 'ingest')).toBe('ingest: read 25 article(s) from 1 outlet(s); 25 warning(s) above');
  });

  it('writes its reports and exits 0 when whoever reads its summary goes away (npm run pipeline | head: it died on the first line, EPIPE, writing nothing)', async () => {
    const dir = tempDir();
    const script = path.join(ROOT, 'pipeline', 'cli', 'pipeline.ts');
    const run = spawn(process.execPath, ['--import', 'tsx', script, '--work', path.join(dir, 'work'), '--out', path.join(dir, 'reports')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    run.stdout.destroy();
    const [code] = (await once(run, 'exit')) as [number];
    expect(code).toBe(0);
    expect(readdirSync(path.join(dir, 'reports'))).toContain('corpus.csv');
  });

  it('exits 2 on an unknown option', async () => {
    const { code, stderr } = await runScript('score', ['--lexicon', 'x']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--lexicon'");
  });

  it('exits 1 on a broken lexicon, with the place on stderr and nothing from dependencies on stdout', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bad.csv'), 'frame,pole,term\nf,a,dic*tator\n');
    const { code, stdout, stderr } = await runScript('lexicons-check', ['--lexicons', dir]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${dir}/bad.csv:2: error L008`);
  });

  it('checks lexicons with warnings only: exit 0, the warning on stderr, and a summary that counts it', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'ansi.csv'), iconv.encode('frame,pole,term\nlegitimacy,delegitimising,régimen\nlegitimacy,-,régimen de excepción\n', 'win1252'));
    const { code, stdout, stderr } = await runScript('lexicons-check', ['--lexicons', dir]);
    expect(code).toBe(0);
    expect(stderr).toContain(`${dir}/ansi.csv:2: warning L018`);
    expect(stdout).toContain('ansi.csv: 2 entries, 1 frame(s), 1 counting nothing (pole -)');
    expect(stdout).toContain('lexicons: 1 lexicon(s), 2 entries, 0 actor(s), 1 warning(s) above');
  });

  it('prints a short summary of what it read, skipped and wrote', async () => {
    const work = tempDir();
    const { code, stdout } = await runScript('pipeline', ['--out', path.join(work, 'r'), '--work', work]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['ingest', 'tokenise', 'score', 'report', 'memory', expect.stringMatching(/^done in/)]);
    expect(stdout).toContain('read 14 article(s) from 5 outlet(s)');
  });
});

describe('one run at a time per work folder', () => {
  // Two runs at once on one work folder appended to the same rows file of the run memory.
  const locked = holdingWorkFolder(runPipeline);

  it('refuses a run while another process holds the work folder (W001, exit 1), touching nothing', async () => {
    const work = tempDir();
    writeFileSync(path.join(work, LOCK_FILE), `${process.pid}\n`);
    const { code, stdout, stderr } = await runScript('pipeline', ['--out', path.join(work, 'r'), '--work', work]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${work}: error W001: another run (process ${process.pid}) is using this work folder`);
    expect(readdirSync(work)).toEqual([LOCK_FILE]);
  });

  it('runs one of two runs started at once and refuses the other; the lock is gone after', async () => {
    const o = options();
    const [first, second] = await Promise.allSettled([locked(o, quiet()), locked(o, quiet())]);
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    expect(((second as PromiseRejectedResult).reason as InputError).problems.map((p) => p.code)).toEqual(['W001']);
    expect(existsSync(path.join(o.out, 'hits.csv'))).toBe(true);
    expect(existsSync(path.join(o.work, LOCK_FILE))).toBe(false);
  });

  it('takes over the lock of a run that was killed', async () => {
    const o = options();
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    mkdirSync(o.work, { recursive: true });
    writeFileSync(path.join(o.work, LOCK_FILE), `${gone}\n`);
    await locked(o, quiet());
    expect(existsSync(path.join(o.out, 'hits.csv'))).toBe(true);
    expect(existsSync(path.join(o.work, LOCK_FILE))).toBe(false);
  });

  it('clears the temporary and spill files of runs killed outright, and no one else’s', async () => {
    const o = options();
    const dead = spawnSync('true').pid!;
    const leftovers = [
      path.join(o.work, `report-rows.spill-${dead}`),
      path.join(o.work, 'cache', 'tokens', `terms.json.tmp-${dead}`),
      path.join(o.out, `hits.csv.tmp-${dead}`),
      path.join(o.out, 'outlets', `breitbart.csv.tmp-${dead}`),
    ];
    // A run still going (this test's parent process), and files that only look alike.
    const others = [path.join(o.out, `hits.csv.tmp-${process.ppid}`), path.join(o.out, 'notes.tmp-draft'), path.join(o.out, `old.tmp-${dead}.csv`)];
    for (const file of [...leftovers, ...others]) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, 'left\n');
    }
    await locked(o, quiet());
    expect(leftovers.filter((file) => existsSync(file))).toEqual([]);
    expect(others.filter((file) => existsSync(file))).toEqual(others);
    expect(existsSync(path.join(o.out, 'hits.csv'))).toBe(true);
  });

  it('takes over a lock naming this process when this process does not hold it (a restarted container hands out the same numbers)', async () => {
    const o = options();
    mkdirSync(o.work, { recursive: true });
    writeFileSync(path.join(o.work, LOCK_FILE), `${process.pid}\n`);
    await locked(o, quiet());
    expect(existsSync(path.join(o.out, 'hits.csv'))).toBe(true);
  });

  const startKnown = processStart(process.ppid) !== null;

  it.runIf(startKnown)('takes over a lock naming a running process that started at another time (its number was handed on)', async () => {
    const o = options();
    mkdirSync(o.work, { recursive: true });
    writeFileSync(path.join(o.work, LOCK_FILE), `${process.ppid} 1\n`);
    await locked(o, quiet());
    expect(existsSync(path.join(o.out, 'hits.csv'))).toBe(true);
  });

  it.runIf(startKnown)('refuses a lock naming a running process and its start time', async () => {
    const o = options();
    mkdirSync(o.work, { recursive: true });
    writeFileSync(path.join(o.work, LOCK_FILE), `${process.ppid} ${processStart(process.ppid)}\n`);
    await expect(locked(o, quiet())).rejects.toMatchObject({ problems: [expect.objectContaining({ code: 'W001' })] });
    expect(existsSync(o.out)).toBe(false);
  });
});

describe('a disk that fills up, or a file in the way', () => {
  // Writes to /dev/full fail as a full disk's do (ENOSPC); a temporary file linked there stands for one.
  const fullDisk = existsSync('/dev/full');

  it.runIf(fullDisk)('stops with D001 naming the report, and leaves every report as it was; the next run completes them', async () => {
    const opts = options();
    await runPipeline(opts, quiet());
    const before = snapshot(opts.out);
    const lexicons = path.join(opts.work, 'lexicons');
    cpSync(path.join(ROOT, 'lexicons'), lexicons, { recursive: true });
    writeFileSync(path.join(lexicons, 'legitimacy.csv'), `${readFileSync(path.join(lexicons, 'legitimacy.csv'), 'utf8')}legitimacy,legitimising,official,1,,\n`);
    const edited = { ...opts, lexicons };
    // The edit changes most reports; hits.csv cannot be written.
    symlinkSync('/dev/full', path.join(opts.out, `hits.csv.tmp-${process.pid}`));
    const error = await runPipeline(edited, quiet()).catch((e: unknown) => e);
    expect(diskProblem(error, edited)).toMatchObject({ code: 'D001', place: path.join(opts.out, 'hits.csv'), message: expect.stringContaining('point --out at a folder on a disk with room') });
    const after = snapshot(opts.out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), name).toBe(true);
    expect(readdirSync(opts.out).filter((name) => name.includes('.tmp-'))).toEqual([]);
    await runPipeline(edited, quiet());
    const cold = options({ cache: false, lexicons });
    await runPipeline(cold, quiet());
    expectSameReports(cold.out, opts.out);
  });

  it('hands a worker thread’s file error to the main thread with its code and file', () => {
    const cache = path.join(tempDir(), 'cache');
    mkdirSync(cache);
    const replies: WorkerReply[] = [];
    let send: (m: WorkerRequest) => void = () => undefined;
    serveWorker({ on: (_event, f) => (send = f), postMessage: (m) => replies.push(m) });
    send({ kind: 'init', setup: { compiled: null, cache, bootstrap: { resamples: 0, seed: 1 }, csv: PLAIN_CSV, scoredJson: false, vocabulary: false, remembered: null } });
    // The cache folder was there when the worker opened it; by its first write a file is.
    rmSync(cache, { recursive: true });
    writeFileSync(cache, '');
    send({ kind: 'score', batch: [{ seq: 7, job: article('The regime fell.') }] });
    expect(replies).toEqual([{ kind: 'failed', seqs: [7], error: expect.objectContaining({ code: 'EEXIST', path: cache }) }]);
  });

  it.each([
    ['a full disk in the work folder', { code: 'ENOSPC', path: '/w/cache/tokens/a.pack' }, 'D001', '--work'],
    ['a full disk in the reports folder', { code: 'ENOSPC', path: '/w/out/hits.csv' }, 'D001', '--out'],
    ['a quota in the reports folder', { code: 'EDQUOT', path: '/w/out/hits.csv' }, 'D001', '--out'],
    ['no permission', { code: 'EACCES', path: '/w/cache' }, 'D002', '--work'],
    ['a read-only disk', { code: 'EROFS', path: '/r/hits.csv' }, 'D002', null],
    ['a file where a folder goes', { code: 'ENOTDIR', path: '/w/out/outlets/x.csv' }, 'D003', '--out'],
    ['a file where a folder is to be made', { code: 'EEXIST', syscall: 'mkdir', path: '/w/cache' }, 'D003', '--work'],
    ['a report another program holds locked (a spreadsheet on Windows)', { code: 'EBUSY', path: '/w/out/comparison.csv' }, 'D004', null],
  ] as const)('says %s as a problem with its file and the option to change', (_name, error, code, option) => {
    // The reports folder inside the work folder: the innermost folder names the option.
    const problem = diskProblem(Object.assign(new Error('x'), error), { work: '/w', out: '/w/out' });
    expect(problem).toMatchObject({ code, place: error.path });
    if (option) expect(problem!.message).toContain(option);
    else expect(problem!.message).not.toMatch(/--(work|out)/);
  });

  it.each([
    ['a file made twice', Object.assign(new Error('x'), { code: 'EEXIST', syscall: 'open', path: '/w/a' })],
    ['a full disk, no file named', Object.assign(new Error('x'), { code: 'ENOSPC' })],
    ['any other error', new Error('ENOSPC')],
  ])('leaves %s to the generic message', (_name, error) => {
    expect(diskProblem(error, { work: '/w', out: '/o' })).toBeNull();
  });

  it('stops with D003 (exit 1) on a folder where a report goes, writing no report', async () => {
    const work = tempDir();
    const out = path.join(work, 'r');
    mkdirSync(path.join(out, 'hits.csv'), { recursive: true });
    const { code, stderr } = await runScript('pipeline', ['--out', out, '--work', work]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${out}/hits.csv: error D003: `);
    expect(stderr).toContain('or point --out at another folder');
    expect(readdirSync(out)).toEqual(['hits.csv']);
  });

  it.each([
    ['SIGINT', 'Ctrl-C', 130],
    ['SIGTERM', 'kill', 143],
    ['SIGHUP', 'the terminal closed', 129],
  ] as const)('stops at once on %s (%s) with exit code %i, leaving no temporary file, spill or half-made run memory', async (signal, _cause, exitCode) => {
    const work = tempDir();
    const corpus = path.join(work, 'export.csv');
    const text = 'The regime of Dina Boluarte faced new protests on Tuesday. The de facto government denied that security forces had fired on the crowd.';
    writeFileSync(corpus, exportCsv(Array.from({ length: 20_000 }, (_, i) => ['Sur', `Report ${i}`, '2023-01-02', `u${i}`, `${text} Item ${i}.`])));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'pipeline', 'cli', 'pipeline.ts'), '--corpus', corpus, '--work', work, '--out', path.join(work, 'r'), '--workers', '1'], { cwd: ROOT });
    const exited = once(child, 'exit');
    // Interrupted once it is tokenising: its first token cache pack is there.
    const tokens = path.join(work, 'cache', 'tokens');
    const packed = () => existsSync(tokens) && readdirSync(tokens).some((name) => name.endsWith('.pack'));
    while (child.exitCode === null && !packed()) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill(signal);
    expect(await exited).toEqual([exitCode, null]);
    const left = readdirSync(work, { recursive: true }).map(String);
    expect(left.filter((name) => /\.tmp-|spill|memory\//.test(name))).toEqual([]);
    expect(existsSync(path.join(work, 'r'))).toBe(false);
  });

  it('exits 2 at once when --out or --work names a file', async () => {
    const file = path.join(tempDir(), 'notes.txt');
    writeFileSync(file, 'mine\n');
    for (const option of ['--out', '--work']) {
      const { code, stdout, stderr } = await runScript('pipeline', [option, file]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`${option} must be a folder, but "${file}" is a file`);
    }
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  });
});

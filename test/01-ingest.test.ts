// Ingest on the real captures in corpus/, on exports, and on broken input.
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { aboutMatcher, aboutTerms } from '../pipeline/01-ingest/about.ts';
import { cleanPage, cleanText } from '../pipeline/01-ingest/clean-page.ts';
import { textOfHtml } from '../pipeline/01-ingest/html-text.ts';
import { jsonValues, listedValues, type JsonPiece } from '../pipeline/01-ingest/json-values.ts';
import { parseOutletNames } from '../pipeline/01-ingest/outlet-names.ts';
import { outletKey, outletSlug } from '../pipeline/01-ingest/outlets.ts';
import { paragraphsOfList, unescapedText } from '../pipeline/01-ingest/stored-text.ts';
import { unwrapped } from '../pipeline/01-ingest/unwrap.ts';
import { htmlOfMhtml } from '../pipeline/01-ingest/mhtml.ts';
import { textOfOdt } from '../pipeline/01-ingest/odt.ts';
import { textOfPdf } from '../pipeline/01-ingest/pdf.ts';
import { textOfRtf } from '../pipeline/01-ingest/rtf.ts';
import { parseRules } from '../pipeline/01-ingest/rules.ts';
import { ingest } from '../pipeline/01-ingest/index.ts';
import { removeUnfinishedFiles, unfinishedFiles } from '../pipeline/files.ts';
import type { Article } from '../pipeline/types.ts';
import type { Problem } from '../pipeline/messages.ts';
import { corpusSize } from '../pipeline/cli/progress.ts';
import { collect, exportCsv, pdfOf, ROOT, tempDir, writeDocx, writeWarc, writeXlsx, writeZip, type PdfLine, type WarcRecordSpec } from './helpers.ts';

describe('the bundled corpus', () => {
  let articles: Article[];
  let problems: Problem[];
  beforeAll(async () => {
    ({ articles, problems } = await collect(path.join(ROOT, 'corpus')));
  });

  it('gives 14 articles: one each from four outlets, ten from Aletho News', () => {
    const perOutlet: Record<string, number> = {};
    for (const a of articles) perOutlet[a.outlet] = (perOutlet[a.outlet] ?? 0) + 1;
    expect(perOutlet).toEqual({ 'Miami Herald': 1, Breitbart: 1, 'Caracas Chronicles': 1, 'Labour Outlook': 1, 'Aletho News': 10 });
    expect(problems).toEqual([]);
  });

  it('splits the Aletho News tag page into ten articles with their dates, sources and authors', () => {
    const aletho = articles.filter((a) => a.outlet === 'Aletho News').map((a) => [a.date, a.source, a.author, a.title]);
    expect(aletho).toEqual([
      ['2023-05-27', 'naked capitalism', 'Nick Corbishley', 'Why Are US Military Personnel Heading to Peru?'],
      ['2023-03-15', 'COUNTERPUNCH', 'W. T. WHITNEY', 'Indigenous Rebellion Continues as Post-Coup Peruvian Government Flounders'],
      ['2023-02-02', 'Sputnik', 'Wyatt Reed', 'Peru’s Congress Refuses Early Elections, Heightening Tensions as Protests Rage'],
      ['2023-01-15', 'RT', '', 'State of emergency declared in Peru amid deadly protests'],
      ['2023-01-11', 'Samizdat', 'Wyatt Reed', 'Genocide Investigation Launched Against Peruvian Authorities Following Massacre'],
      ['2023-01-11', 'Kawsachun News', '', 'Peru: General Strike Continues Despite Repression'],
      ['2023-01-11', 'Samizdat', '', 'Peru Mourns ‘Massacre’ of 17 as Calls Grow for US-Backed ‘Coup Regime’ to Step Down'],
      ['2022-12-19', 'teleSUR', '', '25 Peruvians Murdered in a Week of Intense Repression'],
      ['2021-08-06', 'teleSUR', '', 'Peru To Withdraw From the US-Controlled Lima Group'],
      ['2020-09-28', '', 'Lucas Leiroz', 'Peruvian president wins impeachment process, but opposition grows'],
    ]);
  });

  it("keeps all ten of the tag page's articles when its manifest row gives the page's address (they shared one id made from it, and nine were skipped as duplicates)", async () => {
    const dir = tempDir();
    cpSync(path.join(ROOT, 'corpus'), dir, { recursive: true });
    const manifest = path.join(dir, 'manifest.csv');
    const page = 'https://alethonews.com/tag/peru/';
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('aletho-news.yaml,,,', `aletho-news.yaml,,,${page}`));
    const withUrl = await collect(dir);
    expect(withUrl.problems).toEqual([]);
    // Each keeps the page it was read from as its url, and its id from its title and date, as without the url.
    expect(withUrl.articles.map((a) => a.article_id)).toEqual(articles.map((a) => a.article_id));
    expect(withUrl.articles.filter((a) => a.url === page).map((a) => a.outlet)).toEqual(Array(10).fill('Aletho News'));
  });

  it('keeps the metadata of the single-article pages', () => {
    const byOutlet = Object.fromEntries(articles.map((a) => [a.outlet, a]));
    expect(byOutlet['Breitbart']).toMatchObject({ title: 'Venezuelans Fill Streets of Peru to Protest Socialism at Summit of the Americas', author: 'Frances Martel', date: '2018-04' });
    expect(byOutlet['Labour Outlook']).toMatchObject({ title: 'Peru: Solidarity with the Struggle for Democracy', author: 'Sam Browse' });
    expect(byOutlet['Miami Herald']!.title).toBe('Peru is hotbed for Venezuelan dissidents');
  });

  it.each([
    ['comment form', /Please enter your (comment|name)/],
    ['reader comments', /Whatsapp|Dictatoral syle|Bravo Congreso/],
    ['donation appeal', /reader-supported|making a donation/],
    ['social links', /Follow Frances Martel|on Facebook and Twitter/],
    ['comment notices', /issues with commenting|thoughts on|Leave a Reply|Leave a comment/],
    ['Aletho footers', /Posted by \|/],
    ['site furniture', /^(Aletho News|ΑΛΗΘΩΣ|Video link|WATCH:)/m],
    ['bylines', /^(By .{1,40} [–|] |(RT|teleSUR|Samizdat|Kawsachun News) [–|] )/im],
  ])('leaves no %s in any article', (_label, pattern) => {
    for (const a of articles) expect(`${a.title}\n${a.text}`, a.origin).not.toMatch(pattern);
  });

  it('keeps the last paragraph of each article', () => {
    const last = Object.fromEntries(articles.filter((a) => a.outlet !== 'Aletho News').map((a) => [a.outlet, a.text.split('\n').pop()]));
    expect(last['Miami Herald']).toBe('“We will go back,” she said. “I am sure of that.”');
    expect(last['Caracas Chronicles']).toMatch(/^The resolution expresses support for Venezuela’s opposition-controlled legislature, which/);
    expect(last['Breitbart']).toMatch(/free and fair elections\.”$/);
  });

  it('gives ids that stay the same from run to run', async () => {
    const again = await collect(path.join(ROOT, 'corpus'));
    expect(again.articles.map((a) => a.article_id)).toEqual(articles.map((a) => a.article_id));
    expect(new Set(articles.map((a) => a.article_id)).size).toBe(14);
  });
});

describe('cleaning rules', () => {
  it('are data: a new outlet is cleaned by its own rules file alone', () => {
    const rules = parseRules(
      "furniture: ['^Advertisement$']\nend: ['^Share this:']\nbyline: ['^Words by (?<author>.+)$']\n",
      'rules/new.yaml',
    );
    const page = 'Headline here\nWords by Ana Pérez\n\nFirst paragraph.\nAdvertisement\nSecond paragraph.\nShare this:\nTwitter\n';
    expect(cleanPage(page, rules)).toEqual([
      { title: 'Headline here', text: 'First paragraph.\nSecond paragraph.', captured: { author: 'Ana Pérez' }, index: 1 },
    ]);
  });

  it('take every byline line near the top, the date on one and the author on the next as archives give them (the second stayed in the text, its author unread)', () => {
    const rules = parseRules("byline:\n  - '^(?<date>[A-Z][a-z]+ \\d{1,2}, \\d{4}) [A-Z][a-z]+day$'\n  - '^Byline: (?<author>.+)$'\n", 'rules/nexis.yaml');
    const page = 'Headline\nJanuary 12, 2023 Thursday\nByline: Dan Collyns in Lima\nThe regime fell.\nByline: not near the top\n';
    expect(cleanPage(page, rules)).toEqual([
      { title: 'Headline', text: 'The regime fell.\nByline: not near the top', captured: { date: 'January 12, 2023', author: 'Dan Collyns in Lima' }, index: 1 },
    ]);
  });

  it.each([
    ['after the end line, as ProQuest gives its fields', 'Headline\nThe regime fell.\nSubject: Peru\nDocument URL: https://x.pe/1\n', { url: 'https://x.pe/1' }, 'The regime fell.'],
    ['inside the text, where no byline rule would look', 'Headline\nOne.\nTwo.\nThree.\nFour.\nDocument URL: https://x.pe/2\nFive.\n', { url: 'https://x.pe/2' }, 'One.\nTwo.\nThree.\nFour.\nFive.'],
    ['twice: the first wins', 'Headline\nDocument URL: https://x.pe/3\nOne.\nSubject: Peru\nDocument URL: https://x.pe/4\n', { url: 'https://x.pe/3' }, 'One.'],
    ['below the byline, which wins', 'Headline\nPublished: 2023-01-12\nOne.\nSubject: Peru\nPublication date: Jan 30, 2023\n', { date: '2023-01-12' }, 'One.'],
    ['none', 'Headline\nOne.\nSubject: Peru\nDocument URL https://x.pe/5\n', {}, 'One.'],
  ])('take the lines of `metadata` out wherever they stand in an article, or after its end, keeping what they capture: %s', (_label, page, captured, text) => {
    const rules = parseRules(
      "end: '^Subject: '\nbyline: '^Published: (?<date>.+)$'\nmetadata: ['^Document URL: (?<url>\\S+)$', '^Publication date: (?<date>.+)$']\n",
      'rules/archive.yaml',
    );
    expect(cleanPage(page, rules)).toEqual([{ title: 'Headline', text, captured, index: 1 }]);
  });

  it('take out the text `remove` names wherever it stands in a line, every time, on a page and in an export\'s text', () => {
    const rules = parseRules("remove: ['Image copyright \\w+', 'Media caption']\nfurniture: ['^Advertisement$']\nend: ['^Related Topics$']\n", 'rules/bbc.yaml');
    const text = 'Image copyright Reuters Media caption The regime fell, Media caption then rose.\nAdvertisement\nMedia caption\nThe end.\nRelated Topics\nMore.';
    expect(cleanText(text, rules)).toBe('The regime fell, then rose.\nThe end.');
    expect(cleanPage(`Headline\n${text}`, rules).map((d) => d.text)).toEqual(['The regime fell, then rose.\nThe end.']);
  });

  it.each([
    ['an unknown key', 'furnitur: [x]', /unknown key "furnitur"/],
    ['a broken regular expression', "end: ['(unclosed']", /"end":/],
    ['a group that captures nothing known', "byline: ['^By (?<writer>.+)$']", /group "\(\?<writer>"/],
    // Each was read key by key, index by index: `unknown key "0"`.
    ['a list of rules without their keys', "- '^Advertisement$'\n- '^Related$'", /^expected keys such as furniture, end, split, byline$/],
    ['a word alone', 'Advertisement', /^expected keys such as furniture, end, split, byline$/],
  ])('name the problem in %s', (_label, yaml, message) => {
    expect(() => parseRules(yaml, 'r.yaml')).toThrow(message);
  });
});

describe('exports (CSV and JSONL)', () => {
  /** Long enough for two versions of it to be compared (C062's 25 words). */
  const LONG_TEXT = 'Thousands marched through the centre of Lima on Thursday to demand the resignation of the president, new elections and the release of the protesters detained by the police during the weekend.';
  const dir = tempDir();
  const file = (name: string, text: string | Buffer) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('reads a CSV export, one article per row, with paragraphs and metadata', async () => {
    const csv = file(
      'ok.csv',
      'id,outlet,title,date,url,text,author\n' +
        'a1,El Comercio,"Crisis, again",9/6/17,https://x/1,"First paragraph.\n\nSecond, with ""quotes"".",Ana\n' +
        ',Perú21,No id,March 3 2023,https://x/2,Body.,\n',
    );
    const { articles, problems } = await collect(csv);
    expect(problems).toEqual([]);
    expect(articles.map((a) => [a.article_id, a.outlet, a.outlet_slug, a.title, a.date, a.text, a.author])).toEqual([
      ['a1', 'El Comercio', 'el-comercio', 'Crisis, again', '2017-09-06', 'First paragraph.\nSecond, with "quotes".', 'Ana'],
      [expect.stringMatching(/^peru21-[0-9a-f]{10}$/), 'Perú21', 'peru21', 'No id', '2023-03-03', 'Body.', ''],
    ]);
  });

  it('reads every row of an export whose header ends as Windows ends lines and its rows as Linux and Macs do (a header saved in Excel, rows added by a script): all were read as one row, C016', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `Sur,T${i},2023-01-10,https://sur.pe/${i},"The regime fell, ${i}.\nCrowds cheered ${i}."\n`);
    const { articles, problems } = await collect(file('mixed-ends.csv', `outlet,title,date,url,text\r\n${rows.join('')}`));
    expect(problems).toEqual([]);
    expect(articles.map((a) => a.title)).toEqual(rows.map((_, i) => `T${i}`));
  });

  it('names a corpus that is not there, and where it was looked for (the message named neither)', async () => {
    const missing = path.join(dir, 'nothere.csv');
    await expect(collect(missing)).rejects.toThrow(`${missing}: error C001: cannot read the corpus: no such file or folder as ${missing}`);
  });

  it("keeps every article of a url they share, each of a title and text of its own (a listing page's address, saved by a scraper for each article): all but the first were skipped as duplicates, C005", async () => {
    const listed = Array.from({ length: 4 }, (_, i) => ['Sur', `T${i}`, `2023-01-1${i}`, 'https://sur.pe/politica/', `The regime fell, ${i}.`]);
    const own = (title: string, text: string) => ['Sur', title, '2023-01-19', 'https://sur.pe/own', text];
    const csv = file('listing.csv', exportCsv([...listed, own('Own', 'Its own address.'), own('Own', 'Its own address, updated.')]));
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => a.title)).toEqual(['T0', 'T1', 'T2', 'T3', 'Own']);
    expect(new Set(articles.map((a) => a.article_id)).size).toBe(5);
    expect(articles.map((a) => a.url)).toEqual([...listed.map(() => 'https://sur.pe/politica/'), 'https://sur.pe/own']);
    expect(problems.map((p) => p.code)).toEqual(['C005', 'C072']);
    expect(problems.at(-1)!.message).toMatch(/^4 articles of titles and texts of their own share the url https:\/\/sur\.pe\/politica\/: /);
  });

  it.each([
    ['its title kept, its text rewritten', 'Lima protests', 'Lima protests', 'Police and protesters clashed again today in the centre of Lima, and the government called for calm.'],
    ['a new title, most of its text kept', 'Lima protests', 'Lima protests: curfew declared', `${LONG_TEXT} A curfew was declared tonight.`],
  ])('still skips an article updated between two downloads at one url (C005): %s', async (_, firstTitle, laterTitle, laterText) => {
    const row = (title: string, text: string) => ['Sur', title, '2023-01-19', 'https://sur.pe/lima', text];
    const { articles, problems } = await collect(file('updated.csv', exportCsv([row(firstTitle, LONG_TEXT), row(laterTitle, laterText)])));
    expect([articles.map((a) => a.title), problems.map((p) => p.code)]).toEqual([[firstTitle], ['C005']]);
  });

  it("names a corpus folder's manifest, or a lexicon, given as an export, with what to give instead (it got C006: 'missing column(s) outlet,text (it holds # which capture is which…')", async () => {
    const manifest = path.join(ROOT, 'corpus', 'manifest.csv');
    expect((await collect(manifest)).problems.map((p) => [p.code, p.message])).toEqual([
      ['C028', `not a CSV, TSV, JSON or JSONL export but a corpus folder's manifest; give --corpus its folder (--corpus ${path.join(ROOT, 'corpus')})`],
    ]);
    const lexicons = await collect(path.join(ROOT, 'lexicons'));
    expect(lexicons.problems.map((p) => [p.code, path.basename(p.place)])).toEqual([
      ...['actors.csv', 'foreign-involvement.csv', 'ideology.csv', 'legitimacy.csv', 'violence.csv'].map((name) => ['C028', name]),
    ]);
    expect(lexicons.problems[0]!.message).toBe('not a CSV, TSV, JSON or JSONL export but a lexicon; give it, or its folder, to --lexicons, and --corpus the articles');
  });

  it.each([
    ['a title and an empty row, as a sheet downloaded as CSV keeps them', 'Peru coverage, collected by hand,,,\n,,,,\noutlet,title,date,url,text\n', {}, 2],
    ['notes, with semicolons', 'Notes: from El Comercio;;;;\nSaved 2024-01-02;;;;\n\noutlet;title;date;url;text\n', {}, 3],
    ['a title above a header its --columns names', 'My sheet\nsource,headline,published,link,"Body"\n', { columns: { outlet: 'source', title: 'headline', date: 'published', url: 'link', text: 'body' } }, 1],
  ])('reads an export whose header stands below %s, with a warning (C073; it got C006, "it holds" the title)', async (_, above, options, lines) => {
    const separator = above.includes(';') ? ';' : ',';
    const csv = file('titled.csv', `${above}Sur${separator}T1${separator}2023-01-10${separator}u1${separator}The regime fell.\n`);
    const { articles, problems } = await collect(csv, options);
    expect(articles.map((a) => [a.outlet, a.title, a.date, a.text])).toEqual([['Sur', 'T1', '2023-01-10', 'The regime fell.']]);
    expect(problems.map((p) => [p.code, p.message])).toEqual([['C073', expect.stringMatching(new RegExp(`^the header is on line ${lines + 1}, below ${lines} line`))]]);
  });

  it("reads a workbook's sheet whose header stands below a title, as an export's (C073)", async () => {
    const book = path.join(dir, 'titled.xlsx');
    await writeXlsx(book, { Sheet1: [['Peru coverage, collected by hand'], [], ['outlet', 'title', 'date', 'url', 'text'], ['Sur', 'T1', '2023-01-10', 'u1', 'The regime fell.']] });
    const { articles, problems } = await collect(book);
    expect(articles.map((a) => [a.outlet, a.title, a.text])).toEqual([['Sur', 'T1', 'The regime fell.']]);
    expect(problems.map((p) => p.code)).toEqual(['C073']);
  });

  it('reports each bad row with its place and goes on with the rest', async () => {
    const csv = file(
      'bad.csv',
      'id,outlet,title,date,url,text\n' +
        'a1,Outlet A,One,2020-01-01,u1,Text one.\n' +
        'a2,,No outlet,2020-01-01,u2,Text two.\n' +
        'a3,Outlet A,Empty,2020-01-01,u3,   \n' +
        'a1,Outlet A,Duplicate,2020-01-01,u4,Text four.\n' +
        'a5,Outlet A,Too many,2020-01-01,u5,Text,five\n' +
        'a6,Outlet A,Bad date,2023-02-30,u6,Text six.\n' +
        'a7,Outlet B,Seven,2020-01-01,u7,Text seven.\n',
    );
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => a.article_id)).toEqual(['a1', 'a6', 'a7']);
    expect(problems.map((p) => [p.code, p.place])).toEqual([
      ['C007', `${csv}:record 2`],
      ['C004', `${csv}:record 3`],
      ['C005', `${csv}:record 4`],
      ['C008', `${csv}:record 5`],
      ['C010', `${csv}:record 6`],
    ]);
    expect(articles[1]!.date).toBe('');
  });

  describe('a tab-separated file that quotes nothing (PostgreSQL\'s COPY, MySQL, R\'s write.table(quote = FALSE))', () => {
    const header = 'outlet\ttitle\tdate\turl\ttext\n';
    const row = (n: number, text: string) => `Sur\tTitle ${n}\t2023-01-${String((n % 28) + 1).padStart(2, '0')}\thttps://sur.pe/${n}\t${text}\n`;
    const filler = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => row(from + i, `${LONG_TEXT} ${from + i}`)).join('');

    it('reads a text that opens with a quotation as written, wherever it comes (its mark read as quoting swallowed every row after it: C016)', async () => {
      // Past the first 64 KB, where the file is read in chunks.
      const tsv = header + filler(1, 400) + row(400, '"We will not stop," said the leader of the strike in Puno.') + row(401, 'The regime "answered" with force.') + row(402, '"Murderers" shouted the crowd.') + filler(403, 410);
      expect(tsv.length).toBeGreaterThan(70_000);
      const { articles, problems } = await collect(file('copy.tsv', tsv));
      expect(articles).toHaveLength(409);
      expect(articles.filter((a) => /^Title 40[0-2]$/.test(a.title)).map((a) => a.text)).toEqual([
        '"We will not stop," said the leader of the strike in Puno.',
        'The regime "answered" with force.',
        '"Murderers" shouted the crowd.',
      ]);
      // The filler's texts are near duplicates of each other (C062).
      const named = problems.filter((p) => p.code !== 'C062');
      expect(named.map((p) => [p.code, p.place])).toEqual([['C080', path.join(dir, 'copy.tsv')]]);
      expect(named[0]!.message).toMatch(/^a tab-separated file that quotes no field: a field opens with a quotation mark that closes before the field ends \("We will not stop," said the leader of the strike in Puno\.\)/);
    });

    it('leaves a spreadsheet\'s quoting as it is: a quoted line break, doubled marks, a quoted tab', async () => {
      const tsv = header + row(1, '"First line\n""second"" line"') + row(2, '"""We will not stop,"" he said."') + row(3, '"a\t""b"" c"');
      const { articles, problems } = await collect(file('quoted.tsv', tsv));
      expect(articles.map((a) => a.text)).toEqual(['First line\n"second" line', '"We will not stop," he said.', 'a "b" c']);
      expect(problems).toEqual([]);
    });
  });

  describe('a quotation mark left open (papaparse reads on into the rows after it)', () => {
    // It merged the rows after it into this one's field, silently: articles lost, one article far too long.
    const header = 'outlet,title,date,url,text\n';
    const row = (n: number, text = `"Text ${n}, with a comma.\nSecond paragraph, with ""quotes""."`) =>
      `Outlet ${n % 2 ? 'A' : 'B'},Title ${n},2020-01-0${n},https://x.org/${n},${text}\n`;
    it.each([
      ['at the start of a text that never closes, swallowing one row', header + row(1) + row(2) + row(3, '"Text 3 has no end.') + row(4) + row(5),
        [1, 2, 4, 5], [['C016', 3, 'text'], ['C018', 3, 'Title 4']]],
      ['swallowing rows without quotes up to one with a quoted text', header + row(1) + row(2, '"Text 2 has no end.') + row(3, 'Text 3.') + row(4, 'Text 4 says "hi" twice.') + row(5) + row(6),
        [1, 3, 4, 5, 6], [['C016', 2, 'text'], ['C018', 2, 'Title 3'], ['C018', 2, 'Title 4'], ['C018', 2, 'Title 5']]],
      ['in a title, running to the end of the file', header + row(1) + row(2, 'Text 2.').replace('Title 2', '"Title 2') + row(3, 'Text 3.') + row(4, 'Text 4.'),
        [1, 3, 4], [['C016', 2, 'title'], ['C018', 2, 'Title 3'], ['C018', 2, 'Title 4']]],
      ['in a title, closed by the quotation mark opening the text: that row alone', header + row(1) + row(2).replace('Title 2', '"Title 2') + row(3),
        [1, 3], [['C008', 2, '']]],
      ['with Windows line ends', (header + row(1) + row(2, '"Text 2 has no end.') + row(3) + row(4)).replaceAll('\n', '\r\n'),
        [1, 3, 4], [['C016', 2, 'text'], ['C018', 2, 'Title 3']]],
      ['nowhere: lines of a text that read almost like rows are kept', header + row(1,
        '"Outlet A, Outlet B, and others said so.\nOutlet A,Title 9,yesterday,x.org/9,they said\nOutlet A,Title 9,2020-01-09,more,than,the,header"') + row(2),
        [1, 2], []],
    ] as [string, string, number[], [string, number, string][]][])('%s', async (_, csv, read, expected) => {
      const { articles, problems } = await collect(file('open-quote.csv', csv));
      expect(articles.map((a) => a.title)).toEqual(read.map((n) => `Title ${n}`));
      for (const a of articles) expect(a.text.startsWith(`Text ${/\d+/.exec(a.title)![0]}`) || a.text.startsWith('Outlet A, Outlet B'), a.title).toBe(true);
      for (const a of articles) expect(a.text).not.toMatch(/\nOutlet [AB],Title [1-6],/);
      const detail = (p: Problem) => /in the (\w+) field/.exec(p.message)?.[1] ?? /title "([^"]+)"/.exec(p.message)?.[1] ?? '';
      expect(problems.map((p) => [p.code, Number(/record (\d+)/.exec(p.place)![1]), p.code === 'C008' ? '' : detail(p)])).toEqual(expected);
    });

    it('reads back a swallowed row by an outlet seen in an earlier row, where the export has no web address to tell a row by (a mutant forgetting the outlets seen survived)', async () => {
      const csv = 'outlet,title,date,text\nOutlet A,Title 1,2020-01-01,Text 1.\nOutlet B,Title 2,2020-01-02,"Text 2 has no end.\nOutlet A,Title 3,2020-01-03,Text 3.\nOutlet B,Title 4,2020-01-04,"Text 4, quoted."\n';
      const { articles, problems } = await collect(file('no-url.csv', csv));
      expect(articles.map((a) => a.title)).toEqual(['Title 1', 'Title 3', 'Title 4']);
      expect(problems.map((p) => p.code)).toEqual(['C052', 'C016', 'C018', 'C018']);
    });

    it.each([
      [',', 'csv'],
      ['\t', 'tsv'],
    ])('reads back every row a text left open swallowed as it was written, or names it, in a file separated by "%s" (property)', async (delimiter, extension) => {
      const texts = fc.oneof(
        fc.constantFrom(
          'Plain words.', 'A comma, inside.', 'Two\nparagraphs.', 'He said "no", then left.', 'It ends in a "quote"',
          '"Quoted" first.', 'Spanish: ñandú, “curly”.', 'Line one,\n"line two", three.', 'A tab\tinside.',
        ),
        fc.string({ unit: fc.constantFrom('a', ' ', ',', '\t', '"', '\n', 'é', '.'), minLength: 1, maxLength: 25 }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(texts, { minLength: 2, maxLength: 7 }), fc.nat(), async (chosen, pick) => {
          const rows = chosen.map((t, i) => [i % 3 ? 'Outlet A' : 'Outlet B', `Title ${i}`, `2020-01-0${(i % 9) + 1}`, `https://x.org/${i}`, `${i}: ${t}`]);
          const broken = pick % (rows.length - 1);
          const lines = rows.map((r, i) => {
            const line = Papa.unparse([r], { delimiter, newline: '\n', quotes: i === broken ? [false, false, false, false, true] : false });
            // The text's closing quotation mark left out.
            return i === broken ? line.slice(0, -1) : line;
          });
          const fine = await collect(file('fine.csv', exportCsv(rows, '\n')));
          const header = ['outlet', 'title', 'date', 'url', 'text'].join(delimiter);
          const { articles, problems } = await collect(file(`broken.${extension}`, `${header}\n${lines.join('\n')}\n`));
          expect(problems.filter((p) => p.code === 'C016')).toHaveLength(1);
          const named = new Set(problems.filter((p) => p.code === 'C017').map((p) => /Title (\d+)/.exec(p.message)?.[1]));
          for (const [i, r] of rows.entries()) {
            const read = articles.find((a) => a.title === r[1]);
            if (i === broken) expect(read).toBeUndefined();
            else if (read) expect({ ...read, origin: '' }).toEqual({ ...fine.articles.find((a) => a.title === r[1]), origin: '' });
            else expect(named.has(String(i)), `row ${i} neither read nor named`).toBe(true);
          }
        }),
        { numRuns: 150 },
      );
    });
  });

  it('reads an export saved gzipped (archive.csv.gz, news.jsonl.gz, a JSON list .json.gz) as it streams, as the export within, and names one damaged', async () => {
    const rows = [1, 2, 3].map(article);
    const csv = exportCsv(rows.map((r) => [r.outlet, r.title, r.date!, r.url!, r.text]));
    const plain = (await collect(file('plain.csv', csv))).articles.map((a) => [a.outlet, a.title, a.date, a.text]);
    for (const [name, text] of [['archive.csv.gz', csv], ['news.jsonl.gz', rows.map((r) => JSON.stringify(r)).join('\n')], ['list.json.gz', JSON.stringify(rows, null, 2)]] as const) {
      const { articles, problems } = await collect(file(name, gzipSync(Buffer.from(text))));
      expect([name, articles.map((a) => [a.outlet, a.title, a.date, a.text])]).toEqual([name, plain]);
      expect(problems).toEqual([]);
    }
    const damaged = file('cut.csv.gz', gzipSync(Buffer.from(csv.repeat(50))).subarray(0, 60));
    await expect(collect(damaged)).rejects.toThrow(`${damaged}: error C050: a compressed export or archive that cannot be decompressed (unexpected end of file)`);
  });

  it.each([
    ['\t', 'archive.tsv'],
    [',', 'archive.csv'],
  ])('reads an export R\'s write.table wrote with row names (%j): a header one name short, each row its number first (every row was "6 fields where the header has 5")', async (separator, name) => {
    const quote = (v: string) => `"${v}"`;
    const lines = [
      ['outlet', 'title', 'date', 'url', 'text'].map(quote).join(separator),
      ['1', 'Sur', 'Lima, Perú', '2023-01-11', 'u1', 'The regime fell.'].map(quote).join(separator),
      ['2', 'Sur', 'Cusco', '2023-01-12', 'u2', 'Two.'].map(quote).join(separator),
    ];
    const { articles, problems } = await collect(file(name, `${lines.join('\n')}\n`));
    expect(articles.map((a) => [a.outlet, a.title, a.date, a.url, a.text])).toEqual([
      ['Sur', 'Lima, Perú', '2023-01-11', 'u1', 'The regime fell.'],
      ['Sur', 'Cusco', '2023-01-12', 'u2', 'Two.'],
    ]);
    expect(problems).toEqual([]);
  });

  it('reads a program\'s mark for a missing value (R\'s NA, pandas\' NaN and NaT, None, null, #N/A) as no value, and a value written as a formula for Excel (="0042") as the value: a date "NA" was not a date, a text "NA" an article', async () => {
    const csv = file(
      'missing.csv',
      '"","outlet","title","date","url","text","author"\n"1","Sur","A",NA,NA,"The regime fell.",NaN\n"2","Sur","B","2023-01-12",None,NA,null\n"3","Sur","C",NaT,#N/A,"Second.","Ana"\n"4","Sur","D","=""2023-01-13""","=""0042""","Third.",""\n',
    );
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => [a.title, a.date, a.url, a.author])).toEqual([
      ['A', '', '', ''],
      ['C', '', '', 'Ana'],
      ['D', '2023-01-13', '0042', ''],
    ]);
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C004', `${csv}:record 2`]]);
  });

  it('reads a .tsv export as tab-separated, as R and many archives write it, commas and quotation marks in its text and all', async () => {
    const tsv = file('archive.tsv', 'outlet\ttitle\tdate\turl\ttext\nSur\tLima, Peru\t2024-01-01\tu1\tThe "regime", they said, fell.\nSur\tCusco\t2024-01-02\tu2\t"Two\tfields\nin one"\n');
    const { articles, problems } = await collect(tsv);
    expect(articles.map((a) => [a.title, a.text])).toEqual([['Lima, Peru', 'The "regime", they said, fell.'], ['Cusco', 'Two fields\nin one']]);
    expect(problems).toEqual([]);
  });

  it.each([
    ['semicolons (Excel where the decimal mark is a comma saves no other CSV)', ';'],
    ['tabs', '\t'],
  ])('reads a .csv export written with %s, its commas and quotation marks in text and all (every column was missing, then "save it with commas")', async (_, separator) => {
    const rows = [
      ['outlet', 'title', 'date', 'url', 'text'],
      ['Sur', 'Lima, Perú', '2024-01-01', 'u1', 'The "regime", they said, fell; 2,5% voted.'],
      ['Sur', 'Cusco', '2024-01-02', 'u2', `"Two${separator}fields\nin one"`],
    ];
    const csv = file('other.csv', `${rows.map((r) => r.join(separator)).join('\r\n')}\r\n`.replace('The "regime", they said, fell; 2,5% voted.', '"The ""regime"", they said, fell; 2,5% voted."'));
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => [a.title, a.text])).toEqual([['Lima, Perú', 'The "regime", they said, fell; 2,5% voted.'], ['Cusco', `Two${separator === ';' ? ';' : ' '}fields\nin one`]]);
    expect(problems).toEqual([]);
  });

  it.each([
    ['CSV', 'ansi.csv', 'outlet,title,date,url,text\nPerú Reports,T,2024-01-01,u,“Nicolás Maduro” — Bogotá’s\n', ':2'],
    ['JSONL', 'ansi.jsonl', '{"outlet":"Perú Reports","title":"T","date":null,"url":null,"text":"“Nicolás Maduro” — Bogotá’s"}\n', ':1'],
  ])('reads a %s export saved as Windows-1252 as such, with a warning naming the line', async (_, name, text, line) => {
    const bytes = Buffer.from(iconv.encode(text, 'win1252'));
    const { articles, problems } = await collect(file(name, bytes));
    expect(articles.map((a) => [a.outlet, a.text])).toEqual([['Perú Reports', '“Nicolás Maduro” — Bogotá’s']]);
    expect(problems.map((p) => [p.code, p.severity, p.place])).toEqual([['C021', 'warning', `${path.join(dir, name)}${line}`]]);
  });

  it.each([
    ['with its byte-order mark, as Excel\'s "Unicode" saves', '\uFEFF'],
    // It was read as Windows-1252, a NUL after each letter, and refused for missing columns ("it holds o u t l e t").
    ['without it, as some database tools and Windows scripts save', ''],
  ])('reads a CSV export saved as UTF-16 %s, without a warning', async (_, mark) => {
    const bytes = Buffer.from(`${mark}outlet,title,date,url,text\r\nPerú Reports,T,2024-01-01,u,“Nicolás Maduro” spoke.\r\n`, 'utf16le');
    const { articles, problems } = await collect(file('unicode.csv', bytes));
    expect(articles.map((a) => [a.outlet, a.text])).toEqual([['Perú Reports', '“Nicolás Maduro” spoke.']]);
    expect(problems).toEqual([]);
  });

  it.each<[string, string, string[][], string[][], string]>([
    [
      'HTML in its fields (tags, references)',
      'html.csv',
      [
        ['Outlet A', 'Peru&#8217;s <i>coup</i>', '2024-01-01', 'u1', '<p>The <b>dictator</b> Nicol&aacute;s Maduro spoke.</p><script>track()</script><p>Second&nbsp;paragraph.</p>'],
        ['Outlet A', 'Plain', '2024-01-02', 'u2', 'Prices rose as x < y and y > z.\nNext paragraph.'],
        ['Fox &amp; Friends', 'T', '2024-01-03', 'u3', 'Line one<br>Line two'],
      ],
      [
        ['Outlet A', 'Peru’s coup', 'The dictator Nicolás Maduro spoke.\nSecond paragraph.'],
        ['Outlet A', 'Plain', 'Prices rose as x < y and y > z.\nNext paragraph.'],
        ['Fox & Friends', 'T', 'Line one\nLine two'],
      ],
      'C023',
    ],
    [
      'Markdown in its texts, as scrapers write them, links by their words (an address stood between "de facto" and "government", and the stars and hashes stayed)',
      'markdown.csv',
      [
        ['Sur', 'T1', '2024-01-01', 'u1', '## Protests grow\n\nThe [de facto](https://sur.pe/a "Sur") government of **Dina Boluarte** fell.\n\n![A photo](https://sur.pe/p.jpg)\n\n* Crowds cheered.'],
        ['Sur', 'T2', '2024-01-02', 'u2', 'Plain text about #Peru, where 5 * 3 = 15 and **one** star pair.\nNext paragraph.'],
        ['Sur', 'T3', '2024-01-03', 'u3', 'The regime fell [1](#note-1).'],
      ],
      [
        ['Sur', 'T1', 'Protests grow\nThe de facto government of Dina Boluarte fell.\nCrowds cheered.'],
        ['Sur', 'T2', 'Plain text about #Peru, where 5 * 3 = 15 and **one** star pair.\nNext paragraph.'],
        ['Sur', 'T3', 'The regime fell 1.'],
      ],
      'C070',
    ],
  ])("reads %s as text, with one warning counting the articles that held it", async (_, name, rows, read, code) => {
    const csv = file(name, exportCsv(rows));
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => [a.outlet, a.title, a.text])).toEqual(read);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([[code, `${csv}:record 1`, expect.stringMatching(/^2 article\(s\) of this export/)]]);
  });

  it('reads a UTF-8 export with a stray byte as UTF-8, counting what it loses', async () => {
    const bytes = Buffer.concat([Buffer.from('outlet,title,date,url,text\nA,T1,,,Nicolás\nA,T2,,,caf'), Buffer.from([0xe9]), Buffer.from(' con leche\n')]);
    const { articles, problems } = await collect(file('stray.csv', bytes));
    expect(articles.map((a) => a.text)).toEqual(['Nicolás', 'caf\uFFFD con leche']);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([['C022', `${path.join(dir, 'stray.csv')}:3`, expect.stringMatching(/^1 character\(s\) are not UTF-8/)]]);
  });

  it('skips the same title and text from the same outlet under another id, naming the first; another outlet\'s copy is its own', async () => {
    const rows = [
      ['Outlet A', 'Protests grow', '2024-01-01', 'https://a.org/1', 'The regime cracked down.'],
      ['Outlet A', 'Protests grow', '2024-01-01', 'https://a.org/1?utm=x', 'The regime cracked down.'],
      ['Outlet B', 'Protests grow', '2024-01-01', 'https://b.org/1', 'The regime cracked down.'],
      ['Outlet A', 'Protests grow again', '2024-01-02', 'https://a.org/2', 'The regime cracked down.'],
    ];
    const csv = file('dups.csv', exportCsv(rows));
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => [a.outlet, a.title])).toEqual([['Outlet A', 'Protests grow'], ['Outlet B', 'Protests grow'], ['Outlet A', 'Protests grow again']]);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([['C024', `${csv}:record 2`, expect.stringContaining(`as ${csv}:record 1 `)]]);
  });

  it('ignores columns a spreadsheet kept after they were cleared, and papaparse says nothing of them', async () => {
    const warn = vi.spyOn(console, 'warn');
    const { articles, problems } = await collect(file('cleared.csv', 'outlet,title,date,url,text,,\r\nA,T,2024-01-01,u,The regime fell.,,\r\n'));
    expect(articles.map((a) => a.text)).toEqual(['The regime fell.']);
    expect(problems).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it.each([
    ['sep=,', 'outlet,title,date,url,text', ','],
    ['\uFEFFsep=,', 'outlet,title,date,url,text', ','],
    ['sep=;', 'outlet;title;date;url;text', ';'],
    ['sep=\t', 'outlet\ttitle\tdate\turl\ttext', '\t'],
  ])('reads past Excel\'s "%s" line above the header (it was taken for the header: every column missing)', async (line, header, separator) => {
    const csv = file('sep.csv', `${line}\r\n${header}\r\n${['A', 'T', '2024-01-01', 'u', '"The regime fell, again."'].join(separator)}\r\n`);
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => a.text)).toEqual(['The regime fell, again.']);
    expect(problems).toEqual([]);
  });

  it('names a column that comes twice, whichever case, and reads nothing rather than guess which is meant', async () => {
    const csv = file('twice.csv', 'outlet,title,date,url,text,Text\nA,T,2024-01-01,u,One.,Two.\n');
    const { articles, problems } = await collect(csv);
    expect(articles).toEqual([]);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([['C025', csv, 'column(s) named twice: text; rename or delete one of each']]);
  });

  it('names what --columns gave that an export does not hold (a misspelling), and lists what it holds, past fifteen names counting the rest', async () => {
    const csv = file('misspelt.csv', 'outlet,title,date,url,content\nSur,A,2023-01-11,u1,The regime fell.\n');
    const read = await collect(csv, { columns: { text: 'contnet' } });
    expect(read.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^missing column\(s\) text \(--columns text=contnet names what it does not hold; it holds outlet, title, date, url, content\); .*suggest --columns text=content\)$/)]);
    const wide = file('wide.csv', `${Array.from({ length: 20 }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: 20 }, () => 'x').join(',')}\n`);
    expect((await collect(wide)).problems[0]!.message).toContain('(it holds c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, and 5 more)');
  });

  it('says a date given as the day of an update is not the publication\'s, and another it cannot read is neither', async () => {
    const csv = file('updated.csv', exportCsv([['Sur', 'A', 'Updated: Jan 11, 2023', 'u1', 'One.'], ['Sur', 'B', 'yesterday', 'u2', 'Two.']]));
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => a.date)).toEqual(['', '']);
    expect(problems.map((p) => p.message)).toEqual([
      'date "Updated: Jan 11, 2023" is the day of an update, not of publication, and is kept empty; give the date the article was published',
      'date "yesterday" is not a date this tool can read; it is kept empty (write YYYY-MM-DD)',
    ]);
  });

  it('reads an export that names its fields otherwise through --columns, a mapped column winning over one of the field\'s own name', async () => {
    const csv = file('named.csv', 'media_name,headline,publish_date,link,body,text\nReuters,Peru protests,2023-01-11,https://r.com/1,The regime fell.,an old text\n');
    const columns = { outlet: 'media_name', title: 'headline', date: 'publish_date', url: 'link', text: 'body' };
    const read = await collect(csv, { columns });
    expect(read.articles.map((a) => [a.outlet, a.title, a.date, a.url, a.text])).toEqual([['Reuters', 'Peru protests', '2023-01-11', 'https://r.com/1', 'The regime fell.']]);
    expect(read.problems).toEqual([]);
    const missing = await collect(csv);
    expect(missing.problems.map((p) => [p.code, p.message])).toEqual([
      ['C006', expect.stringMatching(/^missing column\(s\) outlet,title,date,url \(it holds media_name, headline, publish_date, link, body, text\); .* \(this export's names suggest --columns outlet=media_name,title=headline,date=publish_date,url=link\)$/)],
    ]);
  });

  it('says which missing column no name of the export suggests (MediaCloud lists stories without their text)', async () => {
    const csv = file('mediacloud.csv', 'stories_id,publish_date,title,url,language,media_id,media_name\n1,2023-01-11 08:00:00,Peru protests,https://r.com/1,en,2,Reuters\n');
    const { problems } = await collect(csv);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/\(this export's names suggest --columns outlet=media_name,date=publish_date; none suggests text\)$/)]);
  });

  it('suggests the --columns an Event Registry (NewsAPI.ai) page needs, its outlet under source.title (none was suggested)', async () => {
    const result = { uri: '77', lang: 'spa', date: '2023-01-12', url: 'https://elcomercio.pe/a', title: 'Protestas', body: 'El régimen cayó.', source: { uri: 'elcomercio.pe', dataType: 'news', title: 'El Comercio' }, authors: [{ name: 'Redacción' }] };
    const json = file('event-registry.json', JSON.stringify({ articles: { results: [result], totalResults: 1, page: 1 } }));
    expect((await collect(json)).problems.map((p) => p.message)).toEqual([expect.stringMatching(/\(this export's names suggest --columns outlet=source\.title,text=body\)$/)]);
    const { articles } = await collect(json, { columns: { outlet: 'source.title', text: 'body', author: 'authors.name' } });
    expect(articles.map((a) => [a.outlet, a.date, a.author, a.text])).toEqual([['El Comercio', '2023-01-12', 'Redacción', 'El régimen cayó.']]);
  });

  it.each([
    ['schema.org NewsArticles (pages\' JSON-LD, Zyte)', { '@type': 'NewsArticle', headline: 'Protestas', datePublished: '2023-01-12T08:00:00-05:00', articleBody: 'El régimen cayó.', url: 'https://elcomercio.pe/a', publisher: { '@type': 'Organization', name: 'El Comercio' } }, 'outlet=publisher.name,title=headline,date=datepublished,text=articlebody'],
    ['Diffbot\'s articles', { type: 'article', title: 'Protestas', text: 'El régimen cayó.', date: 'Thu, 12 Jan 2023 08:00:00 GMT', siteName: 'El Comercio', pageUrl: 'https://elcomercio.pe/a' }, 'outlet=sitename,url=pageurl'],
    ['newspaper4k\'s articles', { url: 'https://elcomercio.pe/a', title: 'Protestas', publish_date: '2023-01-12', text: 'El régimen cayó.', meta_site_name: 'El Comercio', authors: ['Redacción'] }, 'outlet=meta_site_name,date=publish_date'],
  ])('suggests the --columns of %s (none or some only were suggested)', async (_, article, suggested) => {
    const jsonl = file('shapes.jsonl', `${JSON.stringify(article)}\n`);
    expect((await collect(jsonl)).problems.map((p) => p.message)).toEqual([expect.stringContaining(`(this export's names suggest --columns ${suggested})`)]);
    const columns = Object.fromEntries(suggested.split(',').map((pair) => pair.split('=')));
    const { articles, problems } = await collect(jsonl, { columns });
    expect(problems).toEqual([]);
    expect(articles.map((a) => [a.outlet, a.title, a.date, a.url, a.text])).toEqual([['El Comercio', 'Protestas', '2023-01-12', 'https://elcomercio.pe/a', 'El régimen cayó.']]);
  });

  it('names the column that holds the text of an article whose text column is empty (each was only "empty article", C004)', async () => {
    const csv = file('empty-text.csv', 'outlet,title,date,url,text,content\nSur,A,2023-01-01,https://s/1,,The regime fell.\nSur,B,2023-01-02,https://s/2,,\n');
    expect((await collect(csv)).problems.map((p) => [p.code, p.message])).toEqual([
      ['C004', 'empty article ("A"): its text is empty, but its content holds some; if that is the article, read it with --columns text=content'],
      ['C004', 'empty article ("B"); nothing left to score after cleaning'],
    ]);
    expect((await collect(csv, { columns: { text: 'content' } })).articles.map((a) => a.text)).toEqual(['The regime fell.']);
  });

  it('suggests the --columns a NewsAPI dump needs, from the names it gives its fields (the message gave only an example)', async () => {
    const jsonl = file('newsapi-raw.jsonl', '{"source":{"id":null,"name":"Reuters"},"author":"A","title":"T","url":"https://r.com/1","publishedAt":"2023-01-11T08:00:00Z","content":"The regime fell."}\n');
    const { problems } = await collect(jsonl);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^missing key\(s\) outlet,date,text \(it holds source\.id, source\.name, author, title, url, publishedat, content\); .*\(this export's names suggest --columns outlet=source\.name,date=publishedat,text=content\)$/)]);
    const { articles } = await collect(jsonl, { columns: { outlet: 'source.name', date: 'publishedat', text: 'content' } });
    expect(articles.map((a) => [a.outlet, a.date])).toEqual([['Reuters', '2023-01-11']]);
  });

  it('reads nested JSONL keys by their paths (NewsAPI\'s source.name)', async () => {
    const jsonl = file(
      'newsapi.jsonl',
      '{"source":{"id":null,"name":"Reuters"},"author":"A. Writer","title":"Peru protests","url":"https://r.com/1","publishedAt":"2023-01-11T08:00:00Z","content":"The regime fell."}\n',
    );
    const { articles, problems } = await collect(jsonl, { columns: { outlet: 'source.name', date: 'publishedat', text: 'content' } });
    expect(articles.map((a) => [a.outlet, a.author, a.date, a.text])).toEqual([['Reuters', 'A. Writer', '2023-01-11', 'The regime fell.']]);
    expect(problems).toEqual([]);
  });

  it('reads JSONL arrays as lists: a text\'s paragraphs, authors by name, objects in them by path (they read as "[object Object]")', async () => {
    const jsonl = file(
      'arrays.jsonl',
      [
        '{"outlet":"Sur","title":"Lima","date":"2023-01-11","url":"u1","text":["The regime fell.","Crowds cheered."],"author":["Ana Ruiz","Luis Paz"]}',
        '{"outlet":"Sur","title":"Cusco","date":"2023-01-12","url":"u2","text":"The dictator spoke.","byline":[{"name":"Ana Ruiz"},{"name":"Eva Sol","role":"photos"}]}',
        '{"outlet":"Sur","title":"Puno","date":{"$date":"2023-01-13"},"url":"u3","text":null}',
      ].join('\n'),
    );
    const { articles, problems } = await collect(jsonl, { columns: { author: 'byline.name' } });
    expect(articles.map((a) => [a.title, a.text, a.author])).toEqual([
      ['Lima', 'The regime fell.\nCrowds cheered.', ''],
      ['Cusco', 'The dictator spoke.', 'Ana Ruiz, Eva Sol'],
    ]);
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C019', `${jsonl}:3`]]);
    expect(problems[0]!.message).toMatch(/ say which is which with --columns \(this export's names suggest --columns date=date\.\$date\)$/);
    const plain = await collect(jsonl);
    expect(plain.articles[0]!.author).toBe('Ana Ruiz, Luis Paz');
  });

  it('lists ten messages of a kind and counts the rest in one, so that an export in an odd shape does not print one per row', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ['A', `T${i}`, 'someday', `u${i}`, `Text ${i}.`]);
    const csv = file('odd-dates.csv', exportCsv(rows));
    const { articles, problems } = await collect(csv);
    expect(articles).toHaveLength(25);
    expect(problems.slice(0, 10).map((p) => [p.code, p.place])).toEqual(rows.slice(0, 10).map((_, i) => ['C010', `${csv}:record ${i + 1}`]));
    expect(problems.slice(10)).toEqual([{ code: 'C010', severity: 'warning', place: csv, message: '15 more like the 10 above, not listed one by one', count: 15 }]);
  });

  it('leaves out a run of over 500 characters with no space, naming it, and reads the rest (wink-nlp took 49 s over one of 200,000)', async () => {
    const blob = 'iVBORw0KGgo'.repeat(2000);
    const url = `https://example.com/${'a'.repeat(480)}`;
    const csv = file(
      'blob.csv',
      exportCsv([
        ['A', 'Maduro speaks', '2024-01-01', 'u1', `The dictator spoke. ${blob} The regime fell.\n${url} stays.`],
        ['A', 'Only data', '2024-01-02', 'u2', '-'.repeat(600)],
      ]),
    );
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => a.text)).toEqual([`The dictator spoke. The regime fell.\n${url} stays.`]);
    expect(problems.map((p) => [p.code, p.place])).toEqual([
      ['C026', `${csv}:record 1`],
      ['C026', `${csv}:record 2`],
      ['C004', `${csv}:record 2`],
    ]);
    expect(problems[0]!.message).toBe(
      '1 run(s) of more than 500 characters with no space (the longest 22,000, "iVBORw0KGgoiVBORw0KGgoiV…"): data such as an embedded image or file, not prose; left out of the text, the rest of the article is read',
    );
  });

  it.each([
    ['an Excel workbook named otherwise', 'archive.csv', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26, 0), Buffer.from('[Content_Types].xml', 'latin1'), Buffer.alloc(200, 7), Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26, 0), Buffer.from('xl/workbook.xml', 'latin1')]), 'an Excel workbook (.xlsx); as an export, name it so (archive.xlsx), which is read sheet by sheet; as a lexicon, save the sheet as "CSV UTF-8"'],
    ['a zip of exports named as a CSV', 'archive.csv', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26, 0), Buffer.from('2023-01.csv', 'latin1'), Buffer.alloc(200, 7)]), 'a zip archive; name it as it is (archive.zip), which is read for the exports it holds'],
    ['an Excel 97-2003 workbook', 'archive.xls', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(200, 7), Buffer.from('Workbook', 'utf16le')]), 'an Excel 97-2003 workbook (.xls)'],
    ['a Word document (Nexis delivers its articles so)', 'nexis.docx', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26, 0), Buffer.from('[Content_Types].xml', 'latin1'), Buffer.alloc(300, 7), Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26, 0), Buffer.from('word/document.xml', 'latin1')]), 'a Word document (.docx): read as a captured page where a corpus folder\'s manifest.csv names it'],
    ['a Word 97-2003 document', 'nexis.doc', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(200, 7), Buffer.from('WordDocument', 'utf16le')]), 'a Word 97-2003 document (.doc)'],
    ['an RTF document (Factiva delivers its articles so)', 'factiva.rtf', Buffer.from('{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Peru\'s regime}', 'latin1'), "an RTF document, as Word, Nexis and Factiva save them: read as a captured page where a corpus folder's manifest.csv names it, or given with --outlet"],
    ['a gzipped export named without its .gz', 'archive.csv', Buffer.concat([Buffer.from('1f8b08', 'hex'), Buffer.alloc(200, 7)]), 'compressed with gzip; name it as it is (archive.csv.gz, news.jsonl.gz), which is read as it comes'],
    ['a Safari web archive', 'page.webarchive', Buffer.concat([Buffer.from('bplist00', 'latin1'), Buffer.alloc(40, 1), Buffer.from('WebMainResource', 'latin1')]), 'a Safari web archive (.webarchive)'],
    ['a screenshot', 'page.png', Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100, 7)]), 'an image (PNG)'],
    ['an XML file that is no feed', 'sitemap.xml', Buffer.from('\uFEFF<?xml version="1.0"?>\n<urlset><url><loc>https://sur.pe/1</loc></url></urlset>'), 'an XML file but no RSS or Atom feed'],
    ['a web page', 'page.csv', Buffer.from('<!DOCTYPE html>\n<html><body><p>The regime fell.</p></body></html>'), 'a web page (HTML); a captured page goes into a corpus folder'],
    ['a page clipped as Markdown (its front matter was read as a CSV header, "---")', 'page.md', Buffer.from('---\ntitle: "Peru"\n---\nThe regime fell.\n'), 'a page saved as Markdown; a captured page goes into a corpus folder'],
  ])('names %s given as an export, rather than call it text that is not UTF-8 with every column missing', async (_, name, bytes, what) => {
    const given = file(name, bytes);
    const { articles, problems } = await collect(given);
    expect(articles).toEqual([]);
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C028', given]]);
    expect(problems[0]!.message).toContain(what);
  });

  it('reads an outlet written otherwise only in case, accents, spacing or punctuation as the first spelling, warning once per spelling (one written with a hyphen was refused, its articles skipped); names in other scripts that share their Latin letters stay apart', async () => {
    const csv = file(
      'spellings.csv',
      exportCsv([
        ['BBC News', 'T1', '2024-01-01', 'u1', 'One.'],
        ['BBC news', 'T2', '2024-01-01', 'u2', 'Two.'],
        ['BBC news', 'T3', '2024-01-01', 'u3', 'Three.'],
        ['BBC Néws', 'T4', '2024-01-01', 'u4', 'Four.'],
        ['BBC-News.', 'T5', '2024-01-01', 'u5', 'Five.'],
        ['RT на русском', 'T6', '2024-01-01', 'u6', 'Six.'],
        ['RT на английском', 'T7', '2024-01-01', 'u7', 'Seven.'],
        ['RT НА РУССКОМ', 'T8', '2024-01-01', 'u8', 'Eight.'],
      ]),
    );
    const { articles, problems } = await collect(csv);
    expect(articles.slice(0, 5).map((a) => [a.title, a.outlet, a.outlet_slug])).toEqual([1, 2, 3, 4, 5].map((n) => [`T${n}`, 'BBC News', 'bbc-news']));
    const [russian, english, shouted] = articles.slice(5);
    expect([russian!.outlet, english!.outlet, shouted!.outlet]).toEqual(['RT на русском', 'RT на английском', 'RT на русском']);
    expect(russian!.outlet_slug).toMatch(/^rt-[0-9a-f]{8}$/);
    expect(new Set([russian!.outlet_slug, english!.outlet_slug, shouted!.outlet_slug]).size).toBe(2);
    expect(problems.map((p) => [p.code, p.place])).toEqual([
      ['C029', `${csv}:record 2`],
      ['C029', `${csv}:record 4`],
      ['C029', `${csv}:record 5`],
      ['C029', `${csv}:record 8`],
    ]);
    expect(problems[0]!.message).toBe(`outlet "BBC news" is read as "BBC News" (first written so at ${csv}:record 1): the same name but for case, accents, spacing or punctuation, so its articles are counted under that name`);
  });

  it('gives an outlet name too long for a file name a shortened slug, kept apart by a hash (the run stopped on ENAMETOOLONG writing its report)', async () => {
    const long = (end: string) => `The ${'Very '.repeat(70)}Long Outlet ${end}`;
    const csv = file('long-outlets.csv', exportCsv([[long('A'), 'T1', '2024-01-01', 'u1', 'One.'], [long('B'), 'T2', '2024-01-01', 'u2', 'Two.'], ['Sur', 'T3', '2024-01-01', 'u3', 'Three.']]));
    const slugs = (await collect(csv)).articles.map((a) => a.outlet_slug);
    expect(slugs[0]).toMatch(/^the-(very-)+v-[0-9a-f]{8}$/);
    expect(slugs.map((s) => s.length <= 89)).toEqual([true, true, true]);
    expect(new Set(slugs).size).toBe(3);
    expect(slugs[2]).toBe('sur');
    // Up to 80 characters, as the README says, a slug is kept whole (a mutant cutting it at 80 survived).
    expect(outletSlug('x'.repeat(80))).toBe('x'.repeat(80));
    expect(outletSlug('x'.repeat(81))).toMatch(/^x{80}-[0-9a-f]{8}$/);
  });

  it('gives an outlet whose slug Windows keeps for a device ("Con", "AUX", "Nul") a slug with a hash, so that its report can be written there', async () => {
    const csv = file('devices.csv', exportCsv([['Con', 'T1', '2024-01-01', 'u1', 'One.'], ['AUX', 'T2', '2024-01-01', 'u2', 'Two.'], ['Con Tacto', 'T3', '2024-01-01', 'u3', 'Three.']]));
    const slugs = (await collect(csv)).articles.map((a) => a.outlet_slug);
    expect(slugs.map((s) => s.replace(/-[0-9a-f]{8}$/, '-HASH'))).toEqual(['con-HASH', 'aux-HASH', 'con-tacto']);
  });

  it('takes out "_x000D_", a workbook\'s carriage return that openpyxl and pandas leave in the text (it glued "regime_x000D_" into one word)', async () => {
    const csv = file('from-xlsx.csv', exportCsv([['Sur', 'The regime_x000D_', '2023-01-01', 'u1', 'The regime fell._x000D_\nCrowds cheered.']]));
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => [a.title, a.text])).toEqual([['The regime', 'The regime fell.\nCrowds cheered.']]);
    expect(problems).toEqual([]);
  });

  it('reads Excel\'s text exports (.txt, tab-separated: "Unicode Text" in UTF-16, "Text (Tab delimited)" in Windows-1252), and names a .txt that is an article, not an export', async () => {
    const table = 'outlet\ttitle\tdate\turl\ttext\r\nPerú21\tLima, hoy\t2023-01-11\tu1\t"El régimen cayó, dijo."\r\n';
    const unicode = file('unicode-text.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(table, 'utf16le')]));
    const ansi = file('tab-delimited.txt', iconv.encode(table, 'win1252'));
    for (const given of [unicode, ansi]) {
      const { articles } = await collect(given);
      expect(articles.map((a) => [a.outlet, a.title, a.text])).toEqual([['Perú21', 'Lima, hoy', 'El régimen cayó, dijo.']]);
    }
    const page = file('article.txt', 'Peru protests\n\nThe regime fell, witnesses said.\n');
    const { problems } = await collect(page);
    expect(problems.map((p) => [p.code, p.message])).toEqual([['C028', expect.stringContaining('plain text; a captured page goes into a corpus folder')]]);
  });

  it('skips the header where it comes again as a row, as exports joined one after another repeat it (it read as an article of the outlet "outlet")', async () => {
    const csv = file('joined.csv', 'Outlet,Title,Date,URL,Body\nSur,T1,2023-01-01,u1,One.\nOutlet,Title,Date,URL,Body\nSur,T2,2023-01-02,u2,Two.\n');
    const { articles, problems } = await collect(csv, { columns: { text: 'body' } });
    expect(articles.map((a) => [a.outlet, a.title])).toEqual([['Sur', 'T1'], ['Sur', 'T2']]);
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C039', `${csv}:record 2`]]);
  });

  it('names a missing text column, with the name the export gives it, and reads nothing else', async () => {
    const { articles, problems } = await collect(file('cols.csv', 'outlet,title,body\nA,T,x\n'));
    expect(articles).toEqual([]);
    expect(problems.map((p) => [p.code, p.message])).toEqual([['C006', expect.stringMatching(/^missing column\(s\) text \(.*suggest --columns text=body\)$/)]]);
  });

  it('read an export without date and url columns, saying what that loses (C052; it was refused), each untitled article apart (two of one title and day were skipped as one id, C005)', async () => {
    const csv = file('texts.csv', 'outlet,title,text\nSur,,The regime fell.\nSur,,The dictator spoke.\nSur,Lima,The junta ruled.\nSur,Lima,The coup failed.\n');
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => [a.title, a.date, a.url, a.text])).toEqual([
      ['', '', '', 'The regime fell.'],
      ['', '', '', 'The dictator spoke.'],
      ['Lima', '', '', 'The junta ruled.'],
      ['Lima', '', '', 'The coup failed.'],
    ]);
    expect(new Set(articles.map((a) => a.article_id)).size).toBe(4);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([
      ['C052', csv, expect.stringMatching(/^no date, url column: its articles are undated .*; each article's id is made from its title and date; if the export holds one under another name/)],
    ]);
    // An id column leaves nothing for the url to do.
    const withIds = await collect(file('ids.csv', 'id,outlet,title,date,text\n1,Sur,,2023-01-11,The regime fell.\n'));
    expect([withIds.articles.map((a) => a.article_id), withIds.problems]).toEqual([['1'], []]);
    // One field lacking is "it", not "one".
    const dated = await collect(file('dated.csv', 'outlet,title,date,text\nSur,Lima,2023-01-11,The junta ruled.\n'));
    expect(dated.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^no url column: each article's id is made from its title and date; if the export holds it under another name, say which with --columns \(url=NAME\)$/)]);
  });

  it('reads JSONL, naming the line of a broken one', async () => {
    const jsonl = file(
      'ok.jsonl',
      '{"outlet":"A","title":"T1","date":"2021-05-01","url":"u1","text":"One."}\n' +
        '{"outlet":"A","title":"T2",\n' +
        '\n' +
        '{"outlet":"B","title":"T3","date":null,"url":"u3","text":"Three.","source":"AP"}\n',
    );
    const { articles, problems } = await collect(jsonl);
    expect(articles.map((a) => [a.outlet, a.title, a.source])).toEqual([['A', 'T1', ''], ['B', 'T3', 'AP']]);
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C011', `${jsonl}:2`]]);
  });

  it('reads a JSONL export that starts with a byte-order mark and ends its lines in CRLF, as Windows tools save it (its first line was lost)', async () => {
    const jsonl = file('bom.jsonl', '\uFEFF{"outlet":"A","title":"T1","date":"2021-05-01","url":"u1","text":"One."}\r\n{"outlet":"A","title":"T2","date":null,"url":"u2","text":"Two."}\r\n');
    const { articles, problems } = await collect(jsonl);
    expect(articles.map((a) => [a.title, a.text])).toEqual([['T1', 'One.'], ['T2', 'Two.']]);
    expect(problems).toEqual([]);
  });

  it('read a JSONL article without date and url keys, as JSON leaves out a key whose value is unknown, counting such articles in one warning (C053; each was skipped); name one without its text', async () => {
    const jsonl = file(
      'keys.jsonl',
      '{"outlet":"A","title":"T1","text":"One."}\n{"outlet":"A","title":"T2","date":null,"url":null,"text":"Two."}\n{"outlet":"A","text":"Three."}\n{"outlet":"A","title":"T4"}\n{"id":"a5","outlet":"A","title":"T5","date":"2023-01-11","text":"Five."}\n',
    );
    const { articles, problems } = await collect(jsonl);
    // T5 has an id, which makes its url moot: no warning for it.
    expect(articles.map((a) => [a.title, a.text])).toEqual([['T1', 'One.'], ['T2', 'Two.'], ['', 'Three.'], ['T5', 'Five.']]);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([
      ['C019', `${jsonl}:4`, expect.stringMatching(/^missing key\(s\) text \(it holds outlet, title\); .*needs the keys outlet and text/)],
      ['C053', `${jsonl}:1`, expect.stringMatching(/^2 article\(s\) of this export have no key for their title, date or url/)],
    ]);
  });
  const article = (n: number) => ({ outlet: 'Sur', title: `T${n}`, date: '2024-01-0' + n, url: `https://sur.pe/${n}`, text: `Text ${n}. The regime fell.` });

  it.each([
    ['a list written by Python\'s json.dump(indent=2)', 'list.json', JSON.stringify([1, 2, 3].map(article), null, 2), ['list.json:2:3', 'list.json:9:3', 'list.json:16:3']],
    ['a list on one line', 'line.json', JSON.stringify([1, 2, 3].map(article)), ['line.json:1:2', 'line.json:1:111', 'line.json:1:220']],
    ['a list of one item a line, as scrapy writes it', 'scrapy.json', `[\n${[1, 2, 3].map((n) => JSON.stringify(article(n))).join(',\n')}\n]\n`, ['scrapy.json:2:1', 'scrapy.json:3:1', 'scrapy.json:4:1']],
    ['two lists one after another, as exports joined with cat are', 'cat.json', `${JSON.stringify([1, 2].map(article))}\n${JSON.stringify([article(3)])}\n`, ['cat.json:1:2', 'cat.json:1:111', 'cat.json:2:2']],
    ['objects one after another, as jq writes them', 'jq.json', [1, 2, 3].map((n) => JSON.stringify(article(n), null, 2)).join('\n'), ['jq.json:1:1', 'jq.json:8:1', 'jq.json:15:1']],
  ])('reads a JSON document, %s, placing each article at its line and column (each line was "not valid JSON")', async (_, name, text, places) => {
    const given = file(name, text);
    const { articles, problems } = await collect(given);
    expect(problems).toEqual([]);
    expect(articles.map((a) => [a.title, a.date, a.text, a.origin])).toEqual(
      [1, 2, 3].map((n, i) => [`T${n}`, `2024-01-0${n}`, `Text ${n}. The regime fell.`, path.join(dir, places[i]!)]),
    );
  });

  it('reads the articles of an API\'s page of results (NewsAPI\'s {"status": "ok", "articles": [...]}), saved as JSON or one page a line', async () => {
    const page = (from: number) => ({
      status: 'ok',
      totalResults: 4,
      tags: ['peru'],
      articles: [from, from + 1].map((n) => ({ source: { id: null, name: 'Reuters' }, title: `T${n}`, url: `https://r.com/${n}`, publishedAt: `2023-01-1${n}T08:00:00Z`, content: `Text ${n}.` })),
    });
    const columns = { columns: { outlet: 'source.name', date: 'publishedat', text: 'content' } };
    const json = file('newsapi.json', JSON.stringify(page(1), null, 2));
    const document = await collect(json, columns);
    expect(document.problems).toEqual([]);
    expect(document.articles.map((a) => [a.outlet, a.title, a.date, a.origin])).toEqual([
      ['Reuters', 'T1', '2023-01-11', `${json}:1:1, articles item 1`],
      ['Reuters', 'T2', '2023-01-12', `${json}:1:1, articles item 2`],
    ]);
    const jsonl = file('pages.jsonl', `${JSON.stringify(page(1))}\n${JSON.stringify(page(3))}\n`);
    const pages = await collect(jsonl, columns);
    expect(pages.problems).toEqual([]);
    expect(pages.articles.map((a) => [a.title, a.origin])).toEqual([
      ['T1', `${jsonl}:1, articles item 1`],
      ['T2', `${jsonl}:1, articles item 2`],
      ['T3', `${jsonl}:2, articles item 1`],
      ['T4', `${jsonl}:2, articles item 2`],
    ]);
  });

  it('looks for the lists of a JSON object held whole as deep as in one read in pieces, and no deeper: two objects below the top, not three (a mutant looking one deeper survived)', async () => {
    const article = { outlet: 'Sur', title: 'T', date: '2023-01-10', url: 'https://sur.pe/1', text: 'The regime fell.' };
    const two = file('two-deep.json', JSON.stringify({ a: { b: { articles: [article] } } }));
    expect((await collect(two)).articles.map((a) => a.origin)).toEqual([`${two}:1, a.b.articles item 1`]);
    const three = file('three-deep.json', JSON.stringify({ a: { b: { c: { articles: [article] } } } }));
    const read = await collect(three);
    expect([read.articles, read.problems.map((p) => p.code)]).toEqual([[], ['C019']]);
  });

  it('reads a page of the Guardian\'s API, its list two objects deep, with --outlet for an export of one newspaper (it had neither a list at its top nor an outlet)', async () => {
    const result = (n: number) => ({
      id: `world/2023/jan/1${n}/peru-protests`,
      type: 'article',
      webPublicationDate: `2023-01-1${n}T18:00:00Z`,
      webTitle: `Peru protests ${n}`,
      webUrl: `https://www.theguardian.com/world/2023/jan/1${n}/peru-protests`,
      fields: { bodyText: `The regime fell, day ${n}.` },
    });
    const json = file('guardian.json', JSON.stringify({ response: { status: 'ok', total: 2, pageSize: 2, results: [result(1), result(2)] } }));
    const reading = { outlet: 'The Guardian', columns: { title: 'webtitle', date: 'webpublicationdate', url: 'weburl', text: 'fields.bodytext' } };
    const { articles, problems } = await collect(json, reading);
    expect(problems).toEqual([]);
    expect(articles.map((a) => [a.outlet, a.article_id, a.title, a.date, a.text, a.origin])).toEqual([
      ['The Guardian', 'world/2023/jan/11/peru-protests', 'Peru protests 1', '2023-01-11', 'The regime fell, day 1.', `${json}:1, response.results item 1`],
      ['The Guardian', 'world/2023/jan/12/peru-protests', 'Peru protests 2', '2023-01-12', 'The regime fell, day 2.', `${json}:1, response.results item 2`],
    ]);
    const unnamed = await collect(json, { columns: reading.columns });
    expect(unnamed.problems.map((p) => [p.code, p.message])).toEqual([
      ['C019', expect.stringMatching(/^missing key\(s\) outlet \(it holds id, type, webpublicationdate, webtitle, weburl, fields\.bodytext\); /)],
      ['C019', expect.stringMatching(/^missing key\(s\) outlet \(it holds /)],
    ]);
  });

  it('suggests text=maintext for news-please\'s articles, their "text" null (it suggested outlet and date alone, and with those every article was empty, C004)', async () => {
    const article = (n: number) => ({
      authors: [], date_publish: `2023-01-1${n} 08:00:00`, language: 'es', maintext: `El régimen de facto reprimió a los manifestantes, día ${n}.`,
      source_domain: 'larepublica.pe', text: null, title: `Represión ${n}`, url: `https://larepublica.pe/${n}`,
    });
    const folder = path.join(dir, 'news-please', '2023', '01');
    mkdirSync(folder, { recursive: true });
    for (const n of [1, 2]) writeFileSync(path.join(folder, `${n}.json`), JSON.stringify(article(n), null, 4));
    const corpus = path.join(dir, 'news-please');
    const unnamed = await collect(corpus);
    expect(unnamed.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^missing key\(s\) outlet,date,text \(text null; it holds authors, date_publish, language, maintext, .*this export's names suggest --columns outlet=source_domain,date=date_publish,text=maintext\)$/),
      expect.stringMatching(/^missing key\(s\) outlet,date,text \(text null; /),
    ]);
    const named = await collect(corpus, { columns: { outlet: 'source_domain', date: 'date_publish', text: 'maintext' } });
    expect(named.problems).toEqual([]);
    expect(named.articles.map((a) => [a.outlet, a.date, a.text])).toEqual([1, 2].map((n) => ['larepublica.pe', `2023-01-1${n}`, article(n).maintext]));
  });

  it('suggests outlet=source-hostname,url=source for trafilatura\'s JSON, whose "source" is the article\'s address (it suggested outlet=source: each article an outlet of its own), and reads "source" as the url alone', async () => {
    const article = (n: number) => ({
      title: `Protests ${n}`, author: 'Dan Collyns', hostname: 'theguardian.com', date: `2023-01-1${n}`, id: null, raw_text: `The regime fell, day ${n}.`,
      text: `The regime fell, day ${n}.`, language: 'en', source: `https://www.theguardian.com/world/2023/jan/1${n}/peru`, 'source-hostname': 'The Guardian', excerpt: 'Peru',
    });
    const jsonl = file('trafilatura.jsonl', [1, 2].map((n) => JSON.stringify(article(n))).join('\n'));
    expect((await collect(jsonl)).problems.map((p) => p.message)).toEqual([1, 2].map(() => expect.stringMatching(/^missing key\(s\) outlet,url .*suggest --columns outlet=source-hostname,url=source\)$/)));
    const named = await collect(jsonl, { columns: { outlet: 'source-hostname', url: 'source' } });
    expect(named.problems).toEqual([]);
    expect(named.articles.map((a) => [a.outlet, a.url, a.source])).toEqual([1, 2].map((n) => ['The Guardian', article(n).source, '']));
  });

  it('gives the --outlet to every row of a CSV export without an outlet column, and to rows whose outlet is empty', async () => {
    const none = file('one-paper.csv', 'title,date,url,text\nT1,2023-01-11,u1,One.\n');
    expect((await collect(none, { outlet: 'El Comercio' })).articles.map((a) => [a.outlet, a.outlet_slug])).toEqual([['El Comercio', 'el-comercio']]);
    expect((await collect(none)).problems.map((p) => [p.code, p.message])).toEqual([['C006', expect.stringMatching(/\(e\.g\. --columns .*; for an export of one outlet, give it with --outlet NAME\)$/)]]);
    const gaps = file('gaps.csv', exportCsv([['La República', 'T1', '2023-01-11', 'u1', 'One.'], ['', 'T2', '2023-01-12', 'u2', 'Two.']]));
    expect((await collect(gaps, { outlet: 'El Comercio' })).articles.map((a) => a.outlet)).toEqual(['La República', 'El Comercio']);
    // A quotation mark left open swallows the next row, read back by its web address alone (the run stopped on reading its outlet).
    const open = file('open-quote.csv', 'title,date,url,text\nT1,2023-01-11,https://x.pe/1,"One, unclosed.\nT2,2023-01-12,https://x.pe/2,Two.\n');
    const read = await collect(open, { outlet: 'El Comercio' });
    expect(read.articles.map((a) => [a.outlet, a.title])).toEqual([['El Comercio', 'T2']]);
    expect(read.problems.map((p) => p.code)).toEqual(['C016', 'C018']);
  });

  it('reads a saved RSS or Atom feed, its items the articles, their full content where the feed gives it, naming the items that give only a summary', async () => {
    const rss = file(
      'la-republica.xml',
      `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>La República</title><link>https://larepublica.pe</link>
<item><title>Peru &amp; the regime</title><link>https://larepublica.pe/1</link><pubDate>Wed, 11 Jan 2023 08:30:00 +0000</pubDate><dc:creator><![CDATA[Ana Ruiz]]></dc:creator><description><![CDATA[<p>Summary.</p>]]></description><content:encoded><![CDATA[<p>The coup regime fell.</p><p>Crowds cheered.</p>]]></content:encoded></item>
<item><title>2023</title><link>https://larepublica.pe/2</link><pubDate>Thu, 12 Jan 2023 08:30:00 +0000</pubDate><description>Just a &lt;b&gt;summary&lt;/b&gt;.</description></item>
</channel></rss>`,
    );
    const read = await collect(rss);
    expect(read.articles.map((a) => [a.outlet, a.title, a.date, a.url, a.author, a.text, a.origin])).toEqual([
      ['La República', 'Peru & the regime', '2023-01-11', 'https://larepublica.pe/1', 'Ana Ruiz', 'The coup regime fell.\nCrowds cheered.', `${rss}:item 1`],
      ['La República', '2023', '2023-01-12', 'https://larepublica.pe/2', '', 'Just a summary.', `${rss}:item 2`],
    ]);
    expect(read.problems.map((p) => [p.code, p.place, p.message])).toEqual([
      ['C037', rss, "1 of this feed's 2 item(s) give only a summary (its description), not the article's text: their counts cover the summary alone"],
    ]);
    const atom = file(
      'sur.atom',
      '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Sur</title><entry><title type="html">A &amp; B</title><link rel="self" href="https://sur.pe/api/1"/><link rel="alternate" href="https://sur.pe/1"/><published>2023-01-11T08:00:00Z</published><author><name>Luis Paz</name></author><content type="html">&lt;p&gt;The regime fell.&lt;/p&gt;</content></entry></feed>',
    );
    const atomRead = await collect(atom, { outlet: 'Diario Sur' });
    expect(atomRead.articles.map((a) => [a.outlet, a.title, a.date, a.url, a.author, a.text])).toEqual([['Diario Sur', 'A & B', '2023-01-11', 'https://sur.pe/1', 'Luis Paz', 'The regime fell.']]);
    const empty = file('empty.rss', '<?xml version="1.0"?><rss version="2.0"></rss>');
    expect((await collect(empty)).problems.map((p) => [p.code, p.message])).toEqual([['C038', expect.stringMatching(/^the feed cannot be read \(no RSS channel or Atom feed in it\)/)]]);
  });

  it.each([
    ['UTF-16 LE', (xml: string) => Buffer.from(`\uFEFF${xml}`, 'utf16le')],
    ['UTF-16 BE', (xml: string) => Buffer.from(`\uFEFF${xml}`, 'utf16le').swap16()],
  ])('reads a feed saved as %s with its byte-order mark, as Windows tools save XML (it was read as CSV, every column missing)', async (_, encode) => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?>\r\n<rss version="2.0"><channel><title>La República</title><item><title>Perú</title><link>https://larepublica.pe/1</link><pubDate>Wed, 11 Jan 2023 08:30:00 +0000</pubDate><description>El régimen cayó.</description></item></channel></rss>';
    const read = await collect(file('feed.xml', encode(xml)));
    expect(read.articles.map((a) => [a.outlet, a.title, a.date, a.text])).toEqual([['La República', 'Perú', '2023-01-11', 'El régimen cayó.']]);
    expect(read.problems.map((p) => p.code)).toEqual(['C037']);
  });

  it('reads an RSS 1.0 (RDF) feed, whose items sit beside its channel (it was named as XML that is no feed)', async () => {
    const rdf = file(
      'slashdot.rdf',
      `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel rdf:about="https://sur.pe/"><title>Sur</title><link>https://sur.pe/</link><items><rdf:Seq><rdf:li rdf:resource="https://sur.pe/1"/></rdf:Seq></items></channel>
<item rdf:about="https://sur.pe/1"><title>Peru</title><link>https://sur.pe/1</link><dc:date>2023-01-11T08:30:00Z</dc:date><dc:creator>Ana Ruiz</dc:creator><content:encoded><![CDATA[<p>The regime fell.</p>]]></content:encoded></item>
</rdf:RDF>`,
    );
    const read = await collect(rdf);
    expect(read.articles.map((a) => [a.outlet, a.title, a.date, a.url, a.author, a.text])).toEqual([['Sur', 'Peru', '2023-01-11', 'https://sur.pe/1', 'Ana Ruiz', 'The regime fell.']]);
    expect(read.problems).toEqual([]);
  });

  it.each([
    ['The Guardian', 'guardian'],
    ['theguardian.com', 'guardian'],
    ['https://www.theguardian.com/', 'guardian'],
    ['guardian.co.uk', 'guardian'],
    ['elcomercio.pe', 'elcomercio'],
    ['Fox News.', 'foxnews'],
    ['Fox Business', 'foxbusiness'],
    ['CNN (Web News)', 'cnnwebnews'],
    ['The', 'the'],
  ])('outletKey(%s) is %s', (name, key) => expect(outletKey(name)).toBe(key));

  describe('a zip archive of exports, as data sets are downloaded (it was refused: "unzip it")', () => {
    const row = (n: number) => ['Sur', `T${n}`, '2023-01-1' + n, `https://sur.pe/${n}`, `The regime fell, ${n}.`];
    it('read the exports in it in name order, gzipped ones too, each named by its path inside; notes, folders and what macOS adds passed over, anything else named (C058)', async () => {
      const zip = path.join(tempDir(), 'archive.zip');
      const files = {
        '2023/02.jsonl.gz': gzipSync(`${JSON.stringify({ outlet: 'Sur', title: 'T3', date: '2023-02-01', url: 'https://sur.pe/3', text: 'The junta ruled.' })}\n`),
        '2023/01.csv': exportCsv([row(1), row(2)]),
        'README.md': '# A data set\n',
        '__MACOSX/2023/._01.csv': 'resource fork',
        'codebook.pdf': '%PDF-1.4',
      };
      await writeZip(zip, files);
      const { articles, problems } = await collect(zip);
      expect(articles.map((a) => [a.title, a.origin])).toEqual([
        ['T1', `${zip}/2023/01.csv:record 1`],
        ['T2', `${zip}/2023/01.csv:record 2`],
        ['T3', `${zip}/2023/02.jsonl.gz:1`],
      ]);
      expect(problems.map((p) => [p.code, p.place])).toEqual([['C058', `${zip}/codebook.pdf`]]);
      // The progress bar's measure: the files' sizes unpacked, not the archive's.
      const unpacked = Object.entries(files).filter(([name]) => !name.startsWith('__MACOSX')).reduce((n, [, content]) => n + Buffer.byteLength(content), 0);
      expect(await corpusSize(zip)).toBe(unpacked);
    });

    /** The bundled corpus folder zipped, as "corpus/..." inside. */
    async function zippedCorpus(): Promise<string> {
      const files: Record<string, Buffer> = {};
      for (const name of readdirSync(path.join(ROOT, 'corpus'), { recursive: true }) as string[]) {
        if (statSync(path.join(ROOT, 'corpus', name)).isFile()) files[`corpus/${name.split(path.sep).join('/')}`] = readFileSync(path.join(ROOT, 'corpus', name));
      }
      const zip = path.join(tempDir(), 'corpus.zip');
      await writeZip(zip, files);
      return zip;
    }

    it('read a zipped corpus folder as the folder itself, each place named by its path in the archive (it was refused, C059: "unzip it"); --outlet refused as for the folder', async () => {
      const zip = await zippedCorpus();
      const bundled = await collect(path.join(ROOT, 'corpus'));
      const zipped = await collect(zip);
      const inZip = (text: string) => text.split(path.join(ROOT, 'corpus')).join(path.join(zip, 'corpus'));
      expect(zipped.articles).toEqual(bundled.articles.map((a) => ({ ...a, origin: inZip(a.origin) })));
      expect(zipped.articles[13]!.origin).toBe(`${zip}/corpus/004_a8d5d5fd07ea67f5.txt#10`);
      expect(zipped.problems).toEqual(bundled.problems.map((p) => ({ ...p, place: inZip(p.place), message: inZip(p.message) })));
      await expect(collect(zip, { outlet: 'Sur' })).rejects.toThrow(`--outlet names the outlet of an export's articles, but ${zip} is a corpus folder`);
    });

    it('name a manifest row whose file is a zipped corpus folder (C065) and read the other rows (the run stopped, blaming an --outlet nobody gave)', async () => {
      const outer = tempDir();
      renameSync(await zippedCorpus(), path.join(outer, 'peru.zip'));
      writeFileSync(path.join(outer, 'manifest.csv'), 'file,outlet,rules\nperu.zip,Zipped,\nsur.txt,El Sur,\n');
      writeFileSync(path.join(outer, 'sur.txt'), 'Lima\n\nThe regime fell.\n');
      const { articles, problems } = await collect(outer);
      expect(articles.map((a) => [a.outlet, a.title])).toEqual([['El Sur', 'Lima']]);
      expect(problems.map((p) => [p.code, p.severity, p.place])).toEqual([['C065', 'error', `${path.join(outer, 'manifest.csv')}:2`]]);
      expect(problems[0]!.message).toContain('it holds corpus/manifest.csv');
    });

    it("read a zip of one outlet's saved pages given with --outlet (Nexis delivers its Word documents so) as the folder of them, with --rules; without --outlet, each page named (C058)", async () => {
      const dir = tempDir();
      const docx = (name: string, publication: string, title: string) => writeDocx(path.join(dir, name), [title, publication, 'January 12, 2023 Thursday', 'Body', 'The de facto government blamed the protesters.', 'End of Document']);
      await docx('a.docx', 'The Guardian (London)', "Peru's coup regime cracks down");
      await docx('b.docx', 'Lima Weekly', 'Lima on edge');
      const zip = path.join(tempDir(), 'Files (2).zip');
      await writeZip(zip, { 'a.docx': readFileSync(path.join(dir, 'a.docx')), 'b.docx': readFileSync(path.join(dir, 'b.docx')), '__MACOSX/._a.docx': 'fork' });
      const rules = path.join(dir, 'nexis.yaml');
      writeFileSync(rules, ["split: '^End of Document$'", "furniture: '^Body$'", 'byline:', "  - '^(?<date>[A-Z][a-z]+ \\d{1,2}, \\d{4}) [A-Z][a-z]+day$'", "  - '^(?<outlet>The Guardian)(?: \\(.+\\))?$'"].join('\n'));
      const { articles, problems } = await collect(zip, { outlet: 'Nexis other', rules });
      expect(articles.map((a) => [a.outlet, a.title, a.date, a.origin])).toEqual([
        ['The Guardian', "Peru's coup regime cracks down", '2023-01-12', `${zip}/a.docx`],
        ['Nexis other', 'Lima on edge', '2023-01-12', `${zip}/b.docx`],
      ]);
      expect(problems).toEqual([]);
      expect((await collect(zip)).problems.map((p) => [p.code, p.place])).toEqual([['C058', `${zip}/a.docx`], ['C058', `${zip}/b.docx`]]);
    });

    it('keep a zipped corpus folder unzipped only while it is read, as one of the unfinished files that a run Ctrl-C stops removes too', async () => {
      const items = ingest(await zippedCorpus());
      await items.next();
      const unzipped = [...unfinishedFiles].filter((file) => path.basename(file).startsWith('framing-zip-'));
      expect(unzipped).toHaveLength(1);
      expect(existsSync(path.join(unzipped[0]!, 'corpus', 'manifest.csv'))).toBe(true);
      await items.return(undefined);
      expect(existsSync(unzipped[0]!)).toBe(false);
      expect(unfinishedFiles.has(unzipped[0]!)).toBe(false);
      // What main.ts calls on a signal removes a folder with what it holds, as it removes a file.
      const folder = path.join(tempDir(), 'held');
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'page.txt'), 'T\n\nText.\n');
      unfinishedFiles.add(folder);
      removeUnfinishedFiles();
      expect(existsSync(folder)).toBe(false);
    });

    it('read a workbook in a zip archive, each sheet named by its path inside (it was named and left, C058); a damaged one stops the run (C060)', async () => {
      const dir = tempDir();
      const book = path.join(dir, '2023.xlsx');
      await writeXlsx(book, { Peru: [['outlet', 'title', 'date', 'url', 'text'], ['El Sur', 'Lima', { day: 44937 }, 'https://sur.pe/1', 'The regime fell.']] });
      const zip = path.join(dir, 'archive.zip');
      await writeZip(zip, { '2023.xlsx': readFileSync(book), '2024.csv': exportCsv([row(4)]) });
      const { articles, problems } = await collect(zip);
      expect(articles.map((a) => [a.title, a.date, a.origin])).toEqual([
        ['Lima', '2023-01-11', `${zip}/2023.xlsx/Peru:record 1`],
        ['T4', '2023-01-14', `${zip}/2024.csv:record 1`],
      ]);
      expect(problems).toEqual([]);
      const damaged = path.join(dir, 'damaged.zip');
      await writeZip(damaged, { 'book.xlsx': readFileSync(book).subarray(0, 100) });
      await expect(collect(damaged)).rejects.toThrow(`${damaged}/book.xlsx: error C060: a workbook that cannot be read`);
    });

    it('read a zip beside exports in a folder of them; stop at an archive of several corpus folders (C059) and at a damaged archive (C050)', async () => {
      const dir = tempDir();
      writeFileSync(path.join(dir, '2023-01.csv'), exportCsv([row(1)]));
      await writeZip(path.join(dir, '2023-02.zip'), { 'sur.csv': exportCsv([row(2)]) });
      expect((await collect(dir)).articles.map((a) => a.title)).toEqual(['T1', 'T2']);
      const zipped = path.join(tempDir(), 'corpora.zip');
      await writeZip(zipped, { 'sur/manifest.csv': 'file,outlet,rules\n', 'norte/manifest.csv': 'file,outlet,rules\n', 'sur/a.txt': 'T\n\nText.\n' });
      await expect(collect(zipped)).rejects.toThrow(`${zipped}: error C059: an archive of several corpus folders (it holds norte/manifest.csv, sur/manifest.csv): unzip it`);
      const cut = path.join(tempDir(), 'cut.zip');
      writeFileSync(cut, readFileSync(path.join(dir, '2023-02.zip')).subarray(0, 60));
      await expect(collect(cut)).rejects.toThrow(/cut\.zip: error C050: a compressed export or archive that cannot be decompressed \(.+\)/);
    });
  });

  it('read a workbook (.xlsx), as articles collected by hand are kept, each sheet as a CSV export, its dates as days (it was told to be saved as CSV); an empty sheet passed over, one of something else named (C006), one damaged stopping the run (C060)', async () => {
    const dir = tempDir();
    const book = path.join(dir, 'articles.xlsx');
    await writeXlsx(book, {
      Peru: [['Outlet', 'Title', 'Date', 'URL', 'Text'], ['El Sur', 'Lima', { day: 44937 }, 'https://sur.pe/1', 'The regime fell.\nCrowds cheered.'], ['El Sur', 'Cusco', '12/01/2023', 'https://sur.pe/2', 'The junta ruled.']],
      Venezuela: [['outlet', 'title', 'date', 'url', 'text'], ['El Norte', 'Caracas', { day: 45502 }, 'https://norte.ve/1', 'The dictator spoke.']],
      Codebook: [['variable', 'meaning'], ['outlet', 'who published it']],
      Sheet4: [],
    });
    const { articles, problems } = await collect(book, { dayFirst: true });
    expect(articles.map((a) => [a.outlet, a.title, a.date, a.text, a.origin])).toEqual([
      ['El Sur', 'Lima', '2023-01-11', 'The regime fell.\nCrowds cheered.', `${book}/Peru:record 1`],
      ['El Sur', 'Cusco', '2023-01-12', 'The junta ruled.', `${book}/Peru:record 2`],
      ['El Norte', 'Caracas', '2024-07-29', 'The dictator spoke.', `${book}/Venezuela:record 1`],
    ]);
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C006', `${book}/Codebook`]]);
    expect(await corpusSize(book)).toBeGreaterThan(0);
    writeFileSync(path.join(dir, 'notes.xlsx'), 'not a workbook');
    await expect(collect(path.join(dir, 'notes.xlsx'))).rejects.toThrow(/notes\.xlsx: error C060: a workbook that cannot be read/);
  });

  it('names a corpus with an outlet for nearly every article (a column of authors or titles read as the outlet), and not one with many outlets of several articles each', async () => {
    const byAuthor = file('authors.csv', exportCsv(Array.from({ length: 60 }, (_, i) => [`Author ${i}`, `T${i}`, '2023-01-11', `u${i}`, `Text ${i}.`])));
    const { problems } = await collect(byAuthor);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([['C049', byAuthor, expect.stringMatching(/^60 outlets for 60 articles \("Author 0", "Author 1", "Author 2", …\): most outlets have one article/)]]);
    const many = file('many.csv', exportCsv(Array.from({ length: 180 }, (_, i) => [`Outlet ${i % 60}`, `T${i}`, '2023-01-11', `u${i}`, `Text ${i}.`])));
    expect((await collect(many)).problems).toEqual([]);
  });

  it('names outlets that look like one written several ways ("The Guardian", "theguardian.com"), which split its numbers, and counts them apart as written', async () => {
    const outlets = ['The Guardian', 'Guardian', 'The Guardian', 'theguardian.com', 'Fox News', 'Fox Business', 'El Comercio', 'elcomercio.pe'];
    const csv = file('lookalike.csv', exportCsv(outlets.map((outlet, i) => [outlet, `T${i}`, '2023-01-11', `u${i}`, `Text ${i}.`])));
    const { articles, problems } = await collect(csv);
    expect(new Set(articles.map((a) => a.outlet)).size).toBe(7);
    expect(problems.map((p) => [p.code, p.severity, p.place, p.message])).toEqual([
      ['C040', 'warning', csv, expect.stringMatching(/^outlets "El Comercio" \(1 article\(s\)\), "elcomercio.pe" \(1 article\(s\)\) look like one outlet written 2 ways/)],
      ['C040', 'warning', csv, expect.stringMatching(/^outlets "The Guardian" \(2 article\(s\)\), "Guardian" \(1 article\(s\)\), "theguardian.com" \(1 article\(s\)\) look like one outlet written 3 ways/)],
    ]);
  });

  it('count outlets written several ways as the one an --outlet-names file names (they were counted apart, their numbers split; C040 told to edit the export), their ids made from the outlet counted', async () => {
    const outlets = ['The Guardian', 'Guardian', 'theguardian.com', 'New York Times - News', 'Fox News'];
    const csv = file('renamed.csv', exportCsv(outlets.map((outlet, i) => [outlet, `T${i}`, '2023-01-11', `https://x.org/${i}`, `Text ${i}.`])));
    const names = file('outlet-names.csv', '# How the archive writes them\nname;outlet;note\nguardian;The Guardian;\ntheguardian.com;The Guardian;its web address\nNew York Times - News;New York Times;\n');
    const { articles, problems } = await collect(csv, { outletNames: names });
    expect(articles.map((a) => [a.outlet, a.outlet_slug])).toEqual([
      ['The Guardian', 'the-guardian'],
      ['The Guardian', 'the-guardian'],
      ['The Guardian', 'the-guardian'],
      ['New York Times', 'new-york-times'],
      ['Fox News', 'fox-news'],
    ]);
    const urlHash = (i: number) => createHash('sha1').update(`https://x.org/${i}`).digest('hex').slice(0, 10);
    expect(articles.map((a) => a.article_id)).toEqual(articles.map((a, i) => `${a.outlet_slug}-${urlHash(i)}`));
    expect(problems).toEqual([]);
    const unnamed = await collect(csv);
    expect(unnamed.problems.map((p) => p.code)).toEqual(['C040']);
  });

  it.each([
    ['outlet\nGuardian\n', 'C055', 'x.csv', 'a file of outlet names needs the columns name,outlet (the name as the corpus writes it, and the outlet to count it as); found: outlet'],
    ['name,outlet\nGuardian,\n', 'C056', 'x.csv:2', 'empty outlet; fill it in or delete the row'],
    ['name,outlet\nGuardian,The Guardian\n# a comment\nGUARDIAN,Guardian Weekly\n', 'C057', 'x.csv:4', '"GUARDIAN" is already counted as "The Guardian" (line 2); a name goes to one outlet only: delete one of the rows'],
    ['name,outlet\n"Guardian,The Guardian\n', 'C054', 'x.csv:2:1', expect.stringMatching(/^a quotation mark left open \(the field runs to the end of the file\)/)],
    ['name,outlet\nGuardian,"The Guardian\ntheguardian.com,The Guardian\nBBC",BBC News\n', 'C054', 'x.csv:2', expect.stringMatching(/^a quotation mark left open \(the field runs on over 3 lines, rows of their own\)/)],
  ])('refuse an --outlet-names file %j, naming the line (%s)', (text, code, place, message) => {
    expect(parseOutletNames(text, 'x.csv').problems.map((p) => [p.code, p.place, p.message])).toEqual([[code, place, message]]);
  });

  it.each([
    ['The regime fell.\\nThe dictator spoke.', 'The regime fell.\nThe dictator spoke.'],
    ['Peru\\u2019s de facto government', 'Peru’s de facto government'],
    ['He said \\"no\\".\\r\\n\\tThen left. \\ud83d\\ude00', 'He said "no".\r\n\tThen left. 😀'],
    ['a\\\\nb\\n', 'a\\nb\n'],
    ['C:\\Windows and \\"quotes\\"', 'C:\\Windows and \\"quotes\\"'],
    ['A real line\nand a literal \\n', 'A real line\nand a literal \\n'],
  ])('unescapedText(%j) is %j', (field, text) => expect(unescapedText(field)).toBe(text));

  /** Text with the characters escapes stand for, and some that need none. */
  const pieceOfText = fc.string({ unit: fc.constantFrom('a', 'n', 'u', ' ', '’', 'é', '😀', '\\', '"', "'", '/', '\t', '\r', '\n', '\u0001'), maxLength: 40 });

  it('unescapedText reads back any text with a line break that JSON escaped, and leaves any text with a line break of its own as it is (property)', () => {
    fc.assert(
      fc.property(pieceOfText, pieceOfText, (before, after) => {
        const text = `${before}\n${after}`;
        expect(unescapedText(JSON.stringify(text).slice(1, -1))).toBe(text);
        expect(unescapedText(text)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('paragraphsOfList reads any list of paragraphs as JSON writes it (property)', () => {
    fc.assert(
      fc.property(fc.array(pieceOfText, { minLength: 1, maxLength: 6 }), (paragraphs) => {
        expect(paragraphsOfList(JSON.stringify(paragraphs))).toBe(paragraphs.join('\n'));
      }),
      { numRuns: 300 },
    );
  });

  it('reads an export whose texts hold their line breaks escaped ("fell.\\nThe", as some databases save text), with one warning counting them (they were one paragraph with "\\n" in its words)', async () => {
    const rows = [
      ['Sur', 'Peru\\u2019s crisis', '2023-01-11', 'u1', 'The coup regime fell.\\n\\nThe dictator spoke.'],
      ['Sur', 'Plain', '2023-01-12', 'u2', 'A text with a real\nline break, and C:\\path.'],
      ['Sur', 'Again', '2023-01-13', 'u3', 'One.\\nTwo.'],
    ];
    const csv = file('escaped.csv', exportCsv(rows));
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => [a.title, a.text])).toEqual([
      ['Peru’s crisis', 'The coup regime fell.\nThe dictator spoke.'],
      ['Plain', 'A text with a real\nline break, and C:\\path.'],
      ['Again', 'One.\nTwo.'],
    ]);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([['C041', `${csv}:record 1`, expect.stringMatching(/^2 article\(s\) of this export hold their line breaks/)]]);
  });

  it.each([
    [`['The coup regime fell.', "Peru's dictator spoke.", 'Caf\\xe9 \\u201990s\\n']`, "The coup regime fell.\nPeru's dictator spoke.\nCafé ’90s\n"],
    ['  ["One.", "Two."] ', 'One.\nTwo.'],
    ["['One.', 3]", null],
    ['[1, 2]', null],
    ["['unclosed, and more text]", null],
    ['[Editor’s note: this corrects] the text.', null],
    ['Plain text.', null],
  ])('paragraphsOfList(%j) is %j', (field, text) => expect(paragraphsOfList(field)).toBe(text));

  it('reads an export whose texts are lists of their paragraphs as pandas saves them ("[\'First.\', \'Second.\']"), with one warning counting them', async () => {
    const rows = [
      ['Sur', 'A', '2023-01-11', 'u1', `['The coup regime fell.', "Peru's dictator spoke."]`],
      ['Sur', 'B', '2023-01-12', 'u2', '[Update] The regime fell.'],
    ];
    const csv = file('lists.csv', exportCsv(rows));
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => a.text)).toEqual(["The coup regime fell.\nPeru's dictator spoke.", '[Update] The regime fell.']);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([['C042', `${csv}:record 1`, expect.stringMatching(/^1 article\(s\) of this export hold their text as a program's list/)]]);
  });

  it('names the texts a spreadsheet cut at its cell\'s 32,767 characters (an export opened and saved in Excel), once per export, and reads them as they are', async () => {
    const cut = 'The regime fell. '.repeat(2000).slice(0, 32_767);
    const withBreaks = 'A paragraph.\n'.repeat(2600).slice(0, 32_767).replace(/\n/g, '\r\n');
    const rows = [
      ['Sur', 'A', '2023-01-11', 'u1', cut],
      ['Sur', 'B', '2023-01-12', 'u2', `${cut}x`],
      ['Sur', 'C', '2023-01-13', 'u3', withBreaks],
      ['Sur', 'D', '2023-01-14', 'u4', 'Short.'],
    ];
    expect(withBreaks.replace(/\r\n/g, '\n').length).toBe(32_767);
    const csv = file('excel-cut.csv', exportCsv(rows));
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => a.title)).toEqual(['A', 'B', 'C', 'D']);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([['C043', `${csv}:record 1`, expect.stringMatching(/^2 article\(s\) of this export are exactly 32,767 characters long/)]]);
  });

  it('gives articles whose ids a spreadsheet rounded ("1.23457E+18") ids of their own, with one warning (all but the first were skipped as duplicate ids)', async () => {
    const rows = [
      ['1.23457E+18', 'Sur', 'A', '2023-01-11', 'https://sur.pe/1', 'One.'],
      ['1.23457E+18', 'Sur', 'B', '2023-01-12', 'https://sur.pe/2', 'Two.'],
      ['1,23457E+18', 'Sur', 'C', '2023-01-13', 'https://sur.pe/3', 'Three.'],
      ['1234567890123456789', 'Sur', 'D', '2023-01-14', 'https://sur.pe/4', 'Four.'],
    ];
    const csv = file('rounded.csv', Papa.unparse({ fields: ['id', 'outlet', 'title', 'date', 'url', 'text'], data: rows }));
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => a.article_id)).toEqual([expect.stringMatching(/^sur-[0-9a-f]{10}$/), expect.stringMatching(/^sur-[0-9a-f]{10}$/), expect.stringMatching(/^sur-[0-9a-f]{10}$/), '1234567890123456789']);
    expect(new Set(articles.map((a) => a.article_id)).size).toBe(4);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([['C044', `${csv}:record 1`, expect.stringMatching(/^3 article\(s\) of this export have an id written as a spreadsheet rounds/)]]);
  });

  it('names a broken item of a JSON list at its line and column and reads the items after it', async () => {
    const text = JSON.stringify([1, 2, 3].map(article), null, 2).replace('"date": "2024-01-02",', '"date": "2024-01-02"');
    const given = file('comma.json', text);
    const { articles, problems } = await collect(given);
    expect(articles.map((a) => a.title)).toEqual(['T1', 'T3']);
    expect(problems.map((p) => [p.code, p.severity, p.place, p.message])).toEqual([['C011', 'error', `${given}:13:5`, "not valid JSON: Expected ',' or '}' after property value"]]);
  });

  it('reads JSON as Python writes a missing number (NaN), and with a comma before a closing bracket, warning of each item (every such item was "not valid JSON")', async () => {
    const list = `[\n{"outlet": "Sur", "title": "T1", "date": "2024-01-01", "url": "u1", "text": "One.", "author": NaN, "score": Infinity},\n{"outlet": "Sur", "title": "T2", "date": "2024-01-02", "url": "u2", "text": "Two.",},\n]`;
    const given = file('python.json', list);
    const { articles, problems } = await collect(given);
    expect(articles.map((a) => [a.title, a.author])).toEqual([['T1', ''], ['T2', '']]);
    expect(problems.map((p) => [p.code, p.severity, p.place])).toEqual([['C033', 'warning', `${given}:2:1`], ['C033', 'warning', `${given}:3:1`]]);
    const jsonl = file('python.jsonl', '{"outlet": "Sur", "title": "T1", "date": "2024-01-01", "url": "u1", "text": "One.", "author": NaN}\n');
    const lines = await collect(jsonl);
    expect(lines.articles.map((a) => [a.title, a.author])).toEqual([['T1', '']]);
    expect(lines.problems.map((p) => [p.code, p.place])).toEqual([['C033', `${jsonl}:1`]]);
  });

  it('reads such an item whose text holds a line separator (U+2028) without a line of its own on the console (JSON5 wrote one per item)', async () => {
    const warn = vi.spyOn(console, 'warn');
    const given = file('python.jsonl', '{"outlet": "Sur", "title": "T1", "date": "2024-01-01", "url": "u1", "text": "One.\u2028Two.", "author": NaN}\n');
    const { articles, problems } = await collect(given);
    expect(articles.map((a) => a.text)).toEqual(['One.\nTwo.']);
    expect(problems.map((p) => p.code)).toEqual(['C033']);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it.each([
    ['cut short inside an item', (t: string) => t.slice(0, t.indexOf('Text 3')), ['T1', 'T2'], ['error', 16, 3, 'the file ends inside the value that starts here']],
    ['cut short between items', (t: string) => t.slice(0, t.lastIndexOf('  {')), ['T1', 'T2'], ['warning', 1, 1, 'the list that starts here is not closed']],
    ['a quotation mark missing', (t: string) => t.replace('"title": "T2"', '"title": "T2'), ['T1'], ['error', 11, 14, 'runs past the end of its line (a quotation mark missing?); the rest of the file is not read']],
    ['a list of addresses, not articles', () => '["https://sur.pe/1", "https://sur.pe/2"]', [], ['error', 1, 2, 'expected an article object ({…}) but found `"https://sur.pe/1", `']],
  ])('reads a JSON list %s up to the mistake and names its place', async (_, spoil, titles, [severity, line, column, why]) => {
    const given = file('spoilt.json', spoil(JSON.stringify([1, 2, 3].map(article), null, 2)));
    const { articles, problems } = await collect(given);
    expect(articles.map((a) => a.title)).toEqual(titles);
    expect(problems.filter((p) => p.code === 'C011').map((p) => [p.severity, p.place, p.message])).toEqual([[severity, `${given}:${line}:${column}`, expect.stringContaining(why as string)]]);
  });

  it('reads text encoded twice as it was written, with a warning per article ("NicolÃ¡s" matched no lexicon\'s "Nicolás")', async () => {
    const csv = file(
      'mojibake.csv',
      exportCsv([
        ['Ãšltima Hora', 'Perúâ€™s crisis', '2023-01-11', 'u1', 'NicolÃ¡s Maduro called it a â€œcoupâ€\uFFFD.'],
        ['Última Hora', 'Plain', '2023-01-12', 'u2', 'Nicolás Maduro spoke.'],
      ]),
    );
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => [a.outlet, a.title, a.text])).toEqual([
      ['Última Hora', 'Perú’s crisis', 'Nicolás Maduro called it a “coup”.'],
      ['Última Hora', 'Plain', 'Nicolás Maduro spoke.'],
    ]);
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C031', `${csv}:record 1`]]);
  });

  it('reads dates with slashes month first, or day first with --day-first, telling of the first that reads only the other way (a day-first export was read month first without a word)', async () => {
    const csv = file(
      'day-first.csv',
      exportCsv([
        ['Sur', 'T1', '11/01/2023', 'u1', 'One.'],
        ['Sur', 'T2', '13/01/2023', 'u2', 'Two.'],
        ['Sur', 'T3', '14/01/2023', 'u3', 'Three.'],
        ['Sur', 'T4', '1/13/2023', 'u4', 'Four.'],
      ]),
    );
    const monthFirst = await collect(csv);
    expect(monthFirst.articles.map((a) => a.date)).toEqual(['2023-11-01', '2023-01-13', '2023-01-14', '2023-01-13']);
    expect(monthFirst.problems.map((p) => [p.code, p.place, p.message])).toEqual([
      ['C032', `${csv}:record 2`, expect.stringMatching(/^date "13\/01\/2023" can only be day first, .* run again with --day-first$/)],
    ]);
    const dayFirst = await collect(csv, { dayFirst: true });
    expect(dayFirst.articles.map((a) => a.date)).toEqual(['2023-01-11', '2023-01-13', '2023-01-14', '2023-01-13']);
    expect(dayFirst.problems.map((p) => [p.code, p.place, p.message])).toEqual([
      ['C032', `${csv}:record 4`, expect.stringMatching(/^date "1\/13\/2023" can only be month first, .* run again without it$/)],
    ]);
  });

  it('breaks paragraphs at Unicode\'s line and paragraph separators, as text from JavaScript holds them (they joined the paragraphs)', async () => {
    const csv = file('separators.csv', exportCsv([['Sur', 'T1', '2024-01-01', 'u1', 'The regime fell.\u2028Crowds cheered.\u2029The dictator left.']]));
    const { articles } = await collect(csv);
    expect(articles.map((a) => a.text)).toEqual(['The regime fell.\nCrowds cheered.\nThe dictator left.']);
  });

  it('reads only the articles dated within --from and --to, one known to the month or year if any of its days is, counting those left out', async () => {
    const dates = ['2023-01-05', '2023-01-20', '2023-02-10', 'December 2022', '', '2023', 'January 2023'];
    const csv = file('window.csv', exportCsv(dates.map((date, i) => ['Sur', `T${i}`, date, `u${i}`, `Text ${i}.`])));
    const { articles, problems } = await collect(csv, { from: '2023-01-10', to: '2023-01-31' });
    expect(articles.map((a) => [a.title, a.date])).toEqual([['T1', '2023-01-20'], ['T5', '2023'], ['T6', '2023-01']]);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([['C034', csv, '3 article(s) dated outside --from 2023-01-10 and --to 2023-01-31, and 1 with no date, left out']]);
    const fromOnly = await collect(csv, { from: '2023-02' });
    expect(fromOnly.articles.map((a) => a.title)).toEqual(['T2', 'T5']);
    const allDated = await collect(file('dated.csv', exportCsv([['Sur', 'T0', '2023-01-05', 'u0', 'Text.']])), { to: '2022-12-31' });
    expect(allDated.problems.map((p) => p.message)).toEqual(['1 article(s) dated outside --to 2022-12-31, left out']);
    const undated = await collect(file('undated.csv', exportCsv([['Sur', 'T0', '', 'u0', 'Text.'], ['Sur', 'T1', '2023-01-05', 'u1', 'Text 1.']])), { from: '2023' });
    expect(undated.problems.map((p) => p.message)).toEqual(['1 article(s) with no date, left out by --from 2023']);
  });

  it('names the texts NewsAPI cut short ("… [+3542 chars]"), once for the export, and leaves the mark out of the text', async () => {
    const jsonl = file('newsapi-cut.jsonl', [1, 2, 3].map((n) => JSON.stringify({ outlet: 'Reuters', title: `T${n}`, date: '2023-01-11', url: `u${n}`, text: n === 3 ? 'A whole text.' : `The regime fell in Lima on Monday, witnesses said… [+${3000 + n} chars]` })).join('\n'));
    const { articles, problems } = await collect(jsonl);
    expect(articles.map((a) => a.text)).toEqual(['The regime fell in Lima on Monday, witnesses said', 'The regime fell in Lima on Monday, witnesses said', 'A whole text.']);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([['C036', `${jsonl}:1`, expect.stringMatching(/^2 article\(s\) of this export, the first here, end in "\[\+N chars\]": the source \(NewsAPI\) cut their text short/)]]);
  });

  it('reads a text that starts with its own title once (19 of the 300 sample articles do: their headline\'s words counted twice)', async () => {
    const csv = file('title-again.csv', exportCsv([
      ['Sur', 'Peru’s Coup Regime Falls', '2024-01-01', 'u1', "Peru's coup regime falls\nThe regime fell."],
      ['Sur', 'Only a headline', '2024-01-02', 'u2', 'Only a headline'],
      ['Sur', 'Regime', '2024-01-03', 'u3', 'The regime fell.\nRegime'],
    ]));
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => a.text)).toEqual(['The regime fell.', 'Only a headline', 'The regime fell.\nRegime']);
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C035', `${csv}:record 1`]]);
  });

  it('reads a .json or .ndjson file of one object a line as JSON Lines, a broken line named and the rest read', async () => {
    const lines = [JSON.stringify(article(1)), '{"outlet":"Sur","title":"T2",', JSON.stringify(article(3))].join('\n');
    for (const name of ['lines.json', 'lines.ndjson']) {
      const given = file(name, lines);
      const { articles, problems } = await collect(given);
      expect(articles.map((a) => a.title)).toEqual(['T1', 'T3']);
      expect(problems.map((p) => [p.code, p.place])).toEqual([['C011', `${given}:2`]]);
    }
  });

  it('splits a JSON list or objects one after another into the values JSON.parse reads, however the text is cut into chunks (property)', async () => {
    const texts = fc.string({ unit: fc.constantFrom('a', ' ', '"', '\\', '{', '}', '[', ']', ',', '\n', 'é', '😀', '\u2028'), maxLength: 12 });
    const item = fc.record({ title: texts, text: fc.oneof(texts, fc.array(texts, { maxLength: 3 })), n: fc.integer(), meta: fc.option(fc.record({ tags: fc.array(texts, { maxLength: 2 }) })) });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 6 }), fc.constantFrom(undefined, 2, '\t'), fc.boolean(), fc.array(fc.nat(), { maxLength: 8 }), async (items, indent, asList, cuts) => {
        const text = asList ? JSON.stringify(items, null, indent) : items.map((i) => JSON.stringify(i, null, indent)).join('\n');
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((from, k) => text.slice(from, at[k] ?? text.length));
        const values: unknown[] = [];
        for await (const piece of jsonValues((async function* () { yield* chunks; })())) {
          expect('value' in piece).toBe(true);
          if (!('value' in piece)) continue;
          const { line, column } = piece.value;
          expect(text.split('\n')[line - 1]![column - 1]).toBe('{');
          values.push(JSON.parse(piece.value.text));
        }
        expect(values).toEqual(items);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the objects in the lists of a top-level object too large to hold, one by one, as one held whole is read, however the text is cut into chunks (property)', async () => {
    const texts = fc.string({ unit: fc.constantFrom('a', ' ', '"', '\\', '{', '}', '[', ']', ',', ':', '\n', 'é', '😀'), maxLength: 10 });
    const article = fc.record({ title: texts, text: fc.oneof(texts, fc.array(texts, { maxLength: 2 })), authors: fc.array(fc.record({ name: texts }), { maxLength: 2 }) });
    const list = fc.array(fc.oneof({ weight: 4, arbitrary: article }, { weight: 1, arbitrary: fc.oneof(fc.integer(), texts, fc.array(article, { maxLength: 1 })) }), { maxLength: 4 });
    // Wrappers as data sets and APIs write them: lists beside other keys, in objects up to three deep, and deeper ones whose lists are not looked into.
    const wrapper = fc.letrec((tie) => ({
      object: fc.dictionary(fc.constantFrom('status', 'data', 'response', 'results', 'a"b', 'ü'), fc.oneof({ weight: 3, arbitrary: list }, { weight: 2, arbitrary: tie('object') }, { weight: 1, arbitrary: fc.oneof(fc.integer(), texts) }), { maxKeys: 3 }),
    })).object;
    /** What articlesIn finds in such an object held whole: each list's objects, with the keys leading to the list, in objects three deep. */
    const expected = (value: Record<string, unknown>, path = '', depth = 1): [unknown, string, number][] =>
      Object.entries(value).flatMap(([key, inner]): [unknown, string, number][] => {
        if (Array.isArray(inner)) return inner.flatMap((item, k): [unknown, string, number][] => (typeof item === 'object' && item !== null && !Array.isArray(item) ? [[item, `${path}${key}`, k + 1]] : []));
        if (typeof inner === 'object' && inner !== null && depth < 3) return expected(inner as Record<string, unknown>, `${path}${key}.`, depth + 1);
        return [];
      });
    await fc.assert(
      fc.asyncProperty(wrapper, fc.constantFrom(undefined, 2), fc.array(fc.nat(), { maxLength: 8 }), async (value, indent, cuts) => {
        // A small object before it, read as it is: the large one is found at its offset.
        const text = `{"title": "Before", "text": "One."}\n${JSON.stringify(value, null, indent)}\n`;
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = () => (async function* () { yield* [0, ...at].map((from, k) => text.slice(from, at[k] ?? text.length)); })();
        const found: [unknown, string, number][] = [];
        for await (const piece of listedValues(chunks(), { offset: text.indexOf('\n') + 1, line: 2, column: 1 })) {
          if (!('listed' in piece)) throw new Error(JSON.stringify(piece));
          const { line, column, text: item, path: keys, item: k } = piece.listed;
          expect(text.split('\n')[line - 1]!.slice(column - 1).startsWith(item.split('\n')[0]!)).toBe(true);
          found.push([JSON.parse(item), keys, k]);
        }
        expect(found).toEqual(expected(value));
      }),
      { numRuns: 300 },
    );
  });

  it('passes over a top-level object past the largest it holds, saying where it starts, and reads on after it', async () => {
    const text = '{"title": "Before", "text": "One."}\n{"status": "ok",\n "articles": [{"title": "T1"}]}\n{"title": "After", "text": "Two."}\n';
    const cut = text.indexOf('"articles"');
    const pieces: JsonPiece[] = [];
    for await (const piece of jsonValues((async function* () { yield* [text.slice(0, cut), text.slice(cut)]; })(), 10)) pieces.push(piece);
    expect(pieces.map((p) => ('value' in p ? JSON.parse(p.value.text).title : p))).toEqual(['Before', { large: { offset: text.indexOf('\n') + 1, line: 2, column: 1 } }, 'After']);
  });

  it('reads a data set in one object past 32 MB ({"status": "ok", "articles": [...]}) item by item, with the places and fields of one held whole (past 512 MB one stopped the run: "Invalid string length")', async () => {
    const dir = tempDir();
    const padding = 'The regime of Nicolás Maduro said the vote was clean. '.repeat(320);
    const items = Array.from({ length: 2000 }, (_, k) => ({ source: { name: k % 2 ? 'Sur' : 'Norte' }, title: `T${k + 1}`, publishedAt: '2024-07-29', url: `https://sur.example/${k + 1}`, content: `${padding}${k}` }));
    const big = path.join(dir, 'big.json');
    writeFileSync(big, JSON.stringify({ status: 'ok', totalResults: items.length, articles: items }));
    expect(statSync(big).size).toBeGreaterThan(32 << 20);
    const columns = { outlet: 'source.name', date: 'publishedat', text: 'content' };
    const { articles, problems } = await collect(big, { columns });
    expect(articles.map((a) => a.origin)).toEqual(items.map((_, k) => `${big}:1:1, articles item ${k + 1}`));
    expect(articles.map((a) => [a.outlet, a.title, a.date, a.url, a.text])).toEqual(items.map((i) => [i.source.name, i.title, '2024-07-29', i.url, i.content]));
    expect(problems.filter((p) => p.code !== 'C062')).toEqual([]);
    // Its list deeper than the objects looked into: named, where nothing was said but that no article could be read.
    const deep = path.join(dir, 'deep.json');
    writeFileSync(deep, JSON.stringify({ a: { b: { c: { articles: items.slice(0, 1) } } }, padding: 'x'.repeat(33 << 20) }));
    const named = (await collect(deep, { columns })).problems;
    expect(named.map((p) => [p.code, p.place])).toEqual([['C067', `${deep}:1:1`]]);
    // The command it gives, as a user would paste it.
    expect(named[0]!.message).toContain("jq -c '.path.to.list[]' file.json > file.jsonl");
  });
});

describe('--about: the articles about the events compared', () => {
  it.each<[string, string, string, boolean]>([
    ['a word, case and accents aside', 'Peru', 'Protests in PERÚ continued.', true],
    ['a word written with its accent, matching one without', 'Perú', 'Protests in Peru continued.', true],
    ['a whole word only', 'Peru', 'The Peruvian president spoke.', false],
    ['a word with a * for any ending', 'Peru*', 'The Peruvian president spoke.', true],
    ['a word before an apostrophe, curly or straight', 'Peru', 'Peru’s president spoke.', true],
    ['a phrase, across any spaces and a line break', 'de facto government', 'The de  facto\ngovernment spoke.', true],
    ['a phrase whose words stand apart', 'de facto government', 'The government, de facto, spoke.', false],
    ['a term holding what a regular expression reads otherwise', 'C.I.A.', 'The CIA denied it.', false],
    ['the same term, written so in the text', 'C.I.A.', 'The C.I.A. denied it.', true],
  ])('%s', (_, term, text, expected) => {
    expect(aboutMatcher(aboutTerms(term))({ title: 'Untitled', text })).toBe(expected);
  });

  it('takes a match in the title, and any of several terms', () => {
    const about = aboutMatcher(aboutTerms(' Maduro ,, Venezuela* '));
    expect(aboutTerms(' Maduro ,, Venezuela* ')).toEqual(['Maduro', 'Venezuela*']);
    expect([about({ title: 'Venezuelan vote', text: 'Counting began.' }), about({ title: 'Vote', text: 'Maduro won.' }), about({ title: 'Lima', text: 'Boluarte spoke.' })]).toEqual([true, true, false]);
  });

  it('leaves out the bundled articles about other events, counting them in one message (C068)', async () => {
    const { articles, problems } = await collect(path.join(ROOT, 'corpus'), { about: ['Maduro', 'Venezuela*'] });
    expect(articles).toHaveLength(8);
    expect(articles.every((a) => /maduro|venezuela/i.test(`${a.title}\n${a.text}`))).toBe(true);
    expect(problems.filter((p) => p.code === 'C068').map((p) => p.message)).toEqual(['6 article(s) hold none of the terms of --about ("Maduro", "Venezuela*") in their title or text: left out, as about other events']);
  });
});

describe('text wrapped at a width', () => {
  /** Paragraphs wrapped as pandoc and html2text wrap them: words to a line while they fit, a blank line between paragraphs. */
  function wrap(paragraphs: string[], width: number, indent = ''): string {
    return paragraphs
      .map((paragraph) => {
        const lines: string[] = [];
        let line = '';
        for (const word of paragraph.split(' ')) {
          if (line !== '' && indent.length + line.length + 1 + word.length > width) {
            lines.push(indent + line);
            line = word;
          } else line = line === '' ? word : `${line} ${word}`;
        }
        return [...lines, indent + line].join('\n');
      })
      .join('\n\n');
  }
  const word = fc.string({ unit: fc.constantFrom('a', 'e', 'r', 'g', 'í', 'm'), minLength: 1, maxLength: 12 });
  const paragraph = fc.array(word, { minLength: 1, maxLength: 60 }).map((words) => words.join(' '));

  it('joins each paragraph\'s lines again, whatever the width tools wrap at (property)', () => {
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 8 }), fc.integer({ min: 60, max: 100 }), fc.constantFrom('', '   '), (paragraphs, width, indent) => {
        const text = wrap(paragraphs, width, indent);
        const read = unwrapped(text);
        // Too few lines run on to tell a width by: the text is left as it is.
        if (read === null) return text.split('\n').filter((line, i, lines) => line !== '' && (lines[i + 1] ?? '') !== '').length < 8;
        expect(read.text).toBe(paragraphs.join('\n\n'));
        return read.width <= width;
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['paragraphs a line each', Array.from({ length: 12 }, (_, i) => 'The regime fell. '.repeat(3 + (i % 5) * 7).trim()).join('\n')],
    ['a menu of short lines', Array.from({ length: 20 }, (_, i) => `Section ${i}`).join('\n')],
    ['lines of one width past what tools wrap at', Array.from({ length: 12 }, () => 'x'.repeat(120)).join('\n')],
  ])('leaves %s as it is', (_, text) => {
    expect(unwrapped(text)).toBeNull();
  });

  it('joins a line SLACK (20) characters shorter than the width to the next, and ends a paragraph at one a character shorter still', () => {
    const of = (length: number) => `${'The regime fell again. '.repeat(5).slice(0, length - 1)}x`;
    const full = Array.from({ length: 9 }, () => of(72));
    expect(unwrapped([...full, of(52), 'Next.'].join('\n'))?.text).toBe([...full, of(52), 'Next.'].join(' '));
    expect(unwrapped([...full, of(51), 'Next.'].join('\n'))?.text).toBe(`${[...full, of(51)].join(' ')}\nNext.`);
  });

  it('joins a word broken at a line\'s end after its hyphen with the hyphen kept, and reads an export\'s wrapped texts with one warning counting them', async () => {
    const lines = Array.from({ length: 9 }, (_, i) => `The security forces fired on the protesters in the south, day ${i + 1}.`);
    const wrappedText = [...lines, 'Rights groups said that the forces obeyed the orders of the self-', 'styled president.'].join('\n');
    expect(unwrapped(wrappedText)?.text).toBe(`${lines.join(' ')} Rights groups said that the forces obeyed the orders of the self-styled president.`);
    const csv = path.join(tempDir(), 'wrapped.csv');
    writeFileSync(csv, exportCsv([['Sur', 'A', '2023-01-11', 'u1', wrappedText], ['Sur', 'B', '2023-01-12', 'u2', 'One line.']]));
    const { articles, problems } = await collect(csv);
    expect(articles.map((a) => a.text.split('\n').length)).toEqual([1, 1]);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([['C048', `${csv}:record 1`, expect.stringMatching(/^1 article\(s\) of this export have their lines wrapped/)]]);
  });

  it('reads a captured page wrapped at 72 (pandoc\'s plain text) with its sentences and terms across lines, with a warning (each line was a paragraph: "coup" and "regime" on two missed "coup regime")', async () => {
    const dir = tempDir();
    const sentence = 'Rights groups said the coup regime of Dina Boluarte ordered the security forces to fire on protesters in Juliaca.';
    const body = wrap([Array.from({ length: 6 }, () => sentence).join(' '), Array.from({ length: 4 }, () => sentence).join(' ')], 72);
    expect(body.split('\n').some((line) => line.endsWith(' coup'))).toBe(true);
    writeFileSync(path.join(dir, 'page.txt'), `Peru protests\n\n${body}\n`);
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\npage.txt,Sur,\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.title, a.text])).toEqual([['Peru protests', `${Array.from({ length: 6 }, () => sentence).join(' ')}\n${Array.from({ length: 4 }, () => sentence).join(' ')}`]]);
    expect(problems.map((p) => [p.code, p.message])).toEqual([['C047', expect.stringMatching(/^the page's lines are wrapped at 7\d characters/)]]);
  });
});

describe('textOfHtml', () => {
  it.each([
    ['no markup', 'The regime fell; x < y.', null],
    ['references only, line breaks kept', 'Peru&#8217;s regime\n\nAT&amp;T &#x2014; done', 'Peru’s regime\nAT&T — done'],
    ['paragraphs and line breaks', '<p>One.</p><p>Two<br/>three.</p>', 'One.\nTwo\nthree.'],
    ['nested blocks and inline tags', '<div><div>Nested <span>inline</span> text</div><div>Next</div></div>', 'Nested inline text\nNext'],
    ['scripts, styles and embeds left out', '<p>Text</p><script>var a = 1;</script><style>p {}</style><iframe src="x">embed</iframe>', 'Text'],
    ['list items and a caption', '<ul><li>one</li><li>two</li></ul><figure><img src="a.png"><figcaption>The caption</figcaption></figure>', 'one\ntwo\nThe caption'],
    ['inline tags inside plain paragraphs', 'First with <em>emphasis</em>.\n\nSecond.', 'First with emphasis.\nSecond.'],
    ['references escaped once more, as feeds and CMS exports store them (they stayed in the text)', 'Peru&amp;#8217;s coup, Nicol&amp;aacute;s &amp;amp; co', 'Peru’s coup, Nicolás & co'],
    ['markup escaped once more', '&lt;p&gt;The regime fell.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;', 'The regime fell.\nSecond.'],
    ['markup escaped twice more', '&amp;lt;p&amp;gt;One.&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;Two.&amp;lt;/p&amp;gt;', 'One.\nTwo.'],
    ['signs written as references, not markup escaped again', 'x &lt; y, AT&amp;T', 'x < y, AT&T'],
    // A mutant giving the markup back as text where it held none survived.
    ['markup escaped once more that holds no text: none', '&lt;p&gt;&lt;img src="a.png"&gt;&lt;/p&gt;', ''],
  ])('%s', (_, field, text) => {
    expect(textOfHtml(field)).toBe(text);
  });
});

describe('corpus folders', () => {
  /** A corpus folder of one fixture, read with the README's rules after `heading`: what a user who copies them gets. */
  async function withReadmeRules(heading: string, fixture: string, outlet: string): ReturnType<typeof collect> {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const yaml = new RegExp(`${heading}[\\s\\S]*?\`\`\`yaml\\n([\\s\\S]*?)\`\`\``).exec(readme)![1]!;
    const dir = tempDir();
    writeFileSync(path.join(dir, 'rules.yaml'), yaml);
    copyFileSync(path.join(ROOT, 'test', 'fixtures', fixture), path.join(dir, fixture));
    writeFileSync(path.join(dir, 'manifest.csv'), `file,outlet,rules\n${fixture},${outlet},rules.yaml\n`);
    return collect(dir);
  }

  it('warn about files the manifest does not name, and name manifest rows whose file is missing', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'rules'));
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\na.txt,Outlet A,\nmissing.txt,Outlet B,\n');
    writeFileSync(path.join(dir, 'a.txt'), 'Title A\n\nBody A.\n');
    writeFileSync(path.join(dir, 'stray.txt'), 'Title\n\nBody.\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => a.title)).toEqual(['Title A']);
    expect(problems.map((p) => p.code)).toEqual(['C002', 'C003']);
    expect(problems[1]!.place).toBe(`${path.join(dir, 'manifest.csv')}:3`);
  });

  it.each([
    ['\n', 'Unix'],
    ['\r\n', 'Windows'],
    ['\r', 'old Mac spreadsheets'],
  ])('name a manifest row by its line, past comments and blank lines, its lines ending as %j (%s) (it was named by its row: line 3 for line 6)', async (eol) => {
    const dir = tempDir();
    const lines = ['# Which capture is which outlet.', '# One row per file.', 'file,outlet,rules', 'a.txt,Outlet A,', '', 'missing.txt,Outlet B,'];
    writeFileSync(path.join(dir, 'manifest.csv'), `${lines.join(eol)}${eol}`);
    writeFileSync(path.join(dir, 'a.txt'), 'Title A\n\nBody A.\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.outlet, a.title])).toEqual([['Outlet A', 'Title A']]);
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C003', `${path.join(dir, 'manifest.csv')}:6`]]);
  });

  it.each([
    ['to the end of the file', 'a.txt,"Sur,\nb.txt,Norte,\n', ':2:7: a quotation mark left open (the field runs to the end of the file)'],
    ['closed rows later', 'a.txt,"Sur,\nb.txt",Norte,\nc.txt,Este,\n', ':2: a quotation mark left open (a field runs on over 2 lines)'],
    ['closed rows later, over rows', 'a.txt,"Sur,\nb.txt,Norte,\nc.txt",Este,\n', ':2: a quotation mark left open (the field runs on over 3 lines, rows of their own)'],
  ])('stop at a manifest quotation mark left open (%s), naming where (its rows were one outlet, "Sur,\\nb.txt,Norte,", and their pages not named)', async (_, rows, message) => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'manifest.csv'), `file,outlet,rules\n${rows}`);
    for (const page of ['a.txt', 'b.txt', 'c.txt']) writeFileSync(path.join(dir, page), 'Title\n\nThe regime fell.\n');
    await expect(collect(dir)).rejects.toThrow(`${path.join(dir, 'manifest.csv')}${message}, so that the rows after it are read as part of this one; close the quoted field or remove the stray "`);
  });

  it('read an export the manifest names as its articles, the row\'s outlet for those that name none, its rules cleaning them and its columns naming their fields (it was one article, titled by the header)', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'rules'));
    writeFileSync(path.join(dir, 'rules', 'norte.yaml'), "remove:\n  - 'Advertisement'\n");
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules,columns\nsur.txt,Sur,,\nnorte.csv,Norte,rules/norte.yaml,\neste.zip,Este,,"text=body,date=published"\noeste.csv,Oeste,,text=\n');
    await writeZip(path.join(dir, 'este.zip'), { '2023.csv': 'title,published,url,body\nT3,2023-01-13,https://este.pe/3,The regime fell.\n' });
    writeFileSync(path.join(dir, 'oeste.csv'), 'title,date,url,body\nT4,2023-01-14,https://oeste.pe/4,The coup failed.\n');
    writeFileSync(path.join(dir, 'sur.txt'), 'The regime\n\nIt fell.\n');
    writeFileSync(path.join(dir, 'norte.csv'), 'title,date,url,text\nT1,2023-01-11,https://norte.pe/1,"The junta ruled. Advertisement"\nT2,2023-01-12,https://norte.pe/2,The coup failed.\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.outlet, a.title, a.date, a.text])).toEqual([
      ['Sur', 'The regime', '', 'It fell.'],
      ['Norte', 'T1', '2023-01-11', 'The junta ruled.'],
      ['Norte', 'T2', '2023-01-12', 'The coup failed.'],
      ['Este', 'T3', '2023-01-13', 'The regime fell.'],
    ]);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([
      ['C061', `${path.join(dir, 'manifest.csv')}:5`, expect.stringMatching(/^the columns cell takes field=column pairs separated by commas \(text=content,date=published_at\), not "text="; write the export's own names/)],
    ]);
  });

  it('read a page saved as a Word document (.docx), as Nexis delivers its articles, its rules splitting it (it was told to be saved as plain text)', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'rules'));
    const article = (title: string, date: string, byline: string, text: string) => [title, 'The Guardian (London)', date, 'Length: 812 words', `Byline: ${byline}`, 'Body', text, 'Load-Date: January 13, 2023', 'End of Document'];
    await writeDocx(path.join(dir, 'nexis.docx'), [
      ...article("Peru's coup regime cracks down", 'January 12, 2023 Thursday', 'Dan Collyns in Lima', 'The de facto government of Dina Boluarte blamed the protesters.'),
      ...article('Maduro claims victory', 'July 29, 2024 Monday', 'Joe Parkin Daniels', 'The regime of Nicolás Maduro claimed victory.'),
    ]);
    const rules = ["split: '^End of Document$'", 'furniture:', "  - '^(Body|The Guardian \\(London\\))$'", "  - '^(Length|Load-Date): '", 'byline:', "  - '^(?<date>[A-Z][a-z]+ \\d{1,2}, \\d{4}) [A-Z][a-z]+day$'", "  - '^Byline: (?<author>.+)$'"];
    writeFileSync(path.join(dir, 'rules', 'nexis.yaml'), `${rules.join('\n')}\n`);
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\nnexis.docx,The Guardian,rules/nexis.yaml\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.title, a.date, a.author, a.text, a.origin])).toEqual([
      ["Peru's coup regime cracks down", '2023-01-12', 'Dan Collyns in Lima', 'The de facto government of Dina Boluarte blamed the protesters.', `${path.join(dir, 'nexis.docx')}#1`],
      ['Maduro claims victory', '2024-07-29', 'Joe Parkin Daniels', 'The regime of Nicolás Maduro claimed victory.', `${path.join(dir, 'nexis.docx')}#2`],
    ]);
    expect(problems).toEqual([]);
  });

  it('name an empty page as holding no text, not as cleaned away by its rules (a download that failed was named "the whole page was cleaned away")', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\nempty.html,Sur,\nblank.txt,Sur,\nshare.txt,Sur,share.yaml\n');
    writeFileSync(path.join(dir, 'empty.html'), '');
    writeFileSync(path.join(dir, 'blank.txt'), '\n  \n');
    writeFileSync(path.join(dir, 'share.yaml'), "furniture:\n  - '^Share this'\n");
    writeFileSync(path.join(dir, 'share.txt'), 'Share this\n');
    const { problems } = await collect(dir);
    expect(problems.map((p) => [p.code, path.basename(p.place), p.message])).toEqual([
      ['C004', 'empty.html', 'empty article (the page holds no text at all); nothing left to score after cleaning'],
      ['C004', 'blank.txt', 'empty article (the page holds no text at all); nothing left to score after cleaning'],
      ['C004', 'share.txt', 'empty article (the whole page was cleaned away); nothing left to score after cleaning'],
    ]);
  });

  it('read a page by what it holds, not by its name: a Word document named .txt, and a .docx of plain text (refused as "a Word document", and with mammoth\'s "is this a zip file ?")', async () => {
    const dir = tempDir();
    await writeDocx(path.join(dir, 'saved.txt'), ['The regime fell', 'The de facto government resigned.']);
    writeFileSync(path.join(dir, 'notes.docx'), 'Maduro claims victory\n\nThe regime of Nicolás Maduro claimed victory.\n');
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\nsaved.txt,Sur,\nnotes.docx,Sur,\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.title, a.text])).toEqual([
      ['The regime fell', 'The de facto government resigned.'],
      ['Maduro claims victory', 'The regime of Nicolás Maduro claimed victory.'],
    ]);
    expect(problems).toEqual([]);
  });

  it.each([
    ['Word’s tables, metadata and code page left out, its paragraphs one a line', String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss\fcharset0 Arial;}}{\colortbl ;\red0\green0\blue255;}{\stylesheet{\s0 Normal;}}{\info{\title Export}{\author Dow Jones}}{\*\generator Msftedit 5.41;}\viewkind4\uc1\pard\f0\fs22 Peru\'92s \ldblquote coup regime\rdblquote\par
\pard The junta \emdash  again.\par}`, 'Peru’s “coup regime”\nThe junta — again.\n'],
    ['TextEdit’s: Unicode without fallbacks, a backslash before a line end for a paragraph', '{\\rtf1\\ansi\\ansicpg1252\\cocoartf2709{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}{\\*\\expandedcolortbl;;}\\f0\\fs24 \\cf0 Peru\\uc0\\u8217 s coup regime.\\\nThe junta.}', 'Peru’s coup regime.\nThe junta.'],
    ['a Unicode character’s fallback skipped, a pair of them one character', String.raw`{\rtf1\ansi\uc1 El r\u233\'e9gimen \u-10179?\u-8704? cay\u243?.}`, 'El régimen 😀 cayó.'],
    ['bytes in the code page of their font’s character set', String.raw`{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}{\f1\fcharset204 Arial Cyr;}}\f0 caf\'e9 \f1\'d0\'e5\'e6\'e8\'ec\f0  ok}`, 'café Режим ok'],
    ['a field’s result, not its instruction; headers, footers, footnotes and skippable groups left out', String.raw`{\rtf1\ansi{\header Page header}{\footer Page 1}{\*\bkmkstart x}The {\field{\*\fldinst HYPERLINK "https://x.pe"}{\fldrslt de facto}} government{\footnote A note.}.\par}`, 'The de facto government.\n'],
  ])('reads the text of an RTF document: %s', async (_, rtf, text) => {
    expect(await textOfRtf(Buffer.from(rtf, 'latin1'))).toBe(text);
  });

  it('reads the text of an RTF document as LibreOffice Writer saves it (from an HTML page: styles, page styles, a table, a link, Cyrillic and Chinese)', async () => {
    expect((await textOfRtf(readFileSync(path.join(ROOT, 'test', 'fixtures', 'libreoffice.rtf')))).split('\n')).toEqual([
      'Peru’s coup regime cracks down',
      'Reuters News, 12 January 2023',
      'The de facto government of Dina Boluarte — “the junta”, critics say — blamed the protesters. Café, Perú, São Paulo, Режим, 独裁.',
      'HD Second cell',
      'Read more at the Lima page.',
      'Document LBA0000020230112ej1c00abc',
      '',
    ]);
  });

  it('reads any RTF document, damaged ones too, without a word on the console (rtf-stream-parser printed "Bad hex digit" for a broken \\\'hh)', async () => {
    const warn = vi.spyOn(console, 'warn');
    const piece = fc.constantFrom('{', '}', '\\', '\\par ', "\\'e9", "\\'", "\\'z", '\\u8220?', '\\u-10179?', '\\uc0', '\\uc2 ', '\\*', '\\fonttbl', '\\f1', '\\fcharset204', '\\ansicpg932', '\\bin3 ', 'abc', ' ', '\n', 'é', '\\fldinst', '\\pict');
    await fc.assert(fc.asyncProperty(fc.array(piece, { maxLength: 40 }), async (parts) => typeof (await textOfRtf(Buffer.from(`{\\rtf1 ${parts.join('')}`, 'latin1'))) === 'string'), { numRuns: 300 });
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('read a page saved as RTF (.rtf), as Factiva delivers articles and Word, WordPad and TextEdit save them, its rules splitting it; told by its first bytes whatever its name (it was told to be saved as plain text, C028)', async () => {
    const dir = tempDir();
    const paragraphs = (lines: string[]) => lines.map((line) => `\\pard ${line}\\par\n`).join('');
    const article = (title: string, date: string, text: string) => paragraphs([title, 'Reuters News', date, text, 'Document LBA0000020230112ej1c00abc']);
    const rtf = `{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}{\\info{\\title Factiva}}\\f0\n${article("Peru\\'92s coup regime cracks down", '12 January 2023', 'The de facto government blamed the protesters.')}${article('Maduro claims victory', '29 July 2024', 'The regime of Nicol\\u225?s Maduro claimed victory.')}}`;
    writeFileSync(path.join(dir, 'factiva.rtf'), rtf, 'latin1');
    writeFileSync(path.join(dir, 'saved-as.txt'), paragraphs(['Lima on edge', 'Reuters News', '13 January 2023', 'The junta said nothing.']).replace(/^/, '{\\rtf1\\ansi ').concat('}'), 'latin1');
    writeFileSync(path.join(dir, 'factiva.yaml'), "split: '^Document [A-Z0-9]{20,}$'\nfurniture: '^Reuters News$'\nbyline: '^(?<date>\\d{1,2} [A-Z][a-z]+ \\d{4})$'\n");
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\nfactiva.rtf,Reuters,factiva.yaml\nsaved-as.txt,Reuters,factiva.yaml\n');
    const { articles, problems } = await collect(dir);
    expect(problems).toEqual([]);
    expect(articles.map((a) => [a.title, a.date, a.text, path.basename(a.origin)])).toEqual([
      ['Peru’s coup regime cracks down', '2023-01-12', 'The de facto government blamed the protesters.', 'factiva.rtf#1'],
      ['Maduro claims victory', '2024-07-29', 'The regime of Nicolás Maduro claimed victory.', 'factiva.rtf#2'],
      ['Lima on edge', '2023-01-13', 'The junta said nothing.', 'saved-as.txt'],
    ]);
    // Given alone with --outlet, as a page.
    const alone = await collect(path.join(dir, 'factiva.rtf'), { outlet: 'Reuters', rules: path.join(dir, 'factiva.yaml') });
    expect([alone.articles.map((a) => a.title), alone.problems]).toEqual([['Peru’s coup regime cracks down', 'Maduro claims victory'], []]);
  });

  it.each([
    ['a PDF (test/fixtures/nexis.pdf, printed by LibreOffice, two pages), as Nexis Uni delivers articles: lines of a paragraph joined, across a page break too (it was told to save the text)', 'nexis.pdf'],
    ['an OpenDocument text (test/fixtures/nexis.odt, as LibreOffice saves it): its paragraphs (it was told to save it as plain text)', 'nexis.odt'],
    ['a Word 97-2003 document (test/fixtures/nexis.doc, LibreOffice\'s from nexis.odt), as LexisNexis Academic delivered articles: its paragraphs (it was told to save it as plain text)', 'nexis.doc'],
  ])('read %s, with the README\'s Nexis rules', async (_, fixture) => {
    const { articles, problems } = await withReadmeRules('For a Nexis file', fixture, 'Nexis');
    expect(problems).toEqual([]);
    const filler = 'Security forces and protesters clashed again in the southern city as the government extended the state of emergency to three more regions, while the Congress debated a motion to bring the elections forward by a year.';
    const paragraph = [filler, filler, filler].join(' ');
    expect(articles.map((a) => [a.outlet, a.title, a.date, a.author, a.text.split('\n')])).toEqual([
      ['The Guardian', 'Peru’s coup regime cracks down', '2023-01-12', 'Dan Collyns in Lima', ['The de facto government of Dina Boluarte blamed the protesters for the violence in Juliaca, where security forces killed seventeen people in a single day; critics called it a massacre.', ...Array(6).fill(paragraph)]],
      ['The Guardian', 'Maduro claims victory', '2024-07-29', 'Joe Parkin Daniels', ['The regime of Nicolás Maduro claimed victory in Sunday’s election, which the opposition called a fraud.', ...Array(2).fill(paragraph)]],
    ]);
  });

  it.each([
    ['runs of spaces, tabs and line breaks', '<text:p>The<text:s text:c="3"/>regime<text:tab/>fell.<text:line-break/>Then 007.</text:p>', 'The   regime fell.\nThen 007.'],
    ['headings, lists and table cells as lines', '<text:h>Peru</text:h><text:list><text:list-item><text:p>One</text:p></text:list-item></text:list><table:table><table:table-row><table:table-cell><text:p>Cell</text:p></table:table-cell></table:table-row></table:table>', 'Peru\nOne\nCell'],
    ['notes, comments, a table of contents and frames left out; spans and links read', '<text:table-of-content><text:index-body><text:p>Contents 1</text:p></text:index-body></text:table-of-content><text:p>The <text:span>de facto</text:span><text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>A note.</text:p></text:note-body></text:note> <text:a xlink:href="https://x.pe">government</text:a><office:annotation><text:p>A comment.</text:p></office:annotation><draw:frame><draw:text-box><text:p>A caption.</text:p></draw:text-box></draw:frame>.</text:p>', 'The de facto government.'],
  ])('reads an OpenDocument text\'s paragraphs: %s', async (_, body, text) => {
    const file = path.join(tempDir(), 'page.odt');
    const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"><office:body><office:text>${body}</office:text></office:body></office:document-content>`;
    await writeZip(file, { mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': content });
    expect(await textOfOdt(file)).toBe(text);
  });

  it('reads a PDF set in two columns (test/fixtures/columns.pdf, ragged right) column by column, each column\'s lines joined against its own edge (the left column\'s were each a paragraph, "de" and "facto" on two)', async () => {
    const text = await textOfPdf(readFileSync(path.join(ROOT, 'test', 'fixtures', 'columns.pdf')));
    expect(text.split('\n')).toEqual([
      'Front page',
      Array(6).fill('The de facto government of Dina Boluarte blamed the protesters for the violence in Juliaca.').join(' '),
      Array(6).fill('The regime of Nicolás Maduro claimed victory in Sunday’s election, which the opposition called a fraud.').join(' '),
    ]);
  });

  it('reads a PDF set with first-line indents and no space between paragraphs: an indented line starts a paragraph though the line before it is full (it ran on into it), on the next page too; a list item\'s lines indented under its words stay one', async () => {
    const page = (paragraphs: { lines: string[]; indent?: number }[], top = 780): PdfLine[] => {
      let y = top;
      return paragraphs.flatMap(({ lines, indent = 18 }) => lines.map((text, i) => ({ x: i === 0 ? 72 + indent : 72, y: (y -= 12) + 12, text })));
    };
    const first = ['The de facto government of Dina Boluarte blamed the protesters for', 'the violence in Juliaca, where security forces killed seventeen people', 'in a single day; critics called it a massacre of Aymara protesters and'];
    const second = ['The regime of Nicolás Maduro claimed victory in Sunday’s election,', 'which the opposition called a fraud and observers could not confirm at'];
    const listed = ['• Opposition leaders called the vote count a fraud and asked for the', 'tally sheets of every polling station to be published in full online'];
    const text = await textOfPdf(
      pdfOf([
        [...page([{ lines: first }, { lines: second }]), ...page([{ lines: listed, indent: 0 }], 700).map((line, i) => (i === 0 ? line : { ...line, x: 80 }))],
        page([{ lines: first }]),
      ]),
    );
    expect(text.split('\n')).toEqual([first.join(' '), second.join(' '), listed.join(' '), first.join(' ')]);
  });

  it("give each article of an archive's file of several publications the outlet its rules capture, (?<outlet>…), renamed by --outlet-names; the row's outlet to those that capture none (all were the row's)", async () => {
    const dir = tempDir();
    const article = (title: string, publication: string, text: string) => [title, publication, 'January 12, 2023 Thursday', 'Body', text, 'End of Document'];
    await writeDocx(path.join(dir, 'nexis.docx'), [
      ...article("Peru's coup regime cracks down", 'The Guardian (London)', 'The de facto government blamed the protesters.'),
      ...article('Protests spread in Peru', 'The New York Times', 'President Dina Boluarte called for calm.'),
      ...article('Lima on edge', 'Lima Weekly', 'The regime of Dina Boluarte said nothing.'),
    ]);
    const rules = ["split: '^End of Document$'", "furniture: '^Body$'", 'byline:', "  - '^(?<date>[A-Z][a-z]+ \\d{1,2}, \\d{4}) [A-Z][a-z]+day$'", "  - '^(?<outlet>The Guardian|The New York Times)(?: \\(.+\\))?$'"];
    writeFileSync(path.join(dir, 'nexis.yaml'), `${rules.join('\n')}\n`);
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\nnexis.docx,Nexis other,nexis.yaml\n');
    const names = path.join(tempDir(), 'names.csv');
    writeFileSync(names, 'name,outlet\nThe New York Times,New York Times\n');
    const { articles, problems } = await collect(dir, { outletNames: names });
    expect(articles.map((a) => [a.outlet, a.title, a.date, a.text])).toEqual([
      ['The Guardian', "Peru's coup regime cracks down", '2023-01-12', 'The de facto government blamed the protesters.'],
      ['New York Times', 'Protests spread in Peru', '2023-01-12', 'President Dina Boluarte called for calm.'],
      ['Nexis other', 'Lima on edge', '2023-01-12', 'Lima Weekly\nThe regime of Dina Boluarte said nothing.'],
    ]);
    expect(articles.map((a) => a.article_id.split('-')[0])).toEqual(['the', 'new', 'nexis']);
    expect(problems).toEqual([]);
    // A folder of such files, read with --outlet and --rules, the same.
    const folder = tempDir();
    renameSync(path.join(dir, 'nexis.docx'), path.join(folder, 'nexis.docx'));
    const read = await collect(folder, { outlet: 'Nexis other', rules: path.join(dir, 'nexis.yaml') });
    expect([read.articles.map((a) => a.outlet), read.problems]).toEqual([['The Guardian', 'The New York Times', 'Nexis other'], []]);
  });

  it("read a ProQuest text export with the README's rules: each article its publication's, dated and signed, without ProQuest's lines", async () => {
    const { articles, problems } = await withReadmeRules('A ProQuest text export', 'proquest.txt', 'ProQuest');
    expect(articles.map((a) => [a.outlet, a.title, a.date, a.author, a.url, a.text.split('\n')[0]])).toEqual([
      ['The Guardian', 'Peru protests: death toll rises to 17 in Juliaca', '2023-01-12', 'Collyns, Dan', 'https://www.proquest.com/newspapers/docview/2763012345', 'Security forces killed 17 protesters in Juliaca, the deadliest day since Dina Boluarte took office.'],
      ['New York Times', "Peru's president calls for truce", '2023-01-14', 'Turkewitz, Julie', 'https://www.proquest.com/newspapers/docview/2763012346', 'President Dina Boluarte called for a national truce.'],
      ['The Guardian', "Maduro's regime claims victory", '2024-07-30', 'Anonymous', 'https://www.proquest.com/newspapers/docview/2763012347', "The regime of Nicolás Maduro claimed victory in Sunday's election."],
    ]);
    expect(articles.every((a) => a.text.split('\n').length === 2)).toBe(true);
    expect(problems).toEqual([]);
  });

  it("take a page's url from its `metadata` line where its manifest row gives none, and its id from that url", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'archive.yaml'), "metadata: '^Document URL: (?<url>\\S+)$'\n");
    writeFileSync(path.join(dir, 'a.txt'), 'Title A\n\nThe regime fell.\nDocument URL: https://x.pe/a\n');
    writeFileSync(path.join(dir, 'b.txt'), 'Title B\n\nThe regime stood.\nDocument URL: https://x.pe/b\n');
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules,date,author,url\na.txt,Sur,archive.yaml,,,\nb.txt,Sur,archive.yaml,,,https://sur.pe/b\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.url, a.text])).toEqual([
      ['https://x.pe/a', 'The regime fell.'],
      ['https://sur.pe/b', 'The regime stood.'],
    ]);
    expect(articles[0]!.article_id).toBe(`sur-${createHash('sha1').update('https://x.pe/a').digest('hex').slice(0, 10)}`);
    expect(problems).toEqual([]);
  });

  it('say which file a manifest row names in other case, as one written on Windows or a Mac does (it said only that the file was missing)', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\nPage-A.TXT,Outlet A,\n');
    writeFileSync(path.join(dir, 'page-a.txt'), 'Title A\n\nBody A.\n');
    const { problems } = await collect(dir);
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ['C002', expect.stringContaining('"page-a.txt" is in the corpus folder but not in manifest.csv')],
      ['C003', 'manifest.csv names "Page-A.TXT", which is not in the corpus folder, but "page-a.txt" is: file names differ by case here; write it as "page-a.txt"'],
    ]);
  });

  it('read a manifest and pages saved as Windows-1252 as such, each with a warning', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'manifest.csv'), iconv.encode('file,outlet,rules\na.txt,Perú Reports,\nb.txt,Plain,\n', 'win1252'));
    writeFileSync(path.join(dir, 'a.txt'), iconv.encode('Título\n\n“Nicolás Maduro” habló.\n', 'win1252'));
    writeFileSync(path.join(dir, 'b.txt'), 'Plain title\n\nPlain text.\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.outlet, a.title, a.text])).toEqual([['Perú Reports', 'Título', '“Nicolás Maduro” habló.'], ['Plain', 'Plain title', 'Plain text.']]);
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C021', `${path.join(dir, 'manifest.csv')}:2`], ['C021', `${path.join(dir, 'a.txt')}:1`]]);
  });

  it('read a page encoded twice as it was written before its rules clean it, so that they match', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\na.txt,Sur,sur.yaml\n');
    writeFileSync(path.join(dir, 'sur.yaml'), "furniture: ['^Compartir en Facebook$']\n");
    writeFileSync(path.join(dir, 'a.txt'), 'NicolÃ¡s Maduro habla\n\nCompartir en Facebook\nâ€œEl rÃ©gimenâ€\uFFFD cayÃ³.\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.title, a.text])).toEqual([['Nicolás Maduro habla', '“El régimen” cayó.']]);
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C031', path.join(dir, 'a.txt')]]);
  });

  it('read a page saved as HTML as its text, each block a line for the cleaning rules (it was read tags, scripts and all)', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\npage.html,Sur,sur.yaml\nnote.txt,Sur,\n');
    writeFileSync(path.join(dir, 'sur.yaml'), "furniture:\n  - '^Home \\| World'\nend:\n  - '^© '\nbyline:\n  - '^By (?<author>.+)$'\n");
    writeFileSync(
      path.join(dir, 'page.html'),
      '<!DOCTYPE html>\n<html lang="en"><head><title>Maduro speaks</title><script type="application/ld+json">{"headline": "the dictator"}</script>\n' +
        '<style>p { margin: 0 }</style></head><body><nav>Home | World | Sports</nav><article><p>By Ana Ruiz</p>\n' +
        '<p>President Nicol&aacute;s Maduro spoke\non Tuesday.</p><p>The opposition called it a &#8220;coup regime&#8221;.</p></article><footer>© 2024 Sur</footer></body></html>\n',
    );
    // A text capture with a tag in its prose is left as it is.
    writeFileSync(path.join(dir, 'note.txt'), 'A note\n\nThe <p> tag and &amp; stay.\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.title, a.author, a.text])).toEqual([
      ['Maduro speaks', 'Ana Ruiz', 'President Nicolás Maduro spoke on Tuesday.\nThe opposition called it a “coup regime”.'],
      ['A note', '', 'The <p> tag and &amp; stay.'],
    ]);
    expect(problems).toEqual([]);
  });

  it('take a saved page\'s date, author and address from its markup (JSON-LD, Open Graph, meta tags) where neither the manifest nor its byline gives them; a page of several articles says them of itself', async () => {
    const dir = tempDir();
    const page = (head: string, body: string) => `<!DOCTYPE html>\n<html><head><title>T</title>${head}</head><body>${body}</body></html>\n`;
    writeFileSync(
      path.join(dir, 'manifest.csv'),
      'file,outlet,rules,date,author,url\nld.html,Sur,,,,\nmeta.html,Sur,,,,\ngiven.html,Sur,,2024-02-02,Luis Paz,https://sur.pe/given\nmany.html,Sur,many.yaml,,,\n',
    );
    writeFileSync(path.join(dir, 'many.yaml'), "split: '^-- end --$'\n");
    writeFileSync(
      path.join(dir, 'ld.html'),
      page(
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebSite"}, {"@type": "NewsArticle", "datePublished": "2023-01-11T08:30:00-05:00", "author": [{"@type": "Person", "name": "Ana Ruiz"}, {"name": "Luis Paz"}], "url": "https://sur.pe/ld"}]}</script>',
        '<p>Peru one.</p><p>The regime fell.</p>',
      ),
    );
    writeFileSync(
      path.join(dir, 'meta.html'),
      page('<meta property="article:published_time" content="2023-01-12T10:00:00Z"><meta property="article:author" content="https://sur.pe/staff/ana"><meta name="author" content="Ana Ruiz"><link rel="canonical" href="https://sur.pe/meta">', '<p>Peru two.</p><p>The regime fell again.</p>'),
    );
    writeFileSync(path.join(dir, 'given.html'), page('<meta property="article:published_time" content="2023-01-13"><meta name="author" content="Someone">', '<p>Peru three.</p><p>Text.</p>'));
    writeFileSync(path.join(dir, 'many.html'), page('<meta property="article:published_time" content="2023-01-14">', '<p>First.</p><p>One.</p><p>-- end --</p><p>Second.</p><p>Two.</p>'));
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.title, a.date, a.author, a.url])).toEqual([
      ['T', '2023-01-11', 'Ana Ruiz, Luis Paz', 'https://sur.pe/ld'],
      ['T', '2023-01-12', 'Ana Ruiz', 'https://sur.pe/meta'],
      ['T', '2024-02-02', 'Luis Paz', 'https://sur.pe/given'],
      ['T', '', '', ''],
      ['Second.', '', '', ''],
    ]);
    expect(problems).toEqual([]);
  });

  it('read every page a manifest pattern matches (elcomercio/*.html: one row for an outlet\'s many saved pages, each of which needed its own), naming a pattern that matches none and a url given to many pages', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'sur', '2023'), { recursive: true });
    const page = (title: string, date: string) => `<!DOCTYPE html>\n<html><head><title>${title}</title><meta property="article:published_time" content="${date}"></head><body><p>The regime fell.</p></body></html>\n`;
    writeFileSync(path.join(dir, 'sur', 'b.html'), page('B', '2023-01-12'));
    writeFileSync(path.join(dir, 'sur', 'a.html'), page('A', '2023-01-11'));
    writeFileSync(path.join(dir, 'sur', '2023', 'c.html'), page('C', '2023-01-13'));
    writeFileSync(path.join(dir, 'sur', 'notes.txt'), 'Notes\n\nNot an article.\n');
    writeFileSync(path.join(dir, 'norte[1].txt'), 'Norte\n\nThe regime stood.\n');
    writeFileSync(
      path.join(dir, 'manifest.csv'),
      'file,outlet,rules,date,author,url\nsur/**/*.html,Sur,,,,https://sur.pe/\nnone/*.html,Sur,,,,\nnorte[1].txt,Norte,,,,\n',
    );
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.outlet, a.title, a.date, a.url, a.origin])).toEqual([
      ['Sur', 'C', '2023-01-13', '', path.join(dir, 'sur', '2023', 'c.html')],
      ['Sur', 'A', '2023-01-11', '', path.join(dir, 'sur', 'a.html')],
      ['Sur', 'B', '2023-01-12', '', path.join(dir, 'sur', 'b.html')],
      ['Norte', 'Norte', '', '', path.join(dir, 'norte[1].txt')],
    ]);
    const manifest = path.join(dir, 'manifest.csv');
    expect(problems.map((p) => [p.code, p.place])).toEqual([
      ['C046', `${manifest}:2`],
      ['C045', `${manifest}:3`],
      ['C002', path.join(dir, 'sur', 'notes.txt')],
    ]);
  });

  it('pass over what a browser saves beside a page ("page_files/": styles, scripts, images, fonts) rather than ask for a manifest row for each', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'page_files'));
    for (const resource of ['site.css', 'app.js', 'photo.jpg', 'logo.svg', 'font.woff2']) writeFileSync(path.join(dir, 'page_files', resource), 'x');
    writeFileSync(path.join(dir, 'page_files', 'frame.html'), '<!DOCTYPE html><html><body><p>An embedded frame.</p></body></html>');
    writeFileSync(path.join(dir, 'page.html'), '<!DOCTYPE html><html><head><title>T</title></head><body><article><p>The regime fell.</p></article></body></html>');
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\npage.html,Sur,\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => a.text)).toEqual(['The regime fell.']);
    // A page among them might be an article: it is still named.
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C002', path.join(dir, 'page_files', 'frame.html')]]);
  });

  it('read a page saved as one file (MHTML, Chrome\'s "Webpage, Single File") as the page it holds, its quoted-printable decoded (it was read as MIME headers and "=E2=80=99")', async () => {
    const dir = tempDir();
    const html = '<!DOCTYPE html><html><head><title>Peru | Sur</title><meta property="article:published_time" content="2023-01-11T08:00:00Z"></head><body><nav>Home</nav><article><h1>Peru’s crisis</h1><p>The coup regime of Dina Boluarte, said the opposition, had fallen on the streets of Lima and Juliaca.</p></article></body></html>';
    // Quoted-printable as Chrome writes it: UTF-8 bytes beyond ASCII and "=" as =XX, lines cut at 76 with a soft break.
    const encoded = [...Buffer.from(html, 'utf8')].map((byte) => (byte > 126 || byte === 61 ? `=${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte))).join('');
    const lines = encoded.match(/.{1,60}(?:=[0-9A-F]{2})?/g)!.join('=\r\n');
    const mhtml = [
      'From: <Saved by Blink>',
      'Snapshot-Content-Location: https://sur.pe/1',
      'Subject: =?utf-8?Q?Peru=E2=80=99s_crisis?=',
      ' =?utf-8?Q?_|_Sur?=',
      'MIME-Version: 1.0',
      'Content-Type: multipart/related;',
      '\ttype="text/html";',
      '\tboundary="----MultipartBoundary--x1----"',
      '',
      '',
      '------MultipartBoundary--x1----',
      'Content-Type: text/html',
      'Content-ID: <frame-1@mhtml.blink>',
      'Content-Transfer-Encoding: quoted-printable',
      'Content-Location: https://sur.pe/1',
      '',
      lines,
      '------MultipartBoundary--x1----',
      'Content-Type: image/png',
      'Content-Transfer-Encoding: base64',
      '',
      'iVBORw0KGgo=',
      '------MultipartBoundary--x1------',
      '',
    ].join('\r\n');
    writeFileSync(path.join(dir, 'page.mhtml'), mhtml);
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\n*.mhtml,Sur,\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.title, a.date, a.text])).toEqual([['Peru’s crisis', '2023-01-11', 'The coup regime of Dina Boluarte, said the opposition, had fallen on the streets of Lima and Juliaca.']]);
    expect(problems).toEqual([]);
  });

  it('decode an MHTML page part written in base64 in the charset it names, and take a text page for none', () => {
    const html = Buffer.from(iconv.encode('<!DOCTYPE html><html><body><p>Peru’s regime</p></body></html>', 'win1252')).toString('base64');
    const mhtml = `MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/html; charset=windows-1252\r\nContent-Transfer-Encoding: base64\r\n\r\n${html}\r\n--b1--\r\n`;
    expect(htmlOfMhtml(mhtml)).toBe('<!DOCTYPE html><html><body><p>Peru’s regime</p></body></html>');
    expect(htmlOfMhtml('MIME-Version: 1.0 is how e-mail starts, said the article.\n')).toBeNull();
  });

  describe('pages saved as Markdown, as clippers save articles (a manifest naming one was told the page "is not in the corpus folder")', () => {
    /** Reads one page as the manifest names it, with its problems' codes. */
    async function readPage(name: string, page: string): Promise<{ articles: Article[]; codes: string[]; places: string[] }> {
      const dir = tempDir();
      writeFileSync(path.join(dir, name), page);
      writeFileSync(path.join(dir, 'manifest.csv'), `file,outlet,rules\n${name},El Sur,\n`);
      const { articles, problems } = await collect(dir);
      return { articles, codes: problems.map((p) => p.code), places: problems.map((p) => path.relative(dir, p.place)) };
    }

    it('read the Obsidian Web Clipper\'s page: its note\'s title, published day, author (a wiki link) and source; links by their words, no stars, no images', async () => {
      const page = [
        '---',
        'title: "Peru\'s coup regime cracks down"',
        'source: "https://elsur.pe/2023/01/11/coup-regime"',
        'author:',
        '  - "[[Jacqueline Fowks]]"',
        'published: 2023-01-11',
        'created: 2026-11-20',
        'tags:',
        '  - "clippings"',
        '---',
        '![Protesters in Lima](https://elsur.pe/img/lima.jpg)',
        '',
        'The **de facto** government of [Dina Boluarte](https://elsur.pe/tag/boluarte) blamed the *dictator*\'s allies.',
        '',
        '- Protests grew in Juliaca.',
        '- Roads were blocked.',
        '',
      ].join('\n');
      const { articles, codes } = await readPage('coup-regime.md', page);
      expect(articles.map((a) => [a.title, a.date, a.author, a.url, a.text])).toEqual([
        [
          "Peru's coup regime cracks down",
          '2023-01-11',
          'Jacqueline Fowks',
          'https://elsur.pe/2023/01/11/coup-regime',
          "The de facto government of Dina Boluarte blamed the dictator's allies.\nProtests grew in Juliaca.\nRoads were blocked.",
        ],
      ]);
      expect(codes).toEqual([]);
    });

    it('read MarkDownload\'s page without its excerpt, which repeats the lede, and not dated by the day it was clipped', async () => {
      const page = [
        '---',
        'created: 2026-11-20T10:11:12 (UTC +01:00)',
        'tags: [Peru, protests]',
        'source: https://elsur.pe/2023/01/11/juliaca',
        'author: By Ana Ruiz',
        '---',
        '',
        '# Juliaca mourns its dead',
        '',
        '> ## Excerpt',
        '> Security forces killed 17 protesters.',
        '',
        '---',
        '',
        'Security forces killed 17 protesters.',
        '',
        'The regime denied it.',
      ].join('\r\n');
      const { articles, codes } = await readPage('juliaca.markdown', page);
      expect(articles.map((a) => [a.title, a.date, a.author, a.url, a.text])).toEqual([
        ['Juliaca mourns its dead', '', 'Ana Ruiz', 'https://elsur.pe/2023/01/11/juliaca', 'Security forces killed 17 protesters.\nThe regime denied it.'],
      ]);
      expect(codes).toEqual([]);
    });

    it("read Jina's reader's page: its Title, URL Source and Published Time lines", async () => {
      const page = 'Title: Maduro\'s regime\n\nURL Source: https://elsur.pe/maduro\n\nPublished Time: 2024-07-29T08:00:00Z\n\nMarkdown Content:\nThe regime of [Nicolás Maduro](https://elsur.pe/tag/maduro) claimed victory.\n';
      const { articles } = await readPage('maduro.md', page);
      expect(articles.map((a) => [a.title, a.date, a.url, a.text])).toEqual([["Maduro's regime", '2024-07-29', 'https://elsur.pe/maduro', 'The regime of Nicolás Maduro claimed victory.']]);
    });

    it('read a page whose front matter is not YAML (a title with a colon, unquoted) for its text, naming the line and column in the page (C051)', async () => {
      const page = '---\ntitle: Peru: the coup\ndate: 2023-01-11\n---\nThe coup regime fell.\n\nIt was over.\n';
      const { articles, codes, places } = await readPage('broken.md', page);
      expect(articles.map((a) => [a.title, a.date, a.text])).toEqual([['The coup regime fell.', '', 'It was over.']]);
      expect([codes, places]).toEqual([['C051'], ['broken.md:2:8']]);
    });

    it('name a front matter that no second "---" closes (C051), whose lines were read as the title without a word; a page opening with a rule is none', async () => {
      const page = '---\ntitle: "Lima protests"\npublished: 2023-01-12\n\nThe regime fell.\n\nCrowds cheered.\n';
      const { articles, codes, places } = await readPage('open.md', page);
      expect(articles.map((a) => [a.title, a.date, a.text])).toEqual([['title: "Lima protests" published: 2023-01-12', '', 'The regime fell.\nCrowds cheered.']]);
      expect([codes, places]).toEqual([['C051'], ['open.md:1:1']]);
      const ruled = await readPage('ruled.md', '---\n\nThe fall: a day\n\nThe regime fell.\n');
      expect([ruled.articles.map((a) => [a.title, a.text]), ruled.codes]).toEqual([[['The fall: a day', 'The regime fell.']], []]);
    });

    it('leave a Markdown note the manifest does not name alone (a README), and match Markdown pages by a pattern for Markdown only', async () => {
      const dir = tempDir();
      mkdirSync(path.join(dir, 'sur'));
      writeFileSync(path.join(dir, 'README.md'), '# How these pages were saved\n\nWith the Web Clipper.\n');
      writeFileSync(path.join(dir, 'sur', 'notes.md'), '# To do\n\nCheck the dates.\n');
      writeFileSync(path.join(dir, 'sur', 'one.txt'), 'The regime\n\nIt fell.\n');
      writeFileSync(path.join(dir, 'sur', 'two.md'), '# The coup\n\nIt failed.\n');
      writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\nsur/*,Sur,\n');
      expect(await collect(dir)).toMatchObject({ articles: [{ title: 'The regime' }], problems: [] });
      writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\nsur/*.md,Sur,\n');
      const { articles, problems } = await collect(dir);
      expect(articles.map((a) => a.title)).toEqual(['To do', 'The coup']);
      expect(problems.map((p) => [p.code, p.place])).toEqual([['C002', path.join(dir, 'sur', 'one.txt')]]);
    });
  });

  it('read only the article of a saved page whose markup marks it (one <article>), after its headline, without the menus, sidebars, forms and comments around and inside it; a page of several articles, or whose one <article> is a teaser, whole', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'juliaca.html'),
      `<!DOCTYPE html><html><head><title>Peru protests: dozens killed | El Sur</title></head><body>
<header><a href="/">El Sur</a><nav><ul><li>World</li><li>Politics</li></ul></nav></header>
<main><h1>Peru protests: dozens killed</h1>
<article><p>Security forces killed 17 protesters in Juliaca, in what rights groups called a massacre.</p>
<aside class="related"><h3>Related</h3><ul><li>The regime under fire</li></ul></aside>
<p>The de facto government denied it.</p><form>Sign up for our newsletter</form></article>
<section id="comments"><h2>Comments</h2><p>The dictator must go!</p></section></main>
<footer>© 2023 El Sur. All rights reserved.</footer></body></html>`,
    );
    writeFileSync(
      path.join(dir, 'tag.html'),
      '<!DOCTYPE html><html><head><title>Tag: Peru</title></head><body><nav>Home</nav><article><p>First.</p></article><article><p>Second.</p></article></body></html>',
    );
    writeFileSync(
      path.join(dir, 'teaser.html'),
      '<!DOCTYPE html><html><head><title>Story</title></head><body><div class="story"><p>The story, marked as no article, is the longest part of the page.</p></div><article><p>A teaser.</p></article></body></html>',
    );
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\njuliaca.html,El Sur,\ntag.html,El Sur,\nteaser.html,El Sur,\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.title, a.text])).toEqual([
      ['Peru protests: dozens killed', 'Security forces killed 17 protesters in Juliaca, in what rights groups called a massacre.\nThe de facto government denied it.'],
      ['Tag: Peru', 'Home\nFirst.\nSecond.'],
      ['Story', 'The story, marked as no article, is the longest part of the page.\nA teaser.'],
    ]);
    expect(problems).toEqual([]);
  });

  it('refuse a rules file that is no text, naming it at the manifest row, rather than clean with no rules', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\na.txt,Sur,sur.yaml\nb.txt,Sur,\n');
    writeFileSync(path.join(dir, 'sur.yaml'), Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100, 1)]));
    writeFileSync(path.join(dir, 'a.txt'), 'Title A\n\nBody A.\n');
    writeFileSync(path.join(dir, 'b.txt'), 'Title B\n\nBody B.\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => a.title)).toEqual(['Title B']);
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C009', `${path.join(dir, 'manifest.csv')}:2`]]);
    expect(problems[0]!.message).toMatch(/^bad cleaning rules in .*sur\.yaml: not YAML but a zip archive/);
  });

  it('name a PDF that cannot be read (damaged), one without text (a scan: test/fixtures/blank.pdf), an OpenDocument text cut short and damaged Word documents (mammoth\'s own words were given, "Can\'t find end of central directory : is this a zip file ?", and a .doc cut before Word\'s part was "an Office 97-2003 file"), and read the rest', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\na.pdf,Sur,\nb.txt,Sur,\nscan.pdf,Sur,\ncut.odt,Sur,\ncut.doc,Sur,\ncut.docx,Sur,\nstart.doc,Sur,\n');
    const whole = path.join(tempDir(), 'whole.docx');
    await writeDocx(whole, ['Title', 'Body.']);
    writeFileSync(path.join(dir, 'cut.docx'), readFileSync(whole).subarray(0, 300));
    // Cut before Word's part is named: it was "an Office 97-2003 file (.xls, .doc)", C028.
    writeFileSync(path.join(dir, 'start.doc'), readFileSync(path.join(ROOT, 'test', 'fixtures', 'nexis.doc')).subarray(0, 100));
    writeFileSync(path.join(dir, 'cut.odt'), readFileSync(path.join(ROOT, 'test', 'fixtures', 'nexis.odt')).subarray(0, 2000));
    const doc = readFileSync(path.join(ROOT, 'test', 'fixtures', 'nexis.doc'));
    writeFileSync(path.join(dir, 'cut.doc'), Buffer.concat([doc.subarray(0, 1024), Buffer.alloc(11000), doc.subarray(12024)]));
    copyFileSync(path.join(ROOT, 'test', 'fixtures', 'blank.pdf'), path.join(dir, 'scan.pdf'));
    writeFileSync(path.join(dir, 'a.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.alloc(300, 0xe2)]));
    writeFileSync(path.join(dir, 'b.txt'), 'Title B\n\nBody B.\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => a.title)).toEqual(['Title B']);
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([
      ['C001', path.join(dir, 'a.pdf'), 'cannot read the corpus: a PDF that cannot be read (damaged: Invalid PDF structure); open it and save its text as plain text (.txt)'],
      ['C001', path.join(dir, 'scan.pdf'), 'cannot read the corpus: a PDF without text (a scanned page, say): its text must be recognised (OCR) or typed first'],
      ['C001', path.join(dir, 'cut.odt'), 'cannot read the corpus: an OpenDocument text that cannot be read (damaged, or cut short); open it and save it again, or save its text as plain text (.txt)'],
      ['C001', path.join(dir, 'cut.doc'), expect.stringMatching(/^cannot read the corpus: a Word 97-2003 document that cannot be read \(damaged: .*\); open it in Word or LibreOffice and save it as \.docx$/)],
      ['C001', path.join(dir, 'cut.docx'), "cannot read the corpus: a Word document (.docx) that cannot be read (damaged: Corrupted zip: can't find end of central directory); open it in Word or LibreOffice and save it again, or save its text as plain text (.txt)"],
      ['C001', path.join(dir, 'start.doc'), expect.stringMatching(/^cannot read the corpus: a Word 97-2003 document that cannot be read \(damaged: .*\); open it in Word or LibreOffice and save it as \.docx$/)],
    ]);
  });

  it('find pages and rules in folders of their own, named with "/" or a Windows "\\", and leave hidden folders alone (pages had to sit at the top)', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'sur'));
    mkdirSync(path.join(dir, '.git'));
    mkdirSync(path.join(dir, 'rules'));
    writeFileSync(path.join(dir, 'rules', 'sur.yaml'), "furniture:\n  - '^Share this'\n");
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\nsur/a.txt,Sur,\n.\\sur\\b.txt,Sur,rules\\sur.yaml\nnorte/c.txt,Norte,\n');
    writeFileSync(path.join(dir, 'sur', 'a.txt'), 'Title A\n\nBody A.\n');
    writeFileSync(path.join(dir, 'sur', 'b.txt'), 'Title B\n\nBody B.\nShare this\n');
    writeFileSync(path.join(dir, 'sur', 'stray.txt'), 'Title\n\nBody.\n');
    writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(path.join(dir, '~$manifest.csv'), Buffer.alloc(165, 1));
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.title, a.origin])).toEqual([['Title A', path.join(dir, 'sur', 'a.txt')], ['Title B', path.join(dir, 'sur', 'b.txt')]]);
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ['C002', expect.stringContaining('"sur/stray.txt" is in the corpus folder but not in manifest.csv')],
      ['C003', expect.stringContaining('names "norte/c.txt", which is not in the corpus folder')],
    ]);
  });

  it('read a folder without a manifest as exports, a month a file, in name order, an article in two downloads once (the folder was refused for want of a manifest)', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'feeds'));
    const row = (n: number, text = `Text ${n}. The regime fell.`) => ['Sur', `T${n}`, `2023-0${n}-01`, `https://sur.pe/${n}`, text];
    writeFileSync(path.join(dir, '2023-02.csv'), exportCsv([row(2), row(3)]).replace('text', 'body'));
    writeFileSync(path.join(dir, '2023-01.csv'), exportCsv([row(1), row(2)]).replace('text', 'body'));
    writeFileSync(path.join(dir, '2023-03.csv'), exportCsv([row(3, 'Text 3, edited the next day.')]).replace('text', 'body'));
    writeFileSync(path.join(dir, 'feeds', 'wire.json'), JSON.stringify([{ outlet: 'Wire', title: 'W1', date: '2023-01-05', url: 'https://w.org/1', body: 'Wire text.' }]));
    writeFileSync(path.join(dir, '2023-04.txt'), 'outlet\ttitle\tdate\turl\tbody\nSur\tT4\t2023-04-01\thttps://sur.pe/4\tText 4.\n');
    writeFileSync(path.join(dir, 'README.md'), '# notes');
    writeFileSync(path.join(dir, 'sources.txt'), 'where these came from');
    writeFileSync(path.join(dir, '~$2023-01.csv'), 'lock');
    writeFileSync(path.join(dir, '.hidden.csv'), 'hidden');
    const { articles, problems } = await collect(dir, { columns: { text: 'body' } });
    expect(articles.map((a) => [a.outlet, a.title, a.text, path.relative(dir, a.origin)])).toEqual([
      ['Sur', 'T1', 'Text 1. The regime fell.', '2023-01.csv:record 1'],
      ['Sur', 'T2', 'Text 2. The regime fell.', '2023-01.csv:record 2'],
      ['Sur', 'T3', 'Text 3. The regime fell.', '2023-02.csv:record 2'],
      ['Sur', 'T4', 'Text 4.', '2023-04.txt:record 1'],
      ['Wire', 'W1', 'Wire text.', 'feeds/wire.json:1:2'],
    ]);
    expect(problems.map((p) => [p.code, path.relative(dir, p.place)])).toEqual([
      ['C030', 'sources.txt'],
      ['C024', '2023-02.csv:record 1'],
      ['C005', '2023-03.csv:record 1'],
    ]);
    expect(problems[1]!.message).toContain(`${path.join(dir, '2023-01.csv')}:record 2`);
  });

  it("read a folder of exports that each number their articles from 1, one per outlet or one a month (all but the first file's articles were skipped as duplicates, C005); an article updated between two downloads, at its address, still one", async () => {
    const dir = tempDir();
    const header = 'id,outlet,title,date,url,text\n';
    writeFileSync(path.join(dir, '1-norte.csv'), `${header}1,Norte,N1,2023-01-10,https://norte.pe/1,The junta ruled.\n2,Norte,N2,2023-01-11,https://norte.pe/2,Crowds cheered.\n`);
    writeFileSync(path.join(dir, '2-sur-january.csv'), `${header}1,Sur,S1,2023-01-10,https://sur.pe/1,The regime fell.\n2,Sur,S2,2023-01-11,https://sur.pe/2,The regime stood.\n`);
    writeFileSync(path.join(dir, '3-sur-february.csv'), `${header}1,Sur,S3,2023-02-01,https://sur.pe/3,The regime wavered.\n2,Sur,S2 updated,2023-01-11,https://sur.pe/2,The regime stood firm.\n`);
    const { articles, problems } = await collect(dir);
    const s3 = `sur-${createHash('sha1').update('https://sur.pe/3').digest('hex').slice(0, 10)}`;
    expect(articles.map((a) => [a.title, a.article_id])).toEqual([['N1', '1'], ['N2', '2'], ['S1', 'sur-1'], ['S2', 'sur-2'], ['S3', s3]]);
    const february = path.join(dir, '3-sur-february.csv');
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C005', `${february}:record 2`], ['C071', `${path.join(dir, '2-sur-january.csv')}:record 1`]]);
    expect(problems[1]!.message).toMatch(/^4 article\(s\) have an id that an earlier article of another outlet, or at another url on another day, has, .* \("sur-1"\)/);
  });

  it('name each export that holds no article (C079), and read the others: one of several, a header alone, was passed over unsaid', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a-header-only.csv'), 'outlet,title,date,url,text\n');
    writeFileSync(path.join(dir, 'b-empty-list.json'), '[]\n');
    writeFileSync(path.join(dir, 'c-no-lines.jsonl'), '');
    writeFileSync(path.join(dir, 'd-no-items.xml'), '<?xml version="1.0"?><rss version="2.0"><channel><title>Sur</title></channel></rss>');
    await writeXlsx(path.join(dir, 'e-header-only.xlsx'), { Sheet1: [['outlet', 'title', 'date', 'url', 'text']] });
    writeFileSync(path.join(dir, 'f-articles.csv'), 'outlet,title,date,url,text\nSur,T1,2023-01-10,u1,The regime fell.\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => a.title)).toEqual(['T1']);
    expect(problems.map((p) => [p.code, path.relative(dir, p.place)])).toEqual(
      ['a-header-only.csv', 'b-empty-list.json', 'c-no-lines.jsonl', 'd-no-items.xml', 'e-header-only.xlsx/Sheet1'].map((file) => ['C079', file]),
    );
  });

  it('say what a folder with neither a manifest nor an export needs: for saved pages, the manifest that names them all in one row', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.bin'), 'x');
    await expect(collect(dir)).rejects.toThrow(/no manifest\.csv and no export in it; a folder of captured pages needs a manifest\.csv .*a folder of exports holds \.csv/);
    writeFileSync(path.join(dir, 'a.txt'), 'Title\n\nBody.\n');
    await expect(collect(dir)).rejects.toThrow(`${dir}: 1 saved page(s) and no manifest.csv, which says whose they are: write one beside them, whose two lines "file,outlet,rules" and "*.txt,<the outlet's name>," name them all (see "Captured pages" in the README); or, where all are one outlet's, name it with --outlet NAME`);
    mkdirSync(path.join(dir, '2023'));
    writeFileSync(path.join(dir, '2023', 'b.html'), '<!DOCTYPE html><html><body><p>Body.</p></body></html>');
    await expect(collect(dir)).rejects.toThrow('2 saved page(s) and no manifest.csv, which says whose they are: write one beside them, whose two lines "file,outlet,rules" and "**/*.html,<the outlet\'s name>," name them all');
  });

  it('read a folder of one outlet\'s pages given with --outlet and no manifest, its --rules cleaning each page as a manifest row\'s would (they were refused for want of a manifest)', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, '2018'));
    writeFileSync(path.join(dir, '2018', 'page.txt'), readFileSync(path.join(ROOT, 'corpus', '004_a8d5d5fd07ea67f5.txt')));
    writeFileSync(path.join(dir, 'README.md'), '# Aletho News, saved by hand\n');
    writeFileSync(path.join(dir, 'scan.pdf'), '%PDF-1.4\n');
    const { articles, problems } = await collect(dir, { outlet: 'Aletho News', rules: path.join(ROOT, 'corpus', 'rules', 'aletho-news.yaml') });
    const bundled = (await collect(path.join(ROOT, 'corpus'))).articles.filter((a) => a.outlet === 'Aletho News');
    expect(articles).toHaveLength(10);
    expect(articles.map((a) => [a.outlet, a.title, a.date, a.author, a.text])).toEqual(bundled.map((a) => [a.outlet, a.title, a.date, a.author, a.text]));
    expect(articles[0]!.origin).toBe(`${path.join(dir, '2018', 'page.txt')}#1`);
    writeFileSync(path.join(dir, 'sources.odt.bak'), 'a list of sources');
    expect(problems.map((p) => [p.code, p.place, p.message])).toEqual([['C001', path.join(dir, 'scan.pdf'), expect.stringMatching(/^cannot read the corpus: a PDF that cannot be read \(damaged: /)]]);
    expect((await collect(dir, { outlet: 'Aletho News' })).problems.map((p) => [p.code, p.place])).toEqual([['C064', path.join(dir, 'sources.odt.bak')], ['C001', path.join(dir, 'scan.pdf')]]);
    const clippings = tempDir();
    writeFileSync(path.join(clippings, 'clip.md'), '---\ntitle: Peru protests grow\npublished: 2023-01-10\n---\nThe de facto government of Dina Boluarte faced new protests.\n');
    expect((await collect(clippings, { outlet: 'Sur' })).articles.map((a) => [a.outlet, a.title, a.date])).toEqual([['Sur', 'Peru protests grow', '2023-01-10']]);
    await expect(collect(clippings, { outlet: 'Sur', columns: { text: 'body' } })).rejects.toThrow(/--columns names the columns of a CSV or JSON export, but .* holds captured pages/);
  });

  it('read one saved page given with --outlet as a folder holding it alone, with its --rules (it was read as a CSV export, C006: "missing column(s) text"); a .txt export with a text column still an export', async () => {
    const dir = tempDir();
    const page = path.join(dir, 'tag-page.txt');
    copyFileSync(path.join(ROOT, 'corpus', '004_a8d5d5fd07ea67f5.txt'), page);
    const { articles, problems } = await collect(page, { outlet: 'Aletho News', rules: path.join(ROOT, 'corpus', 'rules', 'aletho-news.yaml') });
    const bundled = (await collect(path.join(ROOT, 'corpus'))).articles.filter((a) => a.outlet === 'Aletho News');
    expect(problems).toEqual([]);
    expect(articles.map((a) => [a.outlet, a.title, a.date, a.text])).toEqual(bundled.map((a) => [a.outlet, a.title, a.date, a.text]));
    expect(articles[0]!.origin).toBe(`${page}#1`);
    const html = path.join(dir, 'saved.html');
    writeFileSync(html, '<!DOCTYPE html>\n<html><head><title>Peru protests grow</title></head><body><article><h1>Peru protests grow</h1><p>The regime fell.</p></article></body></html>\n');
    expect((await collect(html, { outlet: 'Sur' })).articles.map((a) => [a.outlet, a.title, a.text])).toEqual([['Sur', 'Peru protests grow', 'The regime fell.']]);
    const exported = path.join(dir, 'export.txt');
    for (const header of ['title,date,text', 'title;date;"Text"']) {
      writeFileSync(exported, `${header}\nPeru protests grow${header[5]}2023-01-10${header[5]}The regime fell.\n`);
      expect((await collect(exported, { outlet: 'Sur' })).articles.map((a) => [a.outlet, a.title, a.date])).toEqual([['Sur', 'Peru protests grow', '2023-01-10']]);
    }
  });

  it('refuse --outlet, which names an export\'s outlet, rather than ignore it', async () => {
    await expect(collect(path.join(ROOT, 'corpus'), { outlet: 'Sur' })).rejects.toThrow(/--outlet names the outlet of an export's articles, but .* is a corpus folder/);
  });

  it('refuse --columns, which names an export\'s columns, rather than ignore it', async () => {
    await expect(collect(path.join(ROOT, 'corpus'), { columns: { text: 'body' } })).rejects.toThrow(/--columns names the columns of a CSV or JSON export, but .* is a corpus folder/);
  });

  it('read a manifest a spreadsheet saved with semicolons (it stopped the run: "save the file as comma-separated CSV")', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'manifest.csv'), 'file;outlet;rules\r\na.txt;"Outlet A; Lima";\r\n');
    writeFileSync(path.join(dir, 'a.txt'), 'Title A\n\nBody A.\n');
    const { articles, problems } = await collect(dir);
    expect(articles.map((a) => [a.outlet, a.title])).toEqual([['Outlet A; Lima', 'Title A']]);
    expect(problems).toEqual([]);
  });
});

// A reference manager's export holds no text: Zotero's CSV names each record's saved copies (the Connector's
// snapshot of the page, a PDF) in "File Attachments". It was refused for want of a text column.
describe('an export whose articles are saved copies beside it (Zotero)', () => {
  const ZOTERO = ['Key', 'Item Type', 'Publication Year', 'Author', 'Title', 'Publication Title', 'Url', 'Abstract Note', 'Date', 'Date Added', 'Publisher', 'Library Catalog', 'File Attachments', 'Link Attachments'];
  const COLUMNS = { outlet: 'publication title', file: 'file attachments' };
  const snapshot = (title: string, paragraphs: string[], head = '') =>
    `<!DOCTYPE html><html><head><title>${title}</title>${head}</head><body><nav>Home World</nav><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article><footer>Comments</footer></body></html>`;
  /**
   * A Zotero export and the storage folder beside it: a snapshot and a PDF. Each record is its title,
   * publication, date and attachments, the last given the folder (Zotero writes full paths).
   */
  function zotero(records: [string, string, string, (dir: string) => string][]): string {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'storage', 'AB12CD34'), { recursive: true });
    mkdirSync(path.join(dir, 'storage', 'EF56GH78'), { recursive: true });
    writeFileSync(path.join(dir, 'storage', 'AB12CD34', 'Peru protests.html'), snapshot('Peru’s coup regime cracks down', ['The de facto government of Dina Boluarte blamed the protesters.'], '<link rel="canonical" href="https://elpais.com/1">'));
    writeFileSync(path.join(dir, 'storage', 'EF56GH78', 'Maduro.pdf'), pdfOf([[{ x: 72, y: 780, text: 'Maduro claims victory' }, { x: 72, y: 750, text: 'The regime of Nicolás Maduro claimed victory.' }]]));
    const rows = records.map(([title, publication, date, files], i) => [`K${i}`, 'newspaperArticle', date.slice(0, 4), 'Collyns, Dan', title, publication, '', '', date, '2024-02-01 10:00:00', '', 'elpais.com', files(dir), '']);
    const csv = path.join(dir, 'zotero.csv');
    writeFileSync(csv, Papa.unparse({ fields: ZOTERO, data: rows }, { quotes: true }));
    return csv;
  }

  it('reads each record\'s text from the first of its saved copies that is a page (a snapshot, a PDF), with the title and date the record gives and the address the page gives; names a record of none (C076) and reads the rest', async () => {
    const csv = zotero([
      ['Peru protests', 'El País', '2023-01-12', (dir) => path.join(dir, 'storage', 'AB12CD34', 'Peru protests.html')],
      ['Maduro claims victory', 'The Guardian', '2024-07-29', () => 'storage/EF56GH78/missing.html; storage/EF56GH78/Maduro.pdf'],
      ['Lima on edge', 'El País', '2023-01-13', () => 'storage/GONE/page.html'],
    ]);
    const { articles, problems } = await collect(csv, { columns: COLUMNS });
    expect(articles.map((a) => [a.outlet, a.title, a.date, a.author, a.url, a.text])).toEqual([
      ['El País', 'Peru protests', '2023-01-12', 'Collyns, Dan', 'https://elpais.com/1', 'The de facto government of Dina Boluarte blamed the protesters.'],
      ['The Guardian', 'Maduro claims victory', '2024-07-29', 'Collyns, Dan', '', 'The regime of Nicolás Maduro claimed victory.'],
    ]);
    expect(problems.map((p) => [p.code, p.severity, p.place.slice(path.dirname(csv).length + 1), p.message])).toEqual([
      ['C076', 'error', 'zotero.csv:record 3', 'an empty text, and no saved copy of the article among the files the row names for it (storage/GONE/page.html): storage/GONE/page.html is not there; where the files have moved, give the paths from the export\'s folder, or export again with them'],
    ]);
  });

  it('suggests the columns a Zotero export needs: its publication for the outlet, its attachments for the text (it suggested the publisher, and no text)', async () => {
    const csv = zotero([['Peru protests', 'El País', '2023-01-12', () => 'storage/AB12CD34/Peru protests.html']]);
    const { problems } = await collect(csv);
    expect(problems.map((p) => [p.code, p.message])).toEqual([['C006', expect.stringMatching(/this export's names suggest --columns outlet=publication title,file=file attachments\)$/)]]);
  });
});

// Web archives were not read at all (they were named as files neither export nor page).
describe('web archives (WARC)', () => {
  const page = (title: string, paragraphs: string[], head = '') =>
    `<!DOCTYPE html><html><head><title>${title} | Site</title>${head}</head><body><nav>Home Politics World</nav><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article><footer>© Site</footer></body></html>`;
  const jsonLd = (date: string) => `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"${date}"}</script>`;
  /** A crawl of two sites, with what a crawler keeps beside their articles. */
  const crawl: WarcRecordSpec[] = [
    { url: 'https://www.elcomercio.pe/peru/1', body: page('Peru’s coup regime cracks down', ['The de facto government of Dina Boluarte blamed the protesters.'], jsonLd('2023-01-12')) },
    { url: 'https://www.elcomercio.pe/peru/1', body: 'GET /peru/1 HTTP/1.1\r\nHost: www.elcomercio.pe\r\n\r\n', type: 'request', contentType: 'application/http; msgtype=request' },
    { url: 'https://www.elcomercio.pe/style.css', body: 'article { margin: 0 }', contentType: 'text/css' },
    { url: 'https://www.elcomercio.pe/logo.png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47]), contentType: 'image/png' },
    { url: 'https://www.elcomercio.pe/old', body: page('Moved', ['This page has moved.']), status: 301 },
    { url: 'https://www.elcomercio.pe/missing', body: page('Not found', ['No such page.']), status: 404 },
    // The server's own compression, undone; and a page in the character set its server names.
    { url: 'https://caracaschronicles.com/2024/07/29/', body: gzipSync(page('Maduro claims victory', ['The regime of Nicolás Maduro claimed victory.'])), headers: { 'Content-Encoding': 'gzip' } },
    { url: 'https://caracaschronicles.com/2024/07/30/', body: iconv.encode(page('Protests in Caracas', ['Nicolás Maduro’s regime arrested hundreds.'], jsonLd('2024-07-30')), 'windows-1252'), contentType: 'text/html; charset=windows-1252' },
    // A page kept as a resource, as an archive of files saved by hand holds it.
    { url: 'https://elcomercio.pe/peru/2', body: page('Lima on edge', ['The junta said nothing.']), type: 'resource' },
    // Compressed with brotli, as a browser behind a recording proxy accepts it (warcio hands it over as it came); and one damaged.
    { url: 'https://elcomercio.pe/peru/3', body: brotliCompressSync(page('Juliaca mourns', ['Seventeen were killed.'])), headers: { 'Content-Encoding': 'br' } },
    { url: 'https://elcomercio.pe/peru/4', body: Buffer.from('not brotli at all'), headers: { 'Content-Encoding': 'br' } },
    // Compressed with zstd, which Node 20 cannot undo.
    { url: 'https://elcomercio.pe/peru/5', body: Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]), headers: { 'Content-Encoding': 'zstd' } },
  ];
  const rows = (articles: Article[]) => articles.map((a) => [a.outlet, a.title, a.date, a.url, a.text, a.origin.replace(/^.*\//, '')]);

  it('read each HTML page a crawl captured (or kept as a resource) as a saved page, its outlet the host it came from, compressed with brotli too; requests, styles, images, redirects and errors passed over; a page that cannot be decoded named (C077)', async () => {
    for (const name of ['crawl.warc.gz', 'crawl.warc']) {
      const file = path.join(tempDir(), name);
      await writeWarc(file, crawl);
      const { articles, problems } = await collect(file);
      expect(problems.map((p) => [p.code, path.basename(p.place), p.message])).toEqual([
        ['C077', `${name}:record 11`, expect.stringMatching(/^the page of https:\/\/elcomercio\.pe\/peru\/4 in this web archive cannot be read: its server compressed it with brotli, and it cannot be undone/)],
        ['C077', `${name}:record 12`, expect.stringMatching(/^the page of https:\/\/elcomercio\.pe\/peru\/5 in this web archive cannot be read: its server compressed it with zstd, which this tool cannot undo/)],
      ]);
      expect(rows(articles)).toEqual([
        ['elcomercio.pe', 'Peru’s coup regime cracks down', '2023-01-12', 'https://www.elcomercio.pe/peru/1', 'The de facto government of Dina Boluarte blamed the protesters.', `${name}:record 1`],
        ['caracaschronicles.com', 'Maduro claims victory', '', 'https://caracaschronicles.com/2024/07/29/', 'The regime of Nicolás Maduro claimed victory.', `${name}:record 7`],
        ['caracaschronicles.com', 'Protests in Caracas', '2024-07-30', 'https://caracaschronicles.com/2024/07/30/', 'Nicolás Maduro’s regime arrested hundreds.', `${name}:record 8`],
        ['elcomercio.pe', 'Lima on edge', '', 'https://elcomercio.pe/peru/2', 'The junta said nothing.', `${name}:record 9`],
        ['elcomercio.pe', 'Juliaca mourns', '', 'https://elcomercio.pe/peru/3', 'Seventeen were killed.', `${name}:record 10`],
      ]);
      // The progress bar's measure: gzipped record by record, its last four bytes are the last record's size alone.
      expect(await corpusSize(file)).toBe(statSync(file).size);
    }
  });

  it('give every page the outlet --outlet names, cleaned by --rules; and a manifest row\'s outlet and rules to the archive it names', async () => {
    const dir = tempDir();
    const archive = path.join(dir, 'comercio.warc.gz');
    await writeWarc(archive, [
      { url: 'https://elcomercio.pe/1', body: page('Lima on edge', ['Lea también: Boluarte viaja', 'The junta said nothing.']) },
      // A tag page of two articles, split by the rules: each has the page's address for its url.
      { url: 'https://elcomercio.pe/tag/peru', body: `<html><body><p>Peru protests</p><p>The regime fell.</p><p>* * *</p><p>Lima votes</p><p>The junta fell.</p></body></html>` },
    ]);
    writeFileSync(path.join(dir, 'comercio.yaml'), "remove: '^Lea también:.*$'\nsplit: '^\\* \\* \\*$'\n");
    const given = await collect(archive, { outlet: 'El Comercio', rules: path.join(dir, 'comercio.yaml') });
    expect([rows(given.articles), given.problems]).toEqual([
      [
        ['El Comercio', 'Lima on edge', '', 'https://elcomercio.pe/1', 'The junta said nothing.', 'comercio.warc.gz:record 1'],
        ['El Comercio', 'Peru protests', '', 'https://elcomercio.pe/tag/peru', 'The regime fell.', 'comercio.warc.gz:record 2#1'],
        ['El Comercio', 'Lima votes', '', 'https://elcomercio.pe/tag/peru', 'The junta fell.', 'comercio.warc.gz:record 2#2'],
      ],
      [],
    ]);
    writeFileSync(path.join(dir, 'manifest.csv'), 'file,outlet,rules\ncomercio.warc.gz,El Comercio,comercio.yaml\n');
    const named = await collect(dir);
    expect([rows(named.articles), named.problems]).toEqual([rows(given.articles), []]);
    await expect(collect(archive, { columns: { text: 'body' } })).rejects.toThrow(/--columns names the columns of a CSV or JSON export, but .*comercio\.warc\.gz is a web archive/);
  });

  it('read a WACZ (as Browsertrix and ArchiveWeb.page download a crawl) for the WARC files of its archive folder, in name order; one cut short loses none of the others', async () => {
    const dir = tempDir();
    const warc = async (name: string, records: WarcRecordSpec[]) => {
      await writeWarc(path.join(dir, name), records);
      return readFileSync(path.join(dir, name));
    };
    const second = await warc('second.warc', crawl.slice(6, 8));
    const wacz = path.join(dir, 'crawl.wacz');
    await writeZip(wacz, {
      'archive/data-2.warc': second.subarray(0, second.length - 40),
      'archive/data-1.warc.gz': await warc('first.warc.gz', crawl.slice(0, 1)),
      'pages/pages.jsonl': '{"format":"json-pages-1.0","id":"pages"}\n{"url":"https://www.elcomercio.pe/peru/1"}\n',
      'indexes/index.cdx': 'pe,elcomercio)/peru/1 20240201100000 {}\n',
      'datapackage.json': '{"profile":"data-package","wacz_version":"1.1.1"}',
    });
    const { articles, problems } = await collect(wacz);
    expect(rows(articles)).toEqual([
      ['elcomercio.pe', 'Peru’s coup regime cracks down', '2023-01-12', 'https://www.elcomercio.pe/peru/1', 'The de facto government of Dina Boluarte blamed the protesters.', 'data-1.warc.gz:record 1'],
      ['caracaschronicles.com', 'Maduro claims victory', '', 'https://caracaschronicles.com/2024/07/29/', 'The regime of Nicolás Maduro claimed victory.', 'data-2.warc:record 1'],
    ]);
    expect(problems.map((p) => [p.code, p.place.slice(dir.length + 1)])).toEqual([['C074', 'crawl.wacz/archive/data-2.warc:record 2']]);
  });

  it('read on past a record that runs on past the length its header gives, naming it (C078), and print nothing (warcio wrote its own line to the console)', async () => {
    const file = path.join(tempDir(), 'long.warc');
    await writeWarc(file, crawl.slice(0, 1).concat(crawl.slice(8, 9)));
    const text = readFileSync(file, 'latin1');
    const length = /Content-Length: (\d+)/.exec(text)!;
    writeFileSync(file, text.replace(length[0], `Content-Length: ${Number(length[1]) - 30}`), 'latin1');
    const warn = vi.spyOn(console, 'warn');
    try {
      const { articles, problems } = await collect(file);
      expect(articles.map((a) => a.title)).toEqual(['Peru’s coup regime cracks down', 'Lima on edge']);
      expect(problems.map((p) => [p.code, path.basename(p.place), p.message])).toEqual([['C078', 'long.warc:record 1', expect.stringMatching(/^the record runs on 30 byte\(s\) past the length its header gives/)]]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('read the pages before a record cut short, and name where it breaks (C074); name an archive of no page (C075)', async () => {
    const dir = tempDir();
    // warcio reads either as if whole: the last page lost without a word, or read in part.
    for (const [name, why] of [['cut.warc', 'byte(s) short of the length its header gives'], ['cut.warc.gz', 'unexpected end of file']]) {
      const whole = path.join(dir, `whole-${name}`);
      await writeWarc(whole, crawl.slice(0, 7));
      const bytes = readFileSync(whole);
      const cut = path.join(dir, name);
      writeFileSync(cut, bytes.subarray(0, bytes.length - 40));
      const { articles, problems } = await collect(cut);
      expect(articles.map((a) => a.title)).toEqual(['Peru’s coup regime cracks down']);
      expect(problems.map((p) => [p.code, p.severity, path.basename(p.place), p.message.includes(why)])).toEqual([['C074', 'error', `${name}:record 7`, true]]);
    }
    // warcio takes any file for one record of nothing: a file of something else under a WARC's name was "no page".
    const other = path.join(dir, 'export.warc');
    writeFileSync(other, 'outlet,title,text\nSur,Peru,The regime fell.\n');
    expect((await collect(other)).problems.map((p) => [p.code, path.basename(p.place), p.message])).toEqual([['C074', 'export.warc:record 1', expect.stringContaining('no WARC record starts here, but "outlet,title,text"')]]);
    const images = path.join(dir, 'images.warc.gz');
    await writeWarc(images, crawl.slice(2, 4));
    const none = await collect(images);
    expect([none.articles, none.problems.map((p) => [p.code, path.basename(p.place), p.message])]).toEqual([[], [['C075', 'images.warc.gz', expect.stringContaining('2 record(s) and no HTML page')]]]);
  });
});

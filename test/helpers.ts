// Shared set-up for tests: one tokeniser (loading the model takes a moment),
// and small builders for articles and lexicons written inline.
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { WARCRecord, WARCSerializer } from 'warcio';
import yazl from 'yazl';
import { afterAll, expect } from 'vitest';
import { ingest, type IngestItem, type IngestOptions } from '../pipeline/01-ingest/index.ts';
import { createTokeniser } from '../pipeline/02-tokenise/tokenise.ts';
import { compileLexicon, compileTerms } from '../pipeline/03-score/compile.ts';
import { scoreArticle } from '../pipeline/03-score/index.ts';
import { parseLexicon } from '../pipeline/03-score/lexicon.ts';
import type { ActorAlias, Article, Hit, Lexicon } from '../pipeline/types.ts';
import { DEFAULT_MAX_ARTICLE_KB, type Options } from '../pipeline/cli/options.ts';
import { runPipeline, type Console } from '../pipeline/cli/stages.ts';
import { DEFAULT_STATS } from '../pipeline/04-report/analysis.ts';
import type { Problem } from '../pipeline/messages.ts';

export const tokeniser = createTokeniser();

export const ROOT = path.resolve(import.meta.dirname, '..');

export function article(text: string, overrides: Partial<Article> = {}): Article {
  return {
    article_id: 'test-1', outlet: 'Test Outlet', outlet_slug: 'test-outlet', title: '', date: '',
    author: '', source: '', url: '', text, origin: 'test', near_duplicate_of: '', shared_text: null, ...overrides,
  };
}

const describe = (problems: { place: string; code: string; message: string }[]) =>
  problems.map((p) => `${p.place} ${p.code} ${p.message}`).join('\n');

export function lexicon(csv: string, file = 'test.csv'): Lexicon {
  const parsed = parseLexicon(csv, file);
  if (parsed.kind !== 'framing' || !parsed.lexicon) throw new Error(describe(parsed.problems));
  return parsed.lexicon;
}

export function actors(csv: string, file = 'actors.csv'): ActorAlias[] {
  const parsed = parseLexicon(csv, file);
  if (parsed.kind !== 'actors' || !parsed.actors) throw new Error(describe(parsed.problems));
  return parsed.actors.aliases;
}

/** A one-frame lexicon from bare terms: `terms('dictator', 'coup regime')`. */
export function terms(...list: string[]): Lexicon {
  return lexicon(`frame,pole,term\n${list.map((t, i) => `f,p${i},"${t}"`).join('\n')}\n`);
}

export function hitsIn(text: string, ...lexicons: Lexicon[]): Hit[] {
  return analyse(text, lexicons);
}

/** Scores `text` (paragraphs on separate lines) as the score stage does, with attribution. */
export function analyse(text: string, lexicons: Lexicon[], aliases: ActorAlias[] = []): Hit[] {
  const compiled = lexicons.map((l) => compileLexicon(l, tokeniser));
  const compiledActors = aliases.length > 0 ? compileTerms(aliases, tokeniser) : null;
  return scoreArticle(tokeniser.tokenise(article(text)), compiled, compiledActors).hits;
}

/** The temporary folders this test file made: a run of the suite made some 300 MB of them, and left them all. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new temporary folder, removed when the test file that asked for it is done. */
/** Every article and problem ingest gives for `corpus`, apart. */
export async function collect(corpus: string, options: IngestOptions = {}): Promise<{ articles: Article[]; problems: Problem[] }> {
  const items: IngestItem[] = [];
  for await (const item of ingest(corpus, options)) items.push(item);
  return {
    articles: items.flatMap((i) => ('article' in i ? [i.article] : [])),
    problems: items.flatMap((i) => ('problem' in i ? [i.problem] : [])),
  };
}

export function tempDir(prefix = 'framing-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

const run = promisify(execFile);

/** Runs a stage script as a user would (`npm run <stage> -- args`), without npm's own output. */
export async function runScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'pipeline', 'cli', `${script}.ts`), ...args],
      // As npm run from the project's folder gives it, wherever npm test was run from.
      { cwd: ROOT, env: { ...env, INIT_CWD: ROOT } },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Options as the command line gives them by default, with a work folder of the test's own. */
export function testOptions(overrides: Partial<Options> = {}): Options {
  const work = tempDir('framing-work-');
  return {
    // Relative, as npm run pipeline gives them, so that articles.csv's origin column matches.
    corpus: path.relative(process.cwd(), path.join(ROOT, 'corpus')),
    lexicons: path.relative(process.cwd(), path.join(ROOT, 'lexicons')),
    out: path.join(work, 'reports'),
    work,
    cache: true,
    clearCache: false,
    pruneCache: false,
    stats: DEFAULT_STATS,
    workers: 1,
    maxArticleBytes: DEFAULT_MAX_ARTICLE_KB * 1000,
    quiet: true,
    columns: {},
    rules: null,
    dayFirst: false,
    skipNearDuplicates: false,
    decimalComma: false,
    about: null,
    outlet: null,
    outletNames: null,
    from: null,
    to: null,
    ...overrides,
  };
}

/** A console that keeps what the stages print, for assertions. */
export function quiet(): Console & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (l) => lines.push(l), warn: (l) => lines.push(l) };
}

/** Runs the pipeline; returns its summary line of `stage` ('' if none). */
export async function summaryLine(options: Options, stage: 'ingest' | 'tokenise' | 'score' | 'report'): Promise<string> {
  const log = quiet();
  await runPipeline(options, log);
  return log.lines.find((line) => line.startsWith(`${stage}:`)) ?? '';
}

/** Every file under a folder, relative path -> bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), readFileSync(full));
  }
  return files;
}

/** The same report files in both folders, byte for byte. */
export function expectSameReports(a: string, b: string): void {
  const x = snapshot(a);
  const y = snapshot(b);
  expect([...y.keys()].sort()).toEqual([...x.keys()].sort());
  for (const [name, bytes] of x) expect(y.get(name)!.equals(bytes), name).toBe(true);
}

/** A corpus export (outlet, title, date, url, text) of the given rows. */
export function exportCsv(rows: string[][], newline = '\r\n'): string {
  return Papa.unparse({ fields: ['outlet', 'title', 'date', 'url', 'text'], data: rows }, { newline });
}

/** Writes a zip archive holding `files` (path inside -> content), as an archiver would. */
export async function writeZip(file: string, files: Record<string, string | Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(file));
}

/** A record of a web archive: a server's response (status 200 unless given), or another `type` with no HTTP headers. */
export interface WarcRecordSpec {
  url: string;
  body: string | Buffer;
  contentType?: string;
  status?: number;
  type?: 'response' | 'resource' | 'request' | 'revisit' | 'metadata';
  headers?: Record<string, string>;
}

/** Writes a web archive (WARC) of `records`, each gzipped apart (.warc.gz) as crawlers write them, or not (.warc). */
export async function writeWarc(file: string, records: WarcRecordSpec[]): Promise<void> {
  const serialised: Uint8Array[] = [];
  for (const { url, body, contentType = 'text/html; charset=utf-8', status = 200, type = 'response', headers = {} } of records) {
    const http = type === 'response' ? { statusline: `HTTP/1.1 ${status} OK`, httpHeaders: { 'Content-Type': contentType, ...headers } } : { warcHeaders: { 'Content-Type': contentType } };
    const record = WARCRecord.create({ url, type, date: '2024-02-01T10:00:00Z', ...http }, [Buffer.from(body)]);
    serialised.push(await WARCSerializer.serialize(record, { gzip: file.endsWith('.gz') }));
  }
  writeFileSync(file, Buffer.concat(serialised));
}

/** A line of text set on a PDF page: its start and baseline in points from the page's bottom left, in Helvetica. */
export interface PdfLine {
  x: number;
  y: number;
  text: string;
  size?: number;
}

/** A PDF of `pages` (A4) with each line set where it says, the least of one that readers open: to test layouts no fixture has. */
export function pdfOf(pages: PdfLine[][]): Buffer {
  const escape = (text: string) => text.replace(/[\\()]/g, '\\$&');
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'];
  const kids: number[] = [];
  for (const lines of pages) {
    const content = lines.map(({ x, y, text, size = 10 }) => `BT /F1 ${size} Tf ${x} ${y} Td (${escape(text)}) Tj ET`).join('\n');
    objects.push(`<< /Length ${iconv.encode(content, 'windows-1252').length} >>\nstream\n${content}\nendstream`);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length} 0 R >>`);
    kids.push(objects.length);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const at = iconv.encode(pdf, 'windows-1252').length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = iconv.encode(pdf, 'windows-1252').length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return iconv.encode(pdf, 'windows-1252');
}

/** Writes a Word document (.docx) of `paragraphs`, the least of one that Word opens. */
export async function writeDocx(file: string, paragraphs: string[]): Promise<void> {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  await writeZip(file, {
    '[Content_Types].xml': `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    '_rels/.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    'word/document.xml': `${xml}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escape(p)}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`,
  });
}

/** A workbook cell: text, a number, or a day as Excel stores it (days since 1899-12-30, in a date format). */
export type XlsxCell = string | number | { day: number };

/** Writes a workbook (.xlsx) of `sheets` (name -> rows), the least of one that Excel opens, texts inline and days in Excel's date format. */
export async function writeXlsx(file: string, sheets: Record<string, XlsxCell[][]>): Promise<void> {
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const names = Object.keys(sheets);
  const column = (i: number) => String.fromCharCode(65 + i);
  const cell = (value: XlsxCell, ref: string) =>
    typeof value === 'string'
      ? `<c r="${ref}" t="inlineStr"><is><t>${value.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`
      : typeof value === 'number'
        ? `<c r="${ref}"><v>${value}</v></c>`
        : `<c r="${ref}" s="1"><v>${value.day}</v></c>`;
  const sheet = (rows: XlsxCell[][]) =>
    `${xml}<worksheet xmlns="${main}"><sheetData>${rows.map((row, r) => `<row r="${r + 1}">${row.map((value, c) => cell(value, `${column(c)}${r + 1}`)).join('')}</row>`).join('')}</sheetData></worksheet>`;
  await writeZip(file, {
    '[Content_Types].xml': `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    '_rels/.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${xml}<workbook xmlns="${main}" xmlns:r="${rel}"><sheets>${names.map((name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rIdStyles" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `${xml}<styleSheet xmlns="${main}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ...Object.fromEntries(names.map((name, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheet(sheets[name]!)])),
  });
}

/** A report's rows, after checking it starts with the BOM. */
export function readReport(file: string): Record<string, string>[] {
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
}

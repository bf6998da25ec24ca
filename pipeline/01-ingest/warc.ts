// Web archives (WARC, ISO 28500), as Browsertrix, Webrecorder's ArchiveWeb.page,
// Heritrix, Archive-It and `wget --warc-file` write them, alone or in a WACZ
// (a zip of WARCs and their indexes, as Browsertrix and ArchiveWeb.page
// download a crawl): the HTML pages they captured, each with the address it
// was captured from. warcio (Webrecorder's own reader) reads the records and
// undoes the server's compression and chunking; everything else a crawl keeps
// (images, scripts, styles, redirects, requests, a revisit's note that a page
// had not changed) is passed over.
import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { brotliDecompressSync, createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { decodeText } from '../encoding.ts';
import { ZipArchive } from './zip.ts';

/** A web archive: a WARC file, gzipped or not, or a WACZ (the zip Browsertrix and ArchiveWeb.page download a crawl as). */
export const WARC_FILE = /\.(?:warc(?:\.gz)?|wacz)$/i;
const WACZ_FILE = /\.wacz$/i;
/** Where a WACZ keeps its WARC files; its indexes and page lists beside them are read from the WARCs themselves. */
const WARC_IN_WACZ = /^archive\/[^/]+\.warc(?:\.gz)?$/i;

/**
 * A page a web archive holds: the address it was captured from, its number
 * among the archive's records, and its text; or why it cannot be read.
 */
export type ArchivedPage = { url: string; record: number } & ({ text: string } | { unread: string } | { longer: number });

const HTML_TYPE = /^\s*(?:text\/html|application\/xhtml\+xml)\b/i;
const CHARSET = /;\s*charset\s*=\s*"?([\w.:-]+)/i;

/** A page's bytes as text: in the character set its server named, where iconv knows it; else UTF-8, or Windows-1252 where it is not UTF-8. */
function pageText(bytes: Uint8Array, contentType: string): string {
  const charset = CHARSET.exec(contentType)?.[1];
  if (charset && !/^utf-?8$/i.test(charset) && iconv.encodingExists(charset)) return iconv.decode(Buffer.from(bytes), charset);
  return decodeText(bytes).text;
}

/** Compressions warcio undoes. */
const UNDONE = new Set(['', 'identity', 'gzip', 'x-gzip', 'deflate']);

/**
 * A page's text from its bytes as warcio gives them: it undoes gzip and
 * deflate, and hands over a page its server compressed otherwise as it came:
 * brotli is undone here, and any other (zstd) named.
 */
function decoded(bytes: Uint8Array, encoding: string, contentType: string): { text: string } | { unread: string } {
  const compression = encoding.trim().toLowerCase();
  if (UNDONE.has(compression)) return { text: pageText(bytes, contentType) };
  if (compression !== 'br') return { unread: `its server compressed it with ${compression}, which this tool cannot undo` };
  try {
    return { text: pageText(brotliDecompressSync(bytes), contentType) };
  } catch (e) {
    return { unread: `its server compressed it with brotli, and it cannot be undone (${(e as Error).message})` };
  }
}

/**
 * `read`, with what it writes by console.warn handed to `heard` rather than
 * printed among the run's messages: warcio says so of a record that runs on
 * past its length.
 */
async function hearingWarnings<T>(read: () => Promise<T>, heard: string[]): Promise<T> {
  const warn = console.warn;
  console.warn = (...said: unknown[]) => heard.push(said.map(String).join(' '));
  try {
    return await read();
  } finally {
    console.warn = warn;
  }
}

/**
 * Bytes, gunzipped where their first two say they are gzipped: by Node's
 * zlib, which, unlike warcio's own, says so where they end too soon.
 */
async function gunzippedIfGzipped(bytes: Readable): Promise<Readable> {
  const chunks = bytes[Symbol.asyncIterator]();
  const first = await chunks.next();
  const all = Readable.from(
    (async function* () {
      if (first.done) return;
      yield first.value as Buffer;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value as Buffer;
    })(),
  );
  const head = first.done ? null : (first.value as Buffer);
  if (!head || head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) return all;
  // pipeline, unlike pipe, passes on an error of the bytes read to whoever reads the gunzipped ones.
  return pipeline(all, createGunzip(), () => {});
}

/** One WARC file of a web archive: its place, for messages, and its bytes, gunzipped. */
export interface WarcSource {
  place: string;
  open: () => Promise<Readable>;
}

/**
 * The WARC files of `file`: itself, or a WACZ's, from its archive/ folder, in
 * name order; `close` when done. A WACZ that is no zip, or is damaged, throws
 * C050 (as any zip archive).
 */
export async function warcSources(file: string): Promise<{ sources: WarcSource[]; close: () => void }> {
  if (!WACZ_FILE.test(file)) return { sources: [{ place: file, open: () => gunzippedIfGzipped(createReadStream(file)) }], close: () => {} };
  const zip = await ZipArchive.open(file);
  const sources = zip
    .files()
    .filter(({ name }) => WARC_IN_WACZ.test(name))
    .map(({ name }) => ({ place: `${file}/${name}`, open: () => gunzippedIfGzipped(zip.stream(name)) }));
  return { sources, close: () => zip.close() };
}

/**
 * The HTML pages of a WARC file, in its order: its responses of status 2xx
 * and its resources served as HTML. Throws, after the pages before it, where
 * a record cannot be read (`read.records` says how many could).
 */
export async function* archivedPages(source: WarcSource, read: { records: number }): AsyncGenerator<ArchivedPage> {
  // Loaded where an archive is read: most runs read none.
  const { LimitReader, WARCParser } = await import('warcio');
  const stream = await source.open();
  const records = WARCParser.iterRecords(stream);
  let previous = { url: '', record: 0 };
  try {
    for (;;) {
      const heard: string[] = [];
      const next = await hearingWarnings(() => records.next(), heard);
      // warcio's word that the record before ran on past the length its header gives: it reads on from the next record.
      const longer = Number(/Remainder Length: (\d+)/.exec(heard.join('\n'))?.[1] ?? 0);
      if (longer > 0) yield { ...previous, longer };
      if (next.done) break;
      const record = next.value;
      // warcio takes any line for a record's first: a file of something else would be one record, of nothing.
      const first = record.warcHeaders.statusline;
      if (!first.startsWith('WARC/')) throw new Error(`no WARC record starts here, but "${first.slice(0, 40)}"`);
      const url = record.warcTargetURI;
      const response = record.getResponseInfo();
      const contentType = (response ? response.headers.get('content-type') : record.warcContentType) ?? '';
      const isPage =
        (record.warcType === 'response' || record.warcType === 'resource') && url && (!response || /^2\d\d$/.test(String(response.status))) && HTML_TYPE.test(contentType);
      const bytes = isPage ? await record.readFully(true) : null;
      // warcio reads a record cut short as if whole: what is left of the length its header gives says so.
      const left = bytes && record._reader instanceof LimitReader ? record._reader.limit : 0;
      if (left > 0) throw new Error(`it ends ${left} byte(s) short of the length its header gives`);
      read.records += 1;
      previous = { url: url ?? '', record: read.records };
      if (bytes) yield { url: url!, record: read.records, ...decoded(bytes, response?.headers.get('content-encoding') ?? '', contentType) };
    }
  } finally {
    stream.destroy();
  }
}

// Web archives (WARC, ISO 28500), as Browsertrix, Webrecorder's ArchiveWeb.page,
// Heritrix, Archive-It and `wget --warc-file` write them: the HTML pages they
// captured, each with the address it was captured from. warcio (Webrecorder's
// own reader) reads the records, gzipped or not, and undoes the server's
// compression and chunking; everything else a crawl keeps (images, scripts,
// styles, redirects, requests, a revisit's note that a page had not changed)
// is passed over.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { decodeText } from '../encoding.ts';

export const WARC_FILE = /\.warc(?:\.gz)?$/i;

/** A page a web archive holds: the address it was captured from, its number among the archive's records, and its text. */
export interface ArchivedPage {
  url: string;
  record: number;
  text: string;
}

const HTML_TYPE = /^\s*(?:text\/html|application\/xhtml\+xml)\b/i;
const CHARSET = /;\s*charset\s*=\s*"?([\w.:-]+)/i;

/** A page's bytes as text: in the character set its server named, where iconv knows it; else UTF-8, or Windows-1252 where it is not UTF-8. */
function pageText(bytes: Uint8Array, contentType: string): string {
  const charset = CHARSET.exec(contentType)?.[1];
  if (charset && !/^utf-?8$/i.test(charset) && iconv.encodingExists(charset)) return iconv.decode(Buffer.from(bytes), charset);
  return decodeText(bytes).text;
}

/**
 * The file's bytes, gunzipped where its first bytes say it is gzipped: by
 * Node's zlib, which, unlike warcio's own, says so where the file is cut short.
 */
async function archiveStream(file: string): Promise<Readable> {
  const handle = await open(file);
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0).finally(() => handle.close());
  const bytes = createReadStream(file);
  return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b ? bytes.pipe(createGunzip()) : bytes;
}

/**
 * The HTML pages of a WARC file, in its order: its responses of status 2xx
 * and its resources served as HTML. Throws, after the pages before it, where
 * a record cannot be read (`read.records` says how many could).
 */
export async function* archivedPages(file: string, read: { records: number }): AsyncGenerator<ArchivedPage> {
  // Loaded where an archive is read: most runs read none.
  const { LimitReader, WARCParser } = await import('warcio');
  const stream = await archiveStream(file);
  try {
    for await (const record of WARCParser.iterRecords(stream)) {
      const url = record.warcTargetURI;
      const response = record.getResponseInfo();
      const contentType = (response ? response.headers.get('content-type') : record.warcContentType) ?? '';
      const isPage =
        (record.warcType === 'response' || record.warcType === 'resource') && url && (!response || /^2\d\d$/.test(String(response.status))) && HTML_TYPE.test(contentType);
      if (!isPage) {
        read.records += 1;
        continue;
      }
      const bytes = await record.readFully(true);
      // warcio reads a record cut short as if whole: what is left of the length its header gives says so.
      const left = record._reader instanceof LimitReader ? record._reader.limit : 0;
      if (left > 0) throw new Error(`it ends ${left} byte(s) short of the length its header gives`);
      read.records += 1;
      yield { url, record: read.records, text: pageText(bytes, contentType) };
    }
  } finally {
    stream.destroy();
  }
}

// A web page saved as one file, MHTML (Chrome's and Edge's "Webpage, Single
// File", .mhtml or .mht): a MIME message whose first HTML part is the page,
// its other parts the page's images and styles. The page part is written in
// quoted-printable or base64, which read as text is neither the page's words
// nor markup ("=E2=80=99" for "’", "=3D" for "=").
import iconv from 'iconv-lite';

/** What a page's first headers say of it: a MIME message holding related parts. */
const MIME_VERSION = /^MIME-Version:/im;
const RELATED_PARTS = /^Content-Type:\s*multipart\/related/im;

/** The headers of a MIME part, by lower-cased name, and its body. */
function parsePart(part: string): { headers: Map<string, string>; body: string } {
  const end = part.search(/\r?\n\r?\n/);
  const head = end === -1 ? part : part.slice(0, end);
  const headers = new Map<string, string>();
  // A header may go on over the next lines, each starting with a space or tab.
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: end === -1 ? '' : part.slice(end).replace(/^\r?\n\r?\n/, '') };
}

/** A quoted-printable body's bytes: "=XX" a byte, "=" at a line's end a line that goes on. */
function quotedPrintable(body: string): Buffer {
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === '=' ? /^[0-9A-Fa-f]{2}/.exec(joined.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else {
      // The body is ASCII: a character is its byte.
      bytes.push(joined.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/**
 * The HTML of a page saved as MHTML, its first text/html part decoded; null
 * for any other page. Its charset is UTF-8 unless the part names another.
 */
export function htmlOfMhtml(page: string): string | null {
  const head = page.slice(0, 4096);
  if (!MIME_VERSION.test(head) || !RELATED_PARTS.test(head)) return null;
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(page)?.[1];
  if (!boundary) return null;
  for (const raw of page.split(`--${boundary}`).slice(1)) {
    const { headers, body } = parsePart(raw);
    const type = headers.get('content-type') ?? '';
    if (!/^text\/html/i.test(type)) continue;
    const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
    const bytes = encoding === 'quoted-printable' ? quotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64') : Buffer.from(body, 'latin1');
    const charset = /charset="?([\w-]+)/i.exec(type)?.[1] ?? 'utf-8';
    return iconv.encodingExists(charset) ? iconv.decode(bytes, charset) : bytes.toString('utf8');
  }
  return null;
}

// A page saved as OpenDocument text (.odt), as LibreOffice saves documents:
// its text, a paragraph a line. The document is a zip archive (yauzl, through
// zip.ts) whose content.xml fast-xml-parser reads in document order:
//   1. each paragraph and heading (`text:p`, `text:h`), in lists and table
//      cells too, is a line;
//   2. a run of spaces (`text:s`) is that many spaces, a tab a space, a line
//      break within a paragraph a line break;
//   3. notes, comments, tracked deletions, a table of contents (text again)
//      and frames (pictures, their captions) hold no text of the article.
import { XMLParser } from 'fast-xml-parser';
import { ODT_MIMETYPE, SIGNATURE, startsWith } from '../encoding.ts';
import { ZipArchive } from './zip.ts';

/** Elements whose text is no part of the document's own. */
const SKIPPED = new Set([
  'text:note', 'office:annotation', 'office:annotation-end', 'text:tracked-changes', 'text:table-of-content', 'text:alphabetical-index',
  'text:bibliography', 'text:sequence-decls', 'text:variable-decls', 'office:forms', 'draw:frame',
]);

const PARAGRAPHS = new Set(['text:p', 'text:h']);

/** A node as fast-xml-parser gives it in document order: its one element name, and its attributes under ":@". */
type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Text as written: a paragraph's spaces, and "007" not 7.
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

const nameOf = (node: XmlNode) => Object.keys(node).find((key) => key !== ':@')!;

/** The text of a paragraph's contents. */
function inlineText(nodes: XmlNode[]): string {
  let text = '';
  for (const node of nodes) {
    const name = nameOf(node);
    if (name === '#text') text += String(node['#text']);
    else if (name === 'text:s') text += ' '.repeat(Math.min(Number(node[':@']?.['text:c'] ?? 1) || 1, 100));
    else if (name === 'text:tab') text += ' ';
    else if (name === 'text:line-break') text += '\n';
    else if (!SKIPPED.has(name) && Array.isArray(node[name])) text += inlineText(node[name] as XmlNode[]);
  }
  return text;
}

/** The paragraphs under `nodes`, in document order. */
function paragraphsIn(nodes: XmlNode[], into: string[]): string[] {
  for (const node of nodes) {
    const name = nameOf(node);
    if (SKIPPED.has(name) || !Array.isArray(node[name])) continue;
    if (PARAGRAPHS.has(name)) into.push(inlineText(node[name] as XmlNode[]));
    else paragraphsIn(node[name] as XmlNode[], into);
  }
  return into;
}

/** Whether a file's first bytes say it is an OpenDocument text: a zip whose first entry, "mimetype", names it. */
export const isOdt = (bytes: Buffer) => startsWith(bytes, SIGNATURE.zip) && bytes.subarray(0, 100).includes(ODT_MIMETYPE);

/** An OpenDocument text's paragraphs, one a line; an Error where it cannot be read. */
export async function textOfOdt(file: string): Promise<string> {
  const damaged = () => new Error('an OpenDocument text that cannot be read (damaged, or cut short); open it and save it again, or save its text as plain text (.txt)');
  const archive = await ZipArchive.open(file).catch(() => {
    throw damaged();
  });
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of archive.stream('content.xml')) chunks.push(chunk as Buffer);
    return paragraphsIn(parser.parse(Buffer.concat(chunks).toString('utf8')) as XmlNode[], [])
      .map((paragraph) => paragraph.trim())
      .join('\n');
  } catch {
    throw damaged();
  } finally {
    archive.close();
  }
}

// Captured pages saved as Markdown, as the clippers researchers collect
// articles with write them: the Obsidian Web Clipper, MarkDownload,
// trafilatura's `--markdown`, Jina's reader. Read as text,
// "[Dina Boluarte](https://…)" puts a web address between a term's words,
// "**de facto**" keeps its stars, and the clipper's note about the page (its
// front matter: title, source, author, published) reads as the article's
// first lines. marked renders the Markdown; the HTML page reader takes it
// from there, and the note gives the page's date, author and address.
import { marked, type Token } from 'marked';
import { parse as parseYaml, type YAMLError } from 'yaml';
import { readHtmlPage, textOfHtml, type PageMetadata } from './html-text.ts';

/** A page saved as Markdown, by its name. */
export const MARKDOWN_FILE = /\.(?:md|markdown)$/i;

/** YAML front matter: the lines between a first line `---` and the next `---` (or `...`). */
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** A first line `---` and a `name: value` line after it: front matter, if a second `---` closed it. */
const OPENED_FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n[ \t]*[A-Za-z_][\w -]*:(?:[ \t]|\r?\n)/;

/** Jina's reader: "Title: …", "URL Source: …", "Published Time: …" lines, then "Markdown Content:". */
const JINA_HEADER = /^\uFEFF?((?:(?:Title|URL Source|Published Time|Description|Warning):[^\n]*\r?\n\s*)+)Markdown Content:[ \t]*\r?\n/;

/**
 * The front matter's names for each field, first found first taken. Not
 * `created`, `clipped` or `updated`: a clipper's day is the saving's, an
 * update's not the publication's.
 */
const KEYS: Record<keyof PageMetadata | 'title', string[]> = {
  title: ['title', 'headline'],
  date: ['published', 'date', 'datepublished', 'date_published', 'publishdate', 'publish_date', 'published_at', 'pubdate', 'published time'],
  author: ['author', 'authors', 'byline', 'creator', 'by'],
  url: ['source', 'url', 'link', 'canonical_url', 'canonical', 'original_url', 'source_url', 'url source'],
};

/** A front matter's value as text: a list's items joined, a wiki link ("[[Jacqueline Fowks]]") or Markdown link by its words. */
function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(valueText).filter((item) => item !== '').join(', ');
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  return String(value)
    .replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim();
}

/** The first of `names` a note gives, as text. */
function field(note: Record<string, unknown>, names: string[]): string {
  for (const name of names) {
    const value = valueText(note[name]);
    if (value !== '') return value;
  }
  return '';
}

/** Why a front matter could not be read, and where in the page. */
export interface Unread {
  why: string;
  line: number;
  column: number;
}

/** The page's note about itself, by lowercased name, and the Markdown after it; why a front matter could not be read, if it could not. */
function splitNote(page: string): { note: Record<string, unknown>; body: string; unread: Unread | null } {
  const yaml = FRONT_MATTER.exec(page);
  if (yaml) {
    const body = page.slice(yaml[0].length);
    let parsed: unknown;
    try {
      parsed = parseYaml(yaml[1]!);
    } catch (e) {
      // The YAML's first line is the page's second.
      const [at] = (e as YAMLError).linePos ?? [{ line: 0, col: 0 }];
      const why = (e as Error).message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return { note: {}, body, unread: { why, line: at.line + 1, column: at.col } };
    }
    const entries = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : [];
    return { note: Object.fromEntries(entries.map(([key, value]) => [key.toLowerCase(), value])), body, unread: null };
  }
  // A clipper template without its closing line: its lines read as the article's first, named so that the file is mended.
  if (OPENED_FRONT_MATTER.test(page)) return { note: {}, body: page, unread: { why: 'no second "---" line closes it', line: 1, column: 1 } };
  const jina = JINA_HEADER.exec(page);
  if (jina) {
    const lines = jina[1]!.split(/\r?\n/).filter((line) => line.trim() !== '');
    const note = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    return { note, body: page.slice(jina[0].length), unread: null };
  }
  return { note: {}, body: page, unread: null };
}

/** MarkDownload's excerpt ("> ## Excerpt" and the page's summary) repeats the article's lede. */
function isExcerpt(token: Token): boolean {
  const first = token.type === 'blockquote' ? token.tokens?.[0] : undefined;
  return first?.type === 'heading' && first.text.trim().toLowerCase() === 'excerpt';
}

/**
 * The text of a page saved as Markdown, each block on a line of its own, its
 * title first (the note's, where the page does not start with a heading of
 * its own), and what its note says of its date, author and address; `unread`
 * says why a front matter could not be read as YAML.
 */
export function readMarkdownPage(page: string): { text: string; metadata: PageMetadata; unread: Unread | null } {
  const { note, body, unread } = splitNote(page);
  const blocks = marked.lexer(body).filter((token) => !isExcerpt(token));
  const title = field(note, KEYS.title);
  const headed = blocks.find((token) => token.type !== 'space')?.type === 'heading';
  const heading = headed || title === '' ? '' : `<h1>${title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</h1>`;
  const { text } = readHtmlPage(`<html><body>${heading}${marked.parser(blocks)}</body></html>`)!;
  const author = field(note, KEYS.author).replace(/^by\s+/i, '');
  return {
    text,
    metadata: { date: field(note, KEYS.date), author: /^https?:/.test(author) ? '' : author, url: field(note, KEYS.url) },
    unread,
  };
}

/** A link or picture to an address, as Markdown writes it: "[Dina Boluarte](https://…)". */
const MARKDOWN_LINK = /!?\[[^\]\n]*\]\((?:https?:\/\/|\/|#)[^)\s]*(?:\s+"[^"\n]*")?\)/;
/** A heading line or strong emphasis: two of them, and a text is Markdown, not one that happens to hold a "#". */
const MARKDOWN_MARKS = /^#{1,6}[ \t]+\S|\*\*[^*\n]+\*\*/gm;

/**
 * The text of an export's field written in Markdown, as scrapers and readers
 * write an article (Firecrawl, Jina's reader, trafilatura, crawl4ai): links
 * by their words, so that no address stands between a term's words, and
 * stars, hashes and pictures out; null for a field that reads as plain text
 * (no link to an address, fewer than two headings or emphases).
 */
export function textOfMarkdown(field: string): string | null {
  // The characters first: most texts hold none of them, and a regular expression over every text costs more.
  const linked = field.includes('](') && MARKDOWN_LINK.test(field);
  if (!linked && !((field.includes('**') || field.includes('#')) && (field.match(MARKDOWN_MARKS)?.length ?? 0) >= 2)) return null;
  return textOfHtml(marked.parse(field, { async: false })) ?? field;
}

// Reads a saved RSS (2.0 or 1.0) or Atom feed as an export: researchers collect a site's
// feed day by day, a file a day. Each item is an article: its outlet the
// feed's title (or --outlet), its text the full content the feed carries
// (RSS's content:encoded, Atom's content), else its summary, which is named,
// since counts over summaries are counts over a paragraph each. A feed is
// small and read whole, by fast-xml-parser.
import { XMLParser } from 'fast-xml-parser';
import { problem } from '../messages.ts';
import type { ExportItem, ExportReading } from './read-export.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  // Titles such as "2023" stay text.
  parseTagValue: false,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

type Node = Record<string, unknown>;

/** An element's text: the element itself when it is text, its text node when it has attributes, the first of a list. */
function textOf(value: unknown): string {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value !== null && typeof value === 'object') return textOf((value as Node)['#text'] ?? (value as Node)['name'] ?? '');
  return '';
}

/** An Atom entry's web address: its link with rel="alternate", or with no rel. */
function atomLink(links: unknown): string {
  const list = (Array.isArray(links) ? links : [links]) as Node[];
  const page = list.find((link) => link && (link['@rel'] === undefined || link['@rel'] === 'alternate'));
  return page ? textOf(page['@href'] ?? page) : '';
}

interface FeedArticle {
  fields: Record<string, string>;
  summaryOnly: boolean;
}

/** Where a format keeps an article's parts: its full content, its summary, and readers of its date, address and author. */
interface FeedFormat {
  full: string;
  summary: string;
  date: (node: Node) => unknown;
  url: (node: Node) => string;
  author: (node: Node) => unknown;
}

const RSS: FeedFormat = {
  full: 'content:encoded',
  summary: 'description',
  date: (item) => item['pubDate'] ?? item['dc:date'],
  url: (item) => textOf(item['link']),
  author: (item) => item['dc:creator'] ?? item['author'],
};

const ATOM: FeedFormat = {
  full: 'content',
  summary: 'summary',
  date: (entry) => entry['published'] ?? entry['updated'],
  url: (entry) => atomLink(entry['link']),
  author: (entry) => entry['author'],
};

function feedArticle(node: Node, outlet: string, format: FeedFormat): FeedArticle {
  const full = textOf(node[format.full]);
  return {
    fields: {
      outlet,
      title: textOf(node['title']),
      date: textOf(format.date(node)),
      url: format.url(node),
      text: full || textOf(node[format.summary]),
      author: textOf(format.author(node)),
    },
    summaryOnly: full === '',
  };
}

/** The articles of a feed's text, each placed by its number (`feed.xml:item 3`), and the problems it calls for. */
export function feedItems(xml: string, file: string, reading: ExportReading): ExportItem[] {
  let document: Node;
  try {
    document = parser.parse(xml) as Node;
  } catch (e) {
    return [{ problem: problem('C038', 'error', file, (e as Error).message) }];
  }
  const channel = (document['rss'] as Node | undefined)?.['channel'] as Node | undefined;
  // RSS 1.0 (RDF) keeps its items beside its channel, not in it; they read as RSS 2.0's.
  const rdf = document['rdf:RDF'] as Node | undefined;
  const rdfChannel = rdf?.['channel'] as Node | undefined;
  const atom = document['feed'] as Node | undefined;
  const source = channel ?? rdfChannel ?? atom;
  if (!source) return [{ problem: problem('C038', 'error', file, 'no RSS channel or Atom feed in it') }];
  const outlet = reading.outlet ?? textOf(source['title']).trim();
  const [nodes, format] = channel ? [channel['item'], RSS] : rdfChannel ? [rdf!['item'], RSS] : [atom!['entry'], ATOM];
  const articles = ((nodes as Node[] | undefined) ?? []).map((node) => feedArticle(node, outlet, format));
  const items: ExportItem[] = articles.map((article, k) => ({ row: { place: `${file}:item ${k + 1}`, fields: article.fields, html: true } }));
  const summaries = articles.filter((article) => article.summaryOnly).length;
  if (summaries > 0) items.push({ problem: problem('C037', 'warning', file, summaries, articles.length) });
  return items;
}

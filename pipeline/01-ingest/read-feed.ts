// Reads a saved RSS or Atom feed as an export: researchers collect a site's
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

function rssArticle(item: Node, outlet: string): FeedArticle {
  const full = textOf(item['content:encoded']);
  return {
    fields: {
      outlet,
      title: textOf(item['title']),
      date: textOf(item['pubDate'] ?? item['dc:date']),
      url: textOf(item['link']),
      text: full || textOf(item['description']),
      author: textOf(item['dc:creator'] ?? item['author']),
    },
    summaryOnly: full === '',
  };
}

function atomArticle(entry: Node, outlet: string): FeedArticle {
  const full = textOf(entry['content']);
  return {
    fields: {
      outlet,
      title: textOf(entry['title']),
      date: textOf(entry['published'] ?? entry['updated']),
      url: atomLink(entry['link']),
      text: full || textOf(entry['summary']),
      author: textOf(entry['author']),
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
  const atom = document['feed'] as Node | undefined;
  const source = channel ?? atom;
  if (!source) return [{ problem: problem('C038', 'error', file, 'no RSS channel or Atom feed in it') }];
  const outlet = reading.outlet ?? textOf(source['title']).trim();
  const articles = channel
    ? ((channel['item'] as Node[] | undefined) ?? []).map((item) => rssArticle(item, outlet))
    : ((atom!['entry'] as Node[] | undefined) ?? []).map((entry) => atomArticle(entry, outlet));
  const items: ExportItem[] = articles.map((article, k) => ({ row: { place: `${file}:item ${k + 1}`, fields: article.fields, html: true } }));
  const summaries = articles.filter((article) => article.summaryOnly).length;
  if (summaries > 0) items.push({ problem: problem('C037', 'warning', file, summaries, articles.length) });
  return items;
}

// Export fields that hold HTML rather than text, and captured pages saved as
// HTML: many news archives and CMS exports give an article's body as its
// markup, and a browser saves a page so. Read as text, "Peru&#8217;s"
// would not match "Peru's", "Nicol&aacute;s" would name no actor, and every
// sentence in hits.csv would carry its tags. node-html-parser reads the
// markup; block elements and line breaks become paragraph breaks.
import { parse, type HTMLElement } from 'node-html-parser';
import { LINE_BREAK } from './clean-page.ts';

const LINE_BREAKS = new RegExp(LINE_BREAK.source, 'g');

/** Tags of article markup: a "<" in prose ("x < y") is not one. */
const TAG = /<\/?(?:p|br|div|span|a|b|i|u|em|strong|li|ul|ol|h[1-6]|blockquote|q|figure|figcaption|img|table|tr|td|th|section|article|header|footer|aside|script|style|noscript|iframe|sup|sub|small|hr)\b[^>]*>/i;
/** A character reference, named or numbered: "&amp;", "&#8217;", "&#x2014;". */
const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;
/** Read for their text, they would only add code to the article. */
const NOT_TEXT = 'script,style,noscript,iframe,template';

/** A whole web page, as a browser's "Save page as" keeps it, rather than text with a tag in it. */
const HTML_PAGE = /^\s*(?:<!doctype html|<html[\s>])/i;

/**
 * Markup escaped once more, as many feeds and CMS exports store it:
 * "&amp;#8217;" for "&#8217;" (’), "&lt;p&gt;" for "<p>". Read once, it
 * leaves markup in the text.
 */
const ESCAPED_AGAIN = /&amp;(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});|&lt;\/?(?:p|br|div|span|a|b|i|em|strong|li|ul|ol|h[1-6]|blockquote)\b/i;

/** The text of a field holding HTML, paragraphs on lines of their own; null for a field without markup. */
export function textOfHtml(field: string): string | null {
  if (!TAG.test(field) && !ENTITY.test(field)) return null;
  // Line breaks in the source are kept as breaks: the parser would fold them into spaces.
  const text = textOfMarkup(field.replace(LINE_BREAKS, '<br>'));
  return ESCAPED_AGAIN.test(field) ? (textOfHtml(text) ?? text) : text;
}

/** What a page's markup says of its article, for search engines and social sites, beside its text. */
export interface PageMetadata {
  date: string;
  author: string;
  url: string;
}

/**
 * Where pages say these, first found first taken: Open Graph's and schema.org's
 * tags as news sites write them (`article:published_time`,
 * `itemprop="datePublished"`), Dublin Core's, and the plain `author`.
 */
const META: Record<keyof PageMetadata, string[]> = {
  date: [
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="dc.date.issued"]',
    'meta[name="DC.date.issued"]',
    'meta[name="dc.date"]',
    'meta[name="DC.date"]',
    'meta[name="date"]',
  ],
  author: ['meta[name="author"]', 'meta[property="article:author"]', 'meta[name="dc.creator"]', 'meta[name="DC.creator"]'],
  url: ['link[rel="canonical"]', 'meta[property="og:url"]'],
};

/** A JSON-LD object's article fields: its datePublished, its author's name (or names), its url. */
function linkedData(root: HTMLElement): Partial<PageMetadata> {
  for (const script of root.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.rawText);
    } catch {
      continue;
    }
    const items = (Array.isArray(data) ? data : [data]).flatMap((item) => (item && typeof item === 'object' && Array.isArray(item['@graph']) ? item['@graph'] : [item]));
    const article = items.find((item) => item && typeof item === 'object' && typeof item.datePublished === 'string');
    if (!article) continue;
    const authors = (Array.isArray(article.author) ? article.author : [article.author]).map((a: unknown) => (typeof a === 'string' ? a : a && typeof a === 'object' ? (a as { name?: unknown }).name : undefined));
    return {
      date: article.datePublished,
      author: authors.filter((name: unknown): name is string => typeof name === 'string' && name.trim() !== '').join(', '),
      url: typeof article.url === 'string' ? article.url : '',
    };
  }
  return {};
}

/** What a page's article never holds: the site's menus, sidebars and footers, forms (the comment form), and reader comments. */
const NOT_ARTICLE =
  'nav,aside,footer,form,[role="navigation"],[role="complementary"],[role="contentinfo"],#comments,.comments,#disqus_thread,.comment-list';

/** The length of an element's paragraphs' text. */
function paragraphLength(element: HTMLElement): number {
  return element.querySelectorAll('p').reduce((sum, p) => sum + p.text.length, 0);
}

/**
 * The part of a page that holds its article, where the markup says so: its
 * one `<article>` (or, with none, its one `articleBody` or `<main>`), if that
 * holds most of the page's paragraphs (one `<article>` may be a teaser beside
 * a story marked otherwise); null for a page that marks none, or several (a
 * list of articles, which the rules split).
 */
function articleOf(root: HTMLElement): HTMLElement | null {
  for (const selector of ['article', '[itemprop="articleBody"]', 'main']) {
    const found = root.querySelectorAll(selector);
    if (found.length > 1) return null;
    if (found.length === 1) return 2 * paragraphLength(found[0]!) >= paragraphLength(root) ? found[0]! : null;
  }
  return null;
}

function contains(outer: HTMLElement, node: HTMLElement): boolean {
  for (let at: HTMLElement | null = node; at !== null; at = at.parentNode) if (at === outer) return true;
  return false;
}

/**
 * A page's text: where its markup marks the article, that alone, without
 * the menus, sidebars, footers, forms and comments inside it, after the
 * page's headline (its first `<h1>`, or its `<title>`) where the article
 * does not hold it; else the whole page, for the outlet's rules to clean.
 */
function pageText(root: HTMLElement): string {
  const article = articleOf(without(root, NOT_TEXT));
  if (article === null) return root.structuredText;
  without(article, NOT_ARTICLE);
  const h1 = root.querySelector('h1');
  const headline = (h1 ? (contains(article, h1) ? '' : h1.text) : (root.querySelector('title')?.text ?? '')).trim();
  return headline === '' ? article.structuredText : `${headline}\n${article.structuredText}`;
}

/**
 * The text of a captured page saved as HTML, each block (the title, menus,
 * headings, paragraphs) on a line of its own for the outlet's cleaning rules
 * (only the article and its headline, where the markup marks which part is
 * the article), and what its markup says of its date, author and address
 * (empty where it says nothing; an author given as a web address is none);
 * null for a page saved as text. Line breaks inside a block are the source's
 * layout, not the page's.
 */
export function readHtmlPage(page: string): { text: string; metadata: PageMetadata } | null {
  if (!HTML_PAGE.test(page)) return null;
  // node-html-parser reads the doctype as text, and keeps the source's line breaks.
  const root = parse(page.replace(/^\s*<!doctype[^>]*>/i, '').replace(/\r\n|\r|\n/g, ' '));
  const linked = linkedData(root);
  const tagged = (field: keyof PageMetadata) => {
    for (const selector of META[field]) {
      const element = root.querySelector(selector);
      const value = (element?.getAttribute('content') ?? element?.getAttribute('href') ?? '').trim();
      if (value !== '' && !(field === 'author' && /^https?:/.test(value))) return value;
    }
    return '';
  };
  const metadata = { date: linked.date || tagged('date'), author: linked.author || tagged('author'), url: linked.url || tagged('url') };
  return { text: pageText(root), metadata };
}

function textOfMarkup(html: string): string {
  return without(parse(html), NOT_TEXT).structuredText;
}

/** An element with the elements inside it that `selector` names taken out. */
function without(element: HTMLElement, selector: string): HTMLElement {
  for (const node of element.querySelectorAll(selector)) node.remove();
  return element;
}

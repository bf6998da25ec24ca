// Export fields that hold HTML rather than text, and captured pages saved as
// HTML: many news archives and CMS exports give an article's body as its
// markup, and a browser saves a page so. Read as text, "Peru&#8217;s"
// would not match "Peru's", "Nicol&aacute;s" would name no actor, and every
// sentence in hits.csv would carry its tags. node-html-parser reads the
// markup; block elements and line breaks become paragraph breaks.
import { parse } from 'node-html-parser';
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

/** The text of a field holding HTML, paragraphs on lines of their own; null for a field without markup. */
export function textOfHtml(field: string): string | null {
  if (!TAG.test(field) && !ENTITY.test(field)) return null;
  // Line breaks in the source are kept as breaks: the parser would fold them into spaces.
  return textOfMarkup(field.replace(LINE_BREAKS, '<br>'));
}

/**
 * The text of a captured page saved as HTML, each block (the title, menus,
 * headings, paragraphs) on a line of its own for the outlet's cleaning rules;
 * null for a page saved as text. Line breaks inside a block are the source's
 * layout, not the page's.
 */
export function textOfHtmlPage(page: string): string | null {
  if (!HTML_PAGE.test(page)) return null;
  // node-html-parser reads the doctype as text, and keeps the source's line breaks.
  return textOfMarkup(page.replace(/^\s*<!doctype[^>]*>/i, '').replace(/\r\n|\r|\n/g, ' '));
}

function textOfMarkup(html: string): string {
  const root = parse(html);
  for (const node of root.querySelectorAll(NOT_TEXT)) node.remove();
  return root.structuredText;
}

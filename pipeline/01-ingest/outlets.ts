// Outlets as an archive names them: one outlet is often written several ways
// ("BBC News", "BBC news", "BBC-News.", "The Guardian", "theguardian.com"),
// and each name is also its report's file name.
import { createHash } from 'node:crypto';
import { byText, fold, slugify } from '../text.ts';

/** The longest outlet slug kept whole: the outlet's report is named by it, and a file name holds 255 bytes at most. */
const LONGEST_SLUG = 80;

/** A letter or digit a slug cannot keep: of a non-Latin script ("РБК"), or Latin but no ASCII even folded ("ø", "ß"). */
const BEYOND_SLUG = /(?![a-z0-9])[\p{L}\p{N}]/u;

/** Names Windows keeps for devices, whatever the extension: "outlets/con.csv" cannot be written there. */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com\d|lpt\d)$/;

/**
 * An outlet's name as its report's file name: its slug; with a hash of the
 * name to keep names apart where the slug lost some of its letters (a name in
 * another script, where "RT на русском" and "RT на английском" are both "rt")
 * or its end (a name too long for a file name: a column mapped wrongly, say),
 * or where the slug is a name Windows keeps for a device ("Aux", "CON").
 * Two names get one slug only where they differ in case, accents, spacing or
 * punctuation alone; the hash reads them alike too.
 */
export function outletSlug(outlet: string): string {
  const folded = fold(outlet);
  const slug = slugify(outlet);
  const hash = () => createHash('sha1').update(folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()).digest('hex').slice(0, 8);
  if (slug === '') return `outlet-${hash()}`;
  if (slug.length > LONGEST_SLUG) return `${slug.slice(0, LONGEST_SLUG).replace(/-+$/, '')}-${hash()}`;
  return BEYOND_SLUG.test(folded) || WINDOWS_DEVICE.test(slug) ? `${slug}-${hash()}` : slug;
}

/**
 * An outlet's name with what its spellings in one archive differ by taken
 * out: "The Guardian", "Guardian" and "theguardian.com" are all "guardian".
 * Folded, without a web address's scheme, "www." and ending, spaces,
 * punctuation, or a leading "the".
 */
export function outletKey(name: string): string {
  return fold(name.trim())
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\.(?:com|org|net|news|info|co)(?:\.[a-z]{2})?\/?$|\.[a-z]{2}\/?$/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .replace(/^the(?=.{3})/, '');
}

/**
 * Outlets whose names differ only as outletKey leaves aside, each group as
 * its names with their articles, the most articles first: counted apart, an
 * outlet written two ways splits its numbers.
 */
export function lookAlikeOutlets(articlesOf: ReadonlyMap<string, number>): string[][] {
  const byKey = new Map<string, string[]>();
  for (const name of articlesOf.keys()) {
    const key = outletKey(name);
    byKey.set(key, [...(byKey.get(key) ?? []), name]);
  }
  return [...byKey]
    .filter(([key, names]) => key !== '' && names.length > 1)
    .sort(([a], [b]) => byText(a, b))
    .map(([, names]) =>
      names
        .sort((a, b) => articlesOf.get(b)! - articlesOf.get(a)! || byText(a, b))
        .map((name) => `"${name}" (${articlesOf.get(name)} article(s))`),
    );
}

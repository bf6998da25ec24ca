// --about: only the articles about the events compared, out of an archive
// that holds everything an outlet ran (sports, weather, markets): those
// whose title or text holds one of the terms given, as whole words, case and
// accents aside ("Boluarte", "Perú" for "peru"), a `*` ending a word standing
// for any ending ("protest*").
import { escapeRegExp, fold } from '../text.ts';

/** The terms of `--about "Peru, Boluarte, protest*"`: trimmed, empty ones dropped. */
export function aboutTerms(value: string): string[] {
  return value
    .split(',')
    .map((term) => term.trim().replace(/\s+/g, ' '))
    .filter((term) => term !== '');
}

/** Whether an article's title or text holds one of `terms`. */
export function aboutMatcher(terms: string[]): (article: { title: string; text: string }) => boolean {
  const alternatives = terms.map((term) =>
    fold(term)
      .split(' ')
      .map((word) => {
        const open = word.endsWith('*');
        const escaped = escapeRegExp(open ? word.slice(0, -1) : word);
        return open ? `${escaped}[\\p{L}\\p{N}]*` : escaped;
      })
      .join('\\s+'),
  );
  // Whole words: no letter or digit just before or after.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'u');
  return ({ title, text }) => pattern.test(fold(title)) || pattern.test(fold(text));
}

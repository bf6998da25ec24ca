// Spanish passages (quotations, captions, whole articles of a Spanish-language
// outlet) read through wink-nlp's English model keep their words unlemmatised
// ("dictadores" stays "dictadores", so the term "dictador" missed it) or get
// English lemmas ("y" became "you"). A paragraph that reads as Spanish gets
// the singular of each word as its lemma instead: Spanish forms its plurals
// regularly. Verbs are not conjugated back: "reprim*" finds "reprimieron".

/** Words that are Spanish and not English (no "a", "de", "un", "con", "sin": "UN" and "con" are English too). */
const SPANISH = new Set(
  'el la los las del que y en por para una se su sus al es lo como pero fue este esta estos estas porque entre cuando muy sobre tambien hasta hay donde desde todo todos ni contra otros otra ese esa eso ellos segun tras durante sino aunque mientras tiene fueron han ha'.split(' '),
);
/** English words no Spanish paragraph holds. */
const ENGLISH = new Set('the of and to is that for with was on as by it from at are be this have has he his she her they not an or which were but been who will would said'.split(' '));

/** How many of a paragraph's words (folded: lower case, no accents) are Spanish function words, and how many English ones. */
export interface FunctionWords {
  spanish: number;
  english: number;
}

export function functionWords(words: readonly string[]): FunctionWords {
  const counted = { spanish: 0, english: 0 };
  for (const word of words) {
    if (SPANISH.has(word)) counted.spanish += 1;
    else if (ENGLISH.has(word)) counted.english += 1;
  }
  return counted;
}

/** Whether words read as Spanish: more of their function words Spanish than English, and at least two. */
export function readsAsSpanish({ spanish, english }: FunctionWords): boolean {
  return spanish >= 2 && spanish > 2 * english;
}

/**
 * Which of an article's paragraphs read as Spanish: each that does by itself,
 * and in an article that reads as Spanish as a whole (a Spanish-language
 * outlet's), also each short one with no English function word ("Los
 * dictadores no escuchan, dijo."), too short to tell by itself.
 */
export function spanishParagraphs(paragraphs: readonly FunctionWords[]): boolean[] {
  const article = paragraphs.reduce((sum, p) => ({ spanish: sum.spanish + p.spanish, english: sum.english + p.english }), { spanish: 0, english: 0 });
  const spanishArticle = readsAsSpanish(article);
  return paragraphs.map((p) => readsAsSpanish(p) || (spanishArticle && p.english === 0 && p.spanish > 0));
}

/**
 * A Spanish word's singular, lower case: "dictadores" -> "dictador",
 * "regímenes" -> "regímen" (folded, "regimen"), "golpistas" -> "golpista",
 * "luces" -> "luz". A plural of a word that ends in "s" ("países", "meses")
 * and of one in "-ce" ("dulces") comes out wrong, and matches no term written in the singular.
 */
export function spanishSingular(word: string): string {
  if (word.length < 4 || !word.endsWith('s')) return word;
  if (word.endsWith('ces')) return `${word.slice(0, -3)}z`;
  if (/[rlndjy]es$/.test(word)) return word.slice(0, -2);
  if (/[aeoáéó]s$/.test(word)) return word.slice(0, -1);
  return word;
}

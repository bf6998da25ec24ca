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

/** Whether a paragraph's words (folded: lower case, no accents) read as Spanish: more of its function words Spanish than English, and at least two. */
export function readsAsSpanish(words: readonly string[]): boolean {
  let spanish = 0;
  let english = 0;
  for (const word of words) {
    if (SPANISH.has(word)) spanish += 1;
    else if (ENGLISH.has(word)) english += 1;
  }
  return spanish >= 2 && spanish > 2 * english;
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

// Spanish and Portuguese passages (quotations, captions, whole articles of a
// Spanish- or Portuguese-language outlet: Peru's and Venezuela's press, and
// Brazil's, their neighbour's) read through wink-nlp's English model keep
// their words unlemmatised ("dictadores" stays "dictadores", so the term
// "dictador" missed it) or get English lemmas ("y" became "you"). A paragraph
// that reads as one of the two gets the singular of each word as its lemma
// instead: both form their plurals regularly. Verbs are not conjugated back:
// "reprim*" finds "reprimieron". A sentence that reads as another language by
// itself is read as that one: a Spanish quotation inside an English paragraph.

/** Function words Spanish and Portuguese share, and neither shares with English (no "a", "de", "con", "no": English has them too). Folded: lower case, no accents. */
const ROMANCE = new Set('que como por para entre sobre desde todo todos contra porque durante este se ha'.split(' '));
/** Spanish function words that are not Portuguese. */
const SPANISH = new Set(
  'el la los las del y en una su sus al es lo pero fue esta estos estas cuando muy tambien hasta hay donde ni otros otra ese esa eso ellos segun tras sino aunque mientras tiene fueron han'.split(' '),
);
/** Portuguese function words that are not Spanish ("o" and "nos" are, as "or" and "us"; "ate" is English). */
const PORTUGUESE = new Set(
  'os do da dos das na nas um uma em nao e ao aos pelo pela pelos pelas seu sua seus suas ele ela eles elas foi sao mais tambem muito isso esse essa quando onde apos sem tem ja ainda depois disse'.split(' '),
);
/** English words no Spanish or Portuguese paragraph holds. */
const ENGLISH = new Set('the of and to is that for with was on as by it from at are be this have has he his she her they not an or which were but been who will would said'.split(' '));

/** How many of a paragraph's words (folded) are function words of Spanish or Portuguese alone, of both, and of English. */
export interface FunctionWords {
  spanish: number;
  portuguese: number;
  romance: number;
  english: number;
}

export type Language = 'spanish' | 'portuguese';

export function functionWords(words: readonly string[]): FunctionWords {
  const counted = { spanish: 0, portuguese: 0, romance: 0, english: 0 };
  for (const word of words) {
    if (ROMANCE.has(word)) counted.romance += 1;
    else if (SPANISH.has(word)) counted.spanish += 1;
    else if (PORTUGUESE.has(word)) counted.portuguese += 1;
    else if (ENGLISH.has(word)) counted.english += 1;
  }
  return counted;
}

/** How many of the words are function words of Spanish or Portuguese, alone or both. */
const romanceCount = (words: FunctionWords) => words.spanish + words.portuguese + words.romance;

/** The language words read as: Spanish or Portuguese where more than twice as many of their function words are of those as of English, and at least two; Portuguese where more are Portuguese's alone than Spanish's. */
export function languageOf(words: FunctionWords): Language | null {
  const romance = romanceCount(words);
  if (romance < 2 || romance <= 2 * words.english) return null;
  return words.portuguese > words.spanish ? 'portuguese' : 'spanish';
}

/** A sentence tells its own language, against its paragraph's, by at least this many function words, two of them different: it has fewer words to go on than a paragraph. */
const SENTENCE_EVIDENCE = 3;

/** A sentence's folded words that may tell its language: its first word, and each other not capitalised as a name's word is ("La Paz", "Al Qaeda", "The Hague"). */
export function tellingWords(values: readonly string[], norms: readonly string[]): string[] {
  const first = values.findIndex((value) => /\p{L}/u.test(value));
  return norms.filter((_, i) => i <= first || !/^\p{Lu}\p{Ll}/u.test(values[i]!));
}

/** Whether `words` hold SENTENCE_EVIDENCE of those `of` takes, two of them different. */
function evidence(words: readonly string[], of: (word: string) => boolean): boolean {
  const found = words.filter(of);
  return found.length >= SENTENCE_EVIDENCE && new Set(found).size >= 2;
}

const isRomance = (word: string) => ROMANCE.has(word) || SPANISH.has(word) || PORTUGUESE.has(word);

/**
 * A sentence's language, from its telling words: its own where it tells one
 * by itself (a Spanish quotation in an English paragraph, an English statement
 * quoted in a Spanish one), else its paragraph's. A sentence of the words
 * Spanish and Portuguese share alone, or as many of each's own, tells neither
 * of the two: its paragraph does.
 */
export function sentenceLanguage(words: readonly string[], paragraph: Language | null): Language | null {
  const counted = functionWords(words);
  const own = languageOf(counted);
  if (own !== null && evidence(words, isRomance)) return paragraph !== null && counted.spanish === counted.portuguese ? paragraph : own;
  const english = paragraph !== null && counted.english > 2 * romanceCount(counted) && evidence(words, (word) => ENGLISH.has(word));
  return english ? null : paragraph;
}

/**
 * The language of each sentence of a paragraph of `language`, whose function
 * words are `counted`, by where each starts among its tokens. Where the
 * paragraph holds too few function words of another language for a sentence
 * to tell it, as most do, each is the paragraph's without a look.
 */
export function sentenceLanguages(
  paragraph: { values: readonly string[]; norms: readonly string[]; sentenceStarts: readonly number[] },
  counted: FunctionWords,
  language: Language | null,
): (Language | null)[] {
  const { values, norms, sentenceStarts } = paragraph;
  const other = language === null ? romanceCount(counted) : counted.english;
  if (other < SENTENCE_EVIDENCE) return sentenceStarts.map(() => language);
  return sentenceStarts.map((start, s) => {
    const end = sentenceStarts[s + 1] ?? values.length;
    return sentenceLanguage(tellingWords(values.slice(start, end), norms.slice(start, end)), language);
  });
}

/**
 * The language of each of an article's paragraphs, or null for English: each
 * that reads as Spanish or Portuguese by itself, and in an article that reads
 * so as a whole (a Spanish-language outlet's), also each short one with no
 * English function word ("Los dictadores no escuchan, dijo."), too short to
 * tell by itself, as the article's language where it cannot tell which.
 */
export function paragraphLanguages(paragraphs: readonly FunctionWords[]): (Language | null)[] {
  const whole = paragraphs.reduce(
    (sum, p) => ({ spanish: sum.spanish + p.spanish, portuguese: sum.portuguese + p.portuguese, romance: sum.romance + p.romance, english: sum.english + p.english }),
    { spanish: 0, portuguese: 0, romance: 0, english: 0 },
  );
  const article = languageOf(whole);
  return paragraphs.map((p) => {
    const own = languageOf(p);
    // A paragraph of the words the two share alone tells neither: its article does, where it reads as one.
    if (own !== null && p.spanish === p.portuguese && article !== null) return article;
    if (own !== null || article === null || p.english > 0 || romanceCount(p) === 0) return own;
    return p.portuguese > p.spanish ? 'portuguese' : p.spanish > p.portuguese ? 'spanish' : article;
  });
}

/** A word's singular, lower case, by its language's regular plurals. */
export function singular(word: string, language: Language): string {
  return language === 'spanish' ? spanishSingular(word) : portugueseSingular(word);
}

/**
 * A Spanish word's singular, lower case: "dictadores" -> "dictador",
 * "regímenes" -> "regímen" (folded, "regimen"), "golpistas" -> "golpista",
 * "luces" -> "luz". "-es" is the plural's after a vowel and one consonant a
 * word may end in ("mujeres", "civiles", "ciudades", "leyes"); after two
 * consonants, which no word ends in, it is the singular's "e" and an "s"
 * ("masacres", "hombres", "calles", "grandes"), as after "j" ("mensajes")
 * and in "fraudes". A plural of a word that ends in "s" ("países", "meses"),
 * in "-ce" ("dulces") or in a vowel, "n" or "d" and "e" ("cines", "sedes")
 * comes out wrong, and matches no term written in the singular.
 */
export function spanishSingular(word: string): string {
  if (word.length < 4 || !word.endsWith('s')) return word;
  if (word.endsWith('ces')) return `${word.slice(0, -3)}z`;
  if (/[aeiouáéíóúü][rlndy]es$/.test(word) && !word.endsWith('audes')) return word.slice(0, -2);
  if (/[aeoáéó]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Portuguese plural endings, first found first taken, and the singular's ending. */
const PORTUGUESE_PLURALS: [RegExp, string][] = [
  [/(?:ões|ães|ãos)$/, 'ão'],
  [/ais$/, 'al'],
  [/[ée]is$/, 'el'],
  [/óis$/, 'ol'],
  [/uis$/, 'ul'],
  [/(?<=[^aeiouáéíóúâêôãõ])is$/, 'il'],
  [/ns$/, 'm'],
  // After two consonants (no word ends in "cr", "br", "rr"), "-es" is the singular's "e" and an "s": "massacres", "pobres".
  [/(?<=[aeiouáéíóúâêô][rzs])es$/, ''],
  [/(?<=[aeoáéóâêô])s$/, ''],
];

/**
 * A Portuguese word's singular, lower case: "ditadores" -> "ditador",
 * "eleições" -> "eleição", "nacionais" -> "nacional", "homens" -> "homem",
 * "golpistas" -> "golpista", "civis" -> "civil". Adjectives in "-eis" come out
 * in "-el" ("possíveis" -> "possível"), so "fáceis" comes out wrong.
 */
export function portugueseSingular(word: string): string {
  if (word.length < 4 || !word.endsWith('s')) return word;
  for (const [plural, ending] of PORTUGUESE_PLURALS) if (plural.test(word)) return word.replace(plural, ending);
  return word;
}

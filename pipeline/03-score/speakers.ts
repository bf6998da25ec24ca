// Who is speaking in each quotation, where the text says so:
//   1. after the closing mark: `,” said Jorge Villacourt`, `,” Ledezma said`, `,” he added`;
//   2. before the opening mark, in the same sentence: `Francesca Emanuele, a Peruvian activist, said “…`;
//   3. a quotation with no attribution of its own that follows another in the same paragraph,
//      or opens the paragraph after it, has the same speaker (`,” he added. “You have …”`);
//   4. a pronoun (`he said`) stands for the last person named as saying something before it.
// Empty where none of these finds a speaker. Names are given as the actors lexicon has them
// where it lists them ("Ledezma" -> "Antonio Ledezma"), else as the text writes them.
import type { Tokens } from '../types.ts';
import type { Quotes } from './quotes.ts';
import { isJoiningHyphen, isQuoteMark } from './units.ts';

const SPEECH_VERBS = new Set([
  'say', 'tell', 'add', 'write', 'tweet', 'ask', 'state', 'stress', 'insist', 'note', 'declare',
  'announce', 'claim', 'argue', 'explain', 'warn', 'urge', 'reply', 'chant', 'shout', 'highlight',
  'conclude', 'suggest', 'accuse', 'demand', 'read', 'continue', 'recall', 'describe',
  'reaffirm', 'comment', 'respond', 'testify', 'vow', 'assert',
]);

const TITLES = new Set([
  'president', 'mayor', 'minister', 'secretary', 'congresswoman', 'congressman', 'senator', 'general',
  'gen.', 'prime', 'vice', 'former', 'ambassador', 'chief', 'head', 'leader', 'assistant', 'state',
  'spokesperson', 'spokesman', 'spokeswoman', 'dr.', 'mr.', 'mrs.', 'ms.', 'attorney', 'foreign',
  'affairs', 'interior', 'defense', 'defence', 'department', 'activist', 'journalist', 'analyst',
  // US and British usage, as the samples write them: "RNC Chairman Reince Priebus", "Florida Gov. Jeb Bush", "Mr Pence".
  'chairman', 'chairwoman', 'chair', 'governor', 'gov.', 'sen.', 'sens.', 'rep.', 'reps.', 'representative', 'speaker', 'judge', 'justice',
  'adviser', 'advisor', 'director', 'commissioner', 'deputy', 'mr', 'mrs', 'ms', 'dr',
]);

const PRONOUNS = new Set(['he', 'she', 'they', 'i', 'we']);
/** A pronoun with its verb joined on ("I’m", "he’s", "they’re"), which wink-nlp may keep as one token, tagged as a name. */
const CONTRACTED_PRONOUN = /^(he|she|they|i|we)['’](?:m|s|re|ve|d|ll)$/;
/** How far after a quotation a name's apposition may run before its speech verb. */
const APPOSITION_TOKENS = 30;
/** A preposition before who says or makes something, not where or when ("from" is both: "subpoenas from Congress"). */
const AGENT_PREPOSITIONS = new Set(['by']);
/** Days and months, which the tagger takes for names ("Weber’s Jan. 30 tweet", "As of Tuesday"); not "May", a name too. */
const CALENDAR = /^(?:(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?|january|february|march|april|june|july|august|september|october|november|december|(?:mon|tues|wednes|thurs|fri|satur|sun)day)$/;
const NAME_PARTICLES = new Set(['de', 'da', 'del', 'la', 'los', 'las', 'do', 'dos', 'van', 'von']);
const NOUN_PHRASE = new Set(['DET', 'NUM', 'ADJ', 'NOUN', 'PROPN']);
/** Marks after which a new clause starts, for finding the subject of a verb. */
const MARKS_CLOSING_CLAUSE = new Set([':', ';', '(', ')', '[', ']', '–', '—']);

type SpeakerTokens = Pick<Tokens, 'value' | 'pre' | 'pos' | 'lemma' | 'sentenceStarts'>;

/** Maps a name as written to the actor it names, or returns it unchanged. */
export type Canonical = (from: number, to: number, written: string) => string;

interface Found {
  text: string;
  pronoun: boolean;
}

const lower = (t: SpeakerTokens, i: number) => t.value[i]?.toLowerCase() ?? '';

/** The pronoun token `i` is, contracted or not; null for none. */
function pronounAt(t: SpeakerTokens, i: number): string | null {
  const word = lower(t, i);
  return PRONOUNS.has(word) ? word : (CONTRACTED_PRONOUN.exec(word)?.[1] ?? null);
}

const isWordOf = (t: SpeakerTokens, i: number, paragraphFrom: number) => i >= paragraphFrom && i < t.value.length;

function isSpeechVerb(t: SpeakerTokens, i: number): boolean {
  if (i < 0 || i >= t.value.length) return false;
  if (lower(t, i) === 'according' && t.value[i + 1]?.toLowerCase() === 'to') return true;
  return t.pos[i] === 'VERB' && SPEECH_VERBS.has(t.lemma[i]!.toLowerCase());
}

function isNamePart(t: SpeakerTokens, i: number): boolean {
  if (t.pos[i] === 'PROPN') return !CONTRACTED_PRONOUN.test(lower(t, i)) && !CALENDAR.test(lower(t, i));
  // A particle ("Manuel López de la Torre"), or a hyphen joining two names ("Ocasio-Cortez"), between name parts.
  const between = t.pos[i - 1] === 'PROPN' && t.pos[i + 1] === 'PROPN';
  return between && (NAME_PARTICLES.has(lower(t, i)) || (isJoiningHyphen(t, i) && isNamePart(t, i - 1)));
}

/**
 * The tokens with what the search for speakers looks up again and again, made
 * in one pass over the article: for each token, the first token of its
 * paragraph, and the last speech verb and the last mark closing a clause at or
 * before it (-1 for none). Walking back for them from every quotation and verb
 * took time in the square of a paragraph's length (an export's article of one
 * paragraph, thousands of quotations: seconds).
 */
interface Indexed extends SpeakerTokens {
  paragraphOf: Int32Array;
  lastVerb: Int32Array;
  lastMark: Int32Array;
}

function indexed(t: SpeakerTokens): Indexed {
  const n = t.value.length;
  const paragraphOf = new Int32Array(n);
  const lastVerb = new Int32Array(n);
  const lastMark = new Int32Array(n);
  let paragraph = 0;
  let verb = -1;
  let mark = -1;
  for (let k = 0; k < n; k++) {
    if (k > 0 && t.pre[k]!.includes('\n')) paragraph = k;
    if (isSpeechVerb(t, k)) verb = k;
    if (isQuoteMark(t.value[k]!) || MARKS_CLOSING_CLAUSE.has(t.value[k]!)) mark = k;
    paragraphOf[k] = paragraph;
    lastVerb[k] = verb;
    lastMark[k] = mark;
  }
  return { value: t.value, pre: t.pre, pos: t.pos, lemma: t.lemma, sentenceStarts: t.sentenceStarts, paragraphOf, lastVerb, lastMark };
}

/** The first token of the paragraph of token `i`; -1 before the first token. */
function paragraphStart(t: Indexed, i: number): number {
  return i < 0 ? -1 : t.paragraphOf[i]!;
}

/** How many of the first `length` items pass `isBefore`, which passes a leading run of them: found by halving. */
function countBefore(length: number, isBefore: (k: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isBefore(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many sentences start at or before token `i`. */
const sentencesTo = (t: SpeakerTokens, i: number) => countBefore(t.sentenceStarts.length, (k) => t.sentenceStarts[k]! <= i);

function sentenceStart(t: SpeakerTokens, i: number): number {
  const n = sentencesTo(t, i);
  return n === 0 ? 0 : t.sentenceStarts[n - 1]!;
}

/** Where the sentence of token `i` ends (exclusive). */
const sentenceEnd = (t: SpeakerTokens, i: number) => t.sentenceStarts[sentencesTo(t, i)] ?? t.value.length;

/** Whether tokens [from, to) are titles alone, across "of" ("Secretary of State"). */
function titlesAlone(t: SpeakerTokens, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!TITLES.has(lower(t, k)) && lower(t, k) !== 'of') return false;
  return true;
}

/** Tokens [from, to) as a name: titles before the name itself are dropped; titles alone are kept whole ("Foreign Minister", not "Minister"). */
function nameOf(t: SpeakerTokens, from: number, to: number, canonical: Canonical): Found {
  let start = from;
  if (!titlesAlone(t, from, to)) for (let k = from; k < to - 1; k++) if (TITLES.has(lower(t, k))) start = k + 1;
  // Joined as written: "Ocasio-Cortez" has no spaces around its hyphen.
  const text = t.value.slice(start, to).map((value, k) => (k > 0 && t.pre[start + k] !== '' ? ` ${value}` : value)).join('');
  return { text: canonical(start, to, text), pronoun: false };
}

/** The name that ends at `end` (exclusive); in "Matt Willgress of Labour Friends of …" the first name is the person. */
function nameEndingAt(t: SpeakerTokens, end: number, from: number, canonical: Canonical): Found {
  let start = end;
  for (;;) {
    while (start > from && isNamePart(t, start - 1)) start -= 1;
    const of = start - 1;
    if (of - 1 >= from && lower(t, of) === 'of' && isNamePart(t, of - 1)) {
      end = of;
      start = of;
      continue;
    }
    return nameOf(t, start, end, canonical);
  }
}

/**
 * The speaker phrase that starts at `i` and runs forward: a pronoun, a noun
 * phrase headed by a name ("former Bolivian President Evo Morales": the name),
 * or one headed by a common noun ("one Peruvian journalist": the whole phrase).
 */
function phraseAfter(t: SpeakerTokens, i: number, canonical: Canonical): Found | null {
  if (i >= t.value.length || t.pre[i]!.includes('\n')) return null;
  const pronoun = pronounAt(t, i);
  if (pronoun !== null) return { text: pronoun, pronoun: true };
  let end = i;
  while (end < t.value.length && (NOUN_PHRASE.has(t.pos[end]!) || isNamePart(t, end)) && (end === i || !t.pre[end]!.includes('\n'))) end += 1;
  if (end === i) return null;
  if (isNamePart(t, end - 1)) return nameOf(t, i, end, canonical);
  return { text: t.value.slice(i, end).join(' '), pronoun: false };
}

/**
 * The first name in tokens [from, to). A run of titles reaches across "of" to
 * the name ("Assistant Secretary of State Brian Nichols"), and a possessive to
 * the name it owns ("Mexico’s President Andrés Manuel López Obrador"); a name
 * does not reach across "of" ("Matt Willgress of Labour Friends of …").
 */
function firstName(t: SpeakerTokens, from: number, to: number, canonical: Canonical): Found | null {
  /** Where the last name run after a preposition ended: a place's ("in Sarasota, Fla., Mr. Romney said"), or a day's. */
  let placeEnd = -1;
  for (let k = from; k < to; k++) {
    if (!isNamePart(t, k)) continue;
    let stop = k;
    for (;;) {
      while (stop < to && isNamePart(t, stop)) stop += 1;
      if (titlesAlone(t, k, stop) && stop + 1 < to && lower(t, stop) === 'of' && isNamePart(t, stop + 1)) stop += 1;
      else break;
    }
    // A name after a preposition names where or when, not who, but after "by" (a report by Amnesty International);
    // so does one set off by commas after a place, its state or country ("Fla.,").
    const afterPreposition = t.pos[k - 1] === 'ADP' && !AGENT_PREPOSITIONS.has(lower(t, k - 1));
    const afterPlace = t.value[k - 1] === ',' && placeEnd === k - 1 && t.value[stop] === ',';
    if (k > from && (afterPreposition || afterPlace)) {
      placeEnd = stop;
      k = stop - 1;
      continue;
    }
    // A place's or a body's name before a title and a person's: "Mexico’s President Andrés Manuel López Obrador", "Illinois representative Luis Gutierrez".
    const possessive = stop < to && /^['’]s$/i.test(t.value[stop]!);
    let owned = possessive ? stop + 1 : stop;
    while (owned < to && TITLES.has(lower(t, owned))) owned += 1;
    if ((possessive || owned > stop) && owned < to && isNamePart(t, owned)) return firstName(t, possessive ? stop + 1 : stop, to, canonical);
    return nameOf(t, k, stop, canonical);
  }
  return null;
}

/** The subject of the speech verb at `verb`, written before it in its clause (not inside a quotation). */
function subjectBefore(t: Indexed, verb: number, canonical: Canonical): Found | null {
  const from = Math.max(sentenceStart(t, verb), (verb > 0 ? t.lastMark[verb - 1]! : -1) + 1);
  const before = verb - 1;
  if (before < from) return null;
  const pronoun = pronounAt(t, before);
  if (pronoun !== null) return { text: pronoun, pronoun: true };
  if (isNamePart(t, before)) return nameEndingAt(t, before + 1, from, canonical);
  if (NOUN_PHRASE.has(t.pos[before]!)) {
    let start = before;
    while (start > from && NOUN_PHRASE.has(t.pos[start - 1]!)) start -= 1;
    // "one Venezuelan refugee told": the noun phrase is the whole clause before the verb.
    if (start === from) return phraseAfter(t, start, canonical);
  }
  // "Francesca Emanuele, a Peruvian activist, said", "Brian Nichols on February 28 urged": the name comes first;
  // else a pronoun opening the clause ("He also took a softer line toward Rice by saying").
  const opening = pronounAt(t, from);
  return firstName(t, from, before + 1, canonical) ?? (opening === null ? null : { text: opening, pronoun: true });
}

/** `,” said X` / `,” X said` / `,” he added` / `,” according to X`. */
function attributionAfter(t: Indexed, close: number, canonical: Canonical): Found | null {
  const paragraph = paragraphStart(t, close);
  let i = close + 1;
  // Only a comma or another closing mark may stand between: after a full stop a new sentence starts.
  while (isWordOf(t, i, paragraph) && !t.pre[i]!.includes('\n') && (t.value[i] === ',' || isQuoteMark(t.value[i]!)) && i - close < 3) i += 1;
  if (!isWordOf(t, i, paragraph) || t.pre[i]!.includes('\n')) return null;
  // `“… regime.” One banner read: …` is a new sentence, not an attribution.
  if (sentenceStart(t, i) !== sentenceStart(t, close)) return null;
  if (isSpeechVerb(t, i)) return phraseAfter(t, lower(t, i) === 'according' ? i + 2 : i + 1, canonical);
  for (let k = i; k < Math.min(i + 6, t.value.length) && !t.pre[k]!.includes('\n'); k++) {
    if (isSpeechVerb(t, k)) return subjectBefore(t, k, canonical);
    if (!NOUN_PHRASE.has(t.pos[k]!) && t.pos[k] !== 'PRON') break;
  }
  // `,” Rep. Jerry Nadler of New York, the expected chairman of the committee, said`: a name, then
  // where it is from or who it is, then the verb, within the sentence and before any other quotation.
  // The name may follow a word or two of its noun phrase ("Democratic Rep. Jerry Nadler").
  let name = i;
  while (name < i + 3 && !isNamePart(t, name) && NOUN_PHRASE.has(t.pos[name]!)) name += 1;
  if (!isNamePart(t, name)) return null;
  for (let k = name + 1; k < Math.min(sentenceEnd(t, name), name + APPOSITION_TOKENS) && !t.pre[k]!.includes('\n'); k++) {
    if (isQuoteMark(t.value[k]!)) return null;
    if (isSpeechVerb(t, k)) return firstName(t, name, k, canonical);
  }
  return null;
}

/** `X said “…` / `X told listeners “…` / `X highlighted that …: “…`, in the sentence the quotation opens in. */
function attributionBefore(t: Indexed, open: number, canonical: Canonical): Found | null {
  const from = Math.max(sentenceStart(t, open), paragraphStart(t, open));
  const verb = open > 0 ? t.lastVerb[open - 1]! : -1;
  return verb >= from ? subjectBefore(t, verb, canonical) : null;
}

/**
 * `X had a message for Y: “…` / `X drew the following assessment: ¶ “…`: a
 * quotation a colon introduces, in its sentence or at the end of the paragraph
 * before, is said by the sentence the colon ends: its speech verb's subject,
 * else its first name, or a pronoun before any.
 */
function introducedBy(t: Indexed, open: number, canonical: Canonical): Found | null {
  const colon = open - 1;
  if (colon < 1 || t.value[colon] !== ':') return null;
  const from = sentenceStart(t, colon);
  // "An Australian government spokesperson said in an email: ¶ “…": its speech verb's subject.
  const verb = t.lastVerb[colon - 1]!;
  if (verb >= from) return subjectBefore(t, verb, canonical);
  // Else its first name, or a pronoun before any ("Here's how he characterized the Republicans' plan:" is his).
  let pronoun = from;
  while (pronoun < colon && pronounAt(t, pronoun) === null) pronoun += 1;
  const name = firstName(t, from, pronoun, canonical);
  return name ?? (pronoun < colon ? { text: pronounAt(t, pronoun)!, pronoun: true } : null);
}

/** Names that say something, in text order: the antecedents of "he said". */
function namedSpeakers(t: Indexed, canonical: Canonical): { at: number; name: string }[] {
  const named: { at: number; name: string }[] = [];
  for (let k = 0; k < t.value.length; k++) {
    if (t.lastVerb[k] !== k) continue;
    const subject = subjectBefore(t, k, canonical) ?? (isNamePart(t, k + 1) ? phraseAfter(t, k + 1, canonical) : null);
    if (subject && !subject.pronoun && subject.text) named.push({ at: k, name: subject.text });
  }
  return named;
}

/** The speaker of each quotation in `quotes`, by index; '' where the text does not say. */
export function findSpeakers(tokens: SpeakerTokens, quotes: Quotes, canonical: Canonical): string[] {
  const t = indexed(tokens);
  const named = namedSpeakers(t, canonical);
  const resolve = (found: Found | null, before: number): string => {
    if (!found) return '';
    if (!found.pronoun) return found.text;
    const n = countBefore(named.length, (k) => named[k]!.at < before);
    return n === 0 ? '' : named[n - 1]!.name;
  };
  const speakers: string[] = [];
  quotes.quotations.forEach((q, index) => {
    let speaker = resolve(attributionAfter(t, q.close, canonical), q.open);
    if (!speaker) speaker = resolve(attributionBefore(t, q.open, canonical), q.open);
    if (!speaker) speaker = resolve(introducedBy(t, q.open, canonical), q.open);
    if (!speaker && index > 0) {
      // A quotation with no attribution of its own goes on from the one before it in the same
      // paragraph, or, when it opens a paragraph, in the paragraph before (`… She added … ¶ “…”`).
      const previous = quotes.quotations[index - 1]!;
      const paragraph = paragraphStart(t, q.open);
      const previousParagraph = paragraphStart(t, previous.close);
      const opensParagraph = paragraph === q.open;
      if (previousParagraph === paragraph || (opensParagraph && previousParagraph === paragraphStart(t, paragraph - 1))) {
        speaker = speakers[index - 1]!;
      }
    }
    speakers.push(speaker);
  });
  return speakers;
}

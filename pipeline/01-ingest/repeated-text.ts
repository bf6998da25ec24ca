// Text that stands in many of an outlet's articles: most likely the site's
// furniture, left in an export or by rules that do not know it yet. It is read
// as text, adds words and turns up among the phrases suggested for the
// lexicons; it is named with the rules that would take it out, for the user to
// decide, not dropped unasked (a refrain, a background paragraph, may be the
// outlet's own). Two kinds:
//   1. short lines standing alone ("Advertisement", "Story Continued Below", a
//      copyright line), dropped by `furniture` rules;
//   2. phrases inside the text ("Media playback is unsupported on your device
//      Media caption", a sign-up form's words), where a scrape or an export ran
//      the furniture into the paragraphs, taken out by `remove` rules.
//
// Both are looked for in each outlet's first EXAMINED articles only (a site's
// furniture is there from its first page), so that what is kept stays small
// however large the corpus grows.
import { byText, escapeRegExp } from '../text.ts';

/** Articles of each outlet whose lines and phrases are looked at. */
export const EXAMINED = 100;
/** Longer lines are paragraphs of text, not furniture lines. */
const MAX_LENGTH = 100;
/** Furniture stands in at least this many articles, and this share of those examined. */
const MIN_ARTICLES = 3;
const MIN_SHARE = 0.1;
/** Lines or phrases of an outlet named in its message. */
export const SHOWN = 8;
/** A bound on the lines kept, for a corpus of very many outlets. */
const MAX_KEPT = 100_000;
/**
 * Words in the sequences that phrases are found by: shorter ones that many
 * articles share are an outlet's names and turns of phrase ("Senate Majority
 * Leader Mitch McConnell", "respond to a request for").
 */
const PHRASE_WORDS = 6;
/** A bound on the text held for outlets whose phrases are not yet looked for (UTF-16 units): a corpus of very many outlets has those that come first looked at. */
const MAX_HELD = 16_000_000;
/** A bound on one outlet's texts looked at for phrases (UTF-16 units), past which its articles are looked at as they are: finding phrases takes some ten times the text's size for a moment. */
const MAX_OUTLET_HELD = 2_000_000;
/** A bound on the runs of words compared, for an outlet whose articles share very much. */
const MAX_RUNS = 1_000;

/** A line an outlet repeats, and in how many of the articles examined. */
export interface RepeatedLine {
  /** As first seen. */
  line: string;
  articles: number;
  /** The first article it stands in. */
  origin: string;
}

interface OutletLines {
  outlet: string;
  examined: number;
  /** By the line case-folded. */
  lines: Map<string, RepeatedLine>;
}

export interface OutletRepeats {
  outlet: string;
  examined: number;
  lines: RepeatedLine[];
}

/** The articles of an outlet that were looked at, as said of it: "first 100" where counting stopped there. */
export const examinedArticles = (examined: number) => (examined === EXAMINED ? `first ${EXAMINED}` : String(examined));

/** A phrase an outlet's articles share inside their text, and how many of those examined hold it. */
export interface RepeatedPhrase {
  /** As first seen. */
  phrase: string;
  articles: number;
  /** The first article it stands in. */
  origin: string;
}

export interface OutletPhrases {
  outlet: string;
  examined: number;
  phrases: RepeatedPhrase[];
}

/** The fewest articles a line or phrase of an outlet with `examined` articles examined must stand in. */
function threshold(examined: number): number {
  return Math.max(MIN_ARTICLES, Math.ceil(examined * MIN_SHARE));
}

export class RepeatedText {
  private readonly outlets = new Map<string, OutletLines>();
  private kept = 0;
  private readonly phrasing = new PhraseSamples();
  /** What lines() and phrases() found, kept for ingest's messages and the rules file alike; none once another article is added. */
  private found: { lines: OutletRepeats[]; phrases: OutletPhrases[] } | null = null;

  /** An article's text, one paragraph per line, looked at for its outlet (by `key`, its slug). */
  add(key: string, outlet: string, text: string, origin: string): void {
    this.found = null;
    this.phrasing.add(key, outlet, text, origin);
    // A text of one paragraph is the article itself, not furniture lines around it.
    if (!text.includes('\n')) return;
    let own = this.outlets.get(key);
    if (!own) this.outlets.set(key, (own = { outlet, examined: 0, lines: new Map() }));
    if (own.examined === EXAMINED) return;
    own.examined += 1;
    const seen = new Set<string>();
    for (const line of text.split('\n')) {
      if (line.length > MAX_LENGTH || !/\p{L}/u.test(line)) continue;
      const folded = line.toLowerCase();
      if (seen.has(folded)) continue;
      seen.add(folded);
      const count = own.lines.get(folded);
      if (count) count.articles += 1;
      else if (this.kept < MAX_KEPT) {
        own.lines.set(folded, { line, articles: 1, origin });
        this.kept += 1;
      }
    }
    // No line short of the threshold now can reach it: counting stops here.
    if (own.examined === EXAMINED) {
      for (const [folded, count] of own.lines) {
        if (count.articles < threshold(EXAMINED)) {
          own.lines.delete(folded);
          this.kept -= 1;
        }
      }
    }
  }

  /** Per outlet (by name), the lines standing in enough of its articles examined, most first. */
  lines(): OutletRepeats[] {
    return this.settled().lines;
  }

  /** Per outlet (by name), the phrases inside the text of enough of its articles examined, most first; those inside its repeated lines left to them. */
  phrases(): OutletPhrases[] {
    return this.settled().phrases;
  }

  private settled(): { lines: OutletRepeats[]; phrases: OutletPhrases[] } {
    if (!this.found) {
      const lines = this.repeatedLines();
      this.found = { lines, phrases: this.repeatedPhrases(lines) };
    }
    return this.found;
  }

  private repeatedLines(): OutletRepeats[] {
    const found: OutletRepeats[] = [];
    for (const { outlet, examined, lines } of this.outlets.values()) {
      const least = threshold(examined);
      const repeated = [...lines.values()].filter((count) => count.articles >= least);
      if (repeated.length === 0) continue;
      // Most articles first; of as many, the first seen first (a Map keeps that order, and sort is stable).
      repeated.sort((a, b) => b.articles - a.articles);
      found.push({ outlet, examined, lines: repeated });
    }
    return found.sort((a, b) => byText(a.outlet, b.outlet));
  }

  private repeatedPhrases(repeatedLines: OutletRepeats[]): OutletPhrases[] {
    const linesOf = new Map(repeatedLines.map(({ outlet, lines }) => [outlet, lines.map(({ line }) => line.toLowerCase())]));
    const found: OutletPhrases[] = [];
    for (const { outlet, examined, phrases } of this.phrasing.found()) {
      const lines = linesOf.get(outlet) ?? [];
      const own = phrases.filter(({ phrase }) => !lines.some((line) => holds(line, phrase.toLowerCase())));
      if (own.length > 0) found.push({ outlet, examined, phrases: own });
    }
    return found.sort((a, b) => byText(a.outlet, b.outlet));
  }
}

/** Whether the words of `text` hold those of `part` in a row (both case-folded, single spaces). */
const holds = (text: string, part: string) => ` ${text} `.includes(` ${part} `);

interface HeldTexts {
  outlet: string;
  texts: string[];
  origins: string[];
  /** Of its texts together. */
  length: number;
}

/**
 * Each outlet's first EXAMINED texts, held until it has that many (or the
 * corpus ends), then looked at for the phrases they share: a phrase is found
 * by its words' sequences, which no one article can tell of.
 */
class PhraseSamples {
  private readonly held = new Map<string, HeldTexts>();
  private heldLength = 0;
  private readonly examined = new Map<string, OutletPhrases>();

  add(key: string, outlet: string, text: string, origin: string): void {
    if (this.examined.has(key) || this.heldLength + text.length > MAX_HELD) return;
    let own = this.held.get(key);
    if (!own) this.held.set(key, (own = { outlet, texts: [], origins: [], length: 0 }));
    if (own.length + text.length > MAX_OUTLET_HELD && own.texts.length > 0) {
      this.examine(key, own);
      return;
    }
    own.texts.push(text);
    own.origins.push(origin);
    own.length += text.length;
    this.heldLength += text.length;
    if (own.texts.length === EXAMINED) this.examine(key, own);
  }

  private examine(key: string, { outlet, texts, origins, length }: HeldTexts): void {
    this.examined.set(key, { outlet, examined: texts.length, phrases: sharedPhrases(texts, origins) });
    this.held.delete(key);
    this.heldLength -= length;
  }

  /** Every outlet's phrases, those with fewer than EXAMINED articles looked at now. */
  found(): OutletPhrases[] {
    for (const [key, own] of this.held) this.examine(key, own);
    return [...this.examined.values()];
  }
}

/** An article's words: where each starts and ends in its text, and a hash of each case-folded. */
interface Words {
  text: string;
  starts: number[];
  ends: number[];
  hashes: number[];
  /** The index of each line's first word, then the number of words. */
  lines: number[];
}

/** Past ASCII, each UTF-16 unit's lower case (its first unit), as met. */
const lowerPastAscii = new Map<number, number>();

function lowerUnit(unit: number): number {
  if (unit < 0x80) return unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit;
  let lower = lowerPastAscii.get(unit);
  if (lower === undefined) lowerPastAscii.set(unit, (lower = String.fromCharCode(unit).toLowerCase().charCodeAt(0)));
  return lower;
}

/**
 * The words of a text as ingest leaves it (single spaces, a paragraph a line),
 * read in one pass: splitting it and folding each word apart cost several
 * times more, and every article of a corpus of many small outlets is read so.
 */
function wordsOf(text: string): Words {
  const words: Words = { text, starts: [], ends: [], hashes: [], lines: [0] };
  let start = -1;
  let hash = 0;
  for (let i = 0; i <= text.length; i += 1) {
    const unit = i < text.length ? text.charCodeAt(i) : 0x0a;
    if (unit === 0x20 || unit === 0x0a) {
      if (start !== -1) {
        words.starts.push(start);
        words.ends.push(i);
        words.hashes.push(hash);
        start = -1;
      }
      if (unit === 0x0a) words.lines.push(words.starts.length);
    } else {
      if (start === -1) {
        start = i;
        hash = 0x811c9dc5;
      }
      hash = Math.imul(hash ^ lowerUnit(unit), 0x01000193);
    }
  }
  return words;
}

/**
 * A key for each sequence of PHRASE_WORDS words within a line, by the index
 * of its first word (-1 where none starts): two 32-bit hashes, 53 bits kept,
 * so that two sequences of one outlet's articles share a key once in millions
 * of runs (and then only add to a count).
 */
function sequenceKeys({ hashes, lines }: Words): Float64Array {
  const keys = new Float64Array(hashes.length).fill(-1);
  for (let line = 0; line + 1 < lines.length; line += 1) {
    for (let start = lines[line]!; start + PHRASE_WORDS <= lines[line + 1]!; start += 1) {
      let high = 0x811c9dc5;
      let low = 0x9747b28c;
      for (let i = start; i < start + PHRASE_WORDS; i += 1) {
        high = Math.imul(high ^ hashes[i]!, 0x01000193);
        low = Math.imul(low ^ hashes[i]!, 0x5bd1e995);
        low ^= low >>> 13;
      }
      keys[start] = (high >>> 0) * 0x200000 + (low >>> 11);
    }
  }
  return keys;
}

/**
 * In how many articles each sequence key stands: an open-addressed table in
 * typed arrays, since a Map of every key of 100 articles costs several times
 * more, and every article of a corpus of many small outlets is read so.
 */
class KeyCounts {
  private readonly mask: number;
  private readonly slots: Float64Array;
  private readonly counts: Uint32Array;
  /** The last article each key was counted for, so that an article counts once. */
  private readonly lastArticle: Int32Array;

  constructor(keys: readonly Float64Array[]) {
    const total = keys.reduce((n, article) => n + article.length, 0);
    let size = 16;
    while (size < total * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Float64Array(size).fill(-1);
    this.counts = new Uint32Array(size);
    this.lastArticle = new Int32Array(size).fill(-1);
    keys.forEach((article, index) => {
      for (const key of article) {
        if (key === -1) continue;
        const slot = this.slot(key);
        this.slots[slot] = key;
        if (this.lastArticle[slot] !== index) {
          this.lastArticle[slot] = index;
          this.counts[slot] += 1;
        }
      }
    });
  }

  /** Where `key` is, or the free slot it goes to. */
  private slot(key: number): number {
    // Its low 32 bits, the second hash's, pick the first slot looked at.
    let slot = (key >>> 0) & this.mask;
    while (this.slots[slot] !== -1 && this.slots[slot] !== key) slot = (slot + 1) & this.mask;
    return slot;
  }

  articles(key: number): number {
    return key === -1 ? 0 : this.counts[this.slot(key)]!;
  }
}

interface Run {
  /** As first seen. */
  phrase: string;
  /** Case-folded, between spaces: a run holds another where this holds the other's. */
  padded: string;
  /** The articles it stands in, by index. */
  articles: Set<number>;
  /** The keys of its sequences: a run that holds another holds the other's first. */
  keys: Float64Array;
}

/**
 * The phrases that stand in enough of `texts` (one outlet's articles), found
 * as runs of words that sequences of PHRASE_WORDS words in enough of them
 * cover. A run that holds another is left to it: "Media caption" followed by
 * the caption's first word is the caption mark's, however often.
 */
function sharedPhrases(texts: readonly string[], origins: readonly string[]): RepeatedPhrase[] {
  const least = threshold(texts.length);
  if (texts.length < least) return [];
  const articles = texts.map((text) => {
    const words = wordsOf(text);
    return { words, keys: sequenceKeys(words) };
  });
  const counts = new KeyCounts(articles.map(({ keys }) => keys));
  const runs = new Map<string, Run>();
  articles.forEach(({ words, keys }, article) => {
    const covered = new Uint8Array(keys.length);
    for (let start = 0; start < keys.length; start += 1) if (counts.articles(keys[start]!) >= least) covered.fill(1, start, start + PHRASE_WORDS);
    for (let line = 0; line + 1 < words.lines.length; line += 1) {
      const last = words.lines[line + 1]!;
      for (let start = words.lines[line]!; start < last; ) {
        if (!covered[start]) {
          start += 1;
          continue;
        }
        let end = start;
        while (end < last && covered[end]) end += 1;
        const phrase = words.text.slice(words.starts[start], words.ends[end - 1]);
        const padded = ` ${phrase.toLowerCase()} `;
        let run = runs.get(padded);
        if (!run) runs.set(padded, (run = { phrase, padded, articles: new Set(), keys: keys.slice(start, end - PHRASE_WORDS + 1) }));
        run.articles.add(article);
        start = end;
      }
    }
  });
  // Most articles first; of as many, the first seen first (a Map keeps that order, and sort is stable).
  const compared = [...runs.values()].filter(({ phrase }) => /\p{L}/u.test(phrase)).sort((a, b) => b.articles.size - a.articles.size).slice(0, MAX_RUNS);
  const holders = runHolders(compared);
  // A run's articles: its own, and those of the longer runs that hold it (the caption mark with each caption's first word).
  const shared = new Map<Run, Set<number>>();
  for (const run of compared) {
    const within = new Set(run.articles);
    for (const holder of holders.get(run)!) for (const article of holder.articles) within.add(article);
    if (within.size >= least) shared.set(run, within);
  }
  const holdingShared = new Set([...shared.keys()].flatMap((run) => holders.get(run)!));
  return [...shared]
    .filter(([run]) => !holdingShared.has(run))
    .sort((a, b) => b[1].size - a[1].size)
    .map(([run, within]) => ({ phrase: run.phrase, articles: within.size, origin: origins[Math.min(...within)]! }));
}

/** Per run, the other runs that hold it: looked for among those with its first sequence, not among all, which an outlet whose articles share much would make many. */
function runHolders(runs: readonly Run[]): Map<Run, Run[]> {
  const withKey = new Map<number, Run[]>();
  for (const run of runs) {
    for (const key of new Set(run.keys)) {
      const those = withKey.get(key);
      if (those) those.push(run);
      else withKey.set(key, [run]);
    }
  }
  return new Map(runs.map((run) => [run, withKey.get(run.keys[0]!)!.filter((other) => other !== run && other.padded.includes(run.padded))]));
}

/**
 * Every outlet's repeated lines and phrases as one rules file to review: each
 * under a comment naming its outlet and counts, for an export's --rules or to
 * copy into an outlet's own rules.
 */
export function furnitureYaml(lines: OutletRepeats[], phrases: OutletPhrases[]): string {
  const yaml = [
    '# Lines that stand alone in many of an outlet\'s articles (C066), and phrases inside their text',
    '# (C069): most likely the site\'s furniture, read as text. Delete the rules of those that are an',
    '# outlet\'s own text; copy the rest to a rules file of your own, given to --rules (an export), or',
    '# an outlet\'s into its rules file (a corpus folder). Every run writes this file again, but a run',
    '# given it as --rules, which leaves it as it is.',
  ];
  if (lines.length > 0) yaml.push('furniture:');
  for (const { outlet, examined, lines: repeated } of lines) {
    for (const { line, articles } of repeated) yaml.push(`  # ${outlet}: in ${articles} of its ${examinedArticles(examined)} articles`, `  - ${furnitureRule(line)}`);
  }
  if (phrases.length > 0) yaml.push('remove:');
  for (const { outlet, examined, phrases: repeated } of phrases) {
    for (const { phrase, articles } of repeated) yaml.push(`  # ${outlet}: in ${articles} of its ${examinedArticles(examined)} articles`, `  - ${removeRule(phrase)}`);
  }
  return `${yaml.join('\n')}\n`;
}

/** A regular expression, as YAML. */
const quoted = (pattern: string) => `'${pattern.replace(/'/g, "''")}'`;

/** A cleaning rule dropping exactly this line, as YAML: the rules match whole lines, case aside. */
export function furnitureRule(line: string): string {
  return quoted(`^${escapeRegExp(line)}$`);
}

/** A cleaning rule taking exactly this phrase out of the lines it stands in, as YAML: the rules match case aside. */
export function removeRule(phrase: string): string {
  return quoted(escapeRegExp(phrase));
}

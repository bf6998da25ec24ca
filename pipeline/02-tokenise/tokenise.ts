// Stage 2, tokenise: an Article in, its tokens, lemmas, parts of speech,
// negation flags and sentences out, from wink-nlp. The title and each
// paragraph are read apart, so that no sentence runs across a paragraph break
// or from the headline into the body.
import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type model from 'wink-eng-lite-web-model';
import { append } from '../arrays.ts';
import { foldWord, INNER_HYPHEN } from '../text.ts';
import type { UnitTokens } from '../03-score/units.ts';
import type { Article, TokenisedArticle, Tokens } from '../types.ts';
import { functionWords, paragraphLanguages, sentenceLanguages, singular } from './romance.ts';

/**
 * Bumped whenever the tokens this file makes, or their form in the cache
 * (codec.ts), change: old entries are then not found, and --prune-cache drops them.
 */
export const TOKENISER_VERSION = 12;

/** Token types that are not words: they are not counted, and no rate is per them. */
const NOT_WORDS = new Set(['punctuation', 'symbol', 'emoji', 'emoticon', 'tabCRLF']);

export interface Tokeniser {
  tokenise(article: Article): TokenisedArticle;
  /**
   * Splits a lexicon term into tokens the same way as article text (one
   * paragraph): their text and spacing, all that matching a term needs.
   */
  tokeniseTerm(term: string): UnitTokens;
}

/**
 * A paragraph in capitals throughout (a wire headline, old wire copy, a
 * shouted quotation), in which wink-nlp takes every word for a proper noun
 * and lemmatises none ("MASSACRES" stays "massacres"): at least 8 capitals
 * and no more than one small letter in ten.
 */
export function inCapitals(paragraph: string): boolean {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < paragraph.length; i += 1) {
    const c = paragraph.charCodeAt(i);
    if (c >= 65 && c <= 90) upper += 1;
    else if (c >= 97 && c <= 122) {
      lower += 1;
      // Most paragraphs are settled here, after a few of their letters.
      if (lower * 10 > paragraph.length) return false;
    } else if (c > 127) {
      const letter = paragraph[i]!;
      if (letter.toLowerCase() !== letter) upper += 1;
      else if (letter.toUpperCase() !== letter) lower += 1;
    }
  }
  return upper >= 8 && lower * 10 <= upper;
}

/**
 * The tokens of a paragraph read in small letters, as written in it: each
 * token's text at its place, as the spaces before and the tokens so far give it.
 */
function asWritten(paragraph: string, pre: string[], lowered: string[]): string[] {
  let at = 0;
  return lowered.map((token, i) => {
    at += pre[i]!.length;
    const written = paragraph.slice(at, at + token.length);
    at += token.length;
    return written.toLowerCase() === token ? written : token;
  });
}

/** Tokens [from, to) of sentence `index` (0-based): a sentence runs to the next one's start. */
export function sentenceBounds(tokens: Pick<Tokens, 'sentenceStarts' | 'value'>, index: number): { from: number; to: number } {
  const starts = tokens.sentenceStarts;
  return { from: starts[index]!, to: index + 1 < starts.length ? starts[index + 1]! : tokens.value.length };
}

export function paragraphsOf(article: Pick<Article, 'title' | 'text'>): string[] {
  return [article.title, ...article.text.split('\n')].filter((p) => p.trim() !== '');
}

/**
 * A token glued to the word before it ("’s" in "Peru’s", "n't" in "don't")
 * continues that word rather than starting a new one.
 */
export function countWords(tokens: Pick<Tokens, 'type' | 'pre'>): number {
  let words = 0;
  let previousWasWord = false;
  for (let i = 0; i < tokens.type.length; i++) {
    const isWord = !NOT_WORDS.has(tokens.type[i]!);
    if (isWord && !(previousWasWord && tokens.pre[i] === '')) words += 1;
    previousWasWord = isWord;
  }
  return words;
}

/**
 * The parts of wink-nlp's pipe the toolkit uses: sentences, negation, and the
 * parts of speech that lemmas depend on. Named entities and sentiment are
 * never read, and skipping them takes about a third off readDoc; the tokens,
 * tags, lemmas and flags are the same as with the full pipe.
 */
export const WINK_PIPE = ['sbd', 'negation', 'pos'];

type Nlp = ReturnType<typeof winkNLP>;

/**
 * One wink-nlp instance per pipe and thread: loading the model takes a while,
 * and wink-nlp fails after about twenty loads in one thread (its model loader
 * stringifies its pattern machines again each time).
 */
const instances = new Map<string, Nlp>();

/**
 * wink-nlp and its model are loaded when first needed, not when this file is:
 * a re-run from the run memory, or from the token cache with the lexicons'
 * terms known, reads no document, and loading them took a sixth of such a run.
 */
const require = createRequire(import.meta.url);

function nlpFor(pipe: string[]): Nlp {
  const key = pipe.join(' ');
  let nlp = instances.get(key);
  if (!nlp) {
    const load = require('wink-nlp') as typeof winkNLP;
    nlp = load(require('wink-eng-lite-web-model') as typeof model, pipe);
    instances.set(key, nlp);
  }
  return nlp;
}

/**
 * wink-nlp remembers the unknown words of every document it reads, and its
 * tokenizer consults them: after "Mrs. Clinton’s." a later "Clinton’s" is no
 * longer split from its "’s". Tokens would then depend on what the thread read
 * before, and differ with --workers and between runs.
 * patches/wink-nlp+2.4.0.patch (applied by npm's postinstall) lets the
 * tokenizer ignore the words it learnt, so every document is split as if it
 * were the first; and lets the thread forget them, which only bounds memory
 * (a year of news holds millions of names, numbers and typos).
 */
interface PatchedNlp {
  ignoreLearnedLexemes?: (ignore: boolean) => void;
  forgetLearnedLexemes?: () => void;
  learnedLexemeCount?: () => number;
}

/** Learned words a thread keeps before forgetting them: about 16 MB of wink-nlp's memory. */
const DEFAULT_FORGET_AFTER = 100_000;

function readAsFirst(nlp: Nlp, forgetAfter: number): (text: string) => ReturnType<Nlp['readDoc']> {
  const { ignoreLearnedLexemes, forgetLearnedLexemes, learnedLexemeCount } = nlp as unknown as PatchedNlp;
  if (!ignoreLearnedLexemes || !forgetLearnedLexemes || !learnedLexemeCount) {
    throw new Error('wink-nlp is not patched (patches/wink-nlp+2.4.0.patch): run npm ci, or npx patch-package');
  }
  ignoreLearnedLexemes(true);
  return (text) => {
    if (learnedLexemeCount() > forgetAfter) forgetLearnedLexemes();
    return nlp.readDoc(text);
  };
}

/**
 * Lexicon terms tokenised in this thread, by term: a run compiles its lexicons
 * more than once (to check, to score, in each worker), and the token cache
 * keeps them so that a re-run need not load the model at all.
 */
const termTokens = new Map<string, UnitTokens>();

/** Remembers terms' tokens from an earlier run of this tokeniser version. */
export function rememberTermTokens(known: Iterable<[string, UnitTokens]>): void {
  for (const [term, tokens] of known) termTokens.set(term, tokens);
}

/** The tokens of these terms, of those tokenised (or remembered) in this thread. */
export function termTokensOf(terms: Iterable<string>): [string, UnitTokens][] {
  return [...terms].flatMap((term) => {
    const tokens = termTokens.get(term);
    return tokens ? [[term, tokens] as [string, UnitTokens]] : [];
  });
}

/**
 * `pipe`: wink-nlp's annotations to run; other than WINK_PIPE only to test
 * that it changes nothing; `forgetAfter` likewise. The model is loaded when
 * first needed: a re-run from the memory of the last may need it for nothing.
 */
export function createTokeniser(pipe: string[] = WINK_PIPE, forgetAfter = DEFAULT_FORGET_AFTER): Tokeniser {
  let loaded: { readDoc: (text: string) => ReturnType<Nlp['readDoc']>; its: Nlp['its']; lemmaOf: Nlp['its']['value'] } | null = null;
  const wink = () => {
    if (!loaded) {
      const nlp = nlpFor(pipe);
      // wink-nlp's typings give its.lemma a model-addon signature that .out() accepts at run time.
      loaded = { readDoc: readAsFirst(nlp, forgetAfter), its: nlp.its, lemmaOf: nlp.its.lemma as unknown as Nlp['its']['value'] };
    }
    return loaded;
  };
  const contextFreeLemmas = new Map<string, string>();

  /**
   * In Title Case headlines the tagger takes a capitalised plural for a proper
   * noun and gives no lemma ("Massacres" stays "massacres"). Such a word is
   * lemmatised again on its own, lower-cased, where the tagger sees a common word.
   */
  function headlineLemma(value: string, lemma: string, pos: string): string {
    if (pos !== 'PROPN' || !/^\p{Lu}\p{Ll}+$/u.test(value) || lemma !== value.toLowerCase()) return lemma;
    let again = contextFreeLemmas.get(lemma);
    if (again === undefined) {
      const { readDoc, lemmaOf } = wink();
      again = readDoc(lemma).tokens().out(lemmaOf)[0] ?? lemma;
      contextFreeLemmas.set(lemma, again);
    }
    return again;
  }

  const compoundSingulars = new Map<string, string>();

  /**
   * wink-nlp keeps a word joined by a hyphen whole ("ex-presidents",
   * "counter-protesters", "hard-liners") and gives it no lemma, so `president`
   * missed "ex-presidents" and `hard-liner` "hard-liners". Where its last part,
   * read alone, is a plural noun, its lemma is its first parts and that noun's
   * singular; else it stays as written.
   */
  function compoundLemma(value: string, lemma: string): string {
    // The cheap tests first: this runs on every token.
    if (!lemma.endsWith('s') || !INNER_HYPHEN.test(lemma) || lemma !== value.toLowerCase()) return lemma;
    const last = lemma.split(INNER_HYPHEN).at(-1)!;
    const at = lemma.length - last.length - 1;
    if (at <= 0) return lemma;
    let noun = compoundSingulars.get(last);
    if (noun === undefined) {
      const { readDoc, its, lemmaOf } = wink();
      const tokens = readDoc(last).tokens();
      noun = tokens.length() === 1 && tokens.out(its.pos)[0] === 'NOUN' ? (tokens.out(lemmaOf)[0] ?? last) : last;
      compoundSingulars.set(last, noun);
    }
    return `${lemma.slice(0, at + 1)}${noun}`;
  }

  /** A paragraph's tokens as wink-nlp gives them, before lemmas are settled. */
  interface ReadParagraph {
    value: string[];
    pre: string[];
    lemma: string[];
    pos: string[];
    type: string[];
    negated: boolean[];
    stop: boolean[];
    norms: string[];
    sentenceStarts: number[];
  }

  function readParagraph(paragraph: string): ReadParagraph {
    const { readDoc, its, lemmaOf } = wink();
    // A paragraph in capitals is read in small letters, for the tags and lemmas of its words; its words are kept as written.
    const lowered = inCapitals(paragraph) ? paragraph.toLowerCase() : paragraph;
    const doc = readDoc(lowered.length === paragraph.length ? lowered : paragraph);
    const tokens = doc.tokens();
    const pre = tokens.out(its.precedingSpaces);
    const value = lowered === paragraph ? tokens.out(its.value) : asWritten(paragraph, pre, tokens.out(its.value));
    const sentenceStarts = (doc.sentences().out(its.span) as unknown as [number, number][]).map((span) => span[0]);
    return {
      value,
      pre,
      lemma: tokens.out(lemmaOf),
      pos: tokens.out(its.pos),
      type: tokens.out(its.type),
      negated: tokens.out(its.negationFlag) as unknown as boolean[],
      stop: tokens.out(its.stopWordFlag) as unknown as boolean[],
      norms: value.map(foldWord),
      sentenceStarts,
    };
  }

  function readParagraphs(paragraphs: string[]): Tokens {
    const out: Tokens = { value: [], pre: [], lemma: [], norm: [], lemmaNorm: [], pos: [], type: [], negated: [], stop: [], sentenceStarts: [] };
    // Every paragraph is read before any lemma is settled: whether one is Spanish or Portuguese may take the whole article,
    // and a headline's or a compound's lemma reads another document, which may forget what these learnt.
    const read = paragraphs.map(readParagraph);
    const counted = read.map((r) => functionWords(r.norms));
    const languages = paragraphLanguages(counted);
    read.forEach(({ value, pre, lemma, pos, type, negated, stop, norms, sentenceStarts }, p) => {
      const offset = out.value.length;
      append(out.type, type);
      append(out.negated, negated);
      append(out.stop, stop);
      for (const start of sentenceStarts) out.sentenceStarts.push(offset + start);
      const sentences = sentenceLanguages({ values: value, norms, sentenceStarts }, counted[p]!, languages[p]!);
      let sentence = 0;
      for (let i = 0; i < value.length; i++) {
        while (i >= (sentenceStarts[sentence + 1] ?? value.length)) sentence += 1;
        const language = sentences[sentence]!;
        const l =
          language !== null && type[i] === 'word' ? singular(value[i]!.toLowerCase(), language) : compoundLemma(value[i]!, headlineLemma(value[i]!, lemma[i]!, pos[i]!));
        out.value.push(value[i]!);
        out.pos.push(pos[i]!);
        out.lemma.push(l);
        const norm = norms[i]!;
        out.norm.push(norm);
        out.lemmaNorm.push(l === value[i] ? norm : foldWord(l));
        out.pre.push(i === 0 ? (p === 0 ? '' : '\n') : pre[i]!);
      }
    });
    return out;
  }

  return {
    tokenise(article) {
      const tokens = readParagraphs(paragraphsOf(article));
      return { article, tokens, words: countWords(tokens) };
    },
    tokeniseTerm(term) {
      let known = termTokens.get(term);
      if (!known) {
        const { readDoc, its } = wink();
        const tokens = readDoc(term).tokens();
        const value = tokens.out(its.value);
        const pre = tokens.out(its.precedingSpaces);
        if (pre.length > 0) pre[0] = '';
        const norm = value.map(foldWord);
        known = { value, pre, norm, lemmaNorm: norm, sentenceStarts: [0] };
        termTokens.set(term, known);
      }
      return known;
    },
  };
}

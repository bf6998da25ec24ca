// The records that flow between stages. Each stage is a function from one of
// these to the next; scripts in pipeline/cli/ do the reading and writing.

/** One clean article: the output of ingest. */
export interface Article {
  article_id: string;
  /** Display name, as in the manifest or the export's `outlet` column. */
  outlet: string;
  /** File-name form of the outlet, e.g. `miami-herald`. */
  outlet_slug: string;
  title: string;
  /** ISO 8601 (`2023-01-11`, or `2018-04` where only the month is known); empty when unknown. */
  date: string;
  author: string;
  /** Original publisher of a repost (e.g. `CounterPunch`), or empty. */
  source: string;
  url: string;
  /** Body text, one paragraph per line, without the title. */
  text: string;
  /** Where the article came from, for messages: `corpus/x.txt#3` or `export.csv:record 12`. */
  origin: string;
  /** The id of an earlier article whose text this one nearly repeats (an updated version, a repost, wire copy), or empty. */
  near_duplicate_of: string;
  /** The share of the shorter one's five-word sequences that the other holds too, estimated (0.8 to 1); null with no near_duplicate_of. */
  shared_text: number | null;
}

/** wink-nlp's analysis of one article, in columns (one entry per token). */
export interface Tokens {
  /** Token text exactly as in the article. */
  value: string[];
  /** Whitespace before each token, so that `pre[i] + value[i]` rebuilds the text. */
  pre: string[];
  lemma: string[];
  /** The token and its lemma as matched: lower case, accents and quote styles folded. */
  norm: string[];
  lemmaNorm: string[];
  pos: string[];
  /** wink-nlp token type: word, number, punctuation, symbol, ... */
  type: string[];
  negated: boolean[];
  /** wink-nlp's stop-word flag ("the", "of", "and"), to leave such words out of suggestions. */
  stop: boolean[];
  /** Index of the first token of each sentence; sentences run to the next start. */
  sentenceStarts: number[];
}

export interface TokenisedArticle {
  article: Article;
  tokens: Tokens;
  words: number;
}

/** One entry of a framing lexicon, with where it was written. */
export interface LexiconEntry {
  /** Lexicon file name, e.g. `legitimacy.csv`. */
  lexicon: string;
  line: number;
  frame: string;
  pole: string;
  term: string;
  /** Signed strength, or null when the lexicon gives none. */
  weight: number | null;
  note: string;
  source: string;
}

export interface Lexicon {
  file: string;
  entries: LexiconEntry[];
  /** True when the file has a `weight` column. */
  weighted: boolean;
}

/** Everything the lexicons folder holds: framing lexicons, and the actors' aliases. */
export interface LexiconSet {
  lexicons: Lexicon[];
  actors: ActorAlias[];
}

/** One name of an actor, from an actors lexicon (actor,alias). */
export interface ActorAlias {
  lexicon: string;
  line: number;
  actor: string;
  /** The alias, named `term` because it is matched exactly like a lexicon term. */
  term: string;
}

export interface ActorLexicon {
  file: string;
  aliases: ActorAlias[];
}

export type Voice = 'authorial' | 'quoted';

/** One lexicon entry found in one article: the unit of the audit trail. */
export interface Hit {
  entry: LexiconEntry;
  /** The matched text as it appears in the article. */
  match: string;
  left: string;
  right: string;
  sentence: string;
  /** 1-based sentence number within the article (the title is sentence 1). */
  sentence_no: number;
  /** Token span [start, end) within the article. */
  start: number;
  end: number;
  /** The outlet's own words, or inside a direct quotation. */
  voice: Voice;
  /** For a quoted hit, who is speaking where the text says so; else empty. */
  speaker: string;
  /** The actor the label is applied to, from the actors lexicon; empty where the sentence attaches it to none. */
  target: string;
  /** Under negation ("was not a coup", "no dictatorship"), from wink-nlp's negation flags. */
  negated: boolean;
}

/** A run of an article's tokens, [start, end). */
export type TokenSpan = Pick<Hit, 'start' | 'end'>;

/** What the report stage needs of an article: metadata, sizes and hits, no text. */
export interface ScoredArticle {
  article: Omit<Article, 'text'>;
  words: number;
  sentences: number;
  hits: Hit[];
  /** Where an entry that counts nothing (pole "-") matched: no hit, and no phrase to suggest either. */
  uncounted: TokenSpan[];
}

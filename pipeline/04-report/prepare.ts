// What the report stage keeps of a scored article: its counts, and its rows of
// articles.csv, hits.csv and scored.jsonl already written out. Prepared where
// the article is scored (a worker thread), so that the thread that writes the
// reports only adds up counts and copies bytes.
import type { ScoredArticle } from '../types.ts';
import { csvRows, type CsvFormat } from './csv.ts';
import { ARTICLE_COLUMNS, articleRow, HIT_COLUMNS, hitRows } from './tables.ts';

export type PreparedHit = [lexicon: string, line: number, quoted: boolean, target: string, start: number, end: number];

/** The token spans that phrase counting leaves out: the prepared hits', and those of entries that count nothing. */
export const coveredSpans = (prepared: Pick<PreparedArticle, 'hits' | 'uncounted'>) => [
  ...prepared.hits.map(([, , , , start, end]) => ({ start, end })),
  ...prepared.uncounted.map(([start, end]) => ({ start, end })),
];

export interface PreparedArticle {
  article: Pick<ScoredArticle['article'], 'outlet' | 'outlet_slug' | 'article_id' | 'date' | 'near_duplicate_of'>;
  words: number;
  sentences: number;
  /** Each hit as lexicon file, line, whether quoted, target, and its token span [start, end). */
  hits: PreparedHit[];
  /** The token spans [start, end) where an entry that counts nothing matched, which no phrase to suggest crosses. */
  uncounted: [start: number, end: number][];
  articleCsv: string;
  hitsCsv: string;
  /** The article's line of scored.jsonl, or null where no scored.jsonl is written (npm run pipeline). */
  json: string | null;
}

/** What the counts need of an article: no rows. */
export type CountedArticle = Pick<PreparedArticle, 'article' | 'words' | 'sentences' | 'hits'>;

/** `json`: the article's scored.jsonl line, or null for none; `csv`: how its rows are written. */
export function prepareArticle(scored: ScoredArticle, json: string | null, csv: CsvFormat): PreparedArticle {
  const { outlet, outlet_slug, article_id, date, near_duplicate_of } = scored.article;
  return {
    article: { outlet, outlet_slug, article_id, date, near_duplicate_of },
    words: scored.words,
    sentences: scored.sentences,
    hits: scored.hits.map((h) => [h.entry.lexicon, h.entry.line, h.voice === 'quoted', h.target, h.start, h.end]),
    uncounted: scored.uncounted.map(({ start, end }) => [start, end]),
    articleCsv: csvRows(ARTICLE_COLUMNS, [articleRow(scored)], csv),
    hitsCsv: csvRows(HIT_COLUMNS, hitRows(scored), csv),
    json,
  };
}

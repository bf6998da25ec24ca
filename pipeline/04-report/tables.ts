// Stage 4, report: turns counts and scored articles into the rows of each
// report, in an explicit sorted order. Pure: no files here (see csv.ts).
import { fold } from '../text.ts';
import type { Lexicon, ScoredArticle } from '../types.ts';
import { entryKey, frameKey, poleKey, tallyOf, targetKey, type Aggregates, type OutletTotals, type Tally } from './aggregate.ts';

export type Cell = string | number;
export type Row = Record<string, Cell>;
export interface Table {
  columns: string[];
  rows: Row[];
}

type Level = 'frame' | 'pole' | 'term';

/** One line of the report outline: a frame, a pole or an entry of a lexicon. */
interface OutlineRow {
  level: Level;
  lexicon: string;
  frame: string;
  pole: string;
  term: string;
  line: number | '';
  weight: number | '';
  key: string;
  /** Key of the frame this row belongs to, for pole shares. */
  frameKey: string;
  /** Whether mean weights make sense here (the lexicon has a weight column). */
  weighted: boolean;
}

const byFolded = (a: string, b: string) => {
  const x = fold(a);
  const y = fold(b);
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

/** Lexicons by file name; in each, frames A-Z, each frame's poles A-Z, each pole's terms A-Z. */
function outline(lexicons: Lexicon[]): OutlineRow[] {
  const rows: OutlineRow[] = [];
  for (const lexicon of [...lexicons].sort((a, b) => byFolded(a.file, b.file))) {
    const entries = [...lexicon.entries].sort(
      (a, b) => byFolded(a.frame, b.frame) || byFolded(a.pole, b.pole) || byFolded(a.term, b.term) || a.line - b.line,
    );
    let currentFrame = '';
    let currentPole = '';
    for (const e of entries) {
      const base = { lexicon: lexicon.file, frame: e.frame, frameKey: frameKey(e), weighted: lexicon.weighted };
      if (frameKey(e) !== currentFrame) {
        currentFrame = frameKey(e);
        currentPole = '';
        rows.push({ ...base, level: 'frame', pole: '', term: '', line: '', weight: '', key: frameKey(e) });
      }
      if (poleKey(e) !== currentPole) {
        currentPole = poleKey(e);
        rows.push({ ...base, level: 'pole', pole: e.pole, term: '', line: '', weight: '', key: poleKey(e) });
      }
      rows.push({ ...base, level: 'term', pole: e.pole, term: e.term, line: e.line, weight: e.weight ?? '', key: entryKey(e) });
    }
  }
  return rows;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

export function per1k(hits: number, words: number): number {
  return words === 0 ? 0 : round((hits * 1000) / words);
}

/** Share of the frame's hits that fall on this pole; empty where the frame has none. */
function poleShare(row: OutlineRow, tally: Tally, frame: Tally): Cell {
  return row.level === 'pole' && frame.hits > 0 ? round(tally.hits / frame.hits) : '';
}

/** Mean weight per hit, for frames and poles of weighted lexicons. */
function score(row: OutlineRow, tally: Tally): Cell {
  return row.weighted && row.level !== 'term' && tally.weighted > 0 ? round(tally.weightSum / tally.weighted) : '';
}

export const OUTLET_COLUMNS = [
  'outlet', 'lexicon', 'frame', 'pole', 'term', 'level', 'line', 'weight',
  'hits', 'authorial', 'quoted', 'per_1k_words', 'articles', 'pole_share', 'score',
];

export function outletTable(agg: Aggregates, outlet: OutletTotals): Table {
  const rows = outline(agg.lexicons).map((row): Row => {
    const tally = tallyOf(agg, outlet.slug, row.key);
    return {
      outlet: outlet.outlet,
      lexicon: row.lexicon,
      frame: row.frame,
      pole: row.pole,
      term: row.term,
      level: row.level,
      line: row.line,
      weight: row.weight,
      hits: tally.hits,
      authorial: tally.hits - tally.quoted,
      quoted: tally.quoted,
      per_1k_words: per1k(tally.hits, outlet.words),
      articles: tally.articles,
      pole_share: poleShare(row, tally, tallyOf(agg, outlet.slug, row.frameKey)),
      score: score(row, tally),
    };
  });
  return { columns: OUTLET_COLUMNS, rows };
}

export function sortedOutlets(agg: Aggregates): OutletTotals[] {
  return [...agg.outlets.values()].sort((a, b) => byFolded(a.slug, b.slug));
}

export function comparisonTable(agg: Aggregates): Table {
  const outlets = sortedOutlets(agg);
  const metrics = ['hits', 'per_1k_words', 'pole_share', 'score'] as const;
  const columns = ['lexicon', 'frame', 'pole', 'term', 'level', 'line', 'weight'];
  for (const metric of metrics) for (const o of outlets) columns.push(`${metric}:${o.slug}`);
  const rows = outline(agg.lexicons).map((row): Row => {
    const out: Row = {
      lexicon: row.lexicon, frame: row.frame, pole: row.pole, term: row.term,
      level: row.level, line: row.line, weight: row.weight,
    };
    for (const o of outlets) {
      const tally = tallyOf(agg, o.slug, row.key);
      out[`hits:${o.slug}`] = tally.hits;
      out[`per_1k_words:${o.slug}`] = per1k(tally.hits, o.words);
      out[`pole_share:${o.slug}`] = poleShare(row, tally, tallyOf(agg, o.slug, row.frameKey));
      out[`score:${o.slug}`] = score(row, tally);
    }
    return out;
  });
  return { columns, rows };
}

/** Articles by outlet, then date, then id: the order of articles.csv and hits.csv. */
export function compareArticles(a: ScoredArticle, b: ScoredArticle): number {
  return (
    byFolded(a.article.outlet_slug, b.article.outlet_slug) ||
    byFolded(a.article.date, b.article.date) ||
    byFolded(a.article.article_id, b.article.article_id)
  );
}

export const ARTICLE_COLUMNS = [
  'outlet', 'article_id', 'title', 'date', 'author', 'source', 'url', 'words', 'sentences', 'hits', 'origin',
];

export function articlesTable(sorted: ScoredArticle[]): Table {
  const rows = sorted.map((s): Row => ({
    outlet: s.article.outlet,
    article_id: s.article.article_id,
    title: s.article.title,
    date: s.article.date,
    author: s.article.author,
    source: s.article.source,
    url: s.article.url,
    words: s.words,
    sentences: s.sentences,
    hits: s.hits.length,
    origin: s.article.origin,
  }));
  return { columns: ARTICLE_COLUMNS, rows };
}

export const HIT_COLUMNS = [
  'outlet', 'article_id', 'title', 'date', 'lexicon', 'line', 'frame', 'pole', 'term', 'weight',
  'match', 'voice', 'speaker', 'target', 'negated', 'left', 'right', 'sentence', 'sentence_no',
];

export function hitsTable(sorted: ScoredArticle[]): Table {
  const rows: Row[] = [];
  for (const s of sorted) {
    const hits = [...s.hits].sort(
      (a, b) => a.start - b.start || byFolded(a.entry.lexicon, b.entry.lexicon) || a.entry.line - b.entry.line,
    );
    for (const hit of hits) {
      rows.push({
        outlet: s.article.outlet,
        article_id: s.article.article_id,
        title: s.article.title,
        date: s.article.date,
        lexicon: hit.entry.lexicon,
        line: hit.entry.line,
        frame: hit.entry.frame,
        pole: hit.entry.pole,
        term: hit.entry.term,
        weight: hit.entry.weight ?? '',
        match: hit.match,
        voice: hit.voice,
        speaker: hit.speaker,
        target: hit.target,
        negated: String(hit.negated),
        left: hit.left,
        right: hit.right,
        sentence: hit.sentence,
        sentence_no: hit.sentence_no,
      });
    }
  }
  return { columns: HIT_COLUMNS, rows };
}

export const TARGET_COLUMNS = [
  'actor', 'outlet', 'lexicon', 'frame', 'pole', 'hits', 'authorial', 'quoted', 'per_1k_words',
];

/**
 * How each outlet labels each actor: a row per actor, pole and outlet, for
 * every actor and pole that some outlet applied (zeros included, so that
 * outlets line up), by actor, lexicon, frame, pole and outlet.
 */
export function targetsTable(agg: Aggregates): Table {
  const targeted = [...agg.targeted.values()].sort(
    (a, b) =>
      byFolded(a.actor, b.actor) ||
      byFolded(a.entry.lexicon, b.entry.lexicon) ||
      byFolded(a.entry.frame, b.entry.frame) ||
      byFolded(a.entry.pole, b.entry.pole),
  );
  const rows: Row[] = [];
  for (const { actor, entry } of targeted) {
    for (const outlet of sortedOutlets(agg)) {
      const tally = tallyOf(agg, outlet.slug, targetKey(actor, entry));
      rows.push({
        actor,
        outlet: outlet.outlet,
        lexicon: entry.lexicon,
        frame: entry.frame,
        pole: entry.pole,
        hits: tally.hits,
        authorial: tally.hits - tally.quoted,
        quoted: tally.quoted,
        per_1k_words: per1k(tally.hits, outlet.words),
      });
    }
  }
  return { columns: TARGET_COLUMNS, rows };
}

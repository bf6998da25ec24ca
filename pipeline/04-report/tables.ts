// Stage 4, report: turns counts and scored articles into the rows of each
// report, in an explicit sorted order. Pure: no files here (see csv.ts).
import { byText } from '../text.ts';
import type { ScoredArticle } from '../types.ts';
import { emptyTally, poleKey, tallyOf, targetKey, type Aggregates, type OutletTotals } from './aggregate.ts';
import { intervalOf, keynessZ, type Analysis } from './analysis.ts';
import { byFolded, cell, per1k, poleShare, score, type Row, type Table } from './outline.ts';

const OUTLET_COLUMNS = [
  'outlet', 'lexicon', 'frame', 'pole', 'term', 'level', 'line', 'weight',
  'hits', 'authorial', 'quoted', 'per_1k_words', 'ci_low', 'ci_high', 'articles',
  'pole_share', 'pole_share_ci_low', 'pole_share_ci_high', 'score', 'z', 'z_authorial', 'small_sample',
];

export function outletTable(analysis: Analysis, outlet: OutletTotals): Table {
  const { agg } = analysis;
  const rows = analysis.rows.map((row): Row => {
    const tally = tallyOf(agg, outlet.slug, row.key);
    const rate = intervalOf(analysis, outlet.slug, `rate:${row.key}`);
    const share = row.level === 'pole' ? intervalOf(analysis, outlet.slug, `share:${row.key}`) : null;
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
      ci_low: cell(rate?.low),
      ci_high: cell(rate?.high),
      articles: tally.articles,
      pole_share: poleShare(row, tally, tallyOf(agg, outlet.slug, row.frameKey)),
      pole_share_ci_low: cell(share?.low),
      pole_share_ci_high: cell(share?.high),
      score: score(row, tally),
      z: cell(keynessZ(analysis, outlet.slug, row.key)),
      z_authorial: cell(keynessZ(analysis, outlet.slug, row.key, true)),
      small_sample: String(analysis.small.has(outlet.slug)),
    };
  });
  return { columns: OUTLET_COLUMNS, rows };
}

export function sortedOutlets(agg: Aggregates): OutletTotals[] {
  return [...agg.outlets.values()].sort((a, b) => byFolded(a.slug, b.slug));
}

const CORPUS_COLUMNS = [
  'outlet', 'articles', 'words', 'sentences', 'hits', 'per_1k_words', 'first_date', 'last_date', 'undated', 'near_duplicates', 'small_sample',
];

/**
 * What the corpus holds of each outlet, as a study's description of its data
 * gives it: articles, words and hits, the days they span, those undated, and
 * those that nearly repeat an earlier article. Outlets A-Z.
 */
export function corpusTable(analysis: Analysis): Table {
  const rows = sortedOutlets(analysis.agg).map((outlet): Row => ({
    outlet: outlet.outlet,
    articles: outlet.articles,
    words: outlet.words,
    sentences: outlet.sentences,
    hits: outlet.hits,
    per_1k_words: per1k(outlet.hits, outlet.words),
    first_date: outlet.firstDate,
    last_date: outlet.lastDate,
    undated: outlet.undated,
    near_duplicates: outlet.nearDuplicates,
    small_sample: String(analysis.small.has(outlet.slug)),
  }));
  return { columns: CORPUS_COLUMNS, rows };
}

const MONTH_COLUMNS = [
  'outlet', 'month', 'articles_in_month', 'words_in_month', 'lexicon', 'frame', 'pole', 'level',
  'hits', 'authorial', 'quoted', 'per_1k_words', 'articles', 'pole_share', 'score',
];

/**
 * Each outlet's frames and poles month by month, zeros included so that an
 * outlet's months line up: how its framing moved over the events. Outlets
 * A-Z, months in order, then the articles known to no month.
 */
export function monthsTable(analysis: Analysis): Table {
  const { agg } = analysis;
  const outline = analysis.rows.filter((row) => row.level !== 'term');
  function* rows(): Generator<Row> {
    for (const outlet of sortedOutlets(agg)) {
      const months = [...agg.months.get(outlet.slug)!].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : byText(a, b)));
      for (const [month, totals] of months) {
        for (const row of outline) {
          const tally = totals.tallies.get(row.key) ?? emptyTally();
          yield {
            outlet: outlet.outlet,
            month,
            articles_in_month: totals.articles,
            words_in_month: totals.words,
            lexicon: row.lexicon,
            frame: row.frame,
            pole: row.pole,
            level: row.level,
            hits: tally.hits,
            authorial: tally.hits - tally.quoted,
            quoted: tally.quoted,
            per_1k_words: per1k(tally.hits, totals.words),
            articles: tally.articles,
            pole_share: poleShare(row, tally, totals.tallies.get(row.frameKey) ?? emptyTally()),
            score: score(row, tally),
          };
        }
      }
    }
  }
  return { columns: MONTH_COLUMNS, rows: rows() };
}

export function comparisonTable(analysis: Analysis): Table {
  const { agg } = analysis;
  const outlets = sortedOutlets(agg);
  const metrics = ['hits', 'per_1k_words', 'ci_low', 'ci_high', 'z', 'pole_share', 'pole_share_ci_low', 'pole_share_ci_high', 'score'] as const;
  const columns = ['lexicon', 'frame', 'pole', 'term', 'level', 'line', 'weight'];
  for (const metric of metrics) for (const o of outlets) columns.push(`${metric}:${o.slug}`);
  const rows = analysis.rows.map((row): Row => {
    const out: Row = {
      lexicon: row.lexicon, frame: row.frame, pole: row.pole, term: row.term,
      level: row.level, line: row.line, weight: row.weight,
    };
    for (const o of outlets) {
      const tally = tallyOf(agg, o.slug, row.key);
      const rate = intervalOf(analysis, o.slug, `rate:${row.key}`);
      const share = row.level === 'pole' ? intervalOf(analysis, o.slug, `share:${row.key}`) : null;
      out[`hits:${o.slug}`] = tally.hits;
      out[`per_1k_words:${o.slug}`] = per1k(tally.hits, o.words);
      out[`ci_low:${o.slug}`] = cell(rate?.low);
      out[`ci_high:${o.slug}`] = cell(rate?.high);
      out[`z:${o.slug}`] = cell(keynessZ(analysis, o.slug, row.key));
      out[`pole_share:${o.slug}`] = poleShare(row, tally, tallyOf(agg, o.slug, row.frameKey));
      out[`pole_share_ci_low:${o.slug}`] = cell(share?.low);
      out[`pole_share_ci_high:${o.slug}`] = cell(share?.high);
      out[`score:${o.slug}`] = score(row, tally);
    }
    return out;
  });
  return { columns, rows };
}

const UNMATCHED_COLUMNS = ['lexicon', 'line', 'frame', 'pole', 'term', 'weight'];

/** Lexicon entries that no article matched, in outline order: a typo, or a word the corpus does not use. */
export function unmatchedTable(analysis: Analysis): Table {
  const rows = analysis.unmatched.map(
    (row): Row => ({ lexicon: row.lexicon, line: row.line, frame: row.frame, pole: row.pole, term: row.term, weight: row.weight }),
  );
  return { columns: UNMATCHED_COLUMNS, rows };
}

/**
 * How the reports were made: each setting that changes them (the corpus and
 * lexicons given, how the corpus was read, the statistics' settings, the
 * tokeniser's and wink-nlp's versions), so that a reports folder passed on says
 * how to make it again.
 */
export function settingsTable(settings: ReadonlyArray<readonly [setting: string, value: string]>): Table {
  return { columns: ['setting', 'value'], rows: settings.map(([setting, value]): Row => ({ setting, value })) };
}

export const ARTICLE_COLUMNS = [
  'outlet', 'article_id', 'title', 'date', 'author', 'source', 'url', 'words', 'sentences', 'hits', 'origin', 'near_duplicate_of', 'shared_text',
];

export function articleRow(s: ScoredArticle): Row {
  return {
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
    near_duplicate_of: s.article.near_duplicate_of,
    shared_text: s.article.shared_text ?? '',
  };
}

export const HIT_COLUMNS = [
  'outlet', 'article_id', 'title', 'date', 'lexicon', 'line', 'frame', 'pole', 'term', 'weight',
  'match', 'voice', 'speaker', 'target', 'negated', 'left', 'right', 'sentence', 'sentence_no', 'near_duplicate_of',
];

/** An article's rows of hits.csv, in text order. */
export function hitRows(s: ScoredArticle): Row[] {
  const hits = [...s.hits].sort(
    (a, b) => a.start - b.start || byFolded(a.entry.lexicon, b.entry.lexicon) || a.entry.line - b.entry.line,
  );
  return hits.map((hit) => ({
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
    near_duplicate_of: s.article.near_duplicate_of,
  }));
}

const TARGET_COLUMNS = [
  'actor', 'outlet', 'lexicon', 'frame', 'pole', 'hits', 'authorial', 'quoted', 'per_1k_words',
];

/**
 * How each outlet labels each actor: a row per actor, pole and outlet, for
 * every actor and pole that some outlet applied (zeros included, so that
 * outlets line up), by actor, lexicon, frame, pole and outlet.
 */
export function targetsTable({ agg }: Analysis): Table {
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
      const tally = tallyOf(agg, outlet.slug, targetKey(actor, poleKey(entry)));
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

// The comparison tables: keyness of every entry, pole and frame per outlet
// (keyness.csv), each outlet's pole shares with their intervals (shares.csv),
// and the difference of each share between every pair of outlets (share-pairs.csv).
import { tallyOf } from './aggregate.ts';
import { intervalOf, keynessZ, type Analysis } from './analysis.ts';
import { cell, per1k, round, type Row, type Table } from './outline.ts';
import { shareLogOddsRatio } from './statistics.ts';
import { sortedOutlets } from './tables.ts';

const KEYNESS_COLUMNS = [
  'outlet', 'lexicon', 'frame', 'pole', 'term', 'level', 'hits', 'per_1k_words', 'z', 'z_authorial', 'rank', 'small_sample',
];

/**
 * One row per outlet and entry, pole or frame, in outline order. `rank` orders
 * the outlets by z (1: most over-represented) among those that are not small
 * samples; a small sample gets no rank.
 */
export function keynessTable(analysis: Analysis): Table {
  const { agg } = analysis;
  const outlets = sortedOutlets(agg);
  const rows: Row[] = [];
  for (const row of analysis.rows) {
    const zs = new Map(outlets.map((o) => [o.slug, keynessZ(analysis, o.slug, row.key)]));
    const ranked = outlets
      .filter((o) => !analysis.small.has(o.slug) && zs.get(o.slug) !== null)
      .sort((a, b) => zs.get(b.slug)! - zs.get(a.slug)! || (a.slug < b.slug ? -1 : 1));
    const rankOf = new Map(ranked.map((o, i) => [o.slug, i + 1]));
    for (const o of outlets) {
      const tally = tallyOf(agg, o.slug, row.key);
      rows.push({
        outlet: o.outlet,
        lexicon: row.lexicon,
        frame: row.frame,
        pole: row.pole,
        term: row.term,
        level: row.level,
        hits: tally.hits,
        per_1k_words: per1k(tally.hits, o.words),
        z: cell(zs.get(o.slug)),
        z_authorial: cell(keynessZ(analysis, o.slug, row.key, true)),
        rank: rankOf.get(o.slug) ?? '',
        small_sample: String(analysis.small.has(o.slug)),
      });
    }
  }
  return { columns: KEYNESS_COLUMNS, rows };
}

const SHARE_COLUMNS = [
  'outlet', 'lexicon', 'frame', 'pole', 'hits', 'frame_hits', 'share', 'ci_low', 'ci_high', 'articles', 'small_sample',
];

/** Of each frame's hits in each outlet, the share of each pole, with its 95% article-bootstrap interval. */
export function sharesTable(analysis: Analysis): Table {
  const { agg } = analysis;
  const rows: Row[] = [];
  for (const row of analysis.rows.filter((r) => r.level === 'pole')) {
    for (const o of sortedOutlets(agg)) {
      const pole = tallyOf(agg, o.slug, row.key);
      const frame = tallyOf(agg, o.slug, row.frameKey);
      const interval = intervalOf(analysis, o.slug, `share:${row.key}`);
      rows.push({
        outlet: o.outlet,
        lexicon: row.lexicon,
        frame: row.frame,
        pole: row.pole,
        hits: pole.hits,
        frame_hits: frame.hits,
        share: frame.hits === 0 ? '' : round(pole.hits / frame.hits),
        ci_low: cell(interval?.low),
        ci_high: cell(interval?.high),
        articles: o.articles,
        small_sample: String(analysis.small.has(o.slug)),
      });
    }
  }
  return { columns: SHARE_COLUMNS, rows };
}

const SHARE_PAIR_COLUMNS = [
  'lexicon', 'frame', 'pole', 'outlet_a', 'outlet_b', 'share_a', 'share_b', 'log_odds_ratio', 'se', 'z',
];

/** For each pole and each pair of outlets (a before b in A-Z order), the log-odds ratio of the pole's share. */
export function sharePairsTable(analysis: Analysis): Table {
  return { columns: SHARE_PAIR_COLUMNS, rows: sharePairRows(analysis) };
}

/** Made as they are written: poles times pairs of outlets, a million rows with a few hundred outlets. */
function* sharePairRows(analysis: Analysis): Generator<Row> {
  const { agg } = analysis;
  const outlets = sortedOutlets(agg);
  for (const row of analysis.rows.filter((r) => r.level === 'pole')) {
    for (let i = 0; i < outlets.length; i++) {
      for (let j = i + 1; j < outlets.length; j++) {
        const [a, b] = [outlets[i]!, outlets[j]!];
        const poleA = tallyOf(agg, a.slug, row.key).hits;
        const frameA = tallyOf(agg, a.slug, row.frameKey).hits;
        const poleB = tallyOf(agg, b.slug, row.key).hits;
        const frameB = tallyOf(agg, b.slug, row.frameKey).hits;
        const ratio = shareLogOddsRatio(poleA, frameA, poleB, frameB);
        yield {
          lexicon: row.lexicon,
          frame: row.frame,
          pole: row.pole,
          outlet_a: a.outlet,
          outlet_b: b.outlet,
          share_a: frameA === 0 ? '' : round(poleA / frameA),
          share_b: frameB === 0 ? '' : round(poleB / frameB),
          log_odds_ratio: cell(ratio?.logOddsRatio),
          se: cell(ratio?.se),
          z: cell(ratio ? ratio.logOddsRatio / ratio.se : null),
        };
      }
    }
  }
}

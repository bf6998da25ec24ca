// The statistics (issue 4): the keyness formula against a hand computation,
// the bootstrap's determinism and symmetry, and the z's of a whole run
// against an independent computation from the raw counts of its reports.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type Console } from '../pipeline/cli/stages.ts';
import { addArticle, addToBootstrap, createAggregates, keyCounts, poleKey, withPolesAndFrames } from '../pipeline/04-report/aggregate.ts';
import { analyse, DEFAULT_STATS, intervalOf, keynessZ } from '../pipeline/04-report/analysis.ts';
import { prepareArticle, type PreparedHit } from '../pipeline/04-report/prepare.ts';
import { BootstrapSums, logOddsZ, poissonWeights, quantile, shareLogOddsRatio } from '../pipeline/04-report/statistics.ts';
import type { Hit, LexiconEntry, ScoredArticle } from '../pipeline/types.ts';
import { lexicon, readReport, tempDir, testOptions } from './helpers.ts';
import { PLAIN_CSV } from '../pipeline/04-report/csv.ts';

describe('keyness z (Monroe, Colaresi & Quinn 2008)', () => {
  it('matches a hand computation with the default prior a0 = N', () => {
    // yi=10 of ni=1000 words against yr=5 of nr=4000; N=5000, a0=N, y_w=15, so α = 5000·15/5000 = 15.
    // δ = ln(25/5975) − ln(20/8980) = ln(224500/119500) = 0.630559; σ = √(1/25 + 1/20) = √0.09 = 0.3.
    expect(logOddsZ({ yi: 10, ni: 1000, yr: 5, nr: 4000, a0: 5000 })).toBeCloseTo(0.630559 / 0.3, 5);
  });

  it('matches a hand computation with a weaker prior (--prior 100)', () => {
    // α = 100·15/5000 = 0.3; δ = ln(10.3/1089.7) − ln(5.3/4094.7) = 1.988228; σ = √(1/10.3 + 1/5.3) = 0.534571.
    expect(logOddsZ({ yi: 10, ni: 1000, yr: 5, nr: 4000, a0: 100 })).toBeCloseTo(1.988228 / 0.534571, 4);
  });

  it('is 0 for an outlet that uses a term at the corpus rate, and null for a term never used', () => {
    expect(logOddsZ({ yi: 2, ni: 1000, yr: 6, nr: 3000, a0: 4000 })).toBeCloseTo(0, 10);
    expect(logOddsZ({ yi: 0, ni: 1000, yr: 0, nr: 3000, a0: 4000 })).toBeNull();
  });

  it('changes sign when the two sides swap', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.integer({ min: 100, max: 5000 }), fc.nat(50), fc.integer({ min: 100, max: 5000 }), (yi, ni, yr, nr) => {
        fc.pre(yi + yr > 0);
        const a0 = ni + nr;
        expect(logOddsZ({ yi, ni, yr, nr, a0 })!).toBeCloseTo(-logOddsZ({ yi: yr, ni: nr, yr: yi, nr: ni, a0 })!, 8);
      }),
    );
  });
});

describe('share log-odds ratio', () => {
  it('matches a hand computation (Woolf)', () => {
    // 8 of 10 against 3 of 10: ln((8/2)/(3/7)) = ln(9.3333) = 2.233592; SE = √(1/8+1/2+1/3+1/7) = 1.049376.
    const r = shareLogOddsRatio(8, 10, 3, 10)!;
    expect(r.logOddsRatio).toBeCloseTo(2.233592, 5);
    expect(r.se).toBeCloseTo(1.049376, 5);
  });

  it('stays finite with an empty cell (Haldane–Anscombe) and is null without hits', () => {
    expect(Number.isFinite(shareLogOddsRatio(5, 5, 0, 4)!.logOddsRatio)).toBe(true);
    expect(shareLogOddsRatio(0, 0, 1, 2)).toBeNull();
  });
});

describe('Poisson bootstrap', () => {
  const weightsOf = (id: string, seed = 7, n = 4000) => {
    const w = new Float64Array(n);
    poissonWeights(id, seed, w);
    return w;
  };

  it('weighs an article the same every time, from its id and the seed', () => {
    expect(weightsOf('a1')).toEqual(weightsOf('a1'));
    expect(weightsOf('a1')).not.toEqual(weightsOf('a2'));
    expect(weightsOf('a1', 7)).not.toEqual(weightsOf('a1', 8));
  });

  it('draws weights of mean 1 and variance 1, as Poisson(1)', () => {
    const w = weightsOf('any article', 7, 20000);
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const variance = w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length;
    expect(mean).toBeCloseTo(1, 1);
    expect(variance).toBeCloseTo(1, 1);
  });

  const articles = Array.from({ length: 30 }, (_, i) => ({ id: `a${i}`, words: 100 + 10 * i, k: i % 4 }));
  const sumsOf = (list: typeof articles) => {
    const sums = new BootstrapSums(2000);
    const w = new Float64Array(2000);
    for (const a of list) {
      poissonWeights(a.id, 7, w);
      sums.add(w, a.words, new Map([['k', a.k]]));
    }
    return sums;
  };

  it('gives the same interval whatever the order of the articles, and when sums are merged', () => {
    const whole = sumsOf(articles).rate('k');
    expect(sumsOf([...articles].reverse()).rate('k')).toEqual(whole);
    const merged = sumsOf(articles.slice(0, 11));
    merged.merge(sumsOf(articles.slice(11)));
    expect(merged.rate('k')).toEqual(whole);
  });

  it('brackets the point estimate', () => {
    const { low, high } = sumsOf(articles).rate('k')!;
    const estimate = (articles.reduce((n, a) => n + a.k, 0) * 1000) / articles.reduce((n, a) => n + a.words, 0);
    expect(low).toBeLessThan(estimate);
    expect(high).toBeGreaterThan(estimate);
  });

  it('takes quantiles as R type 7 does', () => {
    expect(quantile(Float64Array.of(4, 1, 3, 2), 0.5)).toBe(2.5);
    expect(quantile(Float64Array.of(50, 10, 40, 20, 30), 0.025)).toBeCloseTo(11, 10);
  });

  it('takes the same quantiles by selection as from sorted values, of any part of any values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (ints, cut, q) => {
        const values = Float64Array.from(ints, (n) => n / 7);
        const count = 1 + (cut % values.length);
        const sorted = values.slice(0, count).sort();
        const position = (count - 1) * q;
        const below = sorted[Math.floor(position)]!;
        const expected = below + (sorted[Math.ceil(position)]! - below) * (position - Math.floor(position));
        expect(quantile(values, q, count)).toBe(expected);
      }),
    );
  });
});

/** A scored article with `n` hits of each given entry: enough for the aggregates. */
function scored(outlet: string, id: string, words: number, entries: [LexiconEntry, number][]): ScoredArticle {
  const hits: Hit[] = entries.flatMap(([entry, n]) =>
    Array.from({ length: n }, (_, k) => ({
      entry, match: entry.term, left: '', right: '', sentence: '', sentence_no: 1, start: k, end: k + 1,
      voice: 'authorial' as const, speaker: '', target: '', negated: false,
    })),
  );
  return {
    article: { article_id: id, outlet, outlet_slug: outlet.toLowerCase(), title: '', date: '', author: '', source: '', url: '', origin: '', near_duplicate_of: '', shared_text: null },
    words,
    sentences: 1,
    hits,
    uncounted: [],
  };
}

describe('poles and frames in the bootstrap', () => {
  const lex = lexicon('frame,pole,term\nlegitimacy,del,regime\nlegitimacy,del,junta\nlegitimacy,leg,president\nviolence,massacre,massacre\nviolence,massacre,slaughter\n');

  it('sum, from their entries’ resamples, exactly what resampling each hit under its pole and frame gives (property)', () => {
    const entries = createAggregates([lex]).entries;
    fc.assert(
      fc.property(fc.array(fc.record({ words: fc.integer({ min: 1, max: 900 }), hits: fc.array(fc.nat(4), { maxLength: 12 }) }), { maxLength: 8 }), (articles) => {
        const perEntry = new BootstrapSums(300);
        const perKey = new BootstrapSums(300);
        const weights = new Float64Array(300);
        articles.forEach((a, i) => {
          poissonWeights(`a${i}`, 3, weights);
          const hits = a.hits.map((k, at): PreparedHit => [lex.file, lex.entries[k]!.line, false, '', at, at + 1]);
          perEntry.add(weights, a.words, keyCounts(hits, entries));
          const everyKey = new Map<string, number>();
          for (const [, line] of hits) for (const key of entries.at(lex.file, line).keys) everyKey.set(key, (everyKey.get(key) ?? 0) + 1);
          perKey.add(weights, a.words, everyKey);
        });
        const summed = withPolesAndFrames(perEntry, entries);
        expect(summed.words).toEqual(perKey.words);
        expect(new Map([...summed.keys].sort())).toEqual(new Map([...perKey.keys].sort()));
      }),
      { numRuns: 60 },
    );
  });
});

describe('swapping two outlets’ texts', () => {
  const lex = lexicon('frame,pole,term\nlegitimacy,del,regime\nlegitimacy,leg,president\n');
  const [regime, president] = lex.entries as [LexiconEntry, LexiconEntry];
  const articleArb = fc.record({ words: fc.integer({ min: 50, max: 2000 }), regime: fc.nat(6), president: fc.nat(6) });

  it('swaps their z’s and intervals, and changes nothing for the others', () => {
    fc.assert(
      fc.property(fc.array(articleArb, { minLength: 1, maxLength: 6 }), fc.array(articleArb, { minLength: 1, maxLength: 6 }), fc.array(articleArb, { minLength: 1, maxLength: 6 }), (a, b, c) => {
        const build = (first: string, second: string) => {
          const agg = createAggregates([lex]);
          const weights = new Float64Array(200);
          const add = (outlet: string, list: typeof a, tag: string) =>
            list.forEach((x, i) => {
              const article = scored(outlet, `${tag}${i}`, x.words, [[regime, x.regime], [president, x.president]]);
              const prepared = prepareArticle(article, null, PLAIN_CSV);
              addArticle(agg, prepared);
              addToBootstrap(agg.boot, prepared, agg.entries, { resamples: 200, seed: 1 }, weights);
            });
          add(first, a, 'a');
          add(second, b, 'b');
          add('Third', c, 'c');
          return analyse(agg, { ...DEFAULT_STATS, resamples: 200 });
        };
        const before = build('One', 'Two');
        const after = build('Two', 'One');
        for (const key of [poleKey(regime), `${lex.file}:${regime.line}`]) {
          expect(keynessZ(after, 'one', key)).toEqual(keynessZ(before, 'two', key));
          expect(keynessZ(after, 'two', key)).toEqual(keynessZ(before, 'one', key));
          expect(keynessZ(after, 'third', key)).toEqual(keynessZ(before, 'third', key));
          expect(intervalOf(after, 'one', `rate:${key}`)).toEqual(intervalOf(before, 'two', `rate:${key}`));
          expect(intervalOf(after, 'two', `rate:${key}`)).toEqual(intervalOf(before, 'one', `rate:${key}`));
        }
        expect(intervalOf(after, 'one', `share:${poleKey(regime)}`)).toEqual(intervalOf(before, 'two', `share:${poleKey(regime)}`));
      }),
      { numRuns: 20 },
    );
  });
});

describe('a CSV corpus of its own, end to end', () => {
  const quiet: Console = { log: () => {}, warn: () => {} };
  const dir = tempDir();
  const sentences = {
    junta: 'The junta tightened its grip on the capital.',
    regime: 'Critics said the regime had jailed reporters.',
    president: 'The president spoke to the nation on Sunday.',
    neutral: 'Farmers sold maize and potatoes at the market.',
    quoted: '“The regime must go,” said a protester.',
  };
  const texts: [string, (keyof typeof sentences)[]][] = [
    ['Gazette', ['junta', 'junta', 'regime', 'neutral']],
    ['Gazette', ['junta', 'regime', 'quoted', 'neutral']],
    ['Gazette', ['junta', 'junta', 'junta', 'neutral']],
    ['Herald', ['president', 'president', 'neutral', 'neutral']],
    ['Herald', ['president', 'regime', 'neutral']],
    ['Courier', ['president', 'quoted', 'neutral', 'neutral']],
    ['Courier', ['regime', 'neutral']],
  ];
  const csv = Papa.unparse({
    fields: ['outlet', 'title', 'date', 'url', 'text'],
    // Four copies of each text (as separate articles), so that the counts carry some evidence.
    data: [1, 2, 3, 4].flatMap((copy) =>
      texts.map(([outlet, parts], i) => [outlet, `Report ${i}.${copy}`, `2024-01-0${i + 1}`, `u${i}-${copy}`, parts.map((p) => sentences[p]).join('\n')]),
    ),
  });
  writeFileSync(path.join(dir, 'export.csv'), csv);
  mkdirSync(path.join(dir, 'lex'));
  writeFileSync(path.join(dir, 'lex', 'legitimacy.csv'), 'frame,pole,term\nlegitimacy,del,regime\nlegitimacy,leg,president\n');
  const read = readReport;

  const out = path.join(dir, 'out');
  beforeAll(async () => {
    await runPipeline(
      testOptions({ corpus: path.join(dir, 'export.csv'), lexicons: path.join(dir, 'lex'), out, work: path.join(dir, 'work'), stats: { ...DEFAULT_STATS, resamples: 300 } }),
      quiet,
    );
  });

  it('gives z’s equal to an independent computation from the raw counts of hits.csv and articles.csv', () => {
    const hits = read(path.join(out, 'hits.csv'));
    const articles = read(path.join(out, 'articles.csv'));
    const keyness = read(path.join(out, 'keyness.csv'));
    const words = (outlet?: string) => articles.filter((a) => !outlet || a.outlet === outlet).reduce((n, a) => n + Number(a.words), 0);
    const count = (term: string, outlet?: string, voice?: string) =>
      hits.filter((h) => h.term === term && (!outlet || h.outlet === outlet) && (!voice || h.voice === voice)).length;
    // Written out again here, apart from the code under test.
    const z = (y: number, n: number, yAll: number, N: number) => {
      const a = yAll; // a0 = N, so α = N·y_w/N = y_w
      const d = Math.log((y + a) / (n + N - y - a)) - Math.log((yAll - y + a) / (N - n + N - (yAll - y) - a));
      return d / Math.sqrt(1 / (y + a) + 1 / (yAll - y + a));
    };
    let checked = 0;
    for (const row of keyness.filter((r) => r.level === 'term')) {
      const all = count(row.term!);
      if (all === 0) {
        expect(row.z).toBe('');
        continue;
      }
      expect(Number(row.z), `${row.outlet} ${row.term}`).toBeCloseTo(z(count(row.term!, row.outlet), words(row.outlet), all, words()), 3);
      const allAuthorial = count(row.term!, undefined, 'authorial');
      expect(Number(row.z_authorial)).toBeCloseTo(z(count(row.term!, row.outlet, 'authorial'), words(row.outlet), allAuthorial, words()), 3);
      checked += 1;
    }
    expect(checked).toBe(6);
  });

  it('marks outlets below the minimum as small samples and leaves them unranked', async () => {
    const small = path.join(dir, 'small');
    await runPipeline(
      testOptions({ corpus: path.join(dir, 'export.csv'), lexicons: path.join(dir, 'lex'), out: small, work: path.join(dir, 'work'), stats: { ...DEFAULT_STATS, resamples: 50, minArticles: 10, minWords: 0 } }),
      quiet,
    );
    const rows = read(path.join(small, 'keyness.csv')).filter((r) => r.term === 'regime');
    expect(rows.map((r) => [r.outlet, r.small_sample, r.rank])).toEqual([
      ['Courier', 'true', ''],
      ['Gazette', 'false', '1'],
      ['Herald', 'true', ''],
    ]);
  });

  it('ranks the outlets of each term by z, highest first (a mutant ranking them by name survived: no test ranked two)', async () => {
    const ranked = path.join(dir, 'ranked');
    await runPipeline(
      testOptions({ corpus: path.join(dir, 'export.csv'), lexicons: path.join(dir, 'lex'), out: ranked, work: path.join(dir, 'work'), stats: { ...DEFAULT_STATS, resamples: 50, minArticles: 0, minWords: 0 } }),
      quiet,
    );
    const orders = ['regime', 'president'].map((term) => {
      const rows = read(path.join(ranked, 'keyness.csv')).filter((r) => r.term === term && r.rank !== '');
      const byRank = [...rows].sort((a, b) => Number(a.rank) - Number(b.rank));
      expect(byRank.map((r) => r.rank)).toEqual(['1', '2', '3']);
      const zs = byRank.map((r) => Number(r.z));
      expect(zs).toEqual([...zs].sort((a, b) => b - a));
      return byRank.map((r) => r.outlet);
    });
    // By name, the outlets are Courier, Gazette, Herald: the z's order them otherwise.
    expect(orders.some((order) => order.join() !== 'Courier,Gazette,Herald')).toBe(true);
  });

  it('marks an outlet of exactly --min-words words no small sample, and one of a word fewer a small one (the README\'s "fewer than")', async () => {
    const run = async (minWords: number) => {
      const out = path.join(dir, `min-words-${minWords}`);
      await runPipeline(testOptions({ corpus: path.join(dir, 'export.csv'), lexicons: path.join(dir, 'lex'), out, work: path.join(dir, 'work'), stats: { ...DEFAULT_STATS, resamples: 50, minArticles: 0, minWords } }), quiet);
      return read(path.join(out, 'corpus.csv')).find((r) => r.outlet === 'Gazette')!;
    };
    const words = Number((await run(0)).words);
    expect([(await run(words)).small_sample, (await run(words + 1)).small_sample]).toEqual(['false', 'true']);
  });

  it('suggests a word seen 3 times in an outlet, not one seen twice (the README’s "at least 3 times")', async () => {
    // A weak prior, and another outlet of many words that uses each once: both words are over-represented in the
    // Gazette well past z = 1.96, and only the count tells them apart.
    const filler = 'Farmers sold maize and potatoes at the market while traders weighed sacks of rice and beans.';
    const rows = [
      ['Gazette', 'A', '2024-02-01', 'g1', 'The caudillo and the mandarin met.'],
      ['Gazette', 'B', '2024-02-02', 'g2', 'The caudillo and the mandarin parted.'],
      ['Gazette', 'C', '2024-02-03', 'g3', 'The caudillo spoke alone.'],
      ...Array.from({ length: 10 }, (_, i) => ['Herald', `H${i}`, '2024-02-04', `h${i}`, `${filler.repeat(3)}${i === 0 ? ' A caudillo and a mandarin.' : ''}`]),
    ];
    const corpus = path.join(dir, 'boundary.csv');
    writeFileSync(corpus, Papa.unparse({ fields: ['outlet', 'title', 'date', 'url', 'text'], data: rows }));
    const boundary = path.join(dir, 'boundary');
    await runPipeline(testOptions({ corpus, lexicons: path.join(dir, 'lex'), out: boundary, work: path.join(dir, 'work-boundary'), stats: { ...DEFAULT_STATS, resamples: 0, prior: 1 } }), quiet);
    const gazette = read(path.join(boundary, 'suggestions.csv')).filter((r) => r.outlet === 'Gazette');
    expect(gazette.map((r) => [r.phrase, r.hits])).toEqual([['caudillo', '3']]);
  });

  it('suggests the uncovered word an outlet over-uses, with an example sentence', () => {
    const rows = read(path.join(out, 'suggestions.csv'));
    const junta = rows.find((r) => r.outlet === 'Gazette' && r.phrase === 'junta')!;
    expect(junta).toMatchObject({ hits: '24', words: '1', example: sentences.junta });
    expect(Number(junta.z)).toBeGreaterThan(1.96);
    expect(rows.some((r) => r.phrase === 'regime' || r.phrase === 'president')).toBe(false);
  });
});

// Articles that nearly repeat an earlier one (an updated version under another
// address, wire copy in two outlets) counted twice without a word: now each is
// named, in a message and in articles.csv.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { NearDuplicates, textSamples } from '../pipeline/01-ingest/near-duplicates.ts';
import type { Article } from '../pipeline/types.ts';
import { collect, exportCsv, ROOT, tempDir } from './helpers.ts';

/** What text `later` nearly repeats of `earlier` (remembered as "a"), or null. */
function repeats(earlier: string, later: string): ReturnType<NearDuplicates['nearest']> {
  const index = new NearDuplicates();
  const first = textSamples(earlier);
  if (first) index.remember(first, 'a');
  const second = textSamples(later);
  return second && index.nearest(second);
}

/** The five-word sequences of a text, as the sampling reads its words. */
function sequences(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.slice(4).map((_, i) => words.slice(i, i + 5).join(' ')));
}

describe('near duplicates', () => {
  let bundled: Article[];
  beforeAll(async () => {
    ({ articles: bundled } = await collect(path.join(ROOT, 'corpus')));
  });

  it('finds none in the bundled corpus: the ten reposts on the Aletho News tag page are of publishers outside it', () => {
    expect(bundled.length).toBe(14);
    expect(bundled.filter((a) => a.near_duplicate_of !== '').map((a) => a.article_id)).toEqual([]);
  });

  it('names an updated version under another address and wire copy in another outlet, counting each, and leaves a different article alone (both counted twice without a word)', async () => {
    const [story, other] = bundled.filter((a) => a.outlet === 'Aletho News');
    const paragraphs = story!.text.split('\n');
    const updated = [...paragraphs.slice(0, -1), 'UPDATE: the vote was postponed to Monday.', ...other!.text.split('\n').slice(0, 2)].join('\n');
    const rows = [
      ['Sur', story!.title, '2024-01-01', 'https://sur.example/1', story!.text],
      ['Sur', `${story!.title} (updated)`, '2024-01-02', 'https://sur.example/1-updated', updated],
      ['Norte', 'Wire: the same story', '2024-01-02', 'https://norte.example/9', story!.text],
      ['Norte', other!.title, '2024-01-03', 'https://norte.example/10', other!.text],
    ];
    const csv = path.join(tempDir(), 'wire.csv');
    writeFileSync(csv, exportCsv(rows));
    const { articles, problems } = await collect(csv);
    const first = articles[0]!.article_id;
    expect(articles.map((a) => [a.outlet, a.near_duplicate_of])).toEqual([['Sur', ''], ['Sur', first], ['Norte', first], ['Norte', '']]);
    expect(articles[2]!.shared_text).toBe(1);
    expect(articles[1]!.shared_text).toBeGreaterThanOrEqual(0.8);
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C062', `${csv}:record 2`], ['C062', `${csv}:record 3`]]);
    expect(problems[1]!.message).toMatch(new RegExp(`^nearly the same text as ${csv.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:record 1 \\(article ${first}: about 100% `));
  });

  it('with --skip-near-duplicates, skips the updated version of an outlet\'s article, keeping the first, and still counts and names the wire copy another outlet runs (the update counted twice in every outlet figure)', async () => {
    const [story, other] = bundled.filter((a) => a.outlet === 'Aletho News');
    const updated = `${story!.text}\nUPDATE: the vote was postponed to Monday.`;
    const rows = [
      ['Norte', 'Wire: the same story', '2024-01-01', 'https://norte.example/9', story!.text],
      ['Sur', story!.title, '2024-01-02', 'https://sur.example/1', story!.text],
      ['Sur', `${story!.title} (updated)`, '2024-01-03', 'https://sur.example/1-updated', updated],
      ['Sur', other!.title, '2024-01-03', 'https://sur.example/2', other!.text],
    ];
    const csv = path.join(tempDir(), 'updates.csv');
    writeFileSync(csv, exportCsv(rows));
    const { articles, problems } = await collect(csv, { skipNearDuplicates: true });
    const wire = articles[0]!.article_id;
    expect(articles.map((a) => [a.outlet, a.title, a.near_duplicate_of])).toEqual([
      ['Norte', 'Wire: the same story', ''],
      ['Sur', story!.title, wire],
      ['Sur', other!.title, ''],
    ]);
    expect(problems.map((p) => [p.code, p.place])).toEqual([['C062', `${csv}:record 2`], ['C063', `${csv}:record 3`]]);
    expect(problems[1]!.message).toContain(`(article ${articles[1]!.article_id}: about 100% `);
    const counted = await collect(csv);
    expect(counted.articles.map((a) => a.near_duplicate_of)).toEqual(['', wire, wire, '']);
  });

  it('compares an article only with those of its own scope when given one', () => {
    const text = bundled[0]!.text;
    const index = new NearDuplicates();
    index.remember(textSamples(text)!, 'norte-1', 'norte');
    expect(index.nearest(textSamples(text)!, 'sur')).toBeNull();
    expect(index.nearest(textSamples(text)!, 'norte')).toEqual({ id: 'norte-1', share: 1 });
  });

  it.each([
    ['a text under 25 words', 'The regime fell today and the army took the streets of the capital before dawn, said witnesses.'],
    ['the same words in another order', 'dawn before capital the of streets the took army the and today fell regime the, witnesses said, and more words follow here to pass twenty five of them at least'],
  ])('does not take %s for a repeat of the text it shares its words with', (_, text) => {
    expect(repeats('The regime fell today and the army took the streets of the capital before dawn, said witnesses, and more words follow here to pass twenty five of them at least', text)).toBeNull();
  });

  const word = fc.stringMatching(/^[a-z]{3,9}$/);

  it('finds a text again where nine tenths of the two texts\' five-word sequences are shared, and never where less than four tenths of the shorter\'s are (property)', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 40, maxLength: 400 }), fc.array(fc.tuple(fc.nat(), word), { maxLength: 40 }), fc.array(word, { maxLength: 200 }), (words, edits, added) => {
        const edited = [...words];
        for (const [at, replacement] of edits) edited[at % edited.length] = replacement;
        const a = words.join(' ');
        const b = [...edited, ...added].join(' ');
        const [sa, sb] = [sequences(a), sequences(b)];
        const shared = [...sa].filter((s) => sb.has(s)).length;
        const overlap = shared / (sa.size + sb.size - shared);
        const share = shared / Math.min(sa.size, sb.size);
        const found = repeats(a, b);
        if (overlap >= 0.9) expect(found?.id).toBe('a');
        if (share < 0.4) expect(found).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

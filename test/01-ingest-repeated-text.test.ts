// Text an outlet's site puts in every article was read as text without a
// word: lines ("Advertisement", "Story Continued Below") and phrases run into
// the paragraphs ("Media playback is unsupported on your device Media
// caption"). They added words and came back as phrases suggested for the
// lexicons ("continue reading", "main story"). Now each outlet's are named,
// with the rules that take them out.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../pipeline/01-ingest/clean-page.ts';
import { EXAMINED, furnitureRule, removeRule, RepeatedText, type RepeatedLine, type RepeatedPhrase } from '../pipeline/01-ingest/repeated-text.ts';
import { problem } from '../pipeline/messages.ts';
import { parseRules } from '../pipeline/01-ingest/rules.ts';
import { normaliseLine } from '../pipeline/text.ts';
import { runIngest } from '../pipeline/cli/stages.ts';
import { collect, exportCsv, quiet, ROOT, tempDir, testOptions } from './helpers.ts';

/** Each outlet's repeated lines as [outlet, line, articles], after adding `texts` (outlet, text) in order. */
function repeatsOf(texts: [string, string][]): [string, string, number][] {
  const lines = new RepeatedText();
  texts.forEach(([outlet, text], i) => lines.add(outlet.toLowerCase(), outlet, text, `export.csv:record ${i + 1}`));
  return lines.lines().flatMap(({ outlet, lines: found }) => found.map(({ line, articles }): [string, string, number] => [outlet, line, articles]));
}

/** `n` articles of `outlet`, the ith text made by `text(i)`. */
const articles = (outlet: string, n: number, text: (i: number) => string): [string, string][] => Array.from({ length: n }, (_, i) => [outlet, text(i)]);

describe('lines repeated across an outlet\'s articles', () => {
  it.each<[string, [string, string][], [string, string, number][]]>([
    ['a line in every article', articles('Sur', 4, (i) => `The regime fell, ${i}.\nAdvertisement\nCrowds cheered.`), [['Sur', 'Advertisement', 4], ['Sur', 'Crowds cheered.', 4]]],
    ['in two articles only: too few to tell from a refrain', articles('Sur', 2, (i) => `Text ${i}.\nAdvertisement`), []],
    ['in 3 of 40 articles: under a tenth', articles('Sur', 40, (i) => `Text ${i}.\nMore ${i}.${i < 3 ? '\nPhoto' : ''}`), []],
    ['in 4 of 40 articles: a tenth', articles('Sur', 40, (i) => `Text ${i}.\nMore ${i}.${i < 4 ? '\nPhoto' : ''}`), [['Sur', 'Photo', 4]]],
    ['written in other case, one line, named as first seen', articles('Sur', 3, (i) => `Text ${i}.\n${['ADVERTISEMENT', 'Advertisement', 'advertisement'][i]}`), [['Sur', 'ADVERTISEMENT', 3]]],
    ['twice in one article, counted once', [...articles('Sur', 2, (i) => `Text ${i}.\nPhoto\nPhoto`), ['Sur', 'Text 3.\nMore.']], []],
    ['each outlet apart: one line in two outlets\' articles', [...articles('Sur', 2, (i) => `S ${i}.\nRead more:`), ...articles('Norte', 2, (i) => `N ${i}.\nRead more:`)], []],
    ['a paragraph of over 100 characters is text', articles('Sur', 3, (i) => `Text ${i}.\n${'The regime of Dina Boluarte denied it. '.repeat(3)}`), []],
    ['a line without letters (a divider) changes no count', articles('Sur', 3, (i) => `Text ${i}.\n***`), []],
    ['an article of one paragraph is that paragraph, not furniture', articles('Sur', 3, () => 'The regime fell.'), []],
    ['outlets in name order, lines most articles first', [...articles('Sur', 3, (i) => `S ${i}.${i > 0 ? '\nPhoto' : ''}\nADVERTISEMENT`), ...articles('Este', 3, (i) => `E ${i}.\nStory Continued Below`)], [['Este', 'Story Continued Below', 3], ['Sur', 'ADVERTISEMENT', 3]]],
  ])('%s', (_, texts, expected) => {
    expect(repeatsOf(texts)).toEqual(expected);
  });

  it(`counts each outlet's first ${EXAMINED} articles only, and drops what can no longer reach a tenth of them`, () => {
    const texts = articles('Sur', EXAMINED + 50, (i) => `Text ${i}.${i < 10 ? '\nPhoto' : ''}${i < 9 || i >= EXAMINED ? '\nVideo' : ''}\nAdvertisement`);
    const lines = new RepeatedText();
    texts.forEach(([outlet, text], i) => lines.add('sur', outlet, text, `record ${i + 1}`));
    expect(lines.lines()).toEqual([{ outlet: 'Sur', examined: EXAMINED, lines: [{ line: 'Advertisement', articles: EXAMINED, origin: 'record 1' }, { line: 'Photo', articles: 10, origin: 'record 1' }] }]);
  });

  it('gives a rule that drops exactly the line it names, whatever it holds (regular expressions\' and YAML\'s own characters too)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (written) => {
        const line = normaliseLine(written);
        fc.pre(/\p{L}/u.test(line) && !line.includes('\n'));
        const rules = parseRules(`furniture: [${furnitureRule(line)}]\n`, 'rules.yaml');
        expect(cleanText(`Before.\n${line}\nAfter.`, rules)).toBe('Before.\nAfter.');
        expect(cleanText(`${line} and more`, rules)).toBe(`${line} and more`);
      }),
      { numRuns: 300 },
    );
  });

  it('names them (C066) where the export is read, with the rules that drop them; those rules given, none is named and the lines are gone', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'export.csv');
    const row = (n: number) => ['The Hill', `T${n}`, `2023-01-1${n}`, `https://hill.example/${n}`, `The regime fell, ${n}.\nADVERTISEMENT\nCrowds cheered in Lima, ${n}.`];
    writeFileSync(csv, exportCsv([row(1), row(2), row(3), ['Sur', 'T4', '2023-01-14', 'https://sur.example/4', 'Advertisement\nThe junta ruled.']]));
    const { articles: read, problems } = await collect(csv);
    expect(read).toHaveLength(4);
    expect(problems.map((p) => [p.code, p.severity, p.place])).toEqual([['C066', 'warning', `${csv}:record 1`]]);
    expect(problems[0]!.message).toBe(
      `1 line(s) stand alone in many of the 3 articles of The Hill: "ADVERTISEMENT" in 3; most likely the site's furniture (ads, credits, sign-up links), read as text, adding words and phrases suggested for the lexicons; if so, add them to the outlet's cleaning rules (its manifest row's rules file, or --rules): furniture: ['^ADVERTISEMENT$']`,
    );
    const rules = path.join(dir, 'rules.yaml');
    writeFileSync(rules, `${/furniture: \[.*\]$/.exec(problems[0]!.message)![0]}\n`);
    const cleaned = await collect(csv, { rules });
    expect(cleaned.problems).toEqual([]);
    expect(cleaned.articles.map((a) => a.text)).toEqual(read.map((a) => a.text.replace(/^Advertisement\n|\nADVERTISEMENT/i, '')));
  });

  it('leaves a near duplicate out of the count: its lines and phrases are the earlier article\'s, not the site\'s', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'export.csv');
    const story = [
      'Security forces killed seventeen protesters in Juliaca on Monday, the deadliest day since Dina Boluarte took office.',
      'The de facto government blamed the protesters for the violence and declared a curfew across the southern region.',
      'Relatives of the dead gathered outside the morgue on Tuesday, demanding that the bodies be returned to their families.',
      'Human rights groups called for an independent inquiry into the use of live ammunition against unarmed crowds.',
    ].join(' ');
    const rows = [1, 2, 3].map((n) => ['Sur', `T${n}`, `2023-01-1${n}`, `https://sur.example/${n}`, `${story} Update ${n}.\nReporting by Ana Ruiz`]);
    writeFileSync(csv, exportCsv([...rows, ['Sur', 'T4', '2023-01-14', 'https://sur.example/4', 'The junta ruled.\nReporting by Ana Ruiz']]));
    const { articles: read, problems } = await collect(csv);
    expect(read.map((a) => a.near_duplicate_of !== '')).toEqual([false, true, true, false]);
    expect(problems.map((p) => p.code)).toEqual(['C062', 'C062']);
  });

  it('finds none in the bundled corpus, whose rules drop its pages\' furniture', async () => {
    const { problems } = await collect(path.join(ROOT, 'corpus'));
    expect(problems.filter((p) => p.code === 'C066' || p.code === 'C069')).toEqual([]);
  });
});

describe('the messages of repeated lines and phrases', () => {
  it('show eight of an outlet\'s, with their rules, and point to suggested-furniture.yaml for the rest (C066 said they would be named once those were dropped)', () => {
    const lines = Array.from({ length: 10 }, (_, n): RepeatedLine => ({ line: `Line ${n}`, articles: 5, origin: 'x' }));
    const phrases = Array.from({ length: 10 }, (_, n): RepeatedPhrase => ({ phrase: `A phrase of six words ${n}`, articles: 5, origin: 'x' }));
    for (const { message } of [problem('C066', 'warning', 'x', 'Sur', lines, 20), problem('C069', 'warning', 'x', 'Sur', phrases, 20)]) {
      expect(message).toContain('(and 2 more, in suggested-furniture.yaml)');
      expect(message.match(/ in 5/g)).toHaveLength(8);
    }
  });
});

/** Each outlet's repeated phrases as [outlet, phrase, articles], after adding `texts` (outlet, text) in order. */
function phrasesOf(texts: [string, string][]): [string, string, number][] {
  const repeated = new RepeatedText();
  texts.forEach(([outlet, text], i) => repeated.add(outlet.toLowerCase(), outlet, text, `export.csv:record ${i + 1}`));
  return repeated.phrases().flatMap(({ outlet, phrases }) => phrases.map(({ phrase, articles }): [string, string, number] => [outlet, phrase, articles]));
}

/** A sentence of article `i`'s own: no five words of it in a row are in another's, nor its first or last word. */
const own = (i: number) => `Lima${i} saw marchers on day ${i}, police said calm${i}.`;
const MARK = 'Media playback is unsupported on your device Media caption';

describe('phrases repeated inside an outlet\'s articles', () => {
  it.each<[string, [string, string][], [string, string, number][]]>([
    ['a caption mark run into every paragraph that follows it', articles('BBC', 4, (i) => `${own(i)}\n${MARK} Police${i} fired tear gas.`), [['BBC', MARK, 4]]],
    ['each caption\'s first word after the mark, shared by some, left to the mark', articles('BBC', 6, (i) => `${own(i)} ${MARK} ${i < 3 ? 'Why' : `Word${i}`} ${own(i + 10)}`), [['BBC', MARK, 6]]],
    ['in an article of one paragraph, as an export that ran its paragraphs together holds it', articles('BBC', 3, (i) => `${own(i)} ${MARK} ${own(i + 10)}`), [['BBC', MARK, 3]]],
    ['twice in one article, counted once', [...articles('BBC', 2, (i) => `${own(i)} ${MARK} x ${MARK}`), ['BBC', own(3)]], []],
    ['of five words: a name or a turn of phrase ("Senate Majority Leader Mitch McConnell")', articles('Reuters', 5, (i) => `${own(i)} Senate Majority Leader Mitch McConnell ${own(i + 10)}`), []],
    ['in two articles only: too few to tell from a refrain', articles('BBC', 2, (i) => `${own(i)} ${MARK} ${own(i + 10)}`), []],
    ['in 3 of 40 articles: under a tenth', articles('BBC', 40, (i) => `${own(i)}${i < 3 ? ` ${MARK}` : ''} ${own(i + 100)}`), []],
    ['each outlet apart: one phrase in two outlets\' articles', [...articles('BBC', 2, (i) => `${own(i)} ${MARK}`), ...articles('CNN', 2, (i) => `${own(i + 10)} ${MARK}`)], []],
    ['written in other case, named as first seen', articles('BBC', 3, (i) => `${own(i)} ${i === 0 ? MARK.toUpperCase() : MARK} ${own(i + 10)}`), [['BBC', MARK.toUpperCase(), 3]]],
    ['a line standing alone in some articles, inside a paragraph in others: left to the line\'s rule (C066)', articles('Fox', 4, (i) => `${own(i)}\n${i < 3 ? '' : 'and '}The Associated Press contributed to this report.`), []],
  ])('%s', (_, texts, expected) => {
    expect(phrasesOf(texts)).toEqual(expected);
  });

  it(`looks at each outlet's first ${EXAMINED} articles only`, () => {
    const texts = articles('BBC', EXAMINED + 50, (i) => `${own(i)}${i >= EXAMINED ? ` ${MARK}` : ''}`);
    expect(phrasesOf(texts)).toEqual([]);
    expect(phrasesOf(articles('BBC', EXAMINED + 50, (i) => `${own(i)}${i < 10 ? ` ${MARK}` : ''}`))).toEqual([['BBC', MARK, 10]]);
  });

  it('names only phrases of six words or more that stand, within a line, in as many articles as it says, and in at least 3 and a tenth of them (property)', () => {
    let named = 0;
    const word = fc.constantFrom('the', 'regime', 'Media', 'caption', 'fell', 'Lima', 'PERU', 'said', 'police', 'ÉL');
    // Furniture, cut short or written in other case at times, between words of the articles' own.
    const furniture = fc.constantFrom(MARK, MARK.toUpperCase(), MARK.split(' ').slice(2).join(' '), 'the regime fell in Lima said police', 'ÉL said the regime fell in PERU');
    const line = fc
      .tuple(fc.array(word, { maxLength: 5 }), fc.option(furniture, { freq: 2 }), fc.array(word, { maxLength: 5 }))
      .map(([before, mark, after]) => [...before, ...(mark === null ? [] : [mark]), ...after].join(' ') || 'Lima');
    const text = fc.array(line, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 40 }), (texts) => {
        const found = phrasesOf(texts.map((t) => ['Sur', t]));
        named += found.length;
        for (const [, phrase, articles] of found) {
          const holding = texts.filter((t) => t.toLowerCase().split('\n').some((l) => ` ${l} `.includes(` ${phrase.toLowerCase()} `)));
          expect(phrase.split(' ').length).toBeGreaterThanOrEqual(6);
          expect(holding.length).toBeGreaterThanOrEqual(articles);
          expect(articles).toBeGreaterThanOrEqual(Math.max(3, Math.ceil(texts.length / 10)));
        }
      }),
      { numRuns: 200 },
    );
    expect(named).toBeGreaterThan(100);
  });

  it('looks at an outlet\'s first articles up to 2,000,000 characters of text together (4 MB), where they are long, so that finding phrases holds little memory', () => {
    const repeated = new RepeatedText();
    // Articles of some 200,000 characters, each as long as the others: nine fill the 2,000,000 looked at.
    const long = (i: number) => `${own(i)} ${MARK} ${Array.from({ length: 25_000 }, (_, k) => `w${i}x${k}`).join(' ')}`;
    for (let i = 0; i < 9; i += 1) expect(long(i).length).toBe(long(0).length);
    expect(Math.floor(2_000_000 / long(0).length)).toBe(9);
    for (let i = 0; i < 9 + 5; i += 1) repeated.add('bbc', 'BBC', long(i), `record ${i + 1}`);
    expect(repeated.phrases()).toEqual([{ outlet: 'BBC', examined: 9, phrases: [{ phrase: MARK, articles: 9, origin: 'record 1' }] }]);
  });

  it('gives a rule that takes out exactly the phrase it names, whatever it holds (regular expressions\' and YAML\'s own characters too)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), { minLength: 6, maxLength: 10 }), (words) => {
        const phrase = normaliseLine(words.join(' '));
        fc.pre(/\p{L}/u.test(phrase));
        const rules = parseRules(`remove: [${removeRule(phrase)}]\n`, 'rules.yaml');
        expect(cleanText(`Before ${phrase} after.`, rules)).toBe('Before after.');
      }),
      { numRuns: 300 },
    );
  });

  it('names them (C069) where the export is read, and writes their rules beside those of the lines; those rules given, none is named and the phrases are gone', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'export.csv');
    const texts = [1, 2, 3, 4].map((n) => `${own(n)} ${MARK} Police${n} fired tear gas.\nADVERTISEMENT\n${own(n + 10)}`);
    writeFileSync(csv, exportCsv(texts.map((text, i) => ['BBC', `T${i}`, `2023-01-1${i}`, `https://bbc.example/${i}`, text])));
    const opts = testOptions({ corpus: csv });
    const log = quiet();
    await runIngest(opts, log);
    expect(log.lines.filter((line) => / C06[69]: /.test(line))).toEqual([
      `${csv}:record 1: warning C066: 1 line(s) stand alone in many of the 4 articles of BBC: "ADVERTISEMENT" in 4; most likely the site's furniture (ads, credits, sign-up links), read as text, adding words and phrases suggested for the lexicons; if so, add them to the outlet's cleaning rules (its manifest row's rules file, or --rules): furniture: ['^ADVERTISEMENT$']`,
      `${csv}:record 1: warning C069: 1 phrase(s) stand inside the text of many of the 4 articles of BBC: "${MARK}" in 4; most likely the site's furniture run into the paragraphs (captions, sign-up forms, credits, links to other stories), read as text, adding words and phrases suggested for the lexicons; unless it is the outlet's own (a background paragraph it repeats), take it out with the outlet's cleaning rules (its manifest row's rules file, or --rules): remove: ['${MARK}']`,
    ]);
    const suggested = path.join(opts.work, 'suggested-furniture.yaml');
    expect(log.lines.at(-1)).toBe(`ingest: read 4 article(s) from 1 outlet(s); 2 warning(s) above; rules for the furniture found in many of an outlet's articles, 1 line(s) standing alone (C066) and 1 phrase(s) inside the text (C069), in ${suggested}; wrote ${path.join(opts.work, 'articles.jsonl')}`);
    expect(readFileSync(suggested, 'utf8')).toContain(`furniture:\n  # BBC: in 4 of its 4 articles\n  - '^ADVERTISEMENT$'\nremove:\n  # BBC: in 4 of its 4 articles\n  - '${MARK}'\n`);
    const cleaned = await collect(csv, { rules: suggested });
    expect(cleaned.problems).toEqual([]);
    expect(cleaned.articles.map((a) => a.text)).toEqual([1, 2, 3, 4].map((n) => `${own(n)} Police${n} fired tear gas.\n${own(n + 10)}`));
  });
});

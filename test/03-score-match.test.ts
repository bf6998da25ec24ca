// The matching rules of the README, one table row each.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest } from '../pipeline/01-ingest/index.ts';
import { gramsOf } from '../pipeline/03-score/ngrams.ts';
import { unitsOf, vocabularyIds, wordHash, wordHashOf, wordOf } from '../pipeline/03-score/units.ts';
import { VocabularyWords } from '../pipeline/cli/scoring.ts';
import { article, hitsIn, lexicon, ROOT, terms, tokeniser } from './helpers.ts';

const matches = (text: string, ...list: string[]) => hitsIn(text, terms(...list)).map((h) => [h.entry.term, h.match]);

describe('matching rules', () => {
  it.each([
    ['case-insensitive', 'The DICTATOR spoke.', ['dictator'], [['dictator', 'DICTATOR']]],
    ['accent-insensitive', 'President Nicolás Maduro spoke.', ['Nicolas Maduro'], [['Nicolas Maduro', 'Nicolás Maduro']]],
    ['accent in the term, none in the text', 'It was a coup d\'etat.', ['coup d’état'], [['coup d’état', "coup d'etat"]]],
    ['quote-style-insensitive', 'They called it a coup d’état.', ["coup d'etat"], [["coup d'etat", 'coup d’état']]],
    ['multi-word terms match consecutive words', 'the de facto government', ['de facto government'], [['de facto government', 'de facto government']]],
    ['multi-word terms need every word', 'the de facto rulers', ['de facto government'], []],
    ['a hyphen in the text matches a space in the term', 'the self-styled president', ['self styled president'], [['self styled president', 'self-styled president']]],
    ['a space in the text matches a hyphen in the term', 'the self styled president', ['self-styled president'], [['self-styled president', 'self styled president']]],
    // Each was a unit of its own, as a dash: "self–proclaimed" missed `self-proclaimed`.
    ['a dash between two words with no space is a hyphen', 'the self–proclaimed president of a US‒backed junta', ['self-proclaimed president', 'US-backed'], [['self-proclaimed president', 'self–proclaimed president'], ['US-backed', 'US‒backed']]],
    // wink-nlp keeps a prefix and its word whole across a dash as across a hyphen, and the dash was not split: "ex–president" missed `president`.
    ['a dash inside a word wink-nlp keeps whole is a hyphen', 'the ex–president and a pro–Maduro crowd', ['president', 'pro-Maduro'], [['president', 'ex–president'], ['pro-Maduro', 'pro–Maduro']]],
    // wink-nlp keeps them whole and gave them no lemma: `president` missed "ex-presidents", `hard-liner` "hard-liners".
    ['a plural after a prefix wink-nlp keeps whole matches by its singular', 'Two ex-presidents, the hard-liners and the counter-protesters met.', ['president', 'hard-liner', 'protester'], [['president', 'ex-presidents'], ['hard-liner', 'hard-liners'], ['protester', 'counter-protesters']]],
    ['a dash with a space beside it stays a dash', 'the self– proclaimed president, the self –proclaimed one', ['self-proclaimed'], []],
    ['a word wink-nlp keeps whole is split at its hyphen', 'a neo-liberal policy', ['neo liberal'], [['neo liberal', 'neo-liberal']]],
    ['inflections match through the lemma', 'There were massacres.', ['massacre'], [['massacre', 'massacres']]],
    ['plural of dictator', 'The dictators met.', ['dictator'], [['dictator', 'dictators']]],
    ['a lemma is not a prefix', 'It was a dictatorship.', ['dictator'], []],
    ['a term written as a pattern matches no word (L028 says so)', 'The dictators and the tyrant met.', ['dictator(s)', 'dictator, tyrant'], []],
    ['Title Case headlines', 'Massacres and Crackdowns Continue', ['massacre', 'crackdown'], [['massacre', 'Massacres'], ['crackdown', 'Crackdowns']]],
    ['headlines in capitals (they matched nothing inflected)', 'TROOPS MASSACRED THEM AS DICTATORS CRACK DOWN', ['massacre', 'dictator'], [['massacre', 'MASSACRED'], ['dictator', 'DICTATORS']]],
    ['Spanish plurals match the singular term', 'Los dictadores y los golpistas del régimen atacaron.', ['dictador', 'golpista', 'régimen'], [['dictador', 'dictadores'], ['golpista', 'golpistas'], ['régimen', 'régimen']]],
    // A Spanish quotation in an English paragraph was read through the English model: "dictadores" missed `dictador`.
    [
      'Spanish plurals in a Spanish sentence of an English paragraph',
      'The army was sent to the region and the strike went on in the south of the country for a sixth day. "Los dictadores no escuchan a los pueblos", dijo el dirigente.',
      ['dictador', 'pueblo'],
      [['dictador', 'dictadores'], ['pueblo', 'pueblos']],
    ],
    ['a word in capitals in a sentence that is not stays as wink-nlp reads it', 'Funding for AIDS research was cut.', ['aid'], []],
    ['a trailing * matches any continuation', 'It was a dictatorship.', ['dictator*'], [['dictator*', 'dictatorship']]],
    ['a trailing * matches the word itself', 'The dictator left.', ['dictator*'], [['dictator*', 'dictator']]],
    ['a * word inside a phrase', 'the Bolivarian revolution', ['bolivar* revolution'], [['bolivar* revolution', 'Bolivarian revolution']]],
    ['the longest match wins', "Peru's coup regime fell.", ['regime', 'coup regime'], [['coup regime', 'coup regime']]],
    ['a word is counted once', 'the coup regime', ['coup regime', 'regime', 'coup'], [['coup regime', 'coup regime']]],
    ['scare quotes do not stop a match', 'self-styled ‘President’ Dina Boluarte', ['self-styled president'], [['self-styled president', 'self-styled ‘President']]],
    ['a term inside scare quotes', 'the US-Backed ‘Coup Regime’ fell', ['coup regime'], [['coup regime', 'Coup Regime']]],
    ['no match across a comma', 'a coup, regime change', ['coup regime'], []],
    ['no match across a sentence end', 'It was a coup. Regime change followed.', ['coup regime'], []],
    ['no match across a paragraph', 'It was a coup\nRegime change followed', ['coup regime'], []],
    ['possessives match', "Peru’s coup regime", ["Peru's coup regime"], [["Peru's coup regime", 'Peru’s coup regime']]],
  ])('%s', (_label, text, list, expected) => {
    expect(matches(text, ...list)).toEqual(expected);
  });

  it('a written-out word beats a wildcard covering the same words', () => {
    const lex = lexicon('frame,pole,term\nf,a,dictator*\nf,b,dictatorship\n');
    expect(hitsIn('A dictatorship.', lex).map((h) => h.entry.term)).toEqual(['dictatorship']);
  });

  it('an entry whose pole is "-" takes its words and counts nothing, so that a broad term does not count them ("Vice President Mike Pence" was a legitimising "president"), in its own file only', () => {
    const legitimacy = lexicon('frame,pole,term,weight\nlegitimacy,legitimising,president,1\nlegitimacy,-,vice president,\nlegitimacy,-,president of,\n', 'legitimacy.csv');
    const text = 'Vice President Mike Pence met the vice-president of Congress and President Nicolás Maduro.';
    expect(hitsIn(text, legitimacy).map((h) => [h.entry.term, h.match])).toEqual([['president', 'President']]);
    const other = lexicon('frame,pole,term\noffice,named,president\n', 'office.csv');
    expect(hitsIn(text, legitimacy, other).filter((h) => h.entry.lexicon === 'office.csv').map((h) => h.match)).toEqual(['President', 'vice-president', 'President']);
  });

  it('separate lexicon files are separate analyses', () => {
    const a = lexicon('frame,pole,term\nlegitimacy,del,coup regime\n', 'a.csv');
    const b = lexicon('frame,pole,term\nviolence,state,regime\n', 'b.csv');
    const hits = hitsIn('the coup regime', a, b);
    expect(hits.map((h) => [h.entry.lexicon, h.entry.term])).toEqual([
      ['a.csv', 'coup regime'],
      ['b.csv', 'regime'],
    ]);
  });

  it('every hit records its lexicon file, line and entry', () => {
    const lex = lexicon('# a comment\nframe,pole,term,weight\n\n# another\nlegitimacy,del,dictator,-2\n', 'legit.csv');
    const [hit] = hitsIn('The dictator.', lex);
    expect(hit!.entry).toMatchObject({ lexicon: 'legit.csv', line: 5, frame: 'legitimacy', pole: 'del', term: 'dictator', weight: -2 });
  });

  it('left + match + right read as the article does', () => {
    const [hit] = hitsIn('Thousands marched against the coup regime in Lima on Tuesday, said the union.', terms('coup regime'));
    expect(hit!.left + hit!.match + hit!.right).toContain('against the coup regime in Lima');
    expect(hit!.sentence).toBe('Thousands marched against the coup regime in Lima on Tuesday, said the union.');
  });

  it('a sentence of over 250 tokens (no full stops) is shown as the 100 tokens either side of the hit, cut ends marked', () => {
    const words = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`).join(' ');
    const [early, late] = hitsIn(`${words(0, 20)} dictator ${words(20, 300)} regime ${words(300, 320)}`, terms('dictator', 'regime'));
    expect(early!.sentence).toBe(`${words(0, 20)} dictator ${words(20, 120)} …`);
    expect(late!.sentence).toBe(`… ${words(200, 300)} regime ${words(300, 320)}`);
    const [whole] = hitsIn(`${words(0, 249)} dictator`, terms('dictator'));
    expect(whole!.sentence).toBe(`${words(0, 249)} dictator`);
  });

  it('a phrase suggested from a sentence of over 250 tokens is shown as the 100 tokens either side of it, as a hit is (a mutant ending a word at the token before it survived)', () => {
    const words = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`).join(' ');
    const tokens = tokeniser.tokenise(article(`${words(0, 150)} military junta ${words(150, 300)}`)).tokens;
    const grams = gramsOf(article('', { outlet_slug: 'sur', article_id: 'a1' }), tokens, [], 0);
    expect(grams.get('junta')!.example).toBe(`… ${words(51, 150)} military junta ${words(150, 250)} …`);
    expect(grams.get('military junta')!.example).toBe(`… ${words(50, 150)} military junta ${words(150, 250)} …`);
  });
});

describe('matching invariants', () => {
  const words = ['regime', 'coup', 'coup regime', 'de facto', 'dictator*', 'president', 'self-styled president', 'massacre'];
  const text =
    'The de facto president of the coup regime, a self-styled president, ordered a massacre. The dictatorship denied the massacres by the regime.';

  it('the order of lexicon entries does not change any hit', () => {
    const baseline = hitsIn(text, terms(...words)).map((h) => [h.start, h.end, h.entry.term]);
    fc.assert(
      fc.property(fc.shuffledSubarray(words, { minLength: words.length, maxLength: words.length }), (order) => {
        const hits = hitsIn(text, terms(...order)).map((h) => [h.start, h.end, h.entry.term]);
        expect(hits).toEqual(baseline);
      }),
      { numRuns: 25 },
    );
  });

  it('hits within one lexicon never overlap', () => {
    fc.assert(
      fc.property(fc.subarray(words, { minLength: 1 }), (subset) => {
        const hits = hitsIn(text, terms(...subset));
        for (let i = 1; i < hits.length; i++) expect(hits[i]!.start).toBeGreaterThanOrEqual(hits[i - 1]!.end);
      }),
      { numRuns: 25 },
    );
  });
});

describe("an article's vocabulary (what the run memory checks a lexicon edit against)", () => {
  // Taken by word ids, a token's lemma is looked up only where no unit of it has that lemma:
  // the vocabulary must still be every unit's text and lemma and every token's lemma.
  it('is its units\' texts and lemmas and its tokens\' lemmas, each once, on the bundled corpus and on hyphens and quotes', async () => {
    const articles = [article('The self-styled ‘President’ said the so-called “massacres” didn’t happen; well-known U.S.-backed rulers—again.')];
    for await (const item of ingest(path.join(ROOT, 'corpus'))) if ('article' in item) articles.push(item.article);
    for (const a of articles) {
      const { tokens } = tokeniser.tokenise(a);
      const units = unitsOf(tokens);
      const ids = vocabularyIds(units, tokens);
      const expected = new Set([...units.key, ...units.lemma, ...tokens.lemmaNorm]);
      expect(new Set(ids.map(wordOf)), a.title).toEqual(expected);
      expect(ids).toHaveLength(expected.size);
      expect(ids.map(wordHashOf)).toEqual(ids.map((id) => wordHash(wordOf(id))));
    }
  });

  it('gives every word to the run memory\'s word list, also after the word list started again with numbers it had given other words', () => {
    const words = new VocabularyWords(new Set());
    const { tokens } = tokeniser.tokenise(article('The coup regime fell.'));
    words.hashes(unitsOf(tokens), tokens);
    // More distinct words than the word list holds: it starts again, numbering them from 0.
    const many = Array.from({ length: (1 << 20) + 1 }, (_, i) => `w${i}`);
    const manyTokens = { value: many, pre: many.map(() => ' '), norm: many, lemmaNorm: many, sentenceStarts: [0] };
    const units = unitsOf(manyTokens);
    expect(units.keyId[0]).toBe(0);
    words.hashes(units, manyTokens);
    expect(many.filter((w) => !words.words.has(w))).toEqual([]);
    expect(words.words.has('regime')).toBe(true);
  });

  it('refuses units made before the word list started again', () => {
    const { tokens } = tokeniser.tokenise(article('A coup.'));
    const units = unitsOf(tokens);
    expect(() => vocabularyIds({ ...units, generation: units.generation - 1 }, tokens)).toThrow(/earlier generation/);
  });
});

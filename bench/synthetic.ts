// A deterministic synthetic corpus of any size, made from the bundled texts:
// every article is a title and paragraphs of sentences drawn (with a seeded
// generator) from the bundled articles, filed under one of the five outlets.
// Written as a CSV export, streaming, so that its size is bounded by disk only.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { ingest } from '../pipeline/01-ingest/index.ts';
import { createTokeniser, sentenceBounds } from '../pipeline/02-tokenise/tokenise.ts';
import { textOf } from '../pipeline/03-score/match.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The sentences of the bundled corpus, and its outlets. */
async function bundledSentences(): Promise<{ sentences: string[]; outlets: string[] }> {
  const tokeniser = createTokeniser();
  const sentences: string[] = [];
  const outlets = new Set<string>();
  for await (const item of ingest(path.join(ROOT, 'corpus'))) {
    if (!('article' in item)) continue;
    outlets.add(item.article.outlet);
    const { tokens } = tokeniser.tokenise(item.article);
    for (let s = 1; s < tokens.sentenceStarts.length; s++) {
      const { from, to } = sentenceBounds(tokens, s);
      const sentence = textOf(tokens, from, to).trim();
      if (sentence.split(' ').length >= 4) sentences.push(sentence);
    }
  }
  return { sentences, outlets: [...outlets].sort() };
}

/** Writes `count` articles to `file` (CSV with outlet,title,date,url,text); returns the words written, roughly. */
export async function writeSyntheticCorpus(file: string, count: number, seed = 1): Promise<void> {
  const { sentences, outlets } = await bundledSentences();
  const rng = xoroshiro128plus(seed);
  const pick = <T>(list: T[]) => list[uniformInt(rng, 0, list.length - 1)]!;
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${Papa.unparse([['outlet', 'title', 'date', 'url', 'text']])}\n`);
  const batch: string[][] = [];
  for (let i = 0; i < count; i++) {
    const paragraphs: string[] = [];
    const paragraphCount = uniformInt(rng, 4, 10);
    for (let p = 0; p < paragraphCount; p++) {
      const sentenceCount = uniformInt(rng, 1, 3);
      paragraphs.push(Array.from({ length: sentenceCount }, () => pick(sentences)).join(' '));
    }
    const title = pick(sentences).replace(/[.!?”"]+$/, '');
    const date = `20${uniformInt(rng, 20, 23)}-${String(uniformInt(rng, 1, 12)).padStart(2, '0')}-${String(uniformInt(rng, 1, 28)).padStart(2, '0')}`;
    batch.push([pick(outlets), title, date, `https://example.org/synthetic/${i}`, paragraphs.join('\n\n')]);
    if (batch.length === 500 || i === count - 1) {
      await write(`${Papa.unparse(batch, { newline: '\n' })}\n`);
      batch.length = 0;
    }
  }
  out.end();
  await once(out, 'finish');
}

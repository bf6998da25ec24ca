// Stage 3, score: lexicons are read and checked once, compiled once, then
// every tokenised article is scored against all of them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { problem, type Problem } from '../messages.ts';
import type { Lexicon, ScoredArticle, TokenisedArticle } from '../types.ts';
import type { CompiledLexicon } from './compile.ts';
import { parseLexicon } from './lexicon.ts';
import { findHits } from './match.ts';

export interface LoadedLexicons {
  lexicons: Lexicon[];
  problems: Problem[];
  files: string[];
}

/** Reads a lexicon file, or every *.csv in a folder (A-Z); collects every problem. */
export function loadLexicons(where: string): LoadedLexicons {
  let files: string[];
  try {
    files = statSync(where).isDirectory()
      ? readdirSync(where)
          .filter((f) => f.toLowerCase().endsWith('.csv'))
          .sort()
          .map((f) => path.join(where, f))
      : [where];
  } catch (e) {
    return { lexicons: [], files: [], problems: [problem('L013', 'error', where, (e as Error).message)] };
  }
  if (files.length === 0) return { lexicons: [], files, problems: [problem('L011', 'error', where)] };
  const lexicons: Lexicon[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      problems.push(problem('L013', 'error', file, (e as Error).message));
      continue;
    }
    const parsed = parseLexicon(text, file);
    problems.push(...parsed.problems);
    if (parsed.lexicon) lexicons.push(parsed.lexicon);
  }
  return { lexicons, problems, files };
}

export function scoreArticle(doc: TokenisedArticle, lexicons: CompiledLexicon[]): ScoredArticle {
  const { text: _text, ...article } = doc.article;
  return {
    article,
    words: doc.words,
    sentences: doc.tokens.sentenceStarts.length,
    hits: findHits(doc, lexicons),
  };
}

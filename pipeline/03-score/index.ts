// Stage 3, score: lexicons are read and checked once, compiled once, then
// every tokenised article is scored against all of them, and each hit
// attributed (voice, speaker, target, negation).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { append } from '../arrays.ts';
import { decodeText, encodingWarning } from '../encoding.ts';
import { problem, type Problem } from '../messages.ts';
import { fold } from '../text.ts';
import type { ActorAlias, Lexicon, ScoredArticle, TokenisedArticle } from '../types.ts';
import { attribute, type CompiledActors } from './attribute.ts';
import type { CompiledLexicon } from './compile.ts';
import { parseLexicon, termKey } from './lexicon.ts';
import { findHits } from './match.ts';
import { unitsOf } from './units.ts';

export interface LoadedLexicons {
  lexicons: Lexicon[];
  /** The actors lexicons' aliases, all files together. */
  actors: ActorAlias[];
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
    return { lexicons: [], actors: [], files: [], problems: [problem('L013', 'error', where, (e as Error).message)] };
  }
  if (files.length === 0) return { lexicons: [], actors: [], files, problems: [problem('L011', 'error', where)] };
  const lexicons: Lexicon[] = [];
  const actors: ActorAlias[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    let decoded: ReturnType<typeof decodeText>;
    try {
      decoded = decodeText(readFileSync(file));
    } catch (e) {
      problems.push(problem('L013', 'error', file, (e as Error).message));
      continue;
    }
    const warning = encodingWarning(decoded, file, ['L018', 'L019']);
    if (warning) problems.push(warning);
    const parsed = parseLexicon(decoded.text, file);
    append(problems, parsed.problems);
    if (parsed.kind === 'framing' && parsed.lexicon) lexicons.push(parsed.lexicon);
    if (parsed.kind === 'actors' && parsed.actors) append(actors, parsed.actors.aliases);
  }
  append(problems, aliasesAcrossFiles(actors, files));
  if (lexicons.length === 0 && problems.length === 0) problems.push(problem('L017', 'error', where));
  return { lexicons, actors, problems, files };
}

/** An alias may name one actor only, across all actors files too. */
function aliasesAcrossFiles(aliases: ActorAlias[], files: string[]): Problem[] {
  const pathOf = (name: string) => files.find((f) => path.basename(f) === name) ?? name;
  const seen = new Map<string, ActorAlias>();
  const problems: Problem[] = [];
  for (const alias of aliases) {
    const earlier = seen.get(termKey(alias.term));
    if (earlier && earlier.lexicon !== alias.lexicon && fold(earlier.actor) !== fold(alias.actor)) {
      problems.push(problem('L015', 'error', `${pathOf(alias.lexicon)}:${alias.line}`, alias.term, `${earlier.actor}, ${earlier.lexicon}`, earlier.line));
    }
    if (!earlier) seen.set(termKey(alias.term), alias);
  }
  return problems;
}

/** `units`: the article's matching units, where the caller has them already. */
export function scoreArticle(
  doc: TokenisedArticle,
  lexicons: CompiledLexicon[],
  actors: CompiledActors | null,
  units = unitsOf(doc.tokens),
): ScoredArticle {
  const { text: _text, ...article } = doc.article;
  return {
    article,
    words: doc.words,
    sentences: doc.tokens.sentenceStarts.length,
    hits: attribute(doc.tokens, units, findHits(doc, units, lexicons), actors),
  };
}

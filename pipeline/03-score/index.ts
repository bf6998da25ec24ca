// Stage 3, score: lexicons are read and checked once, compiled once, then
// every tokenised article is scored against all of them, and each hit
// attributed (voice, speaker, target, negation).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { append } from '../arrays.ts';
import { fileText, type FileText } from '../encoding.ts';
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

/** Spreadsheet workbooks, as Excel, LibreOffice and Numbers save them. */
const WORKBOOK = /\.(xlsx|xlsm|xls|ods|numbers)$/i;

/** Reads a lexicon file, or every *.csv in a folder (A-Z); collects every problem. */
export function loadLexicons(where: string): LoadedLexicons {
  let files: string[];
  /** Workbooks saved beside the lexicons (Excel's "Save" keeps .xlsx): never read, so said. */
  let workbooks: string[] = [];
  /** Subfolders holding CSV files, by folder: never read, so said. */
  let folders: [string, number][] = [];
  try {
    // Hidden files and the lock files an open spreadsheet leaves ("~$legitimacy.xlsx", ".~lock.legitimacy.csv#") are none.
    const listed = statSync(where).isDirectory() ? readdirSync(where, { withFileTypes: true }).filter((f) => !/^(\.|~\$)/.test(f.name)) : null;
    const names = (listed ?? []).filter((f) => !f.isDirectory()).map((f) => f.name).sort();
    files = listed ? names.filter((f) => f.toLowerCase().endsWith('.csv')).map((f) => path.join(where, f)) : [where];
    workbooks = names.filter((f) => WORKBOOK.test(f)).map((f) => path.join(where, f));
    folders = (listed ?? [])
      .filter((f) => f.isDirectory())
      .map((f): [string, number] => [path.join(where, f.name), csvFilesUnder(path.join(where, f.name))])
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file or folder as ${path.resolve(where)}` : (e as Error).message;
    return { lexicons: [], actors: [], files: [], problems: [problem('L013', 'error', where, why)] };
  }
  const problems: Problem[] = [
    ...folders.map(([folder, count]) => problem('L024', 'warning', folder, count, where)),
    ...workbooks.map((file) => {
      const csv = files.find((lexicon) => path.parse(lexicon).name.toLowerCase() === path.parse(file).name.toLowerCase());
      // A workbook saved after its CSV (Excel's "Save" on a sheet once saved as .xlsx) holds edits the CSV lacks.
      return csv && statSync(file).mtimeMs > statSync(csv).mtimeMs ? problem('L026', 'warning', file, path.basename(csv)) : problem('L022', 'warning', file);
    }),
  ];
  if (files.length === 0) return { lexicons: [], actors: [], files, problems: [...problems, problem('L011', 'error', where)] };
  const lexicons: Lexicon[] = [];
  const actors: ActorAlias[] = [];
  for (const file of files) {
    let read: FileText;
    try {
      read = fileText(readFileSync(file), file, ['L018', 'L019']);
    } catch (e) {
      problems.push(problem('L013', 'error', file, (e as Error).message));
      continue;
    }
    if (read.notText) {
      problems.push(problem('L023', 'error', file, read.notText));
      continue;
    }
    if (read.warning) problems.push(read.warning);
    const parsed = parseLexicon(read.text, file);
    append(problems, parsed.problems);
    if (parsed.kind === 'framing' && parsed.lexicon) lexicons.push(parsed.lexicon);
    if (parsed.kind === 'actors' && parsed.actors) append(actors, parsed.actors.aliases);
  }
  append(problems, aliasesAcrossFiles(actors, files));
  if (lexicons.length === 0 && problems.length === 0) problems.push(problem('L017', 'error', where));
  return { lexicons, actors, problems, files };
}

/**
 * The CSV files in a folder and its subfolders, hidden ones left out: a
 * lexicons folder's subfolder may hold lexicons meant to be read (one per
 * language) or old versions of them (not to be), and is read as neither.
 */
function csvFilesUnder(folder: string): number {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.toLowerCase().endsWith('.csv') && !f.split(path.sep).some((part) => /^(\.|~\$)/.test(part))).length;
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
  const { matches, uncounted } = findHits(doc, units, lexicons);
  return {
    article,
    words: doc.words,
    sentences: doc.tokens.sentenceStarts.length,
    hits: attribute(doc.tokens, units, matches, actors),
    uncounted,
  };
}

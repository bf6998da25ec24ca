// The shape every report shares: the outline of lexicons, frames, poles and
// entries in their sorted order, and the small number helpers of all tables.
import { byText, fold } from '../text.ts';
import type { Lexicon } from '../types.ts';
import { NOT_COUNTED } from '../03-score/lexicon.ts';
import { entryKey, frameKey, poleKey, type Tally } from './aggregate.ts';

export type Cell = string | number;
export type Row = Record<string, Cell>;
/** A report: its columns, and its rows as a list or made one by one as they are written. */
export interface Table {
  columns: string[];
  rows: Iterable<Row>;
}

export type Level = 'frame' | 'pole' | 'term';

/** One line of the report outline: a frame, a pole or an entry of a lexicon. */
export interface OutlineRow {
  level: Level;
  lexicon: string;
  frame: string;
  pole: string;
  term: string;
  line: number | '';
  weight: number | '';
  key: string;
  /** Key of the frame this row belongs to, for pole shares. */
  frameKey: string;
  /** Whether mean weights make sense here (the lexicon has a weight column). */
  weighted: boolean;
}

/** Folded text A-Z; the exact text breaks ties. */
export const byFolded = (a: string, b: string) => byText(fold(a), fold(b)) || byText(a, b);

/** Lexicons by file name; in each, frames A-Z, each frame's poles A-Z, each pole's terms A-Z. */
export function outline(lexicons: Lexicon[]): OutlineRow[] {
  const rows: OutlineRow[] = [];
  for (const lexicon of [...lexicons].sort((a, b) => byFolded(a.file, b.file))) {
    // Folded once per entry, not once per comparison: a lexicon may have thousands of entries.
    // An entry that counts nothing (NOT_COUNTED) is no row of any report.
    const keyed = lexicon.entries.filter((e) => e.pole !== NOT_COUNTED).map((e) => ({ e, frame: fold(e.frame), pole: fold(e.pole), term: fold(e.term) }));
    const entries = keyed
      .sort(
        (a, b) =>
          byText(a.frame, b.frame) || byText(a.e.frame, b.e.frame) || byText(a.pole, b.pole) || byText(a.e.pole, b.e.pole) ||
          byText(a.term, b.term) || byText(a.e.term, b.e.term) || a.e.line - b.e.line,
      )
      .map((k) => k.e);
    let currentFrame = '';
    let currentPole = '';
    for (const e of entries) {
      const base = { lexicon: lexicon.file, frame: e.frame, frameKey: frameKey(e), weighted: lexicon.weighted };
      if (frameKey(e) !== currentFrame) {
        currentFrame = frameKey(e);
        currentPole = '';
        rows.push({ ...base, level: 'frame', pole: '', term: '', line: '', weight: '', key: frameKey(e) });
      }
      if (poleKey(e) !== currentPole) {
        currentPole = poleKey(e);
        rows.push({ ...base, level: 'pole', pole: e.pole, term: '', line: '', weight: '', key: poleKey(e) });
      }
      rows.push({ ...base, level: 'term', pole: e.pole, term: e.term, line: e.line, weight: e.weight ?? '', key: entryKey(e) });
    }
  }
  return rows;
}

export const round = (x: number) => Math.round(x * 10000) / 10000;

/** A statistic as a cell: rounded, or empty where it is undefined. */
export const cell = (x: number | null | undefined): Cell => (x === null || x === undefined ? '' : round(x));

export function per1k(hits: number, words: number): number {
  return words === 0 ? 0 : round((hits * 1000) / words);
}

/** Share of the frame's hits that fall on this pole; empty where the frame has none. */
export function poleShare(row: OutlineRow, tally: Tally, frame: Tally): Cell {
  return row.level === 'pole' && frame.hits > 0 ? round(tally.hits / frame.hits) : '';
}

/** Mean weight per hit, for frames and poles of weighted lexicons. */
export function score(row: OutlineRow, tally: Tally): Cell {
  return row.weighted && row.level !== 'term' && tally.weighted > 0 ? round(tally.weightSum / tally.weighted) : '';
}


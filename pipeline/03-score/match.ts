// Stage 3, score: finds every lexicon entry in a tokenised article. Within one
// lexicon, matching runs left to right and takes the longest term that starts
// at each word ("coup regime" is one hit, not also one for "regime"); a word
// is counted once. Each lexicon is a separate analysis: one word may be a hit
// in two lexicons.
import type { Hit, LexiconEntry, TokenisedArticle, Tokens } from '../types.ts';
import type { CompiledLexicon, TrieNode } from './compile.ts';
import { unitsOf, type Unit } from './units.ts';

/** Words of context each side of a hit in hits.csv. */
export const CONTEXT_WORDS = 8;

interface Step {
  node: TrieNode;
  /** How many `*` words the path took: a written-out word beats a wildcard. */
  wildcards: number;
}

interface Found {
  entry: LexiconEntry;
  /** Index of the unit after the match. */
  end: number;
  wildcards: number;
}

function better(a: Found, b: Found | null): boolean {
  if (!b) return true;
  if (a.end !== b.end) return a.end > b.end;
  if (a.wildcards !== b.wildcards) return a.wildcards < b.wildcards;
  return a.entry.line < b.entry.line;
}

function advance(steps: Step[], unit: Unit, longestPrefix: number): Step[] {
  const out: Step[] = [];
  const seen = new Set<TrieNode>();
  const add = (node: TrieNode | undefined, wildcards: number) => {
    if (node && !seen.has(node)) {
      seen.add(node);
      out.push({ node, wildcards });
    }
  };
  for (const step of steps) {
    for (const key of unit.keys) {
      add(step.node.next.get(key), step.wildcards);
      if (step.node.prefix.size === 0) continue;
      for (let len = Math.min(key.length, longestPrefix); len >= 1; len--) {
        add(step.node.prefix.get(key.slice(0, len)), step.wildcards + 1);
      }
    }
  }
  return out;
}

/** The longest entry that starts at units[from], or null. */
function longestAt(units: Unit[], from: number, compiled: CompiledLexicon): Found | null {
  let steps: Step[] = [{ node: compiled.root, wildcards: 0 }];
  let best: Found | null = null;
  for (let j = from; j < units.length && steps.length > 0; j++) {
    steps = advance(steps, units[j]!, compiled.longestPrefix);
    for (const step of steps) {
      if (!step.node.entry) continue;
      const found = { entry: step.node.entry, end: j + 1, wildcards: step.wildcards };
      if (better(found, best)) best = found;
    }
  }
  return best;
}

/** Text of tokens [from, to) as the article has it. */
export function textOf(tokens: Pick<Tokens, 'value' | 'pre'>, from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) text += (i === from ? '' : tokens.pre[i]!) + tokens.value[i]!;
  return text.replace(/\s+/g, ' ');
}

/**
 * Up to CONTEXT_WORDS tokens before `from` (or from `to` on), not across a
 * paragraph break, with the space that joins them to the match, so that
 * left + match + right reads as the article does.
 */
function context(tokens: Tokens, from: number, to: number, side: 'left' | 'right'): string {
  if (side === 'left') {
    let start = from;
    while (start > 0 && from - start < CONTEXT_WORDS && !tokens.pre[start]!.includes('\n')) start -= 1;
    return start < from ? textOf(tokens, start, from) + tokens.pre[from]!.replace(/\s+/g, ' ') : '';
  }
  let end = to;
  while (end < tokens.value.length && end - to < CONTEXT_WORDS && !tokens.pre[end]!.includes('\n')) end += 1;
  return end > to ? tokens.pre[to]!.replace(/\s+/g, ' ') + textOf(tokens, to, end) : '';
}

export function findHits(doc: TokenisedArticle, lexicons: CompiledLexicon[]): Hit[] {
  const { tokens } = doc;
  const hits: Hit[] = [];
  const starts = tokens.sentenceStarts;
  for (let s = 0; s < starts.length; s++) {
    const from = starts[s]!;
    const to = s + 1 < starts.length ? starts[s + 1]! : tokens.value.length;
    const units = unitsOf(tokens, from, to);
    let sentence: string | null = null;
    for (const compiled of lexicons) {
      for (let i = 0; i < units.length; ) {
        const found = longestAt(units, i, compiled);
        if (!found) {
          i += 1;
          continue;
        }
        const start = units[i]!.token;
        const end = units[found.end - 1]!.token + 1;
        sentence ??= textOf(tokens, from, to);
        hits.push({
          entry: found.entry,
          match: textOf(tokens, start, end),
          left: context(tokens, start, end, 'left'),
          right: context(tokens, start, end, 'right'),
          sentence,
          sentence_no: s + 1,
          start,
          end,
        });
        i = found.end;
      }
    }
  }
  return hits;
}

// Which actor a label is applied to, read off the structure of its sentence.
// The first of these that holds wins:
//   1. the actor heads the noun phrase the label opens: "dictator Nicolás Maduro",
//      "de facto President Dina Boluarte", "self-styled ‘President’ Dina Boluarte",
//      "the de facto Boluarte government";
//   2. "<label> of <actor>": "the regime of Dina Boluarte";
//   3. the actor modifies the label: "the Boluarte regime", "Maduro’s government";
//   4. apposition: "the self-declared president, Dina Boluarte", "Alberto Fujimori, a former president",
//      "the then vice-president of the Senate, Jenine Áñez";
//   5. a copula or "as": "Maduro is a dictator", "Congress appointed Dina Boluarte as president";
//   6. a naming verb: "Opposition Calls Maduro a Dictator".
// No rule, no target: the nearest name in the sentence is not a guess worth making.
import type { Tokens } from '../types.ts';
import { isJoiningHyphen, isQuoteMark } from './units.ts';

/** An actor named in the text: tokens [start, end). */
export interface Mention {
  actor: string;
  start: number;
  end: number;
}

type TargetTokens = Pick<Tokens, 'value' | 'pre' | 'pos' | 'lemma'>;

/** Words that may stand between a label and its actor inside one noun phrase. */
const MODIFIER_POS = new Set(['ADJ', 'NOUN', 'PROPN']);
const COPULAS = new Set(['be', 'become', 'remain']);
const NAMING_VERBS = new Set(['call', 'brand', 'label', 'dub', 'name', 'term']);
/** How many words of a noun phrase may stand between a label and its actor. */
const MAX_GAP = 3;

function isModifier(t: TargetTokens, i: number): boolean {
  return MODIFIER_POS.has(t.pos[i]!) || isQuoteMark(t.value[i]!) || isJoiningHyphen(t, i);
}

const startingAt = (mentions: Mention[], i: number) => mentions.find((m) => m.start === i);
const endingAt = (mentions: Mention[], i: number) => mentions.find((m) => m.end === i);

/** Rule 1: label [modifiers] actor. */
function headedBy(t: TargetTokens, end: number, to: number, mentions: Mention[]): Mention | undefined {
  let gap = 0;
  for (let i = end; i < to && gap <= MAX_GAP; i++) {
    const m = startingAt(mentions, i);
    if (m) return m;
    if (!isModifier(t, i)) return undefined;
    if (!isQuoteMark(t.value[i]!)) gap += 1;
  }
  return undefined;
}

/** Rule 2: label of [the] [modifiers] actor. */
function ofActor(t: TargetTokens, end: number, to: number, mentions: Mention[]): Mention | undefined {
  if (t.value[end]?.toLowerCase() !== 'of') return undefined;
  let i = end + 1;
  if (t.pos[i] === 'DET') i += 1;
  return headedBy(t, i, to, mentions);
}

/** Rule 3: actor [’s] [modifiers] label. */
function modifiedBy(t: TargetTokens, start: number, from: number, mentions: Mention[]): Mention | undefined {
  let gap = 0;
  for (let i = start; i > from && gap <= MAX_GAP; i--) {
    const m = endingAt(mentions, i);
    if (m) return m;
    const before = t.value[i - 1]!;
    // The owner before a possessive is the label's actor or no one's: "pressured Ukraine's president" is not Trump's.
    if (/^['’]s$/i.test(before)) return endingAt(mentions, i - 1);
    if (!isModifier(t, i - 1)) return undefined;
    if (!isQuoteMark(before)) gap += 1;
  }
  return undefined;
}

/** Skips an "of" phrase after a label ("vice-president of the Senate"); returns where it ends. */
function afterOfPhrase(t: TargetTokens, end: number, to: number): number {
  if (t.value[end]?.toLowerCase() !== 'of') return end;
  let i = end + 1;
  if (t.pos[i] === 'DET') i += 1;
  while (i < to && isModifier(t, i) && i - end <= MAX_GAP + 1) i += 1;
  return i;
}

/** Rule 4: label [of …], actor  or  actor, [the] [modifiers] label. */
function inApposition(t: TargetTokens, start: number, end: number, from: number, to: number, mentions: Mention[]): Mention | undefined {
  const comma = afterOfPhrase(t, end, to);
  if (t.value[comma] === ',') {
    const m = startingAt(mentions, comma + 1);
    if (m) return m;
  }
  let i = start;
  while (i > from && (t.pos[i - 1] === 'DET' || isModifier(t, i - 1)) && start - i < MAX_GAP) i -= 1;
  if (i > from && t.value[i - 1] === ',') return endingAt(mentions, i - 1);
  return undefined;
}

/** Rule 5: actor is/was/remains [a] [modifiers] label, or actor [elected, appointed …] as [the] label. */
function byCopula(t: TargetTokens, start: number, from: number, mentions: Mention[]): Mention | undefined {
  let i = start;
  while (i > from && (t.pos[i - 1] === 'DET' || t.pos[i - 1] === 'ADV' || isModifier(t, i - 1)) && start - i < MAX_GAP) i -= 1;
  if (i <= from) return undefined;
  if (COPULAS.has(t.lemma[i - 1]!.toLowerCase())) return endingAt(mentions, i - 1);
  if (t.value[i - 1]!.toLowerCase() !== 'as') return undefined;
  // "Congress appointed Dina Boluarte as president", "Pedro Castillo being elected as President".
  for (let k = i - 1; k > from && i - 1 - k <= 2; k--) {
    const m = endingAt(mentions, k);
    if (m) return m;
    if (t.pos[k - 1] !== 'VERB' && t.pos[k - 1] !== 'AUX' && !endingAt(mentions, k - 1)) return undefined;
  }
  return undefined;
}

/** Rule 6: a naming verb, the actor, [a] label: "Opposition Calls Maduro a Dictator". */
function byNamingVerb(t: TargetTokens, start: number, from: number, mentions: Mention[]): Mention | undefined {
  let i = start;
  while (i > from && (t.pos[i - 1] === 'DET' || t.pos[i - 1] === 'ADJ' || isQuoteMark(t.value[i - 1]!)) && start - i < MAX_GAP) i -= 1;
  const named = endingAt(mentions, i);
  if (named && named.start > from && NAMING_VERBS.has(t.lemma[named.start - 1]!.toLowerCase())) return named;
  return undefined;
}

/**
 * The actor a hit on tokens [start, end) is applied to, among the mentions of
 * its sentence (tokens [from, to)); '' when the sentence attaches it to none.
 */
export function findTarget(
  t: TargetTokens,
  hit: { start: number; end: number },
  sentence: { from: number; to: number },
  mentions: Mention[],
): string {
  if (mentions.length === 0) return '';
  const { start, end } = hit;
  const { from, to } = sentence;
  const found =
    headedBy(t, end, to, mentions) ??
    ofActor(t, end, to, mentions) ??
    modifiedBy(t, start, from, mentions) ??
    inApposition(t, start, end, from, to, mentions) ??
    byCopula(t, start, from, mentions) ??
    byNamingVerb(t, start, from, mentions);
  return found?.actor ?? '';
}

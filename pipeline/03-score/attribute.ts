// Attribution of each hit: voice (authorial or quoted), speaker, target and
// negation, from the article's quotations, its actors lexicon and wink-nlp's
// negation flags.
import { sentenceBounds } from '../02-tokenise/tokenise.ts';
import type { ActorAlias, Hit, Tokens } from '../types.ts';
import type { CompiledTerms } from './compile.ts';
import { findSpans, type Match } from './match.ts';
import { findQuotes } from './quotes.ts';
import { findSpeakers } from './speakers.ts';
import { findTarget, type Mention } from './targets.ts';
import { isQuoteMark, type Units } from './units.ts';

export type CompiledActors = CompiledTerms<ActorAlias>;

/** The actors named in units [from, to). */
function mentionsIn(units: Units, from: number, to: number, actors: CompiledActors): Mention[] {
  return findSpans(units, from, to, actors).map((span) => ({
    actor: span.entry.actor,
    start: units.token[span.from]!,
    end: units.token[span.to - 1]! + 1,
  }));
}

/** The first unit of token `token` or after it. */
function unitAt(units: Units, token: number): number {
  let lo = 0;
  let hi = units.token.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (units.token[mid]! < token) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function attribute(tokens: Tokens, units: Units, matches: Match[], actors: CompiledActors | null): Hit[] {
  if (matches.length === 0) return [];
  const quotes = findQuotes(tokens);
  const canonical = (from: number, to: number, written: string) => {
    if (!actors) return written;
    return mentionsIn(units, unitAt(units, from), unitAt(units, to), actors)[0]?.actor ?? written;
  };
  // Only quoted hits have a speaker; most articles' hits are all authorial.
  let speakers: string[] | null = null;
  const mentionsBySentence = new Map<number, Mention[]>();
  return matches.map((match): Hit => {
    const words: number[] = [];
    for (let k = match.start; k < match.end; k++) if (!isQuoteMark(tokens.value[k]!)) words.push(k);
    // Quoted only if every word of the hit is inside the quotation: "self-styled ‘President’" is the outlet's phrase.
    const quotation = quotes.inside[words[0]!]!;
    const quoted = words.every((k) => quotes.inside[k] !== -1);
    let target = '';
    if (actors) {
      const sentence = sentenceBounds(tokens, match.sentence_no - 1);
      let mentions = mentionsBySentence.get(match.sentence_no);
      if (!mentions) {
        mentions = mentionsIn(units, units.sentenceStart[match.sentence_no - 1]!, units.sentenceStart[match.sentence_no]!, actors);
        mentionsBySentence.set(match.sentence_no, mentions);
      }
      target = findTarget(tokens, match, sentence, mentions);
    }
    let negated = false;
    for (let k = match.start; k < match.end; k++) negated ||= tokens.negated[k]!;
    return {
      ...match,
      voice: quoted ? 'quoted' : 'authorial',
      speaker: quoted ? (speakers ??= findSpeakers(tokens, quotes, canonical))[quotation]! : '',
      target,
      negated,
    };
  });
}

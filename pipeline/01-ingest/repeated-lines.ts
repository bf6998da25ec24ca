// Lines that stand alone in many of an outlet's articles ("Advertisement",
// "Story Continued Below", a copyright line): most likely the site's
// furniture, left in an export or by rules that do not know them yet. They
// are read as text, add words and turn up among the phrases suggested for
// the lexicons; they are named with the rules that would drop them, for the
// user to decide, not dropped unasked (a refrain may be the outlet's own).
//
// Counted in each outlet's first EXAMINED articles only (a site's furniture
// is there from its first page), so that what is kept stays small however
// large the corpus grows.
import { byText, escapeRegExp } from '../text.ts';

/** Articles of each outlet whose lines are counted. */
export const EXAMINED = 100;
/** Longer lines are paragraphs of text, not furniture. */
const MAX_LENGTH = 100;
/** Furniture stands in at least this many articles, and this share of those examined. */
const MIN_ARTICLES = 3;
const MIN_SHARE = 0.1;
/** Lines named per outlet. */
export const SHOWN = 8;
/** A bound on the lines kept, for a corpus of very many outlets. */
const MAX_KEPT = 100_000;

/** A line an outlet repeats, and in how many of the articles examined. */
export interface RepeatedLine {
  /** As first seen. */
  line: string;
  articles: number;
  /** The first article it stands in. */
  origin: string;
}

interface OutletLines {
  outlet: string;
  examined: number;
  /** By the line case-folded. */
  lines: Map<string, RepeatedLine>;
}

export interface OutletRepeats {
  outlet: string;
  examined: number;
  lines: RepeatedLine[];
}

/** The articles of an outlet that were looked at, as said of it: "first 100" where counting stopped there. */
export const examinedArticles = (examined: number) => (examined === EXAMINED ? `first ${EXAMINED}` : String(examined));

/** The fewest articles a line of an outlet with `examined` articles examined must stand in. */
function threshold(examined: number): number {
  return Math.max(MIN_ARTICLES, Math.ceil(examined * MIN_SHARE));
}

export class RepeatedLines {
  private readonly outlets = new Map<string, OutletLines>();
  private kept = 0;

  /** An article's text, one paragraph per line, counted for its outlet (by `key`, its slug); one of a single paragraph is not. */
  add(key: string, outlet: string, text: string, origin: string): void {
    // A text of one paragraph is the article itself, not furniture around it.
    if (!text.includes('\n')) return;
    let own = this.outlets.get(key);
    if (!own) this.outlets.set(key, (own = { outlet, examined: 0, lines: new Map() }));
    if (own.examined === EXAMINED) return;
    own.examined += 1;
    const seen = new Set<string>();
    for (const line of text.split('\n')) {
      if (line.length > MAX_LENGTH || !/\p{L}/u.test(line)) continue;
      const folded = line.toLowerCase();
      if (seen.has(folded)) continue;
      seen.add(folded);
      const count = own.lines.get(folded);
      if (count) count.articles += 1;
      else if (this.kept < MAX_KEPT) {
        own.lines.set(folded, { line, articles: 1, origin });
        this.kept += 1;
      }
    }
    // No line short of the threshold now can reach it: counting stops here.
    if (own.examined === EXAMINED) {
      for (const [folded, count] of own.lines) {
        if (count.articles < threshold(EXAMINED)) {
          own.lines.delete(folded);
          this.kept -= 1;
        }
      }
    }
  }

  /** Per outlet (by name), the lines standing in enough of its articles examined, most first. */
  repeats(): OutletRepeats[] {
    const found: OutletRepeats[] = [];
    for (const { outlet, examined, lines } of this.outlets.values()) {
      const least = threshold(examined);
      const repeated = [...lines.values()].filter((count) => count.articles >= least);
      if (repeated.length === 0) continue;
      // Most articles first; of as many, the first seen first (a Map keeps that order, and sort is stable).
      repeated.sort((a, b) => b.articles - a.articles);
      found.push({ outlet, examined, lines: repeated });
    }
    return found.sort((a, b) => byText(a.outlet, b.outlet));
  }
}

/**
 * Every outlet's repeated lines as one rules file to review: each outlet's
 * under a comment naming it and its counts, for an export's --rules or to
 * copy into an outlet's own rules.
 */
export function furnitureYaml(found: OutletRepeats[]): string {
  const lines = [
    '# Lines that stand alone in many of an outlet\'s articles (C066): most likely the site\'s',
    '# furniture, read as text. Delete the rules of lines that are an outlet\'s own text; copy the',
    '# rest to a rules file of your own, given to --rules (an export), or an outlet\'s into its',
    '# rules file (a corpus folder). Every run writes this file again, but one given it as --rules.',
    'furniture:',
  ];
  for (const { outlet, examined, lines: repeated } of found) {
    for (const { line, articles } of repeated) lines.push(`  # ${outlet}: in ${articles} of its ${examinedArticles(examined)} articles`, `  - ${furnitureRule(line)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A cleaning rule dropping exactly this line, as YAML: the rules match whole lines, case aside. */
export function furnitureRule(line: string): string {
  const pattern = `^${escapeRegExp(line)}$`;
  return `'${pattern.replace(/'/g, "''")}'`;
}

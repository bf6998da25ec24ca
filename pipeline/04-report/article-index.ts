// Where every article's rows are in the report builder's spill file, and the
// order they are copied out in (articles.csv, hits.csv): outlet, then date,
// then id, each folded A-Z with its exact text breaking ties. Kept to the end
// of a run, so kept small: an object and three strings per article came to
// about 240 bytes, half of what the main thread's live memory grew by per
// article from 10,000 to 100,000 articles. Outlets and dates repeat and are
// kept once each; offsets and sizes go in typed arrays; only the id is a
// string per article.
import { grown } from '../arrays.ts';
import { byText, fold } from '../text.ts';
import { byFolded } from './outline.ts';

/** The order of articles.csv and hits.csv: outlet, then date, then id. */
export interface ArticleOrder {
  outlet_slug: string;
  date: string;
  article_id: string;
}

/** Where an article's row and its hit rows are in the spill file. */
export interface RowsAt {
  offset: number;
  articleBytes: number;
  hitBytes: number;
}

/** Distinct strings, numbered in the order they first come. */
class Interned {
  readonly list: string[] = [];
  private readonly numbers = new Map<string, number>();
  numberOf(text: string): number {
    let n = this.numbers.get(text);
    if (n === undefined) {
      n = this.list.length;
      this.numbers.set(text, n);
      this.list.push(text);
    }
    return n;
  }
  /** Each string's place when they are sorted byFolded. */
  ranks(): Uint32Array {
    const ranks = new Uint32Array(this.list.length);
    [...this.list.keys()].sort((a, b) => byFolded(this.list[a]!, this.list[b]!)).forEach((n, rank) => (ranks[n] = rank));
    return ranks;
  }
}

export class ArticleIndex {
  private readonly outlets = new Interned();
  private readonly dates = new Interned();
  private readonly ids: string[] = [];
  private outletOf = new Uint32Array(1024);
  private dateOf = new Uint32Array(1024);
  private offsets = new Float64Array(1024);
  private articleBytes = new Uint32Array(1024);
  private hitBytes = new Uint32Array(1024);

  get size(): number {
    return this.ids.length;
  }

  add(article: ArticleOrder, at: RowsAt): void {
    const n = this.ids.length;
    if (n === this.offsets.length) {
      this.outletOf = grown(this.outletOf);
      this.dateOf = grown(this.dateOf);
      this.offsets = grown(this.offsets);
      this.articleBytes = grown(this.articleBytes);
      this.hitBytes = grown(this.hitBytes);
    }
    this.ids.push(article.article_id);
    this.outletOf[n] = this.outlets.numberOf(article.outlet_slug);
    this.dateOf[n] = this.dates.numberOf(article.date);
    this.offsets[n] = at.offset;
    this.articleBytes[n] = at.articleBytes;
    this.hitBytes[n] = at.hitBytes;
  }

  /** Every article's rows, in the order of articles.csv and hits.csv. */
  *sorted(): Generator<RowsAt> {
    for (const n of this.order()) yield { offset: this.offsets[n]!, articleBytes: this.articleBytes[n]!, hitBytes: this.hitBytes[n]! };
  }

  /** Article numbers in sorted order; outlets and dates ranked once, ids folded once each. */
  order(): Uint32Array {
    const outletRank = this.outlets.ranks();
    const dateRank = this.dates.ranks();
    const { ids, outletOf, dateOf } = this;
    const folded = ids.map(fold);
    return Uint32Array.from(ids.keys()).sort(
      (a, b) =>
        outletRank[outletOf[a]!]! - outletRank[outletOf[b]!]! ||
        dateRank[dateOf[a]!]! - dateRank[dateOf[b]!]! ||
        byText(folded[a]!, folded[b]!) ||
        byText(ids[a]!, ids[b]!),
    );
  }
}

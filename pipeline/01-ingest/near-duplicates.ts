// Articles that nearly repeat an earlier one: an updated version exported
// again under another address, a repost, wire copy run by two outlets. Each
// is counted as it stands; what it repeats is named, so that a reader of the
// reports can tell an outlet's own framing from the copy it shares.
//
// Two texts are compared by the five-word sequences they hold (shingles),
// sampled by MinHash, so that a corpus keeps a few bytes per article rather
// than its texts:
//   1. each article keeps SAMPLES samples of its sequences' hashes (the least
//      of those falling in each of SAMPLES bins), 8 bits each;
//   2. bands of those samples are looked up among earlier articles' bands
//      (locality-sensitive hashing), which finds the earlier articles that
//      share about half their sequences with it or more;
//   3. each found is compared sample by sample: the share of equal samples
//      estimates the two sets' overlap (Jaccard), and from it and their sizes,
//      the share of the shorter's sequences the other holds too.
import { grown } from '../arrays.ts';

const SHINGLE_WORDS = 5;
const SAMPLES = 64;
const BANDS = 10;
const ROWS = 3;
/** Fewer sequences than this (a text of under about 25 words) say too little to compare. */
const MIN_SHINGLES = 20;
/**
 * Near duplicates share most of the shorter text's sequences and about half
 * of the two texts' together: a brief quoted whole inside a long article is
 * not one. Both estimated, so that both are asked for.
 */
const NEAR_DUPLICATE_SHARE = 0.8;
const NEAR_DUPLICATE_OVERLAP = 0.5;
/** Two unrelated samples of 8 bits agree by chance once in 256 times. */
const CHANCE = 1 / 256;

/** MurmurHash3's finaliser: every bit of the input moves every bit of the output. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Each UTF-16 code unit past ASCII in lower case, or 0 where it is no letter
 * or digit (and 1 for not yet known): a regular expression per character, or
 * over the text, would cost more than the rest of the sampling.
 */
const FOLDED = new Uint16Array(0x10000).fill(1);

function foldedUnit(c: number): number {
  if (FOLDED[c] === 1) {
    const character = String.fromCharCode(c);
    const lower = character.toLowerCase();
    FOLDED[c] = /[\p{L}\p{N}]/u.test(character) && lower.length === 1 ? lower.charCodeAt(0) : 0;
  }
  return FOLDED[c]!;
}

/** FNV-1a hashes of the text's words (runs of letters and digits), case aside. */
function wordHashes(text: string): number[] {
  const hashes: number[] = [];
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c > 127) c = foldedUnit(c);
    else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) c = 0;
    if (c !== 0) {
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      hashes.push(h >>> 0);
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  if (inWord) hashes.push(h >>> 0);
  return hashes;
}

const BIN_BITS = Math.log2(SAMPLES);
const VALUE_MASK = 2 ** (32 - BIN_BITS) - 1;

/**
 * The text's samples (SAMPLES of them) and how many sequences it holds; null
 * where too short to compare. One hash per sequence, its top bits choosing a
 * bin that keeps its least value (one-permutation MinHash); a bin no sequence
 * fell in takes the next bin's value, shifted by how far it is, so that two
 * texts agree on it as often as on a bin of its own (densification by
 * rotation, Shrivastava and Li 2014).
 */
export function textSamples(text: string): { samples: Uint8Array; shingles: number } | null {
  const hashes = wordHashes(text);
  const shingles = hashes.length - SHINGLE_WORDS + 1;
  if (shingles < MIN_SHINGLES) return null;
  const least = new Float64Array(SAMPLES).fill(Infinity);
  for (let start = 0; start < shingles; start++) {
    let h = 0;
    for (let w = start; w < start + SHINGLE_WORDS; w++) h = Math.imul(h, 0x01000193) + hashes[w]!;
    h = fmix32(h);
    const bin = h >>> (32 - BIN_BITS);
    const value = h & VALUE_MASK;
    if (value < least[bin]!) least[bin] = value;
  }
  const samples = new Uint8Array(SAMPLES);
  for (let bin = 0; bin < SAMPLES; bin++) {
    let from = bin;
    while (least[from] === Infinity) from = (from + 1) % SAMPLES;
    const distance = (from - bin + SAMPLES) % SAMPLES;
    // Hashed again, so that its 8 bits tell values apart: a least value's own high bits are mostly zeros.
    samples[bin] = fmix32(least[from]! + distance * 0x9e3779b1) & 0xff;
  }
  return { samples, shingles };
}

export interface NearDuplicate {
  /** The earlier article's id. */
  id: string;
  /** The share of the shorter text's five-word sequences the other holds too, estimated. */
  share: number;
}

/** Estimated overlap (Jaccard) of two texts' sequences, from their samples, less the agreement of chance. */
function overlapOf(a: Uint8Array, aAt: number, b: Uint8Array): number {
  let same = 0;
  for (let i = 0; i < SAMPLES; i++) if (a[aAt + i] === b[i]) same += 1;
  return Math.max(0, (same / SAMPLES - CHANCE) / (1 - CHANCE));
}

export type Sampled = NonNullable<ReturnType<typeof textSamples>>;

/**
 * Articles remembered as a corpus is read, for each next one to be compared
 * with. Keeps 250 to 400 bytes per article: its samples (64), its size (4),
 * its id's reference (8), and its ten bands in an open-addressing table kept
 * at most half full (band hash -> first article with that band; 8 per slot).
 * A `scope` (an outlet) keeps articles apart: one is compared only with those
 * remembered under its own.
 */
export class NearDuplicates {
  private samples = new Uint8Array(SAMPLES * 1024);
  private shingles = new Uint32Array(1024);
  private readonly ids: string[] = [];
  private keys = new Uint32Array(1 << 12);
  /** Article number + 1 per slot of `keys`; 0 for an empty slot. */
  private firsts = new Uint32Array(1 << 12);
  private filled = 0;

  /** The earlier article the sampled text nearly repeats (the one of which it holds the most, the first of equals), or null. */
  nearest(own: Sampled, scope = ''): NearDuplicate | null {
    let found: { earlier: number; share: number } | null = null;
    for (const repeated of this.repeated(own, scope)) if (found === null || repeated.share > found.share) found = repeated;
    return found && { id: this.ids[found.earlier]!, share: found.share };
  }

  /** Whether the sampled text nearly repeats the earlier article `id` (remembered under `scope`). */
  repeats(own: Sampled, id: string, scope = ''): boolean {
    for (const { earlier } of this.repeated(own, scope)) if (this.ids[earlier] === id) return true;
    return false;
  }

  /** The earlier articles the sampled text nearly repeats, in the order remembered, with the share of it they hold. */
  private *repeated(own: Sampled, scope: string): Generator<{ earlier: number; share: number }> {
    const candidates = new Set<number>();
    for (const key of this.bandKeys(own.samples, scope)) {
      const slot = this.slotOf(key);
      if (this.firsts[slot] !== 0) candidates.add(this.firsts[slot]! - 1);
    }
    for (const earlier of [...candidates].sort((a, b) => a - b)) {
      const overlap = overlapOf(this.samples, earlier * SAMPLES, own.samples);
      const shorter = Math.min(this.shingles[earlier]!, own.shingles);
      const shared = (overlap * (this.shingles[earlier]! + own.shingles)) / (1 + overlap);
      const share = Math.min(1, shared / shorter);
      if (overlap >= NEAR_DUPLICATE_OVERLAP && share >= NEAR_DUPLICATE_SHARE) yield { earlier, share };
    }
  }

  /** Remembers the sampled text as article `id`, for those after it. */
  remember(own: Sampled, id: string, scope = ''): void {
    const number = this.ids.length;
    this.ids.push(id);
    if ((number + 1) * SAMPLES > this.samples.length) this.samples = grown(this.samples, (number + 1) * SAMPLES);
    if (number >= this.shingles.length) this.shingles = grown(this.shingles, number + 1);
    this.samples.set(own.samples, number * SAMPLES);
    this.shingles[number] = own.shingles;
    for (const key of this.bandKeys(own.samples, scope)) {
      if ((this.filled + 1) * 2 > this.keys.length) this.rehash();
      const slot = this.slotOf(key);
      if (this.firsts[slot] !== 0) continue;
      this.keys[slot] = key;
      this.firsts[slot] = number + 1;
      this.filled += 1;
    }
  }

  /** Each band's samples, its number and the scope, hashed. */
  private bandKeys(samples: Uint8Array, scope: string): number[] {
    let scoped = 0x811c9dc5;
    for (let i = 0; i < scope.length; i++) scoped = Math.imul(scoped ^ scope.charCodeAt(i), 0x01000193);
    return Array.from({ length: BANDS }, (_, band) => {
      let h = fmix32(scoped + band + 1);
      for (let row = 0; row < ROWS; row++) h = fmix32(h ^ samples[band * ROWS + row]!);
      return h;
    });
  }

  /** The slot holding `key`, or the empty slot where it would go (linear probing). */
  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = key & mask;
    while (this.firsts[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private rehash(): void {
    const { keys, firsts } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.firsts = new Uint32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (firsts[i] === 0) continue;
      const slot = this.slotOf(keys[i]!);
      this.keys[slot] = keys[i]!;
      this.firsts[slot] = firsts[i]!;
    }
  }
}

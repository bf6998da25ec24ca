// Tokenised articles cached by content, so that re-running after a lexicon
// edit does not tokenise again. The key covers everything the tokens depend
// on: the text, this tokeniser's version and wink-nlp's and its model's; so
// a changed article, tokeniser or model misses its entry, and only its own.
//
// Entries live in pack files rather than one file each: opening, writing and
// renaming a file per article cost more than encoding its tokens. Each thread
// of each run appends what it tokenises to a pack of its own, so writers never
// share a file. A record is
//   magic u32, key 32 bytes (sha256), payload bytes u32, payload crc32 u32, payload (codec.ts)
// and opening the cache reads every record header (not the payloads) to know
// where each entry is. A record cut short (a run killed while writing) or
// damaged fails its length or checksum test and is tokenised again.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { UnitTokens } from '../03-score/units.ts';
import { naming, removeUnfinished, unfinishedFiles, writeAtomic } from '../files.ts';
import type { Article, Tokens } from '../types.ts';
import { decodeTokens, encodeTokens } from './codec.ts';
import { paragraphsOf, TOKENISER_VERSION } from './tokenise.ts';

const require = createRequire(import.meta.url);
/** wink-nlp's version and its model's ("2.4.0/1.8.1"). */
export const WINK_VERSIONS = [
  (require('wink-nlp/package.json') as { version: string }).version,
  (require('wink-eng-lite-web-model/package.json') as { version: string }).version,
].join('/');

/** What tokens depend on besides the text. */
const TOKENISER = `${TOKENISER_VERSION}\0${WINK_VERSIONS}`;

const RECORD_MAGIC = 0x4b505446; // "FTPK"
const KEY_BYTES = 32;
const HEADER_BYTES = 4 + KEY_BYTES + 4 + 4;
const PACK = '.pack';
/** Ends the name of a pack being written by pruneTokenCache until it is complete. */
const PRUNING = '.pruning';
/** Tells apart the packs of caches opened in one thread within one millisecond. */
let packsMade = 0;

/** The name of a new pack: made-time (and count, within a millisecond) first, so that packs sort in the order they were made. */
function newPack(folder: string, writer: string): string {
  packsMade += 1;
  return path.join(folder, `${Date.now().toString(36).padStart(9, '0')}-${String(packsMade).padStart(6, '0')}-${writer}${PACK}`);
}

/** The cache key of an article's tokens: 64 hex digits. */
export function cacheKey(article: Pick<Article, 'title' | 'text'>): string {
  return createHash('sha256')
    .update(`${TOKENISER}\0${paragraphsOf(article).join('\n')}`)
    .digest('hex');
}

interface Location {
  pack: string;
  offset: number;
  length: number;
  crc: number;
}

function packsIn(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((name) => name.endsWith(PACK))
      .sort();
  } catch {
    // No cache yet (or not a folder: writing to it will say so).
    return [];
  }
}

/**
 * Where every entry in `folder` is, from the record headers. Packs are read in
 * name order, which is the order they were made in, so an entry written again
 * later (after its first record was found damaged) is found in its latest place.
 */
export function indexPacks(folder: string): Map<string, Location> {
  const index = new Map<string, Location>();
  const header = Buffer.alloc(HEADER_BYTES);
  for (const name of packsIn(folder)) {
    const pack = path.join(folder, name);
    const fd = openSync(pack, 'r');
    try {
      const size = fstatSync(fd).size;
      for (let at = 0; at + HEADER_BYTES <= size; ) {
        if (readSync(fd, header, 0, HEADER_BYTES, at) !== HEADER_BYTES || header.readUInt32LE(0) !== RECORD_MAGIC) break;
        const length = header.readUInt32LE(4 + KEY_BYTES);
        const offset = at + HEADER_BYTES;
        if (offset + length > size) break;
        index.set(header.toString('hex', 4, 4 + KEY_BYTES), { pack, offset, length, crc: header.readUInt32LE(8 + KEY_BYTES) });
        at = offset + length;
      }
    } finally {
      closeSync(fd);
    }
  }
  return index;
}

export interface TokenCache {
  get(key: string): Tokens | null;
  put(key: string, tokens: Tokens): void;
  /** Closes the files it holds open. */
  close(): void;
  readonly hits: number;
  readonly misses: number;
}

/**
 * A cache in `folder`, or one that never remembers anything when `folder` is
 * null (`--no-cache`). `writer` names this thread's pack apart from those of
 * threads and runs that may write at the same time.
 */
export function openTokenCache(folder: string | null, writer = String(process.pid)): TokenCache {
  let hits = 0;
  let misses = 0;
  const index = folder ? indexPacks(folder) : new Map<string, Location>();
  const readers = new Map<string, number>();
  let own: { pack: string; fd: number; size: number } | null = null;
  let buffer = Buffer.alloc(1 << 16);

  function read(at: Location): Tokens | null {
    let fd = readers.get(at.pack);
    if (fd === undefined) {
      fd = openSync(at.pack, 'r');
      readers.set(at.pack, fd);
    }
    if (at.length > buffer.length) buffer = Buffer.alloc(at.length);
    const payload = buffer.subarray(0, at.length);
    if (readSync(fd, payload, 0, at.length, at.offset) !== at.length || crc32(payload) !== at.crc) return null;
    return decodeTokens(payload);
  }

  function ownPack(): { pack: string; fd: number; size: number } {
    if (!own) {
      mkdirSync(folder!, { recursive: true });
      const pack = newPack(folder!, writer);
      own = { pack, fd: openSync(pack, 'wx+'), size: 0 };
      readers.set(pack, own.fd);
    }
    return own;
  }

  return {
    get(key) {
      const at = index.get(key);
      let tokens: Tokens | null = null;
      if (at) {
        try {
          tokens = read(at);
        } catch {
          // Unreadable (a pack deleted meanwhile): tokenised again and written anew.
        }
      }
      if (tokens) hits += 1;
      else misses += 1;
      return tokens;
    },
    put(key, tokens) {
      if (!folder) return;
      const payload = encodeTokens(tokens);
      const header = Buffer.alloc(HEADER_BYTES);
      header.writeUInt32LE(RECORD_MAGIC, 0);
      header.write(key, 4, KEY_BYTES, 'hex');
      header.writeUInt32LE(payload.length, 4 + KEY_BYTES);
      const crc = crc32(payload);
      header.writeUInt32LE(crc, 8 + KEY_BYTES);
      const pack = ownPack();
      try {
        writeSync(pack.fd, Buffer.concat([header, payload]));
      } catch (e) {
        throw naming(pack.pack, e);
      }
      index.set(key, { pack: pack.pack, offset: pack.size + HEADER_BYTES, length: payload.length, crc });
      pack.size += HEADER_BYTES + payload.length;
    },
    close() {
      for (const fd of readers.values()) closeSync(fd);
      readers.clear();
      own = null;
    },
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
  };
}

/** The lexicon terms' tokens, beside the packs. */
const TERMS = 'terms.json';

/**
 * The tokens of the lexicons' terms kept in the cache by an earlier run of
 * this tokeniser: compiling a large lexicon again then needs no model, and a
 * run that finds every article here too never loads it. Empty for none,
 * another tokeniser's, or a damaged file.
 */
export function readTermTokens(folder: string): [string, UnitTokens][] {
  try {
    const kept = JSON.parse(readFileSync(path.join(folder, TERMS), 'utf8')) as { tokeniser: string; terms: [string, UnitTokens][] };
    return kept.tokeniser === TOKENISER && Array.isArray(kept.terms) ? kept.terms : [];
  } catch {
    return [];
  }
}

/** Keeps these terms' tokens (those of the lexicons of a run) in the cache, in place of any kept before. */
export function writeTermTokens(folder: string, terms: [string, UnitTokens][]): void {
  writeAtomic(path.join(folder, TERMS), JSON.stringify({ tokeniser: TOKENISER, terms }));
}

export function clearTokenCache(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

/**
 * A number for a cache key (its first 52 bits), so that a run can note the
 * entries it used without keeping every 64-digit key.
 */
export function keyStamp(key: string): number {
  return parseInt(key.slice(0, 13), 16);
}

/**
 * The count of entries last made from the record headers, with the packs'
 * names and sizes then: packs are only appended to, and a pruned cache is a
 * new pack, so the same names and sizes hold the same entries. A re-run from
 * the run memory then sizes the cache without reading every header.
 */
const COUNTED = 'counted.json';

function packSizes(folder: string): [string, number][] {
  return packsIn(folder).map((name) => [name, statSync(path.join(folder, name)).size]);
}

function packBytes(sizes: [string, number][]): number {
  return sizes.reduce((sum, [, size]) => sum + size, 0);
}

function countedBefore(folder: string, packs: string): number | null {
  try {
    const counted = JSON.parse(readFileSync(path.join(folder, COUNTED), 'utf8')) as { packs: string; entries: number };
    return counted.packs === packs && Number.isInteger(counted.entries) ? counted.entries : null;
  } catch {
    return null;
  }
}

function keepCount(folder: string, packs: string, entries: number): void {
  try {
    writeAtomic(path.join(folder, COUNTED), JSON.stringify({ packs, entries }));
  } catch {
    // A cache this run may read but not write (shared, read-only) is counted every time instead.
  }
}

/**
 * How many entries the cache holds, and its size on disk; given the stamps
 * (keyStamp) of the entries a run used, how many it did not use.
 */
export function cacheSize(folder: string, used: ReadonlySet<number> | null = null): { entries: number; bytes: number; unused: number } {
  const sizes = packSizes(folder);
  const bytes = packBytes(sizes);
  const packs = JSON.stringify(sizes);
  const before = countedBefore(folder, packs);
  if (before !== null && !used) return { entries: before, bytes, unused: 0 };
  const index = indexPacks(folder);
  let unused = 0;
  if (used) for (const key of index.keys()) if (!used.has(keyStamp(key))) unused += 1;
  if (sizes.length > 0 && before !== index.size) keepCount(folder, packs, index.size);
  return { entries: index.size, bytes, unused };
}

/**
 * Keeps only the entries whose stamps are in `used`: they are copied, checked
 * against their checksums, into one new pack, and then the old packs are
 * deleted. Earlier copies of an entry written again (found damaged) go too. Nothing is copied when the run used every entry and
 * the packs hold nothing else. Stopped half-way, it leaves either the old
 * packs (the new one is a temporary file until complete) or both, the new
 * one read last, so no entry is lost. Returns the entries and bytes dropped.
 */
export function pruneTokenCache(folder: string, used: ReadonlySet<number>): { entries: number; bytes: number } {
  const before = { index: indexPacks(folder), packs: packsIn(folder), bytes: packBytes(packSizes(folder)) };
  const liveBytes = [...before.index.values()].reduce((sum, at) => sum + HEADER_BYTES + at.length, 0);
  if (liveBytes === before.bytes && [...before.index.keys()].every((key) => used.has(keyStamp(key)))) return { entries: 0, bytes: 0 };
  for (const name of readdirSync(folder)) if (name.endsWith(`${PACK}${PRUNING}`)) rmSync(path.join(folder, name), { force: true });
  const pack = newPack(folder, `${process.pid}-pruned`);
  const out = openSync(`${pack}${PRUNING}`, 'wx');
  unfinishedFiles.add(`${pack}${PRUNING}`);
  const readers = new Map<string, number>();
  let kept = 0;
  let record = Buffer.alloc(1 << 16);
  try {
    for (const [key, at] of before.index) {
      if (!used.has(keyStamp(key))) continue;
      let fd = readers.get(at.pack);
      if (fd === undefined) {
        fd = openSync(at.pack, 'r');
        readers.set(at.pack, fd);
      }
      const length = HEADER_BYTES + at.length;
      if (length > record.length) record = Buffer.alloc(length);
      const whole = record.subarray(0, length);
      if (readSync(fd, whole, 0, length, at.offset - HEADER_BYTES) !== length || crc32(whole.subarray(HEADER_BYTES)) !== at.crc) continue;
      writeSync(out, whole);
      kept += 1;
    }
  } catch (e) {
    // A prune that cannot finish (a full disk) leaves the old packs, and no half-copied one.
    removeUnfinished(`${pack}${PRUNING}`);
    throw naming(pack, e);
  } finally {
    closeSync(out);
    for (const fd of readers.values()) closeSync(fd);
  }
  renameSync(`${pack}${PRUNING}`, pack);
  unfinishedFiles.delete(`${pack}${PRUNING}`);
  for (const name of before.packs) rmSync(path.join(folder, name), { force: true });
  return { entries: before.index.size - kept, bytes: before.bytes - packBytes(packSizes(folder)) };
}

// Tokenised articles cached by content, so that re-running after a lexicon
// edit does not tokenise again. The key covers everything the tokens depend
// on: the text, this tokeniser's version and wink-nlp's and its model's; so
// a changed article, tokeniser or model misses its entry, and only its own.
// One file per article, in the compact form of codec.ts.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Article, Tokens } from '../types.ts';
import { decodeTokens, encodeTokens } from './codec.ts';
import { paragraphsOf, TOKENISER_VERSION } from './tokenise.ts';

const require = createRequire(import.meta.url);
const WINK_VERSIONS = [
  (require('wink-nlp/package.json') as { version: string }).version,
  (require('wink-eng-lite-web-model/package.json') as { version: string }).version,
].join('/');

export function cacheKey(article: Pick<Article, 'title' | 'text'>): string {
  return createHash('sha256')
    .update(`${TOKENISER_VERSION}\0${WINK_VERSIONS}\0${paragraphsOf(article).join('\n')}`)
    .digest('hex');
}

export interface TokenCache {
  get(key: string): Tokens | null;
  put(key: string, tokens: Tokens): void;
  readonly hits: number;
  readonly misses: number;
}

/**
 * A cache in `folder`, or one that never remembers anything when `folder` is
 * null (`--no-cache`). `writer` tells apart the temporary files of threads
 * that may write the same entry at once.
 */
export function openTokenCache(folder: string | null, writer = String(process.pid)): TokenCache {
  let hits = 0;
  let misses = 0;
  const made = new Set<string>();
  const fileOf = (key: string) => path.join(folder!, key.slice(0, 2), `${key}.tok`);
  return {
    get(key) {
      if (folder) {
        let tokens: Tokens | null = null;
        try {
          tokens = decodeTokens(readFileSync(fileOf(key)));
        } catch {
          // Missing or unreadable: tokenised again and overwritten.
        }
        if (tokens) {
          hits += 1;
          return tokens;
        }
      }
      misses += 1;
      return null;
    },
    put(key, tokens) {
      if (!folder) return;
      const file = fileOf(key);
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      const temp = `${file}.tmp-${writer}`;
      writeFileSync(temp, encodeTokens(tokens));
      renameSync(temp, file);
    },
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
  };
}

export function clearTokenCache(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

/** How many entries the cache holds, and their size on disk. */
export function cacheSize(folder: string): { entries: number; bytes: number } {
  let entries = 0;
  let bytes = 0;
  let shards: string[];
  try {
    shards = readdirSync(folder);
  } catch {
    return { entries, bytes };
  }
  for (const shard of shards) {
    for (const name of readdirSync(path.join(folder, shard))) {
      if (name.includes('.tmp-')) continue;
      entries += 1;
      bytes += statSync(path.join(folder, shard, name)).size;
    }
  }
  return { entries, bytes };
}

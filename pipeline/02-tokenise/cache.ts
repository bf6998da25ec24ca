// Tokenised articles cached by content, so that re-running after a lexicon
// edit does not tokenise again. The key covers everything the tokens depend
// on: the text, this tokeniser's version and wink-nlp's and its model's.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Article, Tokens } from '../types.ts';
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

/** A cache in `folder`, or one that never remembers anything when `folder` is null (`--no-cache`). */
export function openTokenCache(folder: string | null): TokenCache {
  let hits = 0;
  let misses = 0;
  const fileOf = (key: string) => path.join(folder!, key.slice(0, 2), `${key}.json`);
  return {
    get(key) {
      if (folder) {
        try {
          const tokens = JSON.parse(readFileSync(fileOf(key), 'utf8')) as Tokens;
          hits += 1;
          return tokens;
        } catch {
          // Missing or unreadable: tokenise again and overwrite.
        }
      }
      misses += 1;
      return null;
    },
    put(key, tokens) {
      if (!folder) return;
      const file = fileOf(key);
      mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.tmp-${process.pid}`;
      writeFileSync(temp, JSON.stringify(tokens));
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

// The token cache's compact form of one article: what wink-nlp gave and no
// more. The folded forms (norm, lemmaNorm) are made again on decoding by
// foldWord, so an entry never holds what this toolkit's own code derives.
// Words (value, lemma) are ids into a table of the article's distinct words;
// tags (preceding spaces, part of speech, token type), which take a few dozen
// values, are ids into a table of their own, a byte each.
//   header   u32 × 7: magic, tokens n, sentences s, word id width (2 or 4 bytes),
//            tag id width (1 or 2), word-table bytes, tag-table bytes
//   words    2 columns × n: value, lemma
//   starts   u32 × s: first token of each sentence
//   tags     3 columns × n: pre, pos, type
//   flags    u8 × n: bit 0 negated, bit 1 stop word
//   tables   the word table, then the tag table, each a JSON array
import { foldWord } from '../text.ts';
import type { Tokens } from '../types.ts';

const MAGIC = 0x46544332; // "FTC2"; "FTC1" entries also kept the folded forms
const HEADER = 7 * 4;
const TAGS = ['pre', 'pos', 'type'] as const;

/** Distinct strings in the order first met, and the id of each. */
class StringTable {
  readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();

  idOf(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(text, id);
      this.strings.push(text);
    }
    return id;
  }
}

type IdArray = Uint8Array | Uint16Array | Uint32Array;
const ID_ARRAYS = { 1: Uint8Array, 2: Uint16Array, 4: Uint32Array } as const;
type Width = keyof typeof ID_ARRAYS;

const narrowed = (ids: Uint32Array, width: Width): IdArray => (width === 4 ? ids : ID_ARRAYS[width].from(ids));
const bytesOf = (ids: IdArray) => Buffer.from(ids.buffer, ids.byteOffset, ids.byteLength);

export function encodeTokens(tokens: Tokens): Buffer {
  const n = tokens.value.length;
  const s = tokens.sentenceStarts.length;
  const { value, lemma } = tokens;
  const words = new StringTable();
  const wordIds = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const id = words.idOf(value[i]!);
    wordIds[i] = id;
    // A word is most often its own lemma: reusing its id skips a lookup.
    wordIds[n + i] = lemma[i] === value[i] ? id : words.idOf(lemma[i]!);
  }
  const tags = new StringTable();
  const tagIds = new Uint32Array(TAGS.length * n);
  TAGS.forEach((column, c) => {
    const values = tokens[column];
    for (let i = 0; i < n; i++) tagIds[c * n + i] = tags.idOf(values[i]!);
  });
  const wordWidth = words.strings.length <= 0xffff ? 2 : 4;
  const tagWidth = tags.strings.length <= 0xff ? 1 : 2;
  const wordBytes = bytesOf(narrowed(wordIds, wordWidth));
  const tagBytes = bytesOf(narrowed(tagIds, tagWidth));
  const wordTable = Buffer.from(JSON.stringify(words.strings));
  const tagTable = Buffer.from(JSON.stringify(tags.strings));
  // Keeps the u32 sentence starts 4-byte aligned after u16 ids; the tags then start aligned too.
  const pad = wordBytes.length % 4;
  const buffer = Buffer.alloc(HEADER + wordBytes.length + pad + 4 * s + tagBytes.length + n + wordTable.length + tagTable.length);
  [MAGIC, n, s, wordWidth, tagWidth, wordTable.length, tagTable.length].forEach((field, k) => buffer.writeUInt32LE(field, 4 * k));
  let at = HEADER;
  at += wordBytes.copy(buffer, at) + pad;
  at += bytesOf(Uint32Array.from(tokens.sentenceStarts)).copy(buffer, at);
  at += tagBytes.copy(buffer, at);
  for (let i = 0; i < n; i++) buffer[at++] = (tokens.negated[i] ? 1 : 0) | (tokens.stop[i] ? 2 : 0);
  at += wordTable.copy(buffer, at);
  tagTable.copy(buffer, at);
  return buffer;
}

/** Decodes an entry; null when it is not one (an older or damaged file), so that it is tokenised again. */
export function decodeTokens(data: Buffer): Tokens | null {
  if (data.length < HEADER || data.readUInt32LE(0) !== MAGIC) return null;
  // Typed-array views need aligned offsets; a buffer from a pool may not start aligned.
  const buffer = data.byteOffset % 4 === 0 ? data : Buffer.from(data);
  const [n, s, wordWidth, tagWidth, wordTableBytes, tagTableBytes] = [1, 2, 3, 4, 5, 6].map((k) => buffer.readUInt32LE(4 * k)) as [number, number, number, number, number, number];
  if ((wordWidth !== 2 && wordWidth !== 4) || (tagWidth !== 1 && tagWidth !== 2)) return null;
  const wordBytes = 2 * n * wordWidth;
  const startsAt = HEADER + wordBytes + (wordBytes % 4);
  const tagsAt = startsAt + 4 * s;
  const flagsAt = tagsAt + TAGS.length * n * tagWidth;
  const tablesAt = flagsAt + n;
  if (buffer.length !== tablesAt + wordTableBytes + tagTableBytes) return null;
  const wordIds = new ID_ARRAYS[wordWidth](buffer.buffer as ArrayBuffer, buffer.byteOffset + HEADER, 2 * n);
  const tagIds = new ID_ARRAYS[tagWidth](buffer.buffer as ArrayBuffer, buffer.byteOffset + tagsAt, TAGS.length * n);
  const sentenceStarts = Array.from(new Uint32Array(buffer.buffer, buffer.byteOffset + startsAt, s));
  const words = JSON.parse(buffer.toString('utf8', tablesAt, tablesAt + wordTableBytes)) as string[];
  const tags = JSON.parse(buffer.toString('utf8', tablesAt + wordTableBytes, tablesAt + wordTableBytes + tagTableBytes)) as string[];
  const folded = words.map(foldWord);
  const tokens: Tokens = {
    value: new Array<string>(n), pre: new Array<string>(n), lemma: new Array<string>(n), norm: new Array<string>(n),
    lemmaNorm: new Array<string>(n), pos: new Array<string>(n), type: new Array<string>(n),
    negated: new Array<boolean>(n), stop: new Array<boolean>(n), sentenceStarts,
  };
  for (let i = 0; i < n; i++) {
    const word = wordIds[i]!;
    const lemma = wordIds[n + i]!;
    tokens.value[i] = words[word]!;
    tokens.norm[i] = folded[word]!;
    tokens.lemma[i] = words[lemma]!;
    tokens.lemmaNorm[i] = folded[lemma]!;
    tokens.pre[i] = tags[tagIds[i]!]!;
    tokens.pos[i] = tags[tagIds[n + i]!]!;
    tokens.type[i] = tags[tagIds[2 * n + i]!]!;
    const flags = buffer[flagsAt + i]!;
    tokens.negated[i] = (flags & 1) !== 0;
    tokens.stop[i] = (flags & 2) !== 0;
  }
  return tokens;
}

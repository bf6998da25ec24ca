// The token cache's compact form of one article: every distinct string once
// (a JSON array), and per token small integer ids into it, in typed arrays.
//   header   u32 × 5: magic, tokens n, sentences s, id width (2 or 4 bytes), string-table bytes
//   ids      7 columns × n: value, pre, lemma, norm, lemmaNorm, pos, type
//   starts   u32 × s: first token of each sentence
//   flags    u8 × n: bit 0 negated, bit 1 stop word
//   strings  the JSON array
import type { Tokens } from '../types.ts';

const MAGIC = 0x46544331; // "FTC1"
const HEADER = 5 * 4;
const COLUMNS = ['value', 'pre', 'lemma', 'norm', 'lemmaNorm', 'pos', 'type'] as const;

export function encodeTokens(tokens: Tokens): Buffer {
  const n = tokens.value.length;
  const s = tokens.sentenceStarts.length;
  const index = new Map<string, number>();
  const strings: string[] = [];
  const idOf = (text: string) => {
    let id = index.get(text);
    if (id === undefined) {
      id = strings.length;
      index.set(text, id);
      strings.push(text);
    }
    return id;
  };
  const ids = new Uint32Array(COLUMNS.length * n);
  // A column usually repeats another column's string for the same token (a word is
  // its own lemma, a lower-case word its own folded form): reusing that id skips a lookup.
  const same: Partial<Record<(typeof COLUMNS)[number], number>> = { lemma: 0, norm: 0, lemmaNorm: 2 };
  COLUMNS.forEach((column, c) => {
    const values = tokens[column];
    const other = same[column];
    const otherValues = other === undefined ? null : tokens[COLUMNS[other]!];
    for (let i = 0; i < n; i++) {
      const text = values[i]!;
      ids[c * n + i] = otherValues !== null && otherValues[i] === text ? ids[other! * n + i]! : idOf(text);
    }
  });
  const width = strings.length <= 0xffff ? 2 : 4;
  const idArray = width === 2 ? Uint16Array.from(ids) : ids;
  const table = Buffer.from(JSON.stringify(strings));
  const idBytes = idArray.byteLength;
  // Keeps the u32 sentence starts 4-byte aligned after u16 ids.
  const pad = idBytes % 4;
  const buffer = Buffer.alloc(HEADER + idBytes + pad + 4 * s + n + table.length);
  buffer.writeUInt32LE(MAGIC, 0);
  buffer.writeUInt32LE(n, 4);
  buffer.writeUInt32LE(s, 8);
  buffer.writeUInt32LE(width, 12);
  buffer.writeUInt32LE(table.length, 16);
  Buffer.from(idArray.buffer, idArray.byteOffset, idBytes).copy(buffer, HEADER);
  let at = HEADER + idBytes + pad;
  Buffer.from(Uint32Array.from(tokens.sentenceStarts).buffer).copy(buffer, at);
  at += 4 * s;
  for (let i = 0; i < n; i++) buffer[at++] = (tokens.negated[i] ? 1 : 0) | (tokens.stop[i] ? 2 : 0);
  table.copy(buffer, at);
  return buffer;
}

/** Decodes an entry; null when it is not one (an older or damaged file), so that it is tokenised again. */
export function decodeTokens(data: Buffer): Tokens | null {
  if (data.length < HEADER || data.readUInt32LE(0) !== MAGIC) return null;
  // Typed-array views need aligned offsets; a buffer from a pool may not start aligned.
  const buffer = data.byteOffset % 4 === 0 ? data : Buffer.from(data);
  const n = buffer.readUInt32LE(4);
  const s = buffer.readUInt32LE(8);
  const width = buffer.readUInt32LE(12);
  const tableBytes = buffer.readUInt32LE(16);
  const idBytes = COLUMNS.length * n * width;
  const pad = idBytes % 4;
  if (buffer.length !== HEADER + idBytes + pad + 4 * s + n + tableBytes) return null;
  const Ids = width === 2 ? Uint16Array : Uint32Array;
  const ids = new Ids(buffer.buffer as ArrayBuffer, buffer.byteOffset + HEADER, COLUMNS.length * n);
  const startsAt = HEADER + idBytes + pad;
  const sentenceStarts = Array.from(new Uint32Array(buffer.buffer, buffer.byteOffset + startsAt, s));
  const flagsAt = startsAt + 4 * s;
  const strings = JSON.parse(buffer.toString('utf8', flagsAt + n, flagsAt + n + tableBytes)) as string[];
  const column = (c: number) => {
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = strings[ids[c * n + i]!]!;
    return out;
  };
  const negated = new Array<boolean>(n);
  const stop = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const flags = buffer[flagsAt + i]!;
    negated[i] = (flags & 1) !== 0;
    stop[i] = (flags & 2) !== 0;
  }
  return {
    value: column(0), pre: column(1), lemma: column(2), norm: column(3), lemmaNorm: column(4), pos: column(5), type: column(6),
    negated, stop, sentenceStarts,
  };
}

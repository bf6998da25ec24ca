// Writing files, for every stage: atomically (a temporary file, then a
// rename), so that a failed run never leaves a half-written report or cache
// file behind; and in chunks, a megabyte a write, since a write costs more than
// a line.
import { mkdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Text gathered into chunks of about a million characters, so that a file
 * gets one write per chunk rather than one per line: a write costs more than
 * a line.
 */
export class TextChunks {
  private parts: string[] = [];
  private length = 0;
  /** Adds `text`; true once the chunk is full and should be taken. */
  add(text: string): boolean {
    this.parts.push(text);
    this.length += text.length;
    return this.length >= 1 << 20;
  }
  /** The text gathered so far ('' for none), leaving an empty chunk. */
  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.length = 0;
    return text;
  }
}

/**
 * Bytes appended to an open file a megabyte a write, the way TextChunks
 * gathers text: a write costs more than a row. A piece larger than that goes
 * straight through.
 */
export class ByteChunks {
  private readonly buffer = Buffer.alloc(1 << 20);
  private filled = 0;
  constructor(private readonly fd: number) {}

  add(bytes: Uint8Array): void {
    if (this.filled + bytes.length > this.buffer.length) this.flush();
    if (bytes.length > this.buffer.length) writeSync(this.fd, bytes);
    else {
      this.buffer.set(bytes, this.filled);
      this.filled += bytes.length;
    }
  }

  /** Writes what is gathered; call before closing the file. */
  flush(): void {
    writeSync(this.fd, this.buffer, 0, this.filled);
    this.filled = 0;
  }
}

/**
 * The temporary file that `file` is written to before it is renamed into
 * place: named after this process, so that writers never share one, and so
 * that a file left by a process that stopped can be told (memory.ts).
 */
export const temporaryFor = (file: string): string => `${file}.tmp-${process.pid}`;

export function writeAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = temporaryFor(file);
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

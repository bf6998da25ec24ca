// Writing files, for every stage: atomically (a temporary file, then a
// rename), so that a failed run never leaves a half-written report or cache
// file behind; in chunks, a megabyte a write, since a write costs more than
// a line; and reports only where their content changes.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
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

/** Finishes `file`'s temporary file with `finish` and renames it into place; on failure, removes it. */
function putInPlace(file: string, finish: (temp: string) => void): void {
  const temp = temporaryFor(file);
  try {
    finish(temp);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

export function writeAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  putInPlace(file, (temp) => writeFileSync(temp, content));
}

/** The file a FileUpdate may leave as it is: open for reading, and the part of it read last. */
interface OldFile {
  fd: number;
  size: number;
  window: Buffer;
  windowAt: number;
  windowLength: number;
}

function openOld(file: string): OldFile | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    return null;
  }
  return { fd, size: stat.size, window: Buffer.alloc(Math.min(1 << 20, stat.size)), windowAt: 0, windowLength: 0 };
}

/**
 * A file written in pieces, atomically, and only if its content changes.
 * While the pieces match the file already there they are only compared with
 * it, a megabyte a read (reading costs less than writing); at the first
 * difference the part that matched is copied into the temporary file and
 * writing goes on from there. A file that comes out the same is not touched,
 * so that a spreadsheet or a file watcher holding it sees no change.
 */
export class FileUpdate {
  private old: OldFile | null;
  /** Bytes of the old file that the pieces so far match. */
  private matched = 0;
  private writing: { fd: number; chunks: ByteChunks } | null = null;
  private settled = false;

  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.old = openOld(file);
  }

  add(bytes: Uint8Array): void {
    if (this.writing === null && this.matches(bytes)) this.matched += bytes.length;
    else this.writer().chunks.add(bytes);
  }

  /** Puts the file in place; true if it was written, false if it was already so. */
  close(): boolean {
    const changed = this.writing !== null || this.old === null || this.matched !== this.old.size;
    if (changed) {
      const { fd, chunks } = this.writer();
      chunks.flush();
      this.writing = null;
      putInPlace(this.file, () => closeSync(fd));
    }
    this.discard();
    return changed;
  }

  /** Drops what was written (also after close(): then nothing is left to drop). */
  discard(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.old) closeSync(this.old.fd);
    if (this.writing) {
      closeSync(this.writing.fd);
      rmSync(temporaryFor(this.file), { force: true });
    }
  }

  private matches(bytes: Uint8Array): boolean {
    const old = this.old;
    if (old === null || this.matched + bytes.length > old.size) return false;
    for (let at = 0; at < bytes.length; ) {
      const position = this.matched + at;
      if (position >= old.windowAt + old.windowLength) {
        old.windowAt = position;
        old.windowLength = readSync(old.fd, old.window, 0, old.window.length, position);
        if (old.windowLength === 0) return false;
      }
      const from = position - old.windowAt;
      const length = Math.min(bytes.length - at, old.windowLength - from);
      if (!old.window.subarray(from, from + length).equals(bytes.subarray(at, at + length))) return false;
      at += length;
    }
    return true;
  }

  /** The temporary file, opened at the first difference with the old file's matching part in it. */
  private writer(): { fd: number; chunks: ByteChunks } {
    if (this.writing) return this.writing;
    const fd = openSync(temporaryFor(this.file), 'w');
    this.writing = { fd, chunks: new ByteChunks(fd) };
    const old = this.old;
    for (let position = 0; old !== null && position < this.matched; ) {
      const length = readSync(old.fd, old.window, 0, Math.min(old.window.length, this.matched - position), position);
      if (length === 0) throw new Error(`${this.file} was cut short by another program while this run read it`);
      this.writing.chunks.add(old.window.subarray(0, length));
      position += length;
    }
    return this.writing;
  }
}

/** Writes `content` to `file` atomically unless the file holds it already; true if it was written. */
export function writeIfChanged(file: string, content: string | Uint8Array): boolean {
  const update = new FileUpdate(file);
  try {
    update.add(typeof content === 'string' ? Buffer.from(content) : content);
    return update.close();
  } finally {
    update.discard();
  }
}

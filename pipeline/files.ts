// Writing files, for every stage: atomically (a temporary file, then a
// rename), so that a failed run never leaves a half-written report or cache
// file behind; in chunks, a megabyte a write, since a write costs more than
// a line; reports only where their content changes, and a run's reports all
// at once. A write that fails names its file, so that the message can say where.
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
 * The temporary file that `file` is written to before it is renamed into
 * place: named after this process, so that writers never share one, and so
 * that a file left by a process that stopped can be told (memory.ts).
 */
export const temporaryFor = (file: string): string => `${file}.tmp-${process.pid}`;

/**
 * Files this process is writing that a run stopped by a signal would leave
 * behind, since its finally blocks never run: temporary files, the report spill.
 */
export const unfinishedFiles = new Set<string>();

/** Removes a file (or a temporary folder) that was being written (dropped, or its writing failed), and forgets it. */
export function removeUnfinished(file: string): void {
  rmSync(file, { force: true, recursive: true });
  unfinishedFiles.delete(file);
}

/** Removes the files being written: for a run stopped by a signal (main.ts). */
export function removeUnfinishedFiles(): void {
  for (const file of [...unfinishedFiles]) removeUnfinished(file);
}

/**
 * `e`, naming `file` if it is a system error that names none, or names its
 * temporary file: a write to an open file (a full disk) names no file at all.
 */
export function naming(file: string, e: unknown): unknown {
  const error = e as NodeJS.ErrnoException;
  if (e instanceof Error && error.code !== undefined && (error.path === undefined || error.path === temporaryFor(file))) error.path = file;
  return e;
}

/**
 * Bytes appended to an open file a megabyte a write, the way TextChunks
 * gathers text: a write costs more than a row. A piece larger than that goes
 * straight through. `file` is the name a failed write gives.
 */
export class ByteChunks {
  private readonly buffer = Buffer.alloc(1 << 20);
  private filled = 0;
  constructor(
    private readonly fd: number,
    private readonly file: string,
  ) {}

  add(bytes: Uint8Array): void {
    if (this.filled + bytes.length > this.buffer.length) this.flush();
    if (bytes.length > this.buffer.length) this.write(bytes, bytes.length);
    else {
      this.buffer.set(bytes, this.filled);
      this.filled += bytes.length;
    }
  }

  /** Writes what is gathered; call before closing the file. */
  flush(): void {
    this.write(this.buffer, this.filled);
    this.filled = 0;
  }

  private write(bytes: Uint8Array, length: number): void {
    try {
      writeSync(this.fd, bytes, 0, length);
    } catch (e) {
      throw naming(this.file, e);
    }
  }
}

/** Finishes `file`'s temporary file with `finish` and renames it into place; on failure, removes it. */
function putInPlace(file: string, finish: (temp: string) => void): void {
  const temp = temporaryFor(file);
  unfinishedFiles.add(temp);
  try {
    finish(temp);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw naming(file, e);
  } finally {
    unfinishedFiles.delete(temp);
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

/** The file there now, if any; a folder in its way fails at once, before any file of a FileUpdates is put in place. */
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
    if (stat.isDirectory()) throw Object.assign(new Error(`EISDIR: a folder is in the way of the file ${file}`), { code: 'EISDIR', path: file });
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
  /** The temporary file while it is written, from the first difference on. */
  private writing: { fd: number; chunks: ByteChunks } | null = null;
  /** Whether the content changed, once finish() has run (and completed the temporary file if so). */
  private finished: boolean | null = null;
  private settled = false;

  constructor(readonly file: string) {
    this.old = openOld(file);
  }

  add(bytes: Uint8Array): void {
    if (this.writing === null && this.matches(bytes)) this.matched += bytes.length;
    else this.writer().chunks.add(bytes);
  }

  /**
   * Completes the temporary file if the content changed; true if so. Nothing
   * is in place before commit(), so that files updated together (FileUpdates)
   * are put in place only once all of them are complete; meanwhile a finished
   * update holds no file open and no buffer.
   */
  finish(): boolean {
    if (this.finished === null) {
      const changed = this.writing !== null || this.old === null || this.matched !== this.old.size;
      if (changed) {
        const { fd, chunks } = this.writer();
        chunks.flush();
        closeSync(fd);
        this.writing = null;
      }
      if (this.old) closeSync(this.old.fd);
      this.old = null;
      this.finished = changed;
    }
    return this.finished;
  }

  /** Puts the finished file in place, if it changed; then there is nothing left to discard. */
  commit(): void {
    if (this.settled) return;
    try {
      if (this.finish()) renameSync(temporaryFor(this.file), this.file);
    } catch (e) {
      throw naming(this.file, e);
    }
    unfinishedFiles.delete(temporaryFor(this.file));
    this.settled = true;
  }

  /** Drops what was written (also after commit(): then nothing is left to drop). */
  discard(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.old) closeSync(this.old.fd);
    if (this.writing) closeSync(this.writing.fd);
    if (this.writing || this.finished) removeUnfinished(temporaryFor(this.file));
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
    let fd: number;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      fd = openSync(temporaryFor(this.file), 'w');
      unfinishedFiles.add(temporaryFor(this.file));
    } catch (e) {
      throw naming(this.file, e);
    }
    this.writing = { fd, chunks: new ByteChunks(fd, this.file) };
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

/**
 * The error that says another program holds `file` locked, or null: on
 * Windows a spreadsheet showing a report denies others the right to write it,
 * and renaming onto it fails (libuv's EBUSY, a sharing violation). Elsewhere
 * opening it never fails so, and a file that is missing, or that this run may
 * not write, is left to the rename, which may still replace it.
 */
function heldLocked(file: string): NodeJS.ErrnoException | null {
  try {
    closeSync(openSync(file, 'r+'));
    return null;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EBUSY' ? (e as NodeJS.ErrnoException) : null;
  }
}

/**
 * Files updated together, such as a run's reports: each is written to its
 * temporary file, and none is put in place before every one is complete, so
 * that a run that fails on the way (a full disk) leaves all of them as they were.
 */
export class FileUpdates {
  private readonly updates = new Map<string, FileUpdate>();
  constructor(private readonly folder: string) {}

  /** The update of the file `name` (a path relative to the folder). */
  open(name: string): FileUpdate {
    const update = new FileUpdate(path.join(this.folder, name));
    this.updates.set(name, update);
    return update;
  }

  /**
   * Completes every file, then puts those that changed in place; whether each
   * changed, by name. A file another program holds locked is found before any
   * is put in place, so that the files stay as they were rather than part new.
   */
  commit(lockedBy: (file: string) => NodeJS.ErrnoException | null = heldLocked): Map<string, boolean> {
    const changed = new Map([...this.updates].map(([name, update]) => [name, update.finish()]));
    for (const [name, update] of this.updates) {
      const locked = changed.get(name) ? lockedBy(update.file) : null;
      if (locked) throw naming(update.file, locked);
    }
    for (const update of this.updates.values()) update.commit();
    return changed;
  }

  /** Drops every file not yet in place. */
  discard(): void {
    for (const update of this.updates.values()) update.discard();
  }
}

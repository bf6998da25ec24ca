// JSONL files written through a temporary file, renamed into place only when
// complete, in chunks of about a megabyte.
import { once } from 'node:events';
import { createWriteStream, mkdirSync, openSync, renameSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { naming, removeUnfinished, temporaryFor, TextChunks, unfinishedFiles } from '../files.ts';

/** A JSONL file written through a temporary file, renamed into place only when complete. */
export class JsonlWriter {
  private readonly temp: string;
  private readonly stream: WriteStream;
  private readonly chunks = new TextChunks();
  /** A write that failed after write() returned (a full disk): the next write or close() throws it. */
  private failure: unknown = null;
  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.temp = temporaryFor(file);
    // Opened here, not by the stream later: the file is there from now on, for a signal to find (unfinishedFiles).
    let fd: number;
    try {
      fd = openSync(this.temp, 'w');
    } catch (e) {
      throw naming(file, e);
    }
    this.stream = createWriteStream(this.temp, { fd });
    unfinishedFiles.add(this.temp);
    this.stream.on('error', (e) => (this.failure ??= e));
  }
  async write(record: unknown): Promise<void> {
    await this.writeLine(JSON.stringify(record));
  }
  async writeLine(line: string): Promise<void> {
    if (this.chunks.add(`${line}\n`)) await this.flush();
  }
  private async flush(): Promise<void> {
    this.check();
    const chunk = this.chunks.take();
    if (chunk !== '' && !this.stream.write(chunk)) await this.settled(once(this.stream, 'drain'));
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await this.settled(once(this.stream, 'finish'));
    renameSync(this.temp, this.file);
    unfinishedFiles.delete(this.temp);
  }
  /** Throws the error of a failed write, naming the file. */
  private check(): void {
    if (this.failure !== null) throw naming(this.file, this.failure);
  }
  private async settled(event: Promise<unknown>): Promise<void> {
    try {
      await event;
    } catch (e) {
      this.failure ??= e;
    }
    this.check();
  }
  /** Drops what was written: a failed run leaves the previous file, or none. */
  abort(): void {
    this.stream.destroy();
    removeUnfinished(this.temp);
  }
}

/** Runs `body` with `writer`, which is closed when it succeeds and aborted when it fails. */
export async function writingTo<T>(writer: JsonlWriter, body: (w: JsonlWriter) => Promise<T>): Promise<T> {
  try {
    const result = await body(writer);
    await writer.close();
    return result;
  } catch (e) {
    writer.abort();
    throw e;
  }
}

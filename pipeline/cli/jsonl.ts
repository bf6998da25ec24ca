// JSONL files written through a temporary file, renamed into place only when
// complete, in chunks of about a megabyte.
import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { temporaryFor, TextChunks } from '../files.ts';

/** A JSONL file written through a temporary file, renamed into place only when complete. */
export class JsonlWriter {
  private readonly temp: string;
  private readonly stream: WriteStream;
  private readonly chunks = new TextChunks();
  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.temp = temporaryFor(file);
    this.stream = createWriteStream(this.temp);
  }
  async write(record: unknown): Promise<void> {
    await this.writeLine(JSON.stringify(record));
  }
  async writeLine(line: string): Promise<void> {
    if (this.chunks.add(`${line}\n`)) await this.flush();
  }
  private async flush(): Promise<void> {
    const chunk = this.chunks.take();
    if (chunk !== '' && !this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    renameSync(this.temp, this.file);
  }
  /** Drops what was written: a failed run leaves the previous file, or none. */
  abort(): void {
    // A write still under way fails once the stream is destroyed; that failure is this one's.
    this.stream.on('error', () => undefined);
    this.stream.destroy();
    rmSync(this.temp, { force: true });
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

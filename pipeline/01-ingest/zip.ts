// Exports in a zip archive, as data sets come from Kaggle, Zenodo or a
// newsroom's archive: read where they lie, entry by entry, as a folder of
// exports is read, without unzipping them to disk (containers.ts). yauzl
// reads the archive's directory and inflates one entry at a time as it is streamed.
// A zipped corpus folder alone is unzipped (extract), since its pages are read as files.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { InputError, problem } from '../messages.ts';
import { byText } from '../text.ts';
import type { Container } from './containers.ts';

/** A zip archive, by its name. */
export const ZIPPED = /\.zip$/i;

/** What a zip holds beside its files that is no file of its own: a folder, macOS's resource forks (__MACOSX/, ._name), hidden files. */
const NOT_CONTENT = /(?:^|\/)(?:__MACOSX\/|\.)|\/$/;

/**
 * An archive open for reading: the files it holds, in name order, with their
 * sizes unpacked, and each file's bytes as a stream. Closed by whoever opened it.
 */
export class ZipArchive implements Container {
  private constructor(
    readonly file: string,
    private readonly zip: yauzl.ZipFile,
    private readonly byName: Map<string, yauzl.Entry>,
  ) {}

  /** Opens `file`; one that is no zip or is damaged throws C050, naming it. */
  static async open(file: string): Promise<ZipArchive> {
    try {
      const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
      const byName = new Map<string, yauzl.Entry>();
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (entry: yauzl.Entry) => {
          if (!NOT_CONTENT.test(entry.fileName)) byName.set(entry.fileName, entry);
          zip.readEntry();
        });
        zip.on('end', resolve);
        zip.on('error', reject);
        zip.readEntry();
      });
      return new ZipArchive(file, zip, byName);
    } catch (e) {
      throw new InputError([problem('C050', 'error', file, (e as Error).message)]);
    }
  }

  /** The files it holds, folders apart, in name order, with their sizes unpacked. */
  files(): { name: string; size: number }[] {
    return [...this.byName.values()].map((entry) => ({ name: entry.fileName, size: entry.uncompressedSize })).sort((a, b) => byText(a.name, b.name));
  }

  /** A file's bytes, inflated as they are read; a damaged entry ends the stream with C050. */
  stream(name: string): Readable {
    const bytes = new PassThrough();
    const entry = this.byName.get(name);
    const fail = (e: Error) => bytes.destroy(new InputError([problem('C050', 'error', `${this.file}/${name}`, e.message)]));
    if (!entry) fail(new Error('no such file in the archive'));
    else {
      this.zip.openReadStream(entry, (error, stream) => {
        if (error) return fail(error);
        stream.on('error', fail);
        stream.pipe(bytes);
      });
    }
    return bytes;
  }

  /**
   * Writes the files under `folder` inside (a path ending in "/", or "" for
   * all) into `to`, by their paths below it. yauzl refuses an entry whose path
   * would lead out of `to` (absolute, or with "..") as it opens the archive.
   */
  async extract(folder: string, to: string): Promise<void> {
    for (const { name } of this.files()) {
      if (!name.startsWith(folder)) continue;
      const target = path.join(to, name.slice(folder.length));
      await mkdir(path.dirname(target), { recursive: true });
      await pipeline(this.stream(name), createWriteStream(target));
    }
  }

  close(): void {
    this.zip.close();
  }
}

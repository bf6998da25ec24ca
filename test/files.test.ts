// Reports written only where their content changes (FileUpdate): a re-run
// after a lexicon edit rewrites the reports the edit changes and leaves the
// rest untouched, while what ends up in every file is exactly what the run made.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonlWriter } from '../pipeline/cli/jsonl.ts';
import { DEFAULT_STATS } from '../pipeline/04-report/analysis.ts';
import { ReportBuilder } from '../pipeline/04-report/index.ts';
import { FileUpdate, FileUpdates, removeUnfinishedFiles, unfinishedFiles, writeAtomic } from '../pipeline/files.ts';
import { lexicon, tempDir } from './helpers.ts';
import { PLAIN_CSV } from '../pipeline/04-report/csv.ts';

const MB = 1 << 20;

/** Bytes that differ from one place to the next, so that a piece put in the wrong place shows. */
function pattern(length: number, seed = 0): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed * 7 + (i >>> 10)) & 0xff;
  return bytes;
}

function withChange(bytes: Buffer, at: number): Buffer {
  const changed = Buffer.from(bytes);
  changed[at] = changed[at]! ^ 0xff;
  return changed;
}

/** Writes `content` in pieces of `piece` bytes over `old` (null: no file); what finish() said, and the file after commit(). */
function update(old: Buffer | null, content: Buffer, piece: number): { changed: boolean; file: string; inodeKept: boolean } {
  const file = path.join(tempDir(), 'hits.csv');
  if (old) writeFileSync(file, old);
  const inode = old ? statSync(file).ino : -1;
  const writer = new FileUpdate(file);
  for (let at = 0; at < content.length; at += piece) writer.add(content.subarray(at, at + piece));
  const changed = writer.finish();
  writer.commit();
  return { changed, file, inodeKept: statSync(file).ino === inode };
}

describe('writing a report only if it changes', () => {
  const big = pattern(3 * MB + 123);
  // Pieces that straddle the megabyte the old file is read in, and changes on either side of it.
  it.each([
    ['no file yet', null, big, 700_000, true],
    ['the same content, in pieces across read windows', big, big, 700_000, false],
    ['the same content, in one piece larger than a window', big, big, big.length, false],
    ['the same content, a byte a piece', pattern(5000), pattern(5000), 1, false],
    ['a byte changed just past the first window', big, withChange(big, MB + 5), 700_000, true],
    ['a byte changed in the last piece', big, withChange(big, big.length - 1), 700_000, true],
    ['a byte changed in the first piece', big, withChange(big, 0), 4096, true],
    ['the old file longer (the new content is its start)', big, big.subarray(0, 2 * MB), 700_000, true],
    ['the old file shorter (it is the new content’s start)', big.subarray(0, 2 * MB), big, 700_000, true],
    ['an empty old file', Buffer.alloc(0), pattern(10), 3, true],
    ['empty content over an empty file', Buffer.alloc(0), Buffer.alloc(0), 1, false],
  ] as const)('%s', (_name, old, content, piece, written) => {
    const { changed, file, inodeKept } = update(old, content, piece);
    expect(changed).toBe(written);
    expect(inodeKept).toBe(!written);
    expect(readFileSync(file).equals(content)).toBe(true);
    expect(readdirSync(path.dirname(file))).toEqual(['hits.csv']);
  });

  it('leaves the old file and no temporary file behind when the writing is dropped', () => {
    const dir = tempDir();
    const file = path.join(dir, 'hits.csv');
    writeFileSync(file, big);
    const writer = new FileUpdate(file);
    writer.add(big.subarray(0, MB));
    writer.add(pattern(10, 3));
    writer.discard();
    expect(readFileSync(file).equals(big)).toBe(true);
    expect(readdirSync(dir)).toEqual(['hits.csv']);
  });

  it('writes a file in place of a folder of that name only by failing, leaving the folder', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'hits.csv'));
    expect(() => new FileUpdate(path.join(dir, 'hits.csv'))).toThrow(expect.objectContaining({ code: 'EISDIR', path: path.join(dir, 'hits.csv') }));
    expect(statSync(path.join(dir, 'hits.csv')).isDirectory()).toBe(true);
    expect(existsSync(path.join(dir, `hits.csv.tmp-${process.pid}`))).toBe(false);
  });

  it('ends with exactly the new content, written or not, however both are cut into pieces', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (start, rest, pieces, oldExists) => {
          const content = Buffer.concat([start, rest]);
          const old = oldExists ? Buffer.concat([start, Buffer.from(rest).reverse()]) : null;
          const file = path.join(tempDir(), 'r.csv');
          if (old) writeFileSync(file, old);
          const writer = new FileUpdate(file);
          for (let at = 0, k = 0; at < content.length; k++) {
            const length = pieces[k % pieces.length]!;
            writer.add(content.subarray(at, at + length));
            at += length;
          }
          expect(writer.finish()).toBe(old === null || !old.equals(content));
          writer.commit();
          expect(readFileSync(file).equals(content)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('files written together (a run’s reports)', () => {
  /** A folder with a.csv and b.csv as they were before, and updates of both with new content. */
  function twoUpdates(): { dir: string; updates: FileUpdates } {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.csv'), 'old a\n');
    writeFileSync(path.join(dir, 'b.csv'), 'old b\n');
    const updates = new FileUpdates(dir);
    updates.open('a.csv').add(Buffer.from('new a\n'));
    updates.open('b.csv').add(Buffer.from('old b\n'));
    return { dir, updates };
  }

  it('puts every changed file in place at commit, and says which changed', () => {
    const { dir, updates } = twoUpdates();
    updates.open('outlets/c.csv').add(Buffer.from('new c\n'));
    expect(readFileSync(path.join(dir, 'a.csv'), 'utf8')).toBe('old a\n');
    expect(updates.commit()).toEqual(new Map([['a.csv', true], ['b.csv', false], ['outlets/c.csv', true]]));
    expect(readFileSync(path.join(dir, 'a.csv'), 'utf8')).toBe('new a\n');
    expect(readFileSync(path.join(dir, 'outlets/c.csv'), 'utf8')).toBe('new c\n');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv', 'outlets']);
  });

  it('leaves every file as it was when one fails before all are complete (a folder in the way)', () => {
    const { dir, updates } = twoUpdates();
    mkdirSync(path.join(dir, 'c.csv'));
    expect(() => updates.open('c.csv')).toThrow(expect.objectContaining({ code: 'EISDIR', path: path.join(dir, 'c.csv') }));
    updates.discard();
    expect(readFileSync(path.join(dir, 'a.csv'), 'utf8')).toBe('old a\n');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv', 'c.csv']);
  });

  it('leaves every file as it was when another program holds one locked (a report open in a spreadsheet on Windows), the error naming it', () => {
    const { dir, updates } = twoUpdates();
    writeFileSync(path.join(dir, 'c.csv'), 'old c\n');
    updates.open('c.csv').add(Buffer.from('new c\n'));
    const probed: string[] = [];
    const lockedBy = (file: string) => {
      probed.push(path.basename(file));
      return file.endsWith('c.csv') ? Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' }) : null;
    };
    expect(() => updates.commit(lockedBy)).toThrow(expect.objectContaining({ code: 'EBUSY', path: path.join(dir, 'c.csv') }));
    updates.discard();
    // The unchanged b.csv is not replaced, so its lock does not matter.
    expect(probed).toEqual(['a.csv', 'c.csv']);
    expect(readFileSync(path.join(dir, 'a.csv'), 'utf8')).toBe('old a\n');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv', 'c.csv']);
  });

  // Writes to /dev/full fail as a full disk's do; a temporary file linked there stands for one.
  it.runIf(existsSync('/dev/full'))('leaves every file as it was when the disk fills up, the error naming the file', () => {
    const { dir, updates } = twoUpdates();
    symlinkSync('/dev/full', path.join(dir, `c.csv.tmp-${process.pid}`));
    updates.open('c.csv').add(Buffer.from('new c\n'));
    expect(() => updates.commit()).toThrow(expect.objectContaining({ code: 'ENOSPC', path: path.join(dir, 'c.csv') }));
    updates.discard();
    expect(readFileSync(path.join(dir, 'a.csv'), 'utf8')).toBe('old a\n');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv']);
  });

  it.runIf(existsSync('/dev/full'))('a JSONL file: a write that fails after write() returned fails close(), naming the file, and abort() leaves nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'articles.jsonl');
    symlinkSync('/dev/full', `${file}.tmp-${process.pid}`);
    const writer = new JsonlWriter(file);
    await writer.write({ id: 1 });
    await expect(writer.close()).rejects.toMatchObject({ code: 'ENOSPC', path: file });
    writer.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a file written at once (writeAtomic)', () => {
  // Nothing can be made in /proc: the temporary file is never there, and removing it must not take the error's place.
  it.runIf(existsSync('/proc/self'))('names the file it was writing when even its temporary file cannot be made, not that temporary file', () => {
    expect(() => writeAtomic('/proc/framing-report.csv', 'x')).toThrow(expect.objectContaining({ code: 'ENOENT', path: '/proc/framing-report.csv' }));
  });
});

describe('files a run stopped by a signal leaves behind', () => {
  // The signal handler (main.ts) removes what removeUnfinishedFiles finds; finally blocks never run.
  it('are the temporary files being written, and no longer once they are in place or dropped', async () => {
    const dir = tempDir();
    const update = new FileUpdate(path.join(dir, 'hits.csv'));
    update.add(Buffer.from('a,b\n'));
    const jsonl = new JsonlWriter(path.join(dir, 'articles.jsonl'));
    await jsonl.write({ id: 1 });
    const builder = new ReportBuilder({ lexicons: [lexicon('frame,pole,term\nf,p,regime\n')], actors: [] }, { stats: { ...DEFAULT_STATS, resamples: 0 }, work: dir, bootstrapHere: true, csv: PLAIN_CSV });
    expect(readdirSync(dir).sort()).toEqual([`articles.jsonl.tmp-${process.pid}`, `hits.csv.tmp-${process.pid}`, `report-rows.spill-${process.pid}`]);
    removeUnfinishedFiles();
    expect(readdirSync(dir)).toEqual([]);
    builder.discard();
    jsonl.abort();
    update.discard();

    const done = new FileUpdate(path.join(dir, 'hits.csv'));
    done.add(Buffer.from('a,b\n'));
    done.finish();
    done.commit();
    const closed = new JsonlWriter(path.join(dir, 'articles.jsonl'));
    await closed.close();
    expect(unfinishedFiles).toEqual(new Set());
  });
});

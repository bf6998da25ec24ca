// One run at a time per work folder. Two at once would append to the same
// rows file of the run memory, delete each other's stage files and clear each
// other's cache. The lock is a file naming the running process; a lock left by
// a process that no longer runs (killed, crashed, the machine restarted) is
// taken over, so nobody ever has to delete it by hand.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { InputError, problem } from '../messages.ts';
import type { Options } from './options.ts';

export const LOCK_FILE = 'run.lock';

/** Whether process `pid` is running (on this machine). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(lock: string): number | null {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Takes the work folder's lock, or throws W001 naming the process holding it
 * (this process too: a second run inside one process is just as concurrent).
 * Returns what releases it.
 */
export function lockWorkFolder(work: string): () => void {
  mkdirSync(work, { recursive: true });
  const lock = path.join(work, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = holderOf(lock);
      if ((holder !== null && processRuns(holder)) || attempt > 0) {
        throw new InputError([problem('W001', 'error', work, holder === null ? 'a process that is starting' : `process ${holder}`, lock)]);
      }
      rmSync(lock, { force: true });
    }
  }
}

/** A stage that holds its work folder's lock while it runs. */
export function holdingWorkFolder<O extends Pick<Options, 'work'>, C>(stage: (options: O, out: C) => Promise<void>) {
  return async (options: O, out: C): Promise<void> => {
    const release = lockWorkFolder(options.work);
    try {
      await stage(options, out);
    } finally {
      release();
    }
  };
}

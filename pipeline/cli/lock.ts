// One run at a time per work folder. Two at once would append to the same
// rows file of the run memory, delete each other's stage files and clear each
// other's cache. The lock is a file naming the running process; a lock left by
// a process that no longer runs (killed, crashed, the machine or container
// restarted) is taken over, so nobody ever has to delete it by hand.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { naming } from '../files.ts';
import { InputError, problem } from '../messages.ts';
import type { Options } from './options.ts';

export const LOCK_FILE = 'run.lock';

/**
 * Whether the process that wrote a file named with `pid` is another run still
 * going: a file named after this very process was left before a container
 * restarted, since this run has not written it yet.
 */
export function writtenByRunningProcess(pid: number): boolean {
  return pid > 0 && pid !== process.pid && processRuns(pid);
}

/** Whether process `pid` is running (on this machine). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When process `pid` started (clock ticks since boot, from Linux's /proc), or
 * null where that cannot be read. With its number it names one process: a
 * number alone is handed to another process once its own ends, and a restarted
 * container hands out the same small numbers again.
 */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces; the start time is the 20th field after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

interface Holder {
  pid: number;
  start: string | null;
}

/** The lock's holder: "pid start" (start left out where it cannot be read, and by older versions). */
function holderOf(lock: string): Holder | null {
  try {
    const [number, start] = readFileSync(lock, 'utf8').trim().split(' ');
    const pid = Number(number);
    return Number.isInteger(pid) && pid > 0 ? { pid, start: start ?? null } : null;
  } catch {
    return null;
  }
}

/** Locks this process holds: its own number in a lock it does not hold is left from a process before. */
const held = new Set<string>();

function holderRuns(lock: string, { pid, start }: Holder): boolean {
  if (pid === process.pid) return held.has(lock);
  if (!processRuns(pid)) return false;
  const now = processStart(pid);
  return start === null || now === null || now === start;
}

/**
 * Takes the work folder's lock, or throws W001 naming the process holding it
 * (this process too: a second run inside one process is just as concurrent).
 * Returns what releases it.
 */
function lockWorkFolder(work: string): () => void {
  mkdirSync(work, { recursive: true });
  // Resolved: `held` must know the lock however the folder was spelt.
  const lock = path.resolve(work, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      try {
        writeSync(fd, `${[process.pid, processStart(process.pid)].filter((part) => part !== null).join(' ')}\n`);
      } catch (e) {
        // A lock this run could not fill in (a full disk) is not left for the next to wonder about.
        rmSync(lock, { force: true });
        throw e;
      } finally {
        closeSync(fd);
      }
      held.add(lock);
      return () => {
        held.delete(lock);
        rmSync(lock, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw naming(lock, e);
      const holder = holderOf(lock);
      if ((holder !== null && holderRuns(lock, holder)) || attempt > 0) {
        throw new InputError([problem('W001', 'error', work, holder === null ? 'a process that is starting' : `process ${holder.pid}`, lock)]);
      }
      rmSync(lock, { force: true });
    }
  }
}

/** A temporary or spill file's writer: the process number ending its name (files.ts temporaryFor, the report spill). */
const WRITTEN_BY = /(?:\.tmp-|\.spill-)(\d+)$/;

/**
 * Removes what runs killed outright (kill -9, a power cut) left in `folders`:
 * temporary and spill files of processes no longer running. Called under the
 * work folder's lock, before this run writes any.
 */
function removeLeftovers(folders: string[]): void {
  for (const folder of folders) {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const pid = Number(WRITTEN_BY.exec(entry.name)?.[1]);
      if (entry.isFile() && pid > 0 && !writtenByRunningProcess(pid)) rmSync(path.join(folder, entry.name), { force: true });
    }
  }
}

/**
 * A stage that holds its work folder's lock while it runs, and first clears
 * what killed runs left in the work and reports folders.
 */
export function holdingWorkFolder<O extends Pick<Options, 'work' | 'out'>, C>(stage: (options: O, out: C) => Promise<void>) {
  return async (options: O, out: C): Promise<void> => {
    const release = lockWorkFolder(options.work);
    try {
      removeLeftovers([options.work, path.join(options.work, 'cache', 'tokens'), options.out, path.join(options.out, 'outlets')]);
      await stage(options, out);
    } finally {
      release();
    }
  };
}

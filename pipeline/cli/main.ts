// What every stage script does around its stage: read the options, run, and
// turn failures into a message for people and an exit code
// (1: the input or the disk stops the run, 2: the command line is wrong).
import path from 'node:path';
import { removeUnfinishedFiles } from '../files.ts';
import { formatProblem, InputError, problem, type FolderOption, type Problem } from '../messages.ts';
import { readOptions, UsageError, type Options } from './options.ts';
import { stopProgressBars } from './progress.ts';
import type { Console } from './stages.ts';

/**
 * Writes lines to `stream` while someone reads them: a reader that goes away
 * (`npm run pipeline | head`) takes the rest of the lines with it, not the
 * run, which still writes its reports.
 */
function linesTo(stream: NodeJS.WriteStream): (line: string) => void {
  let read = true;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    read = false;
  });
  return (line) => {
    if (read) stream.write(`${line}\n`);
  };
}

const console_: Console = {
  log: linesTo(process.stdout),
  warn: linesTo(process.stderr),
  progress: process.stderr.isTTY === true,
};

/** The option naming the folder `file` is in: the innermost of --work and --out that holds it. */
function optionHolding(file: string, options: Pick<Options, 'work' | 'out'>): FolderOption {
  const holders = (['--work', '--out'] as const)
    .map((option) => ({ option, folder: path.resolve(option === '--work' ? options.work : options.out) }))
    .filter(({ folder }) => {
      const relative = path.relative(folder, path.resolve(file));
      return !relative.startsWith('..') && !path.isAbsolute(relative);
    })
    .sort((a, b) => b.folder.length - a.folder.length);
  return holders[0]?.option ?? null;
}

/**
 * A full disk, a folder the run may not write, a file in the way or one
 * another program holds locked, said as a problem with its file; null for any
 * other error.
 */
export function diskProblem(e: unknown, options: Pick<Options, 'work' | 'out'>): Problem | null {
  const { code, path: file, syscall } = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || file === undefined) return null;
  const option = optionHolding(file, options);
  if (code === 'ENOSPC' || code === 'EDQUOT') return problem('D001', 'error', file, option);
  if (code === 'EACCES' || code === 'EPERM') return problem('D002', 'error', file, 'permission denied', option);
  if (code === 'EROFS') return problem('D002', 'error', file, 'a read-only file system', option);
  if (code === 'EBUSY') return problem('D004', 'error', file);
  if (code === 'ENOTDIR' || code === 'EISDIR' || (code === 'EEXIST' && syscall === 'mkdir')) return problem('D003', 'error', file, option);
  return null;
}

/**
 * Ctrl-C, a plain kill or the terminal closing ends the run at once, as
 * without a handler, but first removes the files the run was writing, since
 * its finally blocks will not run (the reports, the token cache and the run
 * memory stay as they were), and shows the terminal's cursor again, which a
 * progress bar hides; a terminal that closed may refuse that last write.
 */
function stopCleanlyOn(signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP', exitCode: number): void {
  process.once(signal, () => {
    removeUnfinishedFiles();
    try {
      stopProgressBars();
    } finally {
      process.exit(exitCode);
    }
  });
}

export async function main(
  usage: string,
  stage: (options: Options, out: Console) => Promise<void> | void,
): Promise<void> {
  stopCleanlyOn('SIGINT', 130);
  stopCleanlyOn('SIGTERM', 143);
  stopCleanlyOn('SIGHUP', 129);
  let options: Options | null = null;
  try {
    options = readOptions(process.argv.slice(2), usage);
    if (options) await stage(options, console_);
  } catch (e) {
    const disk = options ? diskProblem(e, options) : null;
    const problems = e instanceof InputError ? e.problems : disk ? [disk] : [];
    if (problems.length > 0) {
      for (const p of problems) console_.warn(formatProblem(p));
      console_.warn('stopped: nothing was written to the reports folder; fix the above and run again');
      process.exitCode = 1;
    } else if (e instanceof UsageError) {
      console_.warn(e.message);
      process.exitCode = 2;
    } else {
      console_.warn(`error: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  }
}

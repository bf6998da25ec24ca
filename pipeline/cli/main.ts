// What every stage script does around its stage: read the options, run, and
// turn failures into a message for people and an exit code
// (1: the input stops the run, 2: the command line is wrong).
import { formatProblem, InputError } from '../messages.ts';
import { readOptions, UsageError, type Options } from './options.ts';
import type { Console } from './stages.ts';

const console_: Console = {
  log: (line) => process.stdout.write(`${line}\n`),
  warn: (line) => process.stderr.write(`${line}\n`),
  progress: process.stderr.isTTY === true,
};

export async function main(
  usage: string,
  stage: (options: Options, out: Console) => Promise<void> | void,
): Promise<void> {
  try {
    const options = readOptions(process.argv.slice(2), usage);
    if (options) await stage(options, console_);
  } catch (e) {
    if (e instanceof InputError) {
      for (const p of e.problems) console_.warn(formatProblem(p));
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

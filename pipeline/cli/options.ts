// The options every stage script shares, read with node:util parseArgs.
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface Options {
  corpus: string;
  lexicons: string;
  out: string;
  work: string;
  cache: boolean;
}

const OPTION_HELP = `Options (every stage takes the same ones):
  --corpus PATH     corpus folder with manifest.csv, or a CSV/JSONL export (default: corpus/)
  --lexicons PATH   folder of lexicon CSV files, or one file (default: lexicons/)
  --out PATH        folder the reports are written to (default: reports/)
  --work PATH       folder for intermediate stage output and the token cache (default: .work/)
  --no-cache        tokenise everything again, ignoring and not filling the token cache
  --clear-cache     delete the token cache first
  -h, --help        show this help`;

export class UsageError extends Error {}

export function readOptions(argv: string[], usage: string): (Options & { clearCache: boolean }) | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        corpus: { type: 'string', default: 'corpus' },
        lexicons: { type: 'string', default: 'lexicons' },
        out: { type: 'string', default: 'reports' },
        work: { type: 'string', default: '.work' },
        'no-cache': { type: 'boolean', default: false },
        'clear-cache': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${usage}\n\n${OPTION_HELP}`);
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`${usage}\n\n${OPTION_HELP}\n`);
    return null;
  }
  return {
    corpus: path.normalize(v.corpus!),
    lexicons: path.normalize(v.lexicons!),
    out: path.normalize(v.out!),
    work: path.normalize(v.work!),
    cache: !v['no-cache'],
    clearCache: v['clear-cache']!,
  };
}

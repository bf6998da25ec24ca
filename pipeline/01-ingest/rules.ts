// Cleaning rules are data: one YAML file per outlet under corpus/rules/ (or one
// for a whole export, --rules), read and checked here once, then applied by
// clean-page.ts to every capture or exported text.
import { parse as parseYaml } from 'yaml';

/**
 * Fields a rule may capture with a named group, e.g. `(?<author>.+)`;
 * `outlet` for an archive's file of several publications (Nexis, ProQuest),
 * each article naming its own; `url` for its address (ProQuest's "Document URL:").
 */
const CAPTURED_FIELDS = ['date', 'author', 'source', 'outlet', 'url'] as const;
export type CapturedField = (typeof CAPTURED_FIELDS)[number];
export type Captured = Partial<Record<CapturedField, string>>;

export interface CleaningRules {
  /** Where this came from, for messages. */
  file: string;
  /** Lines dropped wherever they appear (site furniture). */
  furniture: RegExp[];
  /** An article ends before the first line that matches one of these. */
  end: RegExp[];
  /** On a page of several articles, the line that closes each one. */
  split: RegExp | null;
  /** A line near the top that carries author, source or date: metadata, not text. */
  byline: RegExp[];
  /** How many lines after the title are searched for the byline. */
  bylineWithin: number;
  /** A line anywhere in the article, or after its end, that carries metadata ("Document URL: …"), not text. */
  metadata: RegExp[];
  /** Text taken out wherever it appears inside a line ("Media playback is unsupported on your device"). */
  remove: RegExp[];
}

const KNOWN_KEYS = new Set(['furniture', 'end', 'split', 'byline', 'byline_within', 'metadata', 'remove', 'note']);

function compile(pattern: unknown, key: string, flags = 'iu'): RegExp {
  if (typeof pattern !== 'string' || pattern === '') {
    throw new Error(`"${key}" must hold regular expressions written as text`);
  }
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags);
  } catch (e) {
    throw new Error(`"${key}": ${(e as Error).message}`);
  }
  // Matching the empty string through an added empty alternative lists every named group.
  const groupNames = Object.keys(new RegExp(`${pattern}|`, 'u').exec('')?.groups ?? {});
  for (const name of groupNames) {
    if (!(CAPTURED_FIELDS as readonly string[]).includes(name)) {
      throw new Error(`"${key}": group "(?<${name}>" captures nothing known; use date, author, source, outlet or url`);
    }
  }
  return re;
}

function list(value: unknown, key: string, flags?: string): RegExp[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((p) => compile(p, key, flags));
}

/** Parses a rules file; throws an Error whose message says what to fix. */
export function parseRules(yamlText: string, file: string): CleaningRules {
  const data: unknown = parseYaml(yamlText) ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new Error('expected keys such as furniture, end, split, byline');
  }
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_KEYS.has(key)) throw new Error(`unknown key "${key}"; known are ${[...KNOWN_KEYS].join(', ')}`);
  }
  const within = record['byline_within'] ?? 3;
  if (typeof within !== 'number' || !Number.isInteger(within) || within < 1) {
    throw new Error('"byline_within" must be a whole number of lines, 1 or more');
  }
  return {
    file,
    furniture: list(record['furniture'], 'furniture'),
    end: list(record['end'], 'end'),
    split: record['split'] === undefined ? null : compile(record['split'], 'split'),
    byline: list(record['byline'], 'byline'),
    bylineWithin: within,
    metadata: list(record['metadata'], 'metadata'),
    // Global: every occurrence in a line goes.
    remove: list(record['remove'], 'remove', 'giu'),
  };
}

export const NO_RULES: CleaningRules = {
  file: '(none)', furniture: [], end: [], split: null, byline: [], bylineWithin: 3, metadata: [], remove: [],
};

/** The named groups a line matched, trimmed, empty ones left out. */
export function captures(match: RegExpExecArray): Captured {
  const out: Captured = {};
  for (const field of CAPTURED_FIELDS) {
    const value = match.groups?.[field]?.trim();
    if (value) out[field] = value;
  }
  return out;
}

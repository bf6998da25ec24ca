// Files that hold exports: a zip archive (zip.ts), a workbook's sheets
// (workbook.ts). Each export in one is read where it lies, as a file of a
// folder of exports is, and named "<container>/<its name inside>"; the
// reader of an export asks here for the bytes of such a name.
import type { Readable } from 'node:stream';

/** A file that holds exports, open for reading. */
export interface Container {
  readonly file: string;
  /** The exports it holds, in its order, with their sizes as text. */
  files(): { name: string; size: number }[];
  /** An export's bytes. */
  stream(name: string): Readable;
  /** Lets go of the file, where it holds it open. */
  close?(): void;
}

/** The containers being read, by their paths. */
const reading = new Map<string, Container>();

/** Reads the container's exports with `read`, each by "<container>/<name>", closing it after. */
export async function* withContainer<T>(container: Container, read: () => AsyncGenerator<T>): AsyncGenerator<T> {
  reading.set(container.file, container);
  try {
    yield* read();
  } finally {
    reading.delete(container.file);
    container.close?.();
  }
}

/**
 * The container being read that holds `file` ("<container>/<name>"), and the
 * name inside it; null for a file on disk. Of a workbook in a zip archive
 * ("data.zip/2023.xlsx/Sheet1"), the workbook, the innermost.
 */
export function inContainer(file: string): { container: Container; name: string } | null {
  let holder: Container | null = null;
  for (const [path, container] of reading) if (file.startsWith(`${path}/`) && path.length > (holder?.file.length ?? -1)) holder = container;
  return holder && { container: holder, name: file.slice(holder.file.length + 1) };
}

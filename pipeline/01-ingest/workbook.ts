// Exports kept as a spreadsheet workbook (.xlsx), as articles collected by
// hand usually are: each sheet is read as a CSV export is (containers.ts),
// named "<workbook>/<sheet>", so that its header, columns and rows get the
// same names, checks and messages. read-excel-file reads the workbook whole,
// as a spreadsheet program would; a sheet's dates are days, not the numbers
// Excel stores them as.
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import readXlsxFile, { type Row } from 'read-excel-file/node';
import { InputError, problem } from '../messages.ts';
import type { Container } from './containers.ts';

/** A workbook, by its name: Excel's, LibreOffice's and Google Sheets' own format. */
export const WORKBOOK = /\.xlsx$/i;

/** A cell as an export's field: a date cell as its day ("2023-01-11"), or its moment where it has a time of day. */
function cellText(cell: Row[number]): string {
  if (cell === null) return '';
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(cell);
}

export class Workbook implements Container {
  private constructor(
    readonly file: string,
    private readonly sheets: Map<string, Buffer>,
  ) {}

  /** Opens `file` (or, for one inside a zip archive, its `bytes`), its sheets as CSV text; one that is no workbook or is damaged throws C060, naming it. */
  static async open(file: string, bytes?: Buffer): Promise<Workbook> {
    let read;
    try {
      read = await readXlsxFile(bytes ?? file);
    } catch (e) {
      throw new InputError([problem('C060', 'error', file, (e as Error).message)]);
    }
    // An empty sheet (Excel's "Sheet2") holds no export.
    const filled = read.filter(({ data }) => data.some((row) => row.some((cell) => cell !== null && cell !== '')));
    return new Workbook(file, new Map(filled.map(({ sheet, data }) => [sheet, Buffer.from(Papa.unparse(data.map((row) => row.map(cellText))))])));
  }

  /** Its sheets with something in them, in the workbook's order. */
  files(): { name: string; size: number }[] {
    return [...this.sheets].map(([name, csv]) => ({ name, size: csv.length }));
  }

  stream(name: string): Readable {
    return Readable.from([this.sheets.get(name) ?? Buffer.alloc(0)]);
  }
}

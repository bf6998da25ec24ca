// Lexicon checking: every malformed lexicon is named by file:line and code.
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { compileLexicon } from '../pipeline/03-score/compile.ts';
import { loadLexicons } from '../pipeline/03-score/index.ts';
import { parseLexicon } from '../pipeline/03-score/lexicon.ts';
import { ROOT, tempDir, tokeniser } from './helpers.ts';

const problemsOf = (csv: string) => parseLexicon(csv, 'lexicons/bad.csv').problems.map((p) => [p.code, p.place]);

describe('malformed lexicons', () => {
  it.each([
    ['unclosed quote', 'frame,pole,term\nf,p,ok\nf,p,"coup regime\nf,p,dictator\n', [['L001', 'lexicons/bad.csv:3:5']]],
    ['missing column', 'frame,pole,term\nf,p\n', [['L004', 'lexicons/bad.csv:2']]],
    ['extra column', 'frame,pole,term\nf,p,coup, regime\n', [['L004', 'lexicons/bad.csv:2']]],
    ['empty term', 'frame,pole,term\nf,p,  \n', [['L005', 'lexicons/bad.csv:2']]],
    ['empty pole', 'frame,pole,term\nf,,dictator\n', [['L005', 'lexicons/bad.csv:2']]],
    ['same term under two poles of one frame', 'frame,pole,term\nf,a,regime\nf,b,Regime\n', [['L006', 'lexicons/bad.csv:3']]],
    ['same term twice under one pole', 'frame,pole,term\nf,a,self-styled\nf,a,self styled\n', [['L007', 'lexicons/bad.csv:3']]],
    ['star inside a word', 'frame,pole,term\nf,a,dic*tator\n', [['L008', 'lexicons/bad.csv:2']]],
    ['star alone', 'frame,pole,term\nf,a,*\n', [['L008', 'lexicons/bad.csv:2']]],
    ['star at the start', 'frame,pole,term\nf,a,*tator\n', [['L008', 'lexicons/bad.csv:2']]],
    ['two stars', 'frame,pole,term\nf,a,dictator**\n', [['L008', 'lexicons/bad.csv:2']]],
    ['weight not a number', 'frame,pole,term,weight\nf,a,dictator,strong\n', [['L009', 'lexicons/bad.csv:2']]],
    ['semicolons, a row with one too many', 'frame;pole;term\nf;a;dictator\nf;a;coup; regime\n', [['L004', 'lexicons/bad.csv:3']]],
    ['header without term', 'frame,pole,word\nf,a,dictator\n', [['L003', 'lexicons/bad.csv:1'], ['L002', 'lexicons/bad.csv:1']]],
    ['no header at all', '# only a comment\n', [['L012', 'lexicons/bad.csv']]],
    ['a term of punctuation only', 'frame,pole,term\nf,a,--\n', [['L014', 'lexicons/bad.csv:2']]],
    // Each matched nothing, unsaid: a term is words, not a list or a pattern.
    ['alternatives in one cell', 'frame,pole,term\nf,a,"dictator, tyrant"\nf,a,junta|regime\nf,a,strongman; caudillo\n', [['L028', 'lexicons/bad.csv:2'], ['L028', 'lexicons/bad.csv:3'], ['L028', 'lexicons/bad.csv:4']]],
    ['a regular expression', 'frame,pole,term\nf,a,dictator(s)\nf,a,regimes?\nf,a,[Cc]oup\nf,a,^junta$\n', [['L028', 'lexicons/bad.csv:2'], ['L028', 'lexicons/bad.csv:3'], ['L028', 'lexicons/bad.csv:4'], ['L028', 'lexicons/bad.csv:5']]],
    ['terms of words with their own marks: fine', "frame,pole,term\nf,a,Peru's coup regime\nf,a,U.S.-backed\nf,a,coup d'état\nf,a,dictator*\nf,a,24/7 protests\nf,a,\"regime,\"\n", []],
    ['columns a spreadsheet kept after they were cleared (unnamed, empty): fine', 'frame,pole,term,,\r\nf,a,dictator,,\r\n,,,,\r\n', []],
    ['a value under a column with no name', 'frame,pole,term,\nf,a,dictator,\nf,a,tyrant,typo\n', [['L020', 'lexicons/bad.csv:3']]],
    ['two columns of one name', 'frame,pole,term,Term\nf,a,dictator,tyrant\n', [['L021', 'lexicons/bad.csv:1']]],
    ['a quotation mark closed rows later, swallowing two entries (read as one note, without a word)', 'frame,pole,term,note\nf,p,ok,"a note\nf,p,dictator,x\nf,p,regime,y"\nf,p,coup,z\n', [['L001', 'lexicons/bad.csv:2']]],
    ['a note with line breaks of its own, as a spreadsheet cell may hold: fine', 'frame,pole,term,note\nf,p,ok,"first line\nsecond, third\n"\nf,p,coup,z\n', []],
  ])('%s', (_label, csv, expected) => {
    expect(problemsOf(csv)).toEqual(expected);
  });

  it('names a column by its number as a spreadsheet counts them, from 1: a value under one with no name, and two of one name (a mutant counting from 0 survived)', () => {
    const messages = (csv: string) => parseLexicon(csv, 'lexicons/bad.csv').problems.map((p) => p.message);
    expect(messages('frame,pole,term,\nf,a,tyrant,typo\n')).toEqual(['a value under column 4, which has no name in the header; name the column or delete the value']);
    expect(messages('frame,pole,term,Term\nf,a,dictator,tyrant\n')).toEqual(['two columns named "term" (columns 3 and 4); rename or delete one of them']);
  });

  it.each([
    ['semicolons', ';'],
    ['tabs', '\t'],
  ])('reads a lexicon a spreadsheet saved with %s (Excel where the decimal mark is a comma saves no other CSV), its weights\' decimal commas too', (_, separator) => {
    const rows = [
      ['frame', 'pole', 'term', 'weight', 'note'],
      ['legitimacy', 'delegitimising', 'régimen golpista', '-1,5', '"de facto, not de jure"'],
      ['legitimacy', 'legitimising', 'presidente', '1', ''],
    ];
    const csv = `# a comment${separator}${separator}\r\n${rows.map((r) => r.join(separator)).join('\r\n')}\r\n`;
    const parsed = parseLexicon(csv, 'lexicons/es.csv');
    expect(parsed.problems).toEqual([]);
    const entries = parsed.kind === 'framing' ? parsed.lexicon!.entries : [];
    expect(entries.map((e) => [e.line, e.term, e.weight, e.note])).toEqual([
      [3, 'régimen golpista', -1.5, 'de facto, not de jure'],
      [4, 'presidente', 1, ''],
    ]);
  });

  it.each([
    ['\n', 'Unix'],
    ['\r\n', 'Windows'],
    ['\r', 'old Mac spreadsheets'],
  ])('places entries and problems at their lines, past comments and blank lines, lines ending as %j (%s) (with \\r every entry was line 1, and two entries one row in the reports)', (eol) => {
    const lines = ['# legitimacy', 'frame,pole,term', 'f,a,regime', '', '# more', 'f,b,president', 'f,b,"coup regime'];
    const parsed = parseLexicon(lines.join(eol), 'lexicons/eol.csv');
    expect(parsed.problems.map((p) => [p.code, p.place])).toEqual([['L001', 'lexicons/eol.csv:7:5']]);
    const good = parseLexicon(lines.slice(0, -1).join(eol), 'lexicons/eol.csv');
    expect(good.kind === 'framing' ? good.lexicon!.entries.map((e) => [e.line, e.term]) : []).toEqual([[3, 'regime'], [6, 'president']]);
  });

  it('reads a lexicon whose header ends as Windows ends lines and its rows as Linux and Macs do (a header saved in Excel, rows added by a script): every row was read as one, L004', () => {
    const mixed = '# legitimacy\r\nframe,pole,term,note\r\nf,a,regime,"two\r\nlines"\nf,a,junta,\n\nf,b,"coup regime,\n';
    expect(problemsOf(mixed)).toEqual([['L001', 'lexicons/bad.csv:7:5']]);
    const parsed = parseLexicon(mixed.replace(',"coup regime', ',coup regime'), 'lexicons/mixed.csv');
    expect(parsed.problems).toEqual([]);
    expect(parsed.kind === 'framing' ? parsed.lexicon!.entries.map((e) => [e.line, e.term, e.note]) : []).toEqual([[3, 'regime', 'two lines'], [5, 'junta', ''], [7, 'coup regime', '']]);
  });

  it('reads a lexicon with Excel\'s note of its separator above the header, "sep=;" (it was refused: L003, unknown column "sep=")', () => {
    const parsed = parseLexicon('sep=;\r\nframe;pole;term;weight\r\nlegitimacy;delegitimising;dictator;-1,5\r\n', 'lexicons/sep.csv');
    expect(parsed.problems).toEqual([]);
    expect(parsed.kind === 'framing' ? parsed.lexicon!.entries.map((e) => [e.line, e.term, e.weight]) : []).toEqual([[3, 'dictator', -1.5]]);
  });

  it.each([
    ['an export of articles', 'outlet,title,date,url,text\nSur,T,2023-01-10,u,The regime fell.\n', 'lexicons/export.csv:1', 'not a lexicon but an export of articles (its header names outlet and text): give --corpus lexicons/export.csv, and --lexicons the lexicons (columns frame,pole,term)'],
    ['a corpus folder\'s manifest', '# Which capture is which outlet\nfile,outlet,rules\npage.txt,Sur,\n', 'lexicons/export.csv:2', "not a lexicon but a corpus folder's manifest (its header names file and outlet): give --corpus lexicons, and --lexicons the lexicons (columns frame,pole,term)"],
  ])('names %s given as a lexicon in one message (it got an L003 for each of its columns)', (_, csv, place, message) => {
    expect(parseLexicon(csv, 'lexicons/export.csv').problems.map((p) => [p.code, p.place, p.message])).toEqual([['L027', place, message]]);
  });

  it('reads terms copied from a web page without their invisible characters (a soft hyphen, a zero-width space), as articles are read; they matched nothing, and looked the same in unmatched.csv', () => {
    const parsed = parseLexicon('frame,pole,term\nf,a,dicta\u00ADtor\nf,a,coup\u200B regime\nf,b,de\u00A0facto\nf,b,\u200Bgovernment\u2060\nf,a,dictator\n', 'lexicons/web.csv');
    expect(parsed.problems.map((p) => [p.code, p.place, p.message])).toEqual([['L007', 'lexicons/web.csv:6', '"dictator" repeats the entry on line 2; delete one of them']]);
    expect(parsed.kind === 'framing' ? parsed.lexicon : 'not framing').toBeNull();
    const clean = parseLexicon('frame,pole,term\nf,a,dicta\u00ADtor\nf,a,coup\u200B regime\nf,b,de\u00A0facto\nf,b,\u200Bgovernment\u2060\n', 'lexicons/web.csv');
    expect(clean.kind === 'framing' ? clean.lexicon!.entries.map((e) => e.term) : []).toEqual(['dictator', 'coup regime', 'de facto', 'government']);
  });

  it('reads any lexicon the same whether a spreadsheet saved it with commas, semicolons or tabs, and with any line ends (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', ';', '"', "'", '-'), minLength: 1, maxLength: 12 });
    const entry = fc.tuple(fc.constantFrom('legitimacy', 'violence'), fc.constantFrom('a', 'b'), fc.integer({ min: -20, max: 20 }), cell);
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'), (entries, newline) => {
        // Each entry its own term (a word per row: the terms are not what is varied), weights with a decimal part.
        const rows = entries.map(([frame, pole, weight, note], i) => [frame, pole, `term${'x'.repeat(i)}`, String(weight / 4), note]);
        const read = (delimiter: string) => {
          const written = Papa.unparse({ fields: ['frame', 'pole', 'term', 'weight', 'note'], data: rows.map((r) => (delimiter === ',' ? r : [...r.slice(0, 3), r[3]!.replace('.', ','), r[4]!])) }, { delimiter, newline });
          const parsed = parseLexicon(written, 'lexicons/any.csv');
          expect(parsed.problems).toEqual([]);
          return parsed.kind === 'framing' ? parsed.lexicon!.entries.map((e) => [e.line, e.frame, e.pole, e.term, e.weight, e.note]) : [];
        };
        const commas = read(',');
        expect(read(';')).toEqual(commas);
        expect(read('\t')).toEqual(commas);
        expect(commas.map((e) => [e[0], e[4]])).toEqual(rows.map((r, i) => [i + 2, Number(r[3])]));
      }),
      { numRuns: 200 },
    );
  });

  it('reads a frame, pole or actor written again in other case (a spreadsheet capitalising a cell) as its first spelling, naming each other spelling once; the reports split them in two', () => {
    const framing = parseLexicon(
      'frame,pole,term\nlegitimacy,delegitimising,dictator\nLegitimacy,legitimising,president\nlegitimacy,Delegitimising,regime\nLEGITIMACY,Délégitimising,tyrant\nLegitimacy,legitimising,leader\n',
      'lexicons/case.csv',
    );
    expect(framing.problems.map((p) => [p.code, p.severity, p.place, p.message])).toEqual([
      ['L025', 'warning', 'lexicons/case.csv:3', 'frame "Legitimacy" is read as "legitimacy" (line 2): the same name but for case or accents, so its entries count under that name; write it one way'],
      ['L025', 'warning', 'lexicons/case.csv:4', expect.stringMatching(/^pole "Delegitimising" is read as "delegitimising" \(line 2\)/)],
      ['L025', 'warning', 'lexicons/case.csv:5', expect.stringMatching(/^frame "LEGITIMACY"/)],
      ['L025', 'warning', 'lexicons/case.csv:5', expect.stringMatching(/^pole "Délégitimising"/)],
    ]);
    // A warning leaves the lexicon in use.
    expect(framing.kind === 'framing' ? framing.lexicon!.entries.map((e) => [e.frame, e.pole, e.term]) : []).toEqual([
      ['legitimacy', 'delegitimising', 'dictator'],
      ['legitimacy', 'legitimising', 'president'],
      ['legitimacy', 'delegitimising', 'regime'],
      ['legitimacy', 'delegitimising', 'tyrant'],
      ['legitimacy', 'legitimising', 'leader'],
    ]);
    const actors = parseLexicon('actor,alias\nNicolás Maduro,Maduro\nNicolas Maduro,Nicolás Maduro\n', 'lexicons/actors.csv');
    expect(actors.problems.map((p) => [p.code, p.place])).toEqual([['L025', 'lexicons/actors.csv:3']]);
    expect(actors.kind === 'actors' ? actors.actors!.aliases.map((a) => [a.actor, a.term]) : []).toEqual([
      ['Nicolás Maduro', 'Maduro'],
      ['Nicolás Maduro', 'Nicolás Maduro'],
    ]);
  });

  it('reads a lexicon saved as Windows-1252 (Notepad\'s "ANSI") as such, with a warning, so that its accented terms match', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'ansi.csv'), iconv.encode('frame,pole,term\nlegitimacy,delegitimising,dictador\nlegitimacy,delegitimising,régimen de Nicolás\n', 'win1252'));
    const loaded = loadLexicons(dir);
    expect(loaded.problems.map((p) => [p.code, p.severity, p.place])).toEqual([['L018', 'warning', `${path.join(dir, 'ansi.csv')}:3`]]);
    expect(loaded.lexicons[0]!.entries.map((e) => e.term)).toEqual(['dictador', 'régimen de Nicolás']);
  });

  it.each([
    ['"2,5"', 'weight "2,5" has a decimal comma; write 2.5'],
    ['"-0,5"', 'weight "-0,5" has a decimal comma; write -0.5'],
    ['strong', 'weight "strong" is not a number; write e.g. -2, 1 or 0.5'],
  ])('says a weight of %s is not a number, and how to write it (a spreadsheet for a comma-decimal locale writes 2,5)', (weight, message) => {
    expect(parseLexicon(`frame,pole,term,weight\nf,a,dictator,${weight}\n`, 'x.csv').problems.map((p) => p.message)).toEqual([message]);
  });

  it('says a subfolder holding lexicons is not read (a folder per language was left out unsaid), and reads it when given', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'legitimacy.csv'), 'frame,pole,term\nlegitimacy,delegitimising,dictator\n');
    mkdirSync(path.join(dir, 'es', 'peru'), { recursive: true });
    writeFileSync(path.join(dir, 'es', 'legitimidad.csv'), 'frame,pole,term\nlegitimidad,deslegitimador,dictador\n');
    writeFileSync(path.join(dir, 'es', 'peru', 'violencia.csv'), 'frame,pole,term\nviolencia,estatal,masacre\n');
    mkdirSync(path.join(dir, 'notes'));
    writeFileSync(path.join(dir, 'notes', 'sources.md'), 'where the terms come from\n');
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, '.git', 'x.csv'), 'frame,pole,term\n');
    const loaded = loadLexicons(dir);
    expect(loaded.lexicons.map((l) => l.file)).toEqual(['legitimacy.csv']);
    expect(loaded.problems.map((p) => [p.code, p.severity, p.place, p.message])).toEqual([
      ['L024', 'warning', path.join(dir, 'es'), expect.stringMatching(/^a folder holding 2 CSV file\(s\), which are not read/)],
    ]);
    const given = loadLexicons(path.join(dir, 'es'));
    expect(given.lexicons.map((l) => l.file)).toEqual(['legitimidad.csv']);
    expect(given.problems.map((p) => [p.code, p.place])).toEqual([['L024', path.join(dir, 'es', 'peru')]]);
  });

  it('says a workbook saved beside the lexicons is not read, and a workbook given as a lexicon is none (it was skipped unsaid, or read as garbage)', () => {
    const dir = tempDir();
    const workbook = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26, 0), Buffer.from('xl/workbook.xml', 'latin1'), Buffer.alloc(100, 1)]);
    writeFileSync(path.join(dir, 'legitimacy.csv'), 'frame,pole,term\nlegitimacy,delegitimising,dictator\n');
    writeFileSync(path.join(dir, 'violence.xlsx'), workbook);
    // The lock files of a workbook and a CSV open in a spreadsheet.
    writeFileSync(path.join(dir, '~$violence.xlsx'), Buffer.alloc(165, 1));
    writeFileSync(path.join(dir, '~$legitimacy.csv'), Buffer.alloc(165, 1));
    writeFileSync(path.join(dir, '.~lock.legitimacy.csv#'), 'me,host\n');
    const loaded = loadLexicons(dir);
    expect(loaded.lexicons.map((l) => l.file)).toEqual(['legitimacy.csv']);
    expect(loaded.problems.map((p) => [p.code, p.severity, p.place])).toEqual([['L022', 'warning', path.join(dir, 'violence.xlsx')]]);
    // Saved as a workbook after the CSV: the edits since are not counted (L026); saved before it, the CSV is the later.
    writeFileSync(path.join(dir, 'Legitimacy.xlsx'), workbook);
    utimesSync(path.join(dir, 'legitimacy.csv'), new Date('2025-01-01'), new Date('2025-01-01'));
    expect(loadLexicons(dir).problems.map((p) => [p.code, p.place, p.message])).toEqual([
      ['L026', path.join(dir, 'Legitimacy.xlsx'), expect.stringMatching(/^a spreadsheet workbook saved after legitimacy\.csv, which is what is read: edits saved in the workbook since are not counted/)],
      ['L022', path.join(dir, 'violence.xlsx'), expect.any(String)],
    ]);
    utimesSync(path.join(dir, 'Legitimacy.xlsx'), new Date('2024-01-01'), new Date('2024-01-01'));
    expect(loadLexicons(dir).problems.map((p) => p.code)).toEqual(['L022', 'L022']);
    const given = loadLexicons(path.join(dir, 'violence.xlsx'));
    expect(given.problems.map((p) => [p.code, p.message])).toEqual([['L023', expect.stringMatching(/^not a CSV lexicon but an Excel workbook \(\.xlsx\); as an export, name it so \(archive\.xlsx\), which is read sheet by sheet; as a lexicon, save the sheet as "CSV UTF-8"/)]]);
  });

  it('line numbers count comment lines, blank lines and quoted line breaks', () => {
    const csv = '# header comment\n\nframe,pole,term,note\n# a comment\nf,a,one,"a note\nover two lines"\n\nf,a,,\n';
    expect(problemsOf(csv)).toEqual([['L005', 'lexicons/bad.csv:8']]);
  });

  it('reports every problem at once, not only the first', () => {
    expect(problemsOf('frame,pole,term\nf,a,\nf,a,x*y\nf,a,ok\nf,b,ok\n').map(([code]) => code)).toEqual(['L005', 'L008', 'L006']);
  });

  it('accepts a BOM, CRLF line ends, the minus sign, an en dash for one (as a word processor makes it) and blank optional cells', () => {
    const parsed = parseLexicon('\uFEFFframe,pole,term,weight\r\nf,a,dictator,\u22122\r\nf,b,president,\r\nf,a,tyrant,\u20131.5\r\n', 'x.csv');
    expect(parsed.problems).toEqual([]);
    expect(parsed.kind === 'framing' && parsed.lexicon!.entries.map((e) => [e.term, e.weight, e.line])).toEqual([
      ['dictator', -2, 2],
      ['president', null, 3],
      ['tyrant', -1.5, 4],
    ]);
  });
});

describe('a lexicons folder', () => {
  it('with an actors lexicon and no framing lexicon is an error, naming the folder', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'actors.csv'), 'actor,alias\nNicolás Maduro,Maduro\n');
    expect(loadLexicons(dir).problems.map((p) => [p.code, p.place])).toEqual([['L017', dir]]);
  });

  it('that is not there is named with where it was looked for (the message was Node\'s "ENOENT: no such file or directory, stat")', () => {
    const missing = path.join(tempDir(), 'lexicons');
    expect(loadLexicons(missing).problems.map((p) => [p.code, p.place, p.message])).toEqual([['L013', missing, `cannot read the lexicon: no such file or folder as ${missing}`]]);
  });

  it('names an alias given to two actors in two files', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.csv'), 'actor,alias\nAlberto Fujimori,Fujimori\n');
    writeFileSync(path.join(dir, 'b.csv'), 'actor,alias\nKeiko Fujimori,Fujimori\n');
    writeFileSync(path.join(dir, 'lex.csv'), 'frame,pole,term\nf,p,regime\n');
    expect(loadLexicons(dir).problems.map((p) => [p.code, p.place])).toEqual([['L015', path.join(dir, 'b.csv:2')]]);
  });
});

describe('bundled lexicons', () => {
  it('load without problems and compile', () => {
    const loaded = loadLexicons(path.join(ROOT, 'lexicons'));
    expect(loaded.problems).toEqual([]);
    expect(loaded.lexicons.map((l) => l.file)).toEqual(['foreign-involvement.csv', 'ideology.csv', 'legitimacy.csv', 'violence.csv']);
    for (const l of loaded.lexicons) expect(() => compileLexicon(l, tokeniser)).not.toThrow();
  });

  it('give every entry a note', () => {
    for (const l of loadLexicons(path.join(ROOT, 'lexicons')).lexicons) {
      for (const e of l.entries) expect(e.note, `${l.file}:${e.line}`).not.toBe('');
    }
  });

  it('weight every legitimacy entry, delegitimising below zero and legitimising above', () => {
    const text = readFileSync(path.join(ROOT, 'lexicons', 'legitimacy.csv'), 'utf8');
    const parsed = parseLexicon(text, 'legitimacy.csv');
    if (parsed.kind !== 'framing') throw new Error('legitimacy.csv is not a framing lexicon');
    for (const e of parsed.lexicon!.entries) {
      expect(Math.sign(e.weight!), `${e.term}`).toBe(e.pole === 'delegitimising' ? -1 : 1);
    }
  });
});

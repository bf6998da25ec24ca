import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldWord, normaliseLine, parseDate, slashOrder, slugify } from '../pipeline/text.ts';

describe('fold', () => {
  it.each([
    ['Nicolás', 'nicolas'],
    ['coup d’État', "coup d'etat"],
    ['“tyrant”', '"tyrant"'],
    ['self‐styled', 'self-styled'],
    ['PERÚ', 'peru'],
  ])('%s -> %s', (text, folded) => expect(fold(text)).toBe(folded));

  it('takes its plain-ASCII shortcut only where the full folding agrees (property)', () => {
    // An "é" sends a text down the full path, and folds to a lone "e" there.
    const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });
    fc.assert(fc.property(ascii, (text) => fold(`${text}é`) === `${fold(text)}e`));
    expect(fold('don`t')).toBe("don't");
  });

  it('folds a word alike with or without the remembered forms (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (word) => foldWord(word) === fold(word)));
  });
});

describe('normaliseLine', () => {
  const SPACES = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g;
  const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
  it('collapses every kind of space run to one space and trims, whether or not it takes the shortcut (property)', () => {
    const spacey = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '  ', '\t', '\u00A0', '\u2009', '\u3000', 'é') });
    fc.assert(fc.property(spacey, (line) => normaliseLine(line) === line.replace(SPACES, ' ').trim()));
  });

  it.each([
    ['soft hyphen', 'the dicta\u00ADtor', 'the dictator'],
    ['word joiner', 'the re\u2060gime', 'the regime'],
    ['zero-width space', 'the dic\u200Btator', 'the dictator'],
    ['zero-width joiner', 'the co\u200Dup regime', 'the coup regime'],
    ['zero-width non-joiner', 'de\u200C facto', 'de facto'],
    ['zero-width no-break space', 'Ma\uFEFFduro', 'Maduro'],
  ])('takes a %s out of the word it would split', (_, line, normalised) => expect(normaliseLine(line)).toBe(normalised));

  it.each([
    ['NUL', 'T\u0000one', 'T one'],
    ['bell', 'spoke.\u0007 The regime', 'spoke. The regime'],
    ['C1 control', 'the\u0085regime', 'the regime'],
    ['terminal colour codes', 'The \u001B[1mregime\u001B[0m fell', 'The regime fell'],
  ])('reads a %s, as scraped text holds them, as no part of a word (it glued "[1mregime" together)', (_, line, normalised) => expect(normaliseLine(line)).toBe(normalised));

  it('reads a line the same with or without invisible characters, shortcut or not (property)', () => {
    const hinted = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\u00A0', '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF') });
    fc.assert(fc.property(hinted, (line) => normaliseLine(line) === normaliseLine(line.replace(INVISIBLE, ''))));
  });
});

describe('slugify', () => {
  it.each([
    ['Miami Herald', 'miami-herald'],
    ['Perú Reports', 'peru-reports'],
    ['  The Hill! ', 'the-hill'],
    ['ΑΛΗΘΩΣ', ''],
  ])('%s -> %s', (text, slug) => expect(slugify(text)).toBe(slug));
});

describe('parseDate', () => {
  it.each([
    ['2023-01-11', '2023-01-11'],
    ['2023-1-9', '2023-01-09'],
    ['2018-04', '2018-04'],
    ['2023-01-11T08:30:00Z', '2023-01-11'],
    ['May 27, 2023', '2023-05-27'],
    ['MARCH 10, 2023', '2023-03-10'],
    ['Sept. 5, 2019', '2019-09-05'],
    ['9 January 2023', '2023-01-09'],
    ['02.02.2023', '2023-02-02'],
    ['11.01.2023', '2023-01-11'],
    ['9/6/17', '2017-09-06'],
    ['12/31/1999', '1999-12-31'],
    ['April 2018', '2018-04'],
    ['2023/01/11', '2023-01-11'],
    ['2023', '2023'],
    ['2023-01-11 (updated)', '2023-01-11'],
    ['Wednesday, January 11, 2023', '2023-01-11'],
    ['Wed, 11 Jan 2023 08:30:00 +0000', '2023-01-11'],
    ['January 11, 2023 at 8:30 a.m. EST', '2023-01-11'],
    ['1/11/2023 8:30:00 PM', '2023-01-11'],
    ['5 de enero de 2023', '2023-01-05'],
    ['miércoles, 11 de enero de 2023', '2023-01-11'],
    ['septiembre de 2019', '2019-09'],
    ['3 set. 2019', '2019-09-03'],
    ['20230111', '2023-01-11'],
    ['20230111083000', '2023-01-11'],
    ['1673425800', '2023-01-11'],
    ['1673425800000', '2023-01-11'],
    ['Mar 5, 2023', '2023-03-05'],
    ['20231301', null],
    ['12345', null],
    ['2023-02-30', null],
    ['13/01/2020', '2020-01-13'],
    ['13/13/2020', null],
    ['11-Jan-23', '2023-01-11'],
    ['11-Jan-2023', '2023-01-11'],
    ['2023.01.11', '2023-01-11'],
    ['Thursday 12 January 2023', '2023-01-12'],
    ['12th January 2023', '2023-01-12'],
    ['January 1st, 2023', '2023-01-01'],
    ['20 de enero del 2023', '2023-01-20'],
    ['jueves 12 de enero de 2023', '2023-01-12'],
    ['11 January 2023 | 08:30', '2023-01-11'],
    ['Jan 11, 2023 · 8:30 AM', '2023-01-11'],
    ['31st Feb 2023', null],
    ['44937', '2023-01-11'],
    ['44937.354166', '2023-01-11'],
    ['20090', '1955-01-01'],
    ['99999', null],
    ['11 de março de 2023', '2023-03-11'],
    ['quarta-feira, 11 de janeiro de 2023', '2023-01-11'],
    ['11 février 2023', '2023-02-11'],
    ['mercredi 1er janvier 2025', '2025-01-01'],
    ['1º de enero de 2023', '2023-01-01'],
    ['1ro de enero de 2023', '2023-01-01'],
    ['mars 2023', '2023-03'],
    ['Mar. 2023', '2023-03'],
    ['Published 11:15 a.m. ET Jan. 11, 2023', '2023-01-11'],
    ['Posted on January 11, 2023', '2023-01-11'],
    ['Publicado el 11 de enero de 2023', '2023-01-11'],
    ['Published: 2023-01-11', '2023-01-11'],
    ['Wed 11 Jan 2023 08.30 GMT', '2023-01-11'],
    ['11 Jan 2023, 8.30am', '2023-01-11'],
    ['11th of January 2023', '2023-01-11'],
    ['Jan-11-2023', '2023-01-11'],
    ['11/Jan/2023', '2023-01-11'],
    ['11/Jan-2023', null],
    ['Copyright 2023', null],
    ['Updated: 11 Jan 2023', null],
    ['Updated 3:15 PM EST, Wed January 11, 2023', null],
    ['yesterday', null],
    ['', null],
  ])('%s -> %s', (text, iso) => expect(parseDate(text)).toBe(iso));

  it('reads any day from 1955 to 2099 back from every form it reads, in every language it names months in (property)', () => {
    const english = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const spanish = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
    const portuguese = ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'];
    const french = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
    const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    const day = fc.date({ min: new Date(Date.UTC(1955, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }).map((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (date, hour, minute) => {
        const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
        const pad = (n: number) => String(n).padStart(2, '0');
        const iso = `${y}-${pad(m + 1)}-${pad(d)}`;
        const time = `${pad(hour)}:${pad(minute)}`;
        const forms = [
          iso,
          `${iso}T${time}:00Z`,
          `${english[m]} ${d}, ${y}`,
          `${english[m]!.slice(0, 3)}. ${d}, ${y} at ${hour % 12 || 12}:${pad(minute)} ${hour < 12 ? 'a.m.' : 'p.m.'} EST`,
          `${weekdays[date.getUTCDay()]}, ${d} ${english[m]} ${y}`,
          `${weekdays[date.getUTCDay()]!.slice(0, 3)}, ${pad(d)} ${english[m]!.slice(0, 3)} ${y} ${time}:00 +0000`,
          `${d} ${english[m]} ${y} ${hour}.${pad(minute)} GMT`,
          `${d} de ${spanish[m]} de ${y}`,
          `${d} de ${portuguese[m]} de ${y}`,
          `${d} ${french[m]} ${y}`,
          `${pad(d)}.${pad(m + 1)}.${y}`,
          // A year of two digits is read as 1970 to 2069.
          ...(y >= 1970 && y < 2070 ? [`${d}-${english[m]!.slice(0, 3)}-${String(y).slice(2)}`] : []),
          `${y}${pad(m + 1)}${pad(d)}`,
          String(Math.round(date.getTime() / 86_400_000) + 25_569),
          `Published ${english[m]} ${d}, ${y}`,
        ];
        for (const form of forms) expect([form, parseDate(form)]).toEqual([form, iso]);
        expect(parseDate(`${pad(d)}/${pad(m + 1)}/${y}`, true)).toBe(iso);
        expect(parseDate(`${pad(m + 1)}/${pad(d)}/${y}`)).toBe(iso);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['11/01/2023', '2023-11-01', '2023-01-11', 'either'],
    ['13/01/2023', '2023-01-13', '2023-01-13', 'day-first'],
    ['1/13/2023', '2023-01-13', '2023-01-13', 'month-first'],
    ['9/6/17', '2017-09-06', '2017-06-09', 'either'],
    ['13/13/2023', null, null, null],
    ['11-01-2023', '2023-11-01', '2023-01-11', 'either'],
    ['31-12-2023', '2023-12-31', '2023-12-31', 'day-first'],
    ['11/01-2023', null, null, null],
    ['2023-01-11', '2023-01-11', '2023-01-11', null],
  ])('reads %s month first as %s, day first as %s (%s)', (text, monthFirst, dayFirst, order) => {
    expect(parseDate(text)).toBe(monthFirst);
    expect(parseDate(text, true)).toBe(dayFirst);
    expect(slashOrder(text)).toBe(order);
  });
});

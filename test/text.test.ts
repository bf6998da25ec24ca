import { describe, expect, it } from 'vitest';
import { fold, parseDate, slugify } from '../pipeline/text.ts';

describe('fold', () => {
  it.each([
    ['Nicolás', 'nicolas'],
    ['coup d’État', "coup d'etat"],
    ['“tyrant”', '"tyrant"'],
    ['self‐styled', 'self-styled'],
    ['PERÚ', 'peru'],
  ])('%s -> %s', (text, folded) => expect(fold(text)).toBe(folded));
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
    ['2023-02-30', null],
    ['13/01/2020', null],
    ['yesterday', null],
    ['', null],
  ])('%s -> %s', (text, iso) => expect(parseDate(text)).toBe(iso));
});

import { describe, expect, it } from 'vitest';
import { initialsOf } from './initials';

describe('initialsOf', () => {
  it.each([
    ['Anna Berger', 'AB'],
    ['Jürgen Öztürk-Weiß', 'JÖ'],
    ['Marie-Luise Krause', 'MK'],
    ['Ludwig van Beethoven', 'LB'],
    ['  Cher  ', 'C'],
    ['élodie durand', 'ÉD'],
    ['e\u0301lodie Durand', 'E\u0301D'],
    ['Demo Nutzerin 👩‍💻', 'DN'],
    ['👩‍💻', '👩‍💻'],
    ['anna.berger@example.com', 'AB'],
    ['jan-erik_olsen@example.com', 'JO'],
    ['admin@example.com', 'A'],
    ['', ''],
  ])('gives %j the initials %j', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});

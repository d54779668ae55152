/** Letters that Unicode does not decompose but people type without accents. */
const lettersWithoutDecomposition: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
};

/**
 * Folds a name or a search term for sorting and searching: lower case, and
 * without accents and umlauts, so that "mull" finds "Müller" and "Zoe" finds
 * "Zoë", as people expect from a directory search.
 */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđ]/g, (letter) => lettersWithoutDecomposition[letter]!);
}

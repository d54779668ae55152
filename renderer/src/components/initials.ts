/**
 * Returns the initials shown in place of a missing photo: the first letters
 * of the first and last word of a name, or of the parts of an email
 * address's local part when the person has no name yet. Words that start
 * with a letter or digit come first, so an emoji after a name is skipped.
 */
export function initialsOf(name: string): string {
  const isEmail = name.includes('@');
  const words = isEmail
    ? name.replace(/@.*$/, '').split(/[._-]+/)
    : name.trim().split(/\s+/);
  const nonEmpty = words.filter(Boolean);
  const named = nonEmpty.filter((word) => /^[\p{L}\p{N}]/u.test(word));
  const candidates = named.length > 0 ? named : nonEmpty;
  const picked =
    candidates.length > 1
      ? [candidates[0], candidates.at(-1)]
      : [candidates[0]];

  return picked
    .map((word) => firstCharacter(word ?? ''))
    .join('')
    .toLocaleUpperCase();
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Returns the first grapheme cluster of a word, such as a whole emoji. */
function firstCharacter(word: string): string {
  const first = graphemes.segment(word)[Symbol.iterator]().next();
  return first.done ? '' : first.value.segment;
}

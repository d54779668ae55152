/**
 * Returns the initials shown in place of a missing photo: the first letters
 * of the first and last word of a name, or of the parts of an email
 * address's local part when the person has no name yet.
 */
export function initialsOf(name: string): string {
  const isEmail = name.includes('@');
  const words = isEmail
    ? name.replace(/@.*$/, '').split(/[._-]+/)
    : name.trim().split(/\s+/);
  const nonEmpty = words.filter(Boolean);
  const picked =
    nonEmpty.length > 1 ? [nonEmpty[0], nonEmpty.at(-1)] : [nonEmpty[0]];

  return picked
    .map((word) => [...(word ?? '')][0] ?? '')
    .join('')
    .toLocaleUpperCase();
}

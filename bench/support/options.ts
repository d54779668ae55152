/** Parses a command-line option that must be a whole number of at least `min`. */
export function parseWholeNumber(
  text: string,
  option: string,
  min: number,
): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(
      `${option} must be a whole number of at least ${min}, not "${text}"`,
    );
  }
  return value;
}

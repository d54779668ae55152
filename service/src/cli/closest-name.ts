/**
 * Returns the candidate closest to a mistyped name: one that starts with it,
 * else the one with the smallest edit distance when that is at most a quarter
 * of the name's length (and at least 2). Returns undefined when none is close.
 */
export function closestName(
  name: string,
  candidates: readonly string[],
): string | undefined {
  const prefixed = candidates.find((candidate) => candidate.startsWith(name));
  if (name.length >= 2 && prefixed) return prefixed;

  const maxDistance = Math.max(2, Math.floor(name.length / 4));
  let closest: string | undefined;
  let closestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < closestDistance) {
      closest = candidate;
      closestDistance = distance;
    }
  }

  return closest;
}

/** Levenshtein distance: the insertions, deletions and substitutions needed. */
function editDistance(from: string, to: string): number {
  let previous = Array.from({ length: to.length + 1 }, (_, index) => index);
  for (let i = 1; i <= from.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= to.length; j += 1) {
      const substitution = from[i - 1] === to[j - 1] ? 0 : 1;
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + substitution,
      );
    }
    previous = current;
  }

  return previous[to.length]!;
}

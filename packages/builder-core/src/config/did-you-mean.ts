/** Levenshtein distance between two strings (insertions, deletions and substitutions cost 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to `name`, if it is close enough to be a likely typo: within a third of the name's
 * length (at least 1, at most 4 edits), or the same words in another order or case. Undefined otherwise.
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const words = (text: string) =>
    text
      .toLowerCase()
      .split(/[_\-.]/)
      .sort()
      .join('_');
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const distance = words(candidate) === words(name) ? 0 : editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.min(4, Math.max(1, Math.floor(name.length / 3)));
  return bestDistance <= limit ? best : undefined;
}

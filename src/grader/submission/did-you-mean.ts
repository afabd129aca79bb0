/**
 * "Did you mean" suggestions: the closest candidate by Levenshtein distance, case-insensitive
 * matches first, within a distance that grows with the word's length; failing that, a candidate
 * the word begins (storageClass -> storageClassName, volumeSnapshotClass ->
 * volumeSnapshotClassName), when the word is most of it.
 */

/** Levenshtein edit distance (insert, delete, substitute: cost 1 each). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The candidate closest to word, or undefined when none is close enough (or word is one of them). */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates].filter((c) => c !== word);
  const lower = word.toLowerCase();
  const sameLetters = list.find((c) => c.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  const limit = word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of list) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : prefixOf(lower, list);
}

/**
 * The shortest candidate that starts with `lower` (ties: alphabetical), when the word has at least
 * 4 letters and 60% of the candidate's: a field name cut short ("storageClass" for
 * "storageClassName") is too far for the edit distance, and "Read" is not a guess for "ReadOnlyMany".
 */
function prefixOf(lower: string, candidates: string[]): string | undefined {
  if (lower.length < 4) return undefined;
  const fits = candidates.filter((c) => c.toLowerCase().startsWith(lower) && lower.length * 5 >= c.length * 3);
  fits.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return fits[0];
}

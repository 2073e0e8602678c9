/**
 * Preset names as people type them: case, spaces, dashes, dots and underscores are ignored, so
 * "Llama-3.1-70B", "llama 3.1 70b" and "LLAMA_3_1_70B" are one name. Only exact matches resolve;
 * near misses are suggested, never silently taken.
 */

export function normalizeName(text: string): string {
  return text.toLowerCase().replace(/[\s\-._]+/g, "");
}

/** Edit distance between two strings (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/** A name to suggest, and the labels (its own and its aliases) a query is compared with. */
export interface Candidate {
  name: string;
  labels: readonly string[];
}

/**
 * Up to `count` names closest to `query`: those with a label containing it (or contained in it)
 * first, then by the smallest edit distance between normalised forms of any of their labels.
 */
export function closestNames(query: string, candidates: readonly Candidate[], count = 3): string[] {
  const q = normalizeName(query);
  const scored = candidates.map(({ name, labels }) => {
    const score = Math.min(
      ...labels.map((label) => {
        const n = normalizeName(label);
        const contains = q.length > 0 && (n.includes(q) || q.includes(n));
        return (contains ? 0 : 1000) + editDistance(q, n);
      })
    );
    return { name, score };
  });
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, count).map((s) => s.name);
}

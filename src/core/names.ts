/**
 * Preset names as people type them: case, spaces, dashes, dots and underscores are ignored, so
 * "Llama-3.1-70B", "llama 3.1 70b" and "LLAMA_3_1_70B" are one name. Only exact matches resolve;
 * near misses are suggested, never silently taken.
 */

export function normalizeName(text: string): string {
  return text.toLowerCase().replace(/[\s\-._]+/g, "");
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Edit distance between two strings (insertions, deletions, substitutions), computed in two reused
 * rows. Stops early, returning a value above `limit`, once every path is already worse than it.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/** A name to suggest, and its labels (its own and its aliases) already normalised. */
export interface Candidate {
  name: string;
  normalizedLabels: readonly string[];
}

/** Candidates for `closestNames`, normalised once. */
export function candidates(
  items: readonly { name: string; aliases?: readonly string[] }[]
): Candidate[] {
  return items.map((i) => ({
    name: i.name,
    normalizedLabels: [i.name, ...(i.aliases ?? [])].map(normalizeName),
  }));
}

/**
 * Up to `count` names closest to `query`: those with a label containing it (or contained in it)
 * first, then by the smallest edit distance between normalised forms of any of their labels.
 */
export function closestNames(query: string, from: readonly Candidate[], count = 3): string[] {
  const q = normalizeName(query);
  const scored = from.map(({ name, normalizedLabels }) => {
    let score = Infinity;
    for (const n of normalizedLabels) {
      const contains = q.length > 0 && (n.includes(q) || q.includes(n));
      const base = contains ? 0 : 1000;
      score = Math.min(score, base + editDistance(q, n, score - base));
    }
    return { name, score };
  });
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, count).map((s) => s.name);
}

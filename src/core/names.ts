/**
 * Preset names as people type them. Two spellings are one name when they differ only in case and in
 * the separators (spaces, dashes, dots, underscores) between words: "Llama-3.1-70B", "llama 3.1 70b"
 * and "LLAMA_3_1_70B" are one name. A separator between two numbers is kept (as "."), so version and
 * size numbers never merge: "Llama 3 170B" is not "Llama 3.1 70B", "Qwen2 57B" is not "Qwen2.5 7B".
 * Only exact matches resolve; near misses are suggested, never silently taken.
 */

/** The words of a name: lower case, split at spaces, dashes, dots and underscores. */
export function nameParts(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s\-._]+/)
    .filter((p) => p !== "");
}

/** The parts joined back: words run together, a "." kept only between two numbers. */
export function joinParts(parts: readonly string[]): string {
  let out = "";
  for (const p of parts) {
    if (out !== "" && isDigit(out.charCodeAt(out.length - 1)) && isDigit(p.charCodeAt(0))) {
      out += ".";
    }
    out += p;
  }
  return out;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** The key two spellings of one preset name share (see the module comment). */
export const nameKey = (text: string): string => joinParts(nameParts(text));

/**
 * A loose form for filtering and field names: case, spaces, dashes, dots and underscores all
 * ignored ("kv heads" is the field kv_heads; "3.1" finds "Llama 3.1 70B" while typing). Never used
 * to decide which preset a name means.
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
      let value = previous[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      const up = previous[j] + 1;
      if (up < value) value = up;
      const left = current[j - 1] + 1;
      if (left < value) value = left;
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[b.length];
}

/** Characters of a query the suggestions look at: names are short, a longer text is cut here. */
export const SUGGESTION_PREFIX = 64;
/** Labels ranked by edit distance after the bigram filter. */
const SHORTLIST = 5;
/** Dice coefficient below which a label is too far off for its edit distance to matter. */
const NEAR_DICE = 1 / 3;

interface Label {
  /** Index of the item the label belongs to. */
  item: number;
  key: string;
  bigrams: number;
}

/**
 * "Closest presets" for an unknown name, from an index built once: each label's character pairs
 * (bigrams) point back at it, so a query only touches the labels it shares pairs with. Cost is bounded
 * by SUGGESTION_PREFIX whatever the query's length: a long text costs what 64 characters cost.
 */
export class Suggester {
  private readonly labels: Label[] = [];
  private readonly postings = new Map<number, number[]>();
  /** Character pairs in common with the current query, per label (reused between calls). */
  private readonly shared: Int32Array;
  /** Per item: the best label's score in the current query, and which label (reused). */
  private readonly bestDice: Float64Array;
  private readonly bestLabel: Int32Array;
  /** Per label: its Dice coefficient with the current query (valid for the labels touched). */
  private readonly labelDice: Float64Array;

  constructor(private readonly items: readonly { name: string; aliases?: readonly string[] }[]) {
    items.forEach((it, item) => {
      for (const text of [it.name, ...(it.aliases ?? [])]) {
        const slash = text.lastIndexOf("/");
        for (const t of slash >= 0 ? [text, text.slice(slash + 1)] : [text]) {
          const key = nameKey(t).slice(0, SUGGESTION_PREFIX);
          const pairs = bigramsOf(key);
          const index = this.labels.length;
          this.labels.push({ item, key, bigrams: pairs.size });
          for (const pair of pairs) {
            const list = this.postings.get(pair);
            if (list) list.push(index);
            else this.postings.set(pair, [index]);
          }
        }
      }
    });
    this.shared = new Int32Array(this.labels.length);
    this.bestDice = new Float64Array(items.length).fill(-1);
    this.bestLabel = new Int32Array(items.length);
    this.labelDice = new Float64Array(this.labels.length);
  }

  /**
   * Up to `count` item names closest to `query`: a label containing it (or contained in it) first,
   * then the smallest edit distance among the items whose labels share the most character pairs
   * with it (Dice coefficient).
   */
  closest(query: string, count = 3): string[] {
    const q = nameKey(query.slice(0, SUGGESTION_PREFIX * 4)).slice(0, SUGGESTION_PREFIX);
    const pairs = bigramsOf(q);
    const { shared, bestDice, bestLabel, labelDice, labels } = this;
    const touched: number[] = [];
    for (const pair of pairs) {
      const list = this.postings.get(pair);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        if (shared[list[i]]++ === 0) touched.push(list[i]);
      }
    }
    // Each item's best label by Dice coefficient; a label containing the query (or inside it)
    // shares all of the shorter one's pairs, so only those few are tested with includes().
    const items: number[] = [];
    const containing: number[] = [];
    for (const label of touched) {
      const { item, key, bigrams } = labels[label];
      const common = shared[label];
      shared[label] = 0;
      const dice = (2 * common) / (pairs.size + bigrams);
      labelDice[label] = dice;
      if (common >= Math.min(pairs.size, bigrams) && (key.includes(q) || q.includes(key))) {
        containing.push(label);
      }
      if (bestDice[item] < 0) items.push(item);
      if (dice > bestDice[item]) {
        bestDice[item] = dice;
        bestLabel[item] = label;
      }
    }
    items.sort((x, y) => bestDice[y] - bestDice[x]);
    const ranked = items.slice(0, SHORTLIST).map((item) => bestLabel[item]);
    for (const item of items) bestDice[item] = -1;
    for (const label of containing) if (!ranked.includes(label)) ranked.push(label);
    // Edit distance orders the shortlist, for labels that share at least a third of their pairs
    // with the query; it stops early past a quarter of the query's length (a name that far off is
    // no near miss). Labels beyond either keep their Dice order.
    const limit = (q.length >> 2) + 2;
    const scored = new Map<number, number>(); // item → best score (lower is closer)
    for (const label of ranked) {
      const { item, key } = labels[label];
      const contains = containing.includes(label) ? 0 : 1000;
      const near = labelDice[label] >= NEAR_DICE;
      const distance = near ? Math.min(editDistance(q, key, limit), limit + 1) : limit + 1;
      const score = contains + distance;
      if (score < (scored.get(item) ?? Infinity)) scored.set(item, score);
    }
    const byScore = [...scored].sort(([, x], [, y]) => x - y); // stable: ties keep Dice order
    const names = byScore.slice(0, count).map(([item]) => this.items[item].name);
    // Nothing in common at all: the first presets, so the message still shows what a name looks like.
    for (let k = 0; names.length < count && k < this.items.length; k++) {
      if (!names.includes(this.items[k].name)) names.push(this.items[k].name);
    }
    return names;
  }
}

/** The distinct character pairs of a key, each as one number. */
function bigramsOf(key: string): Set<number> {
  const pairs = new Set<number>();
  for (let i = 0; i + 1 < key.length; i++) {
    pairs.add(key.charCodeAt(i) * 65536 + key.charCodeAt(i + 1));
  }
  return pairs;
}

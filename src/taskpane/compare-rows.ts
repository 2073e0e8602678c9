import { summarize, type SummaryInputs } from "./summary";

/**
 * One row per compared system, from the same summary the pane shows for one system: what a million
 * tokens cost there and how fast a chip serves, or in words why a number is missing.
 */
export interface CompareRow {
  system: string;
  /** USD per million tokens, input and output together; null when the preset lacks a price or power. */
  costPerMillion: number | null;
  costPerMillionOutput: number | null;
  /** Output tokens/s per chip (estimate); null when the model does not fit. */
  perChip: number | null;
  /** Why a number is missing. */
  note?: string;
}

export function compareRows(
  systems: readonly string[],
  base: Omit<SummaryInputs, "system" | "unit">
): CompareRow[] {
  return systems.map((system) => {
    // The unit's price and power typed in the pane are for the chosen system only.
    const result = summarize({ ...base, system, unit: {} });
    if ("error" in result) {
      return {
        system,
        costPerMillion: null,
        costPerMillionOutput: null,
        perChip: null,
        note: result.error,
      };
    }
    const s = result.summary;
    return {
      system: s.systemName,
      costPerMillion: s.cost?.perMillionBlended ?? null,
      costPerMillionOutput: s.cost?.perMillionOutput ?? null,
      perChip: s.outputTokensPerSecPerChip,
      ...(s.costMissing ? { note: s.costMissing } : {}),
    };
  });
}

export type SortKey = "system" | "costPerMillion" | "perChip";

/** Rows sorted by a column; rows without the number last, whatever the direction. */
export function sortRows(rows: CompareRow[], key: SortKey, ascending: boolean): CompareRow[] {
  return [...rows].sort((a, b) => {
    if (key === "system") return (ascending ? 1 : -1) * a.system.localeCompare(b.system, "en");
    const [x, y] = [a[key], b[key]];
    if (x === null) return y === null ? 0 : 1;
    if (y === null) return -1;
    return ascending ? x - y : y - x;
  });
}

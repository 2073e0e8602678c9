import { CURVE, evaluate } from "../core";
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
  /** Joules per output token at the facility meter (ENERGYPERTOKEN); null without the unit's power. */
  energyJPerToken: number | null;
  /** Market price per million output tokens less this cost; null without a listing or a cost. */
  marginOutput: number | null;
  /**
   * The throughput–interactivity curve (CURVE at the replica's chips): tokens/s per user (x) and
   * output tokens/s per chip (y), 1 user to the most that fit; `at` is this workload's load.
   */
  curve: { x: number; y: number }[];
  at: { x: number; y: number } | null;
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
        energyJPerToken: null,
        marginOutput: null,
        curve: [],
        at: null,
      };
    }
    const s = result.summary;
    return {
      system: s.systemName,
      costPerMillion: s.cost?.perMillionBlended ?? null,
      costPerMillionOutput: s.cost?.perMillionOutput ?? null,
      perChip: s.outputTokensPerSecPerChip,
      ...(s.costMissing ? { note: s.costMissing } : {}),
      energyJPerToken: s.energyJPerToken,
      marginOutput: s.market?.marginOutput ?? null,
      curve: curveOf(base, system, s.chipsPerReplica),
      at: { x: s.tokensPerSecPerUser, y: s.outputTokensPerSecPerChip },
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

/** CURVE's (tokens/s per user, tokens/s per chip) points at the replica's chips; none if it fails. */
function curveOf(
  base: Omit<SummaryInputs, "system" | "unit">,
  system: string,
  chips: number
): { x: number; y: number }[] {
  try {
    const table = evaluate(CURVE, [
      base.model,
      system,
      base.inputTokens,
      base.outputTokens,
      base.precision ?? null,
      base.kvPrecision,
      chips,
      12,
      null,
    ]);
    return table.slice(1).map((row) => ({ x: row[1] as number, y: row[4] as number }));
  } catch {
    return [];
  }
}

import { FUNCTIONS, type FormulaFunction, type Param } from "../core";

/**
 * The function reference the pane shows, as plain data derived from the catalog, so the pane can
 * never describe a function differently from what it computes.
 */

export interface FunctionEntry {
  signature: string;
  summary: string;
  unit: string;
}

export interface DefaultEntry {
  argument: string;
  value: string;
  source: string;
}

export function signature(fn: FormulaFunction): string {
  const args = fn.params.map((p: Param) => (p.default ? `[${p.name}]` : p.name));
  return `=TOKENOMICS.${fn.id}(${args.join(", ")})`;
}

export function functionEntries(): FunctionEntry[] {
  return FUNCTIONS.map((fn) => ({
    signature: signature(fn),
    summary: fn.summary,
    unit: fn.unit,
  }));
}

/** Each sourced default once, with its value, unit and source (shared arguments are listed once). */
export function defaultEntries(): DefaultEntry[] {
  const seen = new Map<string, DefaultEntry>();
  for (const fn of FUNCTIONS) {
    for (const p of fn.params) {
      const d = p.default;
      if (!d?.source || seen.has(p.name)) continue;
      const when = [d.date, d.confidence && `confidence ${d.confidence}`]
        .filter(Boolean)
        .join("; ");
      seen.set(p.name, {
        argument: p.name,
        value: d.text ?? `${d.value} ${d.unit}`,
        source: `${d.source}${when ? ` (${when})` : ""}${d.note ? ". " + d.note : ""}`,
      });
    }
  }
  return [...seen.values()];
}

import defaults from "../presets/finance-defaults.json";
import {
  evaluate,
  MEMORY,
  MODEL_PRESETS,
  normalizeName,
  PRECISIONS,
  RACKS_FN,
  SYSTEM_PRESETS,
  TokenomicsError,
  CHIPS,
} from "../core";
import { FINANCE_KEYS, type FinanceKey, type Workload } from "../workbook/plan";

/**
 * The pane's state and what it derives from it, kept free of React and Office so it can be tested
 * and reused: option groups for the pickers, the finance defaults with their sources, and a preview
 * computed by the core.
 */

export interface Group {
  label: string;
  names: string[];
}

/** Presets grouped (models by family, systems by vendor), filtered by a query over names and aliases. */
export function groups(kind: "model" | "system", query: string): Group[] {
  const q = normalizeName(query);
  const out = new Map<string, string[]>();
  const items =
    kind === "model"
      ? MODEL_PRESETS.items.map((m) => ({
          group: m.family ?? "Other",
          name: m.name,
          labels: [m.name, m.family ?? "", ...(m.aliases ?? [])],
        }))
      : SYSTEM_PRESETS.items.map((s) => ({
          group: s.vendor,
          name: s.name,
          labels: [s.name, s.vendor, ...(s.aliases ?? [])],
        }));
  for (const item of items) {
    if (q && !item.labels.some((l) => normalizeName(l).includes(q))) continue;
    out.set(item.group, [...(out.get(item.group) ?? []), item.name]);
  }
  return [...out].map(([label, names]) => ({ label, names }));
}

export const PRECISION_NAMES = PRECISIONS.map((p) => p.name);

export interface FinanceField {
  key: FinanceKey;
  value: number;
  unit: string;
  source: string;
}

export function financeDefaults(): FinanceField[] {
  return FINANCE_KEYS.map((key) => {
    const d = defaults[key];
    return {
      key,
      value: d.value,
      unit: d.unit,
      source: `${d.source} (${d.date}; confidence ${d.confidence})`,
    };
  });
}

export interface Preview {
  /** Said when the context is longer than the model supports (the functions refuse it). */
  warning?: string;
  memoryGB?: number;
  chips?: number;
  racks?: number;
  error?: string;
}

/** What Insert would compute, by the core: total memory, chips and racks (when the preset knows a rack). */
export function preview(model: string, system: string, workload: Workload): Preview {
  const cell = (grid: ReturnType<typeof evaluate>) => {
    const value = grid[0][0];
    if (value instanceof TokenomicsError) throw value;
    return value as number;
  };
  try {
    const preset = MODEL_PRESETS.resolve(model);
    const context = workload.inputTokens + workload.outputTokens;
    if (preset.max_context && context > preset.max_context) {
      // The functions refuse it: say why, with no numbers.
      return {
        warning: `${context.toLocaleString("en-US")} tokens exceed ${preset.name}'s maximum context (${preset.max_context.toLocaleString("en-US")}).`,
      };
    }
    const memoryGB = cell(
      evaluate(MEMORY, [
        model,
        workload.inputTokens + workload.outputTokens,
        workload.users,
        workload.precision ?? null,
        workload.kvPrecision ?? null,
        workload.instances ?? null,
      ])
    );
    const chips = cell(evaluate(CHIPS, [memoryGB, system]));
    const racksCell = evaluate(RACKS_FN, [memoryGB, system, null])[0][0];
    return { memoryGB, chips, racks: typeof racksCell === "number" ? racksCell : undefined };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

import { MODEL_PRESETS, normalizeName, PRECISIONS, SYSTEM_PRESETS } from "../core";

/** The pickers' options, free of React and Office: presets grouped and filtered as the user types. */

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

import type { Param } from "../arguments";
import { invalidValue, notAvailable } from "../errors";
import { toFieldRows } from "../field-table";
import type { CellFunction, TableFunction } from "../formula";
import { MODEL_FIELDS, type ModelSpec } from "../model-spec";
import { normalizeName } from "../names";
import { MODEL_PRESETS, modelGroups, SYSTEM_PRESETS, systemGroups } from "../presets";
import { SYSTEM_FIELDS, type SystemSpec } from "../system-spec";
import { MODEL } from "./params";

/** Preset formulas: list the presets, and read one as a (field, value) table or a single field. */

const FILTER: Param = {
  name: "filter",
  description:
    'Text to look for in names, aliases, family or vendor ("llama", "NVIDIA"); none lists all.',
  rule: { kind: "text" },
  default: { value: "", text: "none (every preset)", unit: "text" },
};

const fieldParam = (what: string, example: string): Param => ({
  name: "field",
  description: `One field to return (${example}); without it, every field as a (field, value) table.`,
  rule: { kind: "text" },
  default: { value: null, text: `every field of the ${what}`, unit: "field name" },
});

function fieldValue<T extends object>(
  preset: T,
  fields: readonly (keyof T)[],
  field: string | null,
  what: string
) {
  if (field === null) {
    throw invalidValue(
      `field is blank: give a field name such as "${String(fields[6])}", or leave it out for the whole table.`
    );
  }
  const key = fields.find((f) => normalizeName(String(f)) === normalizeName(field));
  if (key === undefined) {
    throw invalidValue(`${what} has no field "${field}". Fields: ${fields.join(", ")}.`);
  }
  const value = preset[key];
  if (value === null || value === undefined) return "";
  return Array.isArray(value) ? value.join("; ") : (value as string | number);
}

function list(names: string[], what: string, filter: string): (string | number)[][] {
  if (names.length === 0) {
    throw notAvailable(
      `No ${what} preset matches "${filter}". Leave the filter out to list them all.`
    );
  }
  return names.map((name) => [name]);
}

const MODEL_KEYS = Object.keys(MODEL_FIELDS) as (keyof ModelSpec)[];
const SYSTEM_KEYS = Object.keys(SYSTEM_FIELDS) as (keyof SystemSpec)[];

export const MODELS: TableFunction = {
  kind: "table",
  id: "MODELS",
  summary:
    "The model presets' names, one per row: a list for data validation or for MODELKV over many models.",
  unit: "names",
  params: [FILTER],
  table: ([filter]) =>
    list(MODEL_PRESETS.names(filter as string, modelGroups), "model", filter as string),
  example: {
    args: ["llama 3.1"],
    shows: "Llama 3.1 8B",
    decimals: 0,
    about: "The Llama 3.1 presets.",
  },
};

export const SYSTEMS: TableFunction = {
  kind: "table",
  id: "SYSTEMS",
  summary: "The system presets' names, one per row.",
  unit: "names",
  params: [FILTER],
  table: ([filter]) =>
    list(SYSTEM_PRESETS.names(filter as string, systemGroups), "system", filter as string),
  example: { args: ["AMD"], shows: "AMD Instinct MI300X", decimals: 0, about: "AMD's presets." },
};

export const MODEL_FN: CellFunction = {
  kind: "cell",
  id: "MODEL",
  summary:
    "A model preset as a two-column (field, value) table, source included — editable in cells and usable wherever a model is expected — or one field.",
  unit: "field values (parameters in billions, sizes in tokens or values)",
  params: [MODEL, fieldParam("model", '"layers", "kv_heads", "head_dim", "source"…')],
  compute: ([model, field]) =>
    fieldValue(model as ModelSpec, MODEL_KEYS, field as string | null, (model as ModelSpec).name),
  wholeTable: ([model]) => toFieldRows(model as ModelSpec, MODEL_KEYS),
  example: {
    args: ["meta-llama/Llama-3.1-70B-Instruct", "kv_heads"],
    shows: 8,
    decimals: 0,
    about: "A Hugging Face id resolves to the Llama 3.1 70B preset.",
  },
};

export const SYSTEM_FN: CellFunction = {
  kind: "cell",
  id: "SYSTEM",
  summary:
    "A system preset as a two-column (field, value) table, sources and estimate notes included, or one field.",
  unit: "field values (memory_gb in GB of 2^30 bytes, power in W or kW, prices in USD)",
  params: [
    {
      name: "system",
      description: 'A system preset name ("H100", "GB200 NVL72", "Groq LPU").',
      rule: { kind: "system" },
    },
    fieldParam("system", '"memory_gb", "chips_per_rack", "price_note"…'),
  ],
  compute: ([system, field]) =>
    fieldValue(
      system as SystemSpec,
      SYSTEM_KEYS,
      field as string | null,
      (system as SystemSpec).name
    ),
  wholeTable: ([system]) => toFieldRows(system as SystemSpec, SYSTEM_KEYS),
  example: { args: ["GH200", "memory_gb"], shows: 144, decimals: 0, about: "The article's GH200." },
};

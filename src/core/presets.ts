import modelData from "../presets/models.json";
import systemData from "../presets/systems.json";
import { notAvailable } from "./errors";
import { checkModel, type ModelSpec } from "./model-spec";
import { candidates, closestNames, normalizeName, type Candidate } from "./names";
import type { SystemSpec } from "./system-spec";

/**
 * The model and system presets (src/presets/*.json) and how names find them: the preset's name,
 * its aliases, a Hugging Face id or the part after its "/", each compared with case, spaces, dashes,
 * dots and underscores ignored; checkpoint suffixes such as -Instruct or -it are tried off too.
 * Suffixes that change the weights' format (-FP8, -AWQ…) are never dropped: such a name must be an
 * alias of a preset in that format, or it is unknown.
 */

/** Suffixes that name a fine-tune or packaging of the same architecture and weight format. */
const SAME_WEIGHTS_SUFFIXES = ["instruct", "chat", "it", "hf", "base", "pt"];

interface Named {
  name: string;
  aliases?: string[];
}

export class PresetIndex<T extends Named> {
  private readonly byKey = new Map<string, T>();
  private readonly suggestions: Candidate[];

  constructor(
    private readonly kind: "model" | "system",
    private readonly listFunction: string,
    readonly items: readonly T[]
  ) {
    this.suggestions = candidates(items);
    for (const item of items) {
      for (const label of [item.name, ...(item.aliases ?? [])]) {
        for (const key of keysOf(label)) {
          const other = this.byKey.get(key);
          if (other && other !== item) {
            throw new Error(
              `${kind} presets "${other.name}" and "${item.name}" both answer to "${label}"`
            );
          }
          this.byKey.set(key, item);
        }
      }
    }
  }

  /** Recent lookups: a sheet recalculating asks for the same few names thousands of times. */
  private readonly memo = new Map<string, T | undefined>();

  /** The preset a name means, or undefined. */
  find(query: string): T | undefined {
    if (this.memo.has(query)) return this.memo.get(query);
    let found: T | undefined;
    for (const key of queryKeys(query)) {
      found = this.byKey.get(key);
      if (found) break;
    }
    if (this.memo.size >= 1000) this.memo.clear();
    this.memo.set(query, found);
    return found;
  }

  /** The preset a name means; `#N/A` with the closest names when there is none. */
  resolve(query: string): T {
    const found = this.find(query);
    if (found) return found;
    const suggestions = closestNames(query, this.suggestions).join(", ");
    throw notAvailable(
      `Unknown ${this.kind} "${query}". Closest presets: ${suggestions}. =TOKENOMICS.${this.listFunction}() lists them all.`
    );
  }

  /** Preset names, in the data's order, whose name, aliases or group contain `filter`. */
  names(filter: string, groupOf: (item: T) => string[]): string[] {
    const f = normalizeName(filter);
    return this.items
      .filter((item) =>
        [item.name, ...(item.aliases ?? []), ...groupOf(item)].some((label) =>
          normalizeName(label).includes(f)
        )
      )
      .map((item) => item.name);
  }
}

function keysOf(label: string): string[] {
  const keys = [normalizeName(label)];
  const slash = label.lastIndexOf("/");
  if (slash >= 0) keys.push(normalizeName(label.slice(slash + 1)));
  return keys;
}

function queryKeys(query: string): string[] {
  const keys: string[] = [];
  for (let key of keysOf(query)) {
    keys.push(key);
    let stripped = true;
    while (stripped) {
      stripped = false;
      for (const suffix of SAME_WEIGHTS_SUFFIXES) {
        if (key.length > suffix.length && key.endsWith(suffix)) {
          key = key.slice(0, -suffix.length);
          keys.push(key);
          stripped = true;
        }
      }
    }
  }
  return keys;
}

/**
 * A published checkpoint of a preset in another weight format (Qwen/Qwen3-235B-A22B-FP8,
 * nvidia/DeepSeek-R1-NVFP4): the base preset's architecture with the variant's native_precision, its
 * own names and source. Its weights are all in that format (bf16_params_b is the base's own split).
 */
interface Variant {
  name: string;
  base: string;
  aliases: string[];
  native_precision: string;
  source: string;
  confidence: string;
  notes: string;
}

function withVariants(models: ModelSpec[], variants: readonly Variant[]): ModelSpec[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const expanded = variants.map((v) => {
    const base = byName.get(v.base);
    if (!base) throw new Error(`variant ${v.name}: no base preset "${v.base}"`);
    return {
      ...base,
      name: v.name,
      aliases: v.aliases,
      native_precision: v.native_precision,
      bf16_params_b: null,
      source: `${v.source}; architecture: the ${base.name} preset (${base.source})`,
      confidence: v.confidence,
      notes: `${v.notes} Architecture as ${base.name}.`,
    };
  });
  return [...models, ...expanded];
}

export const MODEL_PRESETS = new PresetIndex<ModelSpec>(
  "model",
  "MODELS",
  withVariants(modelData.models as ModelSpec[], modelData.variants as Variant[]).map(checkModel)
);

export const SYSTEM_PRESETS = new PresetIndex<SystemSpec>(
  "system",
  "SYSTEMS",
  systemData.systems as SystemSpec[]
);

export const modelGroups = (m: ModelSpec) => [m.family ?? "", m.developer ?? ""];
export const systemGroups = (s: SystemSpec) => [s.vendor, s.memory_type];

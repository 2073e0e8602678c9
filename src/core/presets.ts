import modelData from "../presets/models.json";
import systemData from "../presets/systems.json";
import { notAvailable, TokenomicsError } from "./errors";
import { checkModel, type ModelSpec } from "./model-spec";
import { joinParts, nameKey, nameParts, normalizeName, Suggester } from "./names";
import type { SystemSpec } from "./system-spec";

/**
 * The model and system presets (src/presets/*.json) and how names find them. A name resolves only
 * to a preset one of whose labels (its name, an alias, a Hugging Face id) it equals after folding
 * case and separators (src/core/names.ts: version and size numbers stay apart):
 * - checkpoint suffixes that keep the architecture and weights (-Instruct, -it, -chat…) may be left
 *   off or added: "Llama-3.1-70B-Instruct" is Llama 3.1 70B;
 * - an organisation prefix ("org/…") is taken when the whole id is a label, or the rest is exactly a
 *   label, or the organisation is the preset's own (one of its Hugging Face ids) — so someone else's
 *   fine-tune, "someorg/Llama-3.1-70B-Instruct-abliterated", never falls back to the base preset;
 * - suffixes that change the weights' format (-FP8, -AWQ…) are never dropped: such a name must be an
 *   alias of a preset in that format, or it is unknown.
 * An unknown name costs microseconds whatever its length: over-long text is refused at once,
 * suggestions come from a bounded prefix through an index built once, and answers are remembered.
 */

/** Suffixes that name a fine-tune or packaging of the same architecture and weight format. */
const SAME_WEIGHTS_SUFFIXES = new Set(["instruct", "chat", "it", "hf", "base", "pt"]);

/** Longer text is no preset name (the longest label is well under this): refused without a search. */
export const MAX_NAME_LENGTH = 200;

/** Distinct texts remembered; a sheet recalculating asks for the same names again and again. */
const MEMO_SIZE = 20_000;

interface Named {
  name: string;
  aliases?: string[];
}

export class PresetIndex<T extends Named> {
  private readonly byKey = new Map<string, T>();
  /** Organisations of each preset's Hugging Face ids ("meta-llama"), folded. */
  private readonly orgs = new Map<T, Set<string>>();
  private suggester?: Suggester;

  constructor(
    private readonly kind: "model" | "system",
    private readonly listFunction: string,
    readonly items: readonly T[]
  ) {
    for (const item of items) {
      const orgs = new Set<string>();
      for (const label of [item.name, ...(item.aliases ?? [])]) {
        const { org, parts } = split(label);
        const keys = [joinParts(parts)];
        if (org !== undefined) {
          orgs.add(org);
          keys.push(`${org}/${keys[0]}`);
        }
        for (const key of keys) {
          const other = this.byKey.get(key);
          if (other && other !== item) {
            throw new Error(
              `${kind} presets "${other.name}" and "${item.name}" both answer to "${label}"`
            );
          }
          this.byKey.set(key, item);
        }
      }
      this.orgs.set(item, orgs);
    }
  }

  /**
   * Answers already given, by the exact text asked: a preset, or the #N/A error (made once: a column
   * of the same unknown name recalculating costs a lookup per cell, not an error object's stack).
   */
  private readonly memo = new Map<string, T | TokenomicsError>();

  /** The preset a name means, or undefined. */
  find(query: string): T | undefined {
    const answer = this.answer(query);
    return answer instanceof TokenomicsError ? undefined : answer;
  }

  /** The preset a name means; `#N/A` with the closest names when there is none. */
  resolve(query: string): T {
    const answer = this.answer(query);
    if (answer instanceof TokenomicsError) throw answer;
    return answer;
  }

  private answer(query: string): T | TokenomicsError {
    if (query.length > MAX_NAME_LENGTH) {
      return notAvailable(
        `Unknown ${this.kind}: the text is ${query.length.toLocaleString("en-US")} characters long, ` +
          `longer than any preset name (at most ${MAX_NAME_LENGTH}). ` +
          `=TOKENOMICS.${this.listFunction}() lists the presets.`
      );
    }
    const known = this.memo.get(query);
    if (known !== undefined) return known;
    const answer = this.lookup(query) ?? notAvailable(this.unknown(query));
    if (this.memo.size >= MEMO_SIZE) this.memo.clear();
    this.memo.set(query, answer);
    return answer;
  }

  private lookup(query: string): T | undefined {
    const { org, parts } = split(query);
    const bare = joinParts(parts);
    if (org === undefined) return this.withSuffixes(parts, (key) => this.byKey.get(key));
    // The whole id as a label (suffixes allowed), or the rest exactly a label.
    const found =
      this.withSuffixes(parts, (key) => this.byKey.get(`${org}/${key}`)) ?? this.byKey.get(bare);
    if (found) return found;
    // The rest a label once suffixes are off, only for the preset's own organisation.
    const candidate = this.withSuffixes(parts, (key) => this.byKey.get(key));
    return candidate && this.orgs.get(candidate)?.has(org) ? candidate : undefined;
  }

  /** The first hit of `get` for the parts, then with same-weights suffixes dropped one by one. */
  private withSuffixes(parts: string[], get: (key: string) => T | undefined): T | undefined {
    for (let end = parts.length; end > 0; end--) {
      const found = get(joinParts(parts.slice(0, end)));
      if (found) return found;
      if (!SAME_WEIGHTS_SUFFIXES.has(parts[end - 1])) return undefined;
    }
    return undefined;
  }

  private unknown(query: string): string {
    this.suggester ??= new Suggester(this.items);
    const suggestions = this.suggester.closest(query).join(", ");
    const shown = query.length > 80 ? `${query.slice(0, 77)}...` : query;
    return `Unknown ${this.kind} "${shown}". Closest presets: ${suggestions}. =TOKENOMICS.${this.listFunction}() lists them all.`;
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

/** A label's organisation (folded, before the last "/") and the words of the rest. */
function split(label: string): { org?: string; parts: string[] } {
  const slash = label.lastIndexOf("/");
  if (slash < 0) return { parts: nameParts(label) };
  return { org: nameKey(label.slice(0, slash)), parts: nameParts(label.slice(slash + 1)) };
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

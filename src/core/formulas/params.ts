import defaults from "../../presets/finance-defaults.json";
import type { DefaultValue, NumberRule, Param } from "../arguments";
import { invalidValue } from "../errors";
import { input, num, str, type Expr, type Preset } from "../expr";
import type { ModelSpec } from "../model-spec";
import type { TwinArg } from "../formula";

/** Parameter builders and the parameters several formulas share. */

export const count = (name: string, description: string): Param => ({
  name,
  description,
  rule: { kind: "number", min: 1, integer: true },
});

export const positive = (
  name: string,
  description: string,
  extra: Partial<NumberRule> = {}
): Param => ({
  name,
  description,
  rule: { kind: "number", min: 0, minExclusive: true, ...extra },
});

export const nonNegative = (
  name: string,
  description: string,
  extra: Partial<NumberRule> = {}
): Param => ({
  name,
  description,
  rule: { kind: "number", min: 0, ...extra },
});

const withDefault = (param: Param, key: Exclude<keyof typeof defaults, "$comment">): Param => ({
  ...param,
  default: defaults[key] as DefaultValue,
});

// ---------------------------------------------------------------- workload and models

export const CONTEXT_TOKENS = positive(
  "context_tokens",
  "Tokens of context per user, input plus output (may be an average)."
);
export const USERS = positive(
  "users",
  "Concurrent users (sequences in the batch; may be an average)."
);

export const MODEL: Param = {
  name: "model",
  description:
    'A model preset name or Hugging Face id ("Llama 3.1 70B", "deepseek-ai/DeepSeek-V3"), or a two-column (field, value) range such as MODEL() spills.',
  rule: { kind: "model" },
};

/** KV precision: 16-bit unless said otherwise, as serving engines store it by default. */
export const KV_PRECISION: Param = {
  name: "kv_precision",
  description: "KV-cache format: FP16, BF16, FP8, … or bytes per value.",
  rule: { kind: "precision" },
  default: {
    value: "FP16",
    unit: "format",
    source:
      "serving engines' default: vLLM's kv_cache_dtype 'auto' keeps the cache in the model's 16-bit activation type",
    date: "2025",
    confidence: "high",
  },
};

/** Weight precision for a model: its native format unless said otherwise. */
export const MODEL_PRECISION: Param = {
  name: "precision",
  description:
    "Weight format: FP32, FP16, BF16, FP8, INT8, FP6, FP4, INT4, MXFP4, NVFP4, or bytes per value.",
  rule: { kind: "precision" },
  default: {
    value: null,
    text: "the model's native precision",
    unit: "format",
    source: "the model preset's native_precision (the format its weights ship in)",
    date: "per preset",
    confidence: "per preset",
  },
};

export const INSTANCES: Param = {
  ...count("instances", "Copies of the model's weights held in memory."),
  default: {
    value: 1,
    unit: "copies",
    source: "the source article's worked example (a single instance)",
    date: "2024",
    confidence: "high",
  },
};

// ---------------------------------------------------------------- hardware

export const MEMORY_GB = nonNegative(
  "memory_gb",
  "Memory to hold, in GB of 2^30 bytes (weights + KV cache)."
);

export const CHIP_MEMORY_OR_SYSTEM: Param = {
  name: "chip_memory_gb",
  description:
    'Memory per chip in GB of 2^30 bytes (HBM, or on-chip SRAM for chips without HBM: 0.25 for 256 MB), or a system name ("GH200", "Groq LPU") whose memory_gb is used.',
  rule: {
    kind: "system",
    orNumber: { kind: "number", min: 0, minExclusive: true },
    uses: "memory_gb",
  },
};

// ---------------------------------------------------------------- cost

export const RACKS = positive(
  "racks",
  "Racks in the deployment (may be fractional, as the article's 5.6)."
);
export const PRICE_PER_RACK = nonNegative("price_per_rack", "Purchase price of one rack, USD.");
export const POWER_PER_RACK_KW = nonNegative("power_per_rack_kw", "IT power of one rack, kW.", {
  max: 1000,
  overMaxHint: "Power is in kW: 120000 W is 120 kW.",
});
export const YEARS = withDefault(
  positive("years", "Depreciation life, years.", {
    max: 30,
    overMaxHint: "years is the depreciation life in years (e.g. 5), not months.",
  }),
  "years"
);
export const WACC = withDefault(
  nonNegative("wacc", "Cost of capital per year, a fraction (10% = 0.1).", {
    max: 1,
    maxExclusive: true,
    overMaxHint: "wacc is a fraction: 10% is 0.1.",
  }),
  "wacc"
);
export const HOSTING = withDefault(
  nonNegative("hosting_per_kw_month", "Colocation rent, USD per kW of IT power per month."),
  "hosting_per_kw_month"
);
export const ENERGY = withDefault(
  nonNegative("energy_per_kwh", "Electricity price, USD per kWh.", {
    max: 5,
    overMaxHint: "energy_per_kwh is in dollars: 8 cents is 0.08.",
  }),
  "energy_per_kwh"
);
export const PUE = withDefault(
  {
    name: "pue",
    description: "Power usage effectiveness: facility power / IT power (≥ 1).",
    rule: { kind: "number", min: 1, max: 3, overMaxHint: "PUE is a ratio near 1.1-1.6." },
  },
  "pue"
);
export const UTILIZATION = withDefault(
  positive(
    "utilization",
    "Share of the year the system serves at tokens_per_sec, a fraction in (0, 1].",
    {
      max: 1,
      overMaxHint: "utilization is a fraction: 80% is 0.8.",
    }
  ),
  "utilization"
);

/**
 * Each finance assumption (finance-defaults.json's keys) with the parameter whose bounds it takes,
 * and whether it is a fraction people write as a percentage ("10%"): the command line and the pane
 * read the user's numbers against these, as the functions do.
 */
export const FINANCE_PARAMS: Readonly<
  Record<Exclude<keyof typeof defaults, "$comment">, { param: Param; fraction: boolean }>
> = {
  years: { param: YEARS, fraction: false },
  wacc: { param: WACC, fraction: true },
  hosting_per_kw_month: { param: HOSTING, fraction: false },
  energy_per_kwh: { param: ENERGY, fraction: false },
  pue: { param: PUE, fraction: false },
  utilization: { param: UTILIZATION, fraction: true },
};

/** The cost parameters shared by COSTPERMTOK and TCO, after their leading ones. */
export const COST_TAIL = [YEARS, WACC, HOSTING, ENERGY, PUE] as const;

/**
 * In a twin, the expression for parameter `k`: its input, or its default when the argument is
 * omitted. A default resolved from other arguments (value null) must be handled by the twin itself.
 */
export function twinArg(params: readonly Param[], args: readonly TwinArg[], k: number): Expr {
  const param = params[k];
  if ((args[k] ?? "omitted") !== "omitted") return input(param.name);
  const value = param.default?.value;
  if (typeof value === "number") return num(value);
  if (typeof value === "string") return str(value);
  throw new Error(`${param.name} has no default a native formula can use`);
}

/**
 * Refuses a context longer than the model supports (its max_context, when the preset or range gives
 * one): a KV cache or a throughput for 200k tokens of a 128k model is a number for nothing.
 */
export function checkContext(model: ModelSpec, tokens: number, what = "context_tokens"): void {
  const limit = model.max_context;
  if (limit && tokens > limit) {
    throw invalidValue(
      `${what} (${tokens}) is longer than ${model.name}'s max_context of ${limit} tokens: shorten it, ` +
        `or for a long-context variant pass a model range with a larger max_context.`
    );
  }
}

/**
 * The same refusal as a spreadsheet condition over the model argument (a preset's max_context, or
 * the (field, value) range's) and the context's formula text; none when either is not known.
 */
export function contextRefused(
  modelRef: string | undefined,
  modelPreset: Preset | undefined,
  tokens: string | undefined
): string[] {
  if (tokens === undefined) return [];
  const wrap = /^[\w$.!:']+$/.test(tokens) ? tokens : `(${tokens})`;
  if (modelPreset) {
    const limit = (modelPreset as ModelSpec).max_context;
    return limit ? [`${wrap}>${limit}`] : [];
  }
  if (modelRef === undefined) return [];
  const limit = `N(VLOOKUP("max_context",${modelRef},2,0))`;
  return [`AND(${limit}>0,${wrap}>${limit})`];
}

import defaults from "../presets/finance-defaults.json";
import type { CellValue, DefaultValue, NumberRule, Param } from "./arguments";
import { coerce } from "./arguments";
import { broadcast, type Argument, type ResultCell } from "./broadcast";
import { invalidValue } from "./errors";
import { annualCost, costPerMillionTokens, type Deployment } from "./finance";
import { kvCacheGB, weightsGB } from "./memory";
import { chipsNeeded, racksNeeded } from "./sizing";

/**
 * The public formula API, declared once. Each entry is what `=TOKENOMICS.<id>(…)` means: its
 * parameters in Excel order (required first), their rules and documented defaults, and the core
 * computation. Every face — Excel's custom functions, tests, the task pane, any other engine — calls
 * these entries, so an argument is validated the same way everywhere. An id, once shipped, never changes.
 */

/**
 * A worked example for the documentation. Tests evaluate it, so the shown result cannot go stale:
 * the result rounded to `decimals` must equal `shows` (for a table, its Total).
 */
export interface Example {
  args: readonly (number | string)[];
  shows: number;
  decimals: number;
  /** Where the inputs come from. */
  about: string;
}

/** A function whose result is one number per cell of its (broadcast) arguments. */
export interface CellFunction {
  kind: "cell";
  id: string;
  summary: string;
  /** Unit of the result, said in the function's description. */
  unit: string;
  params: readonly Param[];
  example: Example;
  /** Values arrive validated, in `params` order (precisions already as bytes per value). */
  compute(values: number[]): number;
}

/** A function whose result is one labelled table from single-cell arguments. */
export interface TableFunction {
  kind: "table";
  id: string;
  summary: string;
  unit: string;
  params: readonly Param[];
  example: Example;
  table(values: number[]): (string | number)[][];
}

export type FormulaFunction = CellFunction | TableFunction;

// ---------------------------------------------------------------- parameters

const count = (name: string, description: string): Param => ({
  name,
  description,
  rule: { kind: "number", min: 1, integer: true },
});
const positive = (name: string, description: string, extra: Partial<NumberRule> = {}): Param => ({
  name,
  description,
  rule: { kind: "number", min: 0, minExclusive: true, ...extra },
});
const nonNegative = (
  name: string,
  description: string,
  extra: Partial<NumberRule> = {}
): Param => ({
  name,
  description,
  rule: { kind: "number", min: 0, ...extra },
});
const withDefault = (param: Param, key: keyof typeof defaults): Param => {
  const entry = defaults[key] as DefaultValue & { value: number };
  return { ...param, default: entry };
};

const MEMORY_GB = nonNegative(
  "memory_gb",
  "Memory to hold, in GB of 2^30 bytes (weights + KV cache)."
);
const CHIP_MEMORY_GB = positive(
  "chip_memory_gb",
  "Memory per chip, in GB of 2^30 bytes: HBM capacity, or on-chip SRAM for chips without HBM (0.25 for 256 MB)."
);
const RACKS = positive(
  "racks",
  "Racks in the deployment (may be fractional, as the article's 5.6)."
);
const PRICE_PER_RACK = nonNegative("price_per_rack", "Purchase price of one rack, USD.");
const POWER_PER_RACK_KW = nonNegative("power_per_rack_kw", "IT power of one rack, kW.", {
  max: 1000,
  overMaxHint: "Power is in kW: 120000 W is 120 kW.",
});
const YEARS = withDefault(
  positive("years", "Depreciation life, years.", {
    max: 30,
    overMaxHint: "years is the depreciation life in years (e.g. 5), not months.",
  }),
  "years"
);
const WACC = withDefault(
  nonNegative("wacc", "Cost of capital per year, a fraction (10% = 0.1).", {
    max: 1,
    maxExclusive: true,
    overMaxHint: "wacc is a fraction: 10% is 0.1.",
  }),
  "wacc"
);
const HOSTING = withDefault(
  nonNegative("hosting_per_kw_month", "Colocation rent, USD per kW of IT power per month."),
  "hosting_per_kw_month"
);
const ENERGY = withDefault(
  nonNegative("energy_per_kwh", "Electricity price, USD per kWh.", {
    max: 5,
    overMaxHint: "energy_per_kwh is in dollars: 8 cents is 0.08.",
  }),
  "energy_per_kwh"
);
const PUE = withDefault(
  {
    name: "pue",
    description: "Power usage effectiveness: facility power / IT power (≥ 1).",
    rule: {
      kind: "number",
      min: 1,
      max: 3,
      overMaxHint: "PUE is a ratio near 1.1-1.6.",
    },
  },
  "pue"
);
const UTILIZATION = withDefault(
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

/** The cost parameters shared by COSTPERMTOK and TCO, after their leading ones. */
const COST_TAIL = [YEARS, WACC, HOSTING, ENERGY, PUE] as const;

function deployment(values: number[]): Deployment {
  const [racks, pricePerRack, powerPerRackKW, years, wacc, hostingPerKWMonth, energyPerKWh, pue] =
    values;
  return {
    racks,
    pricePerRack,
    powerPerRackKW,
    years,
    wacc,
    hostingPerKWMonth,
    energyPerKWh,
    pue,
  };
}

// ---------------------------------------------------------------- functions

/**
 * One 8-GPU H200 server taken as the "rack" of the cost examples. Every input is sourced in
 * ../shared/reference: throughput from MLPerf Inference v4.1 (Llama 2 70B, Offline, NVIDIA
 * H200-SXM-141GBx8, 31,302.7 tokens/s); price = 8 GPUs × $32,000 (Hugging Face hardware page MSRP,
 * an undated estimate) × 1.64 (Epoch AI: server cost / accelerator cost); power 10.2 kW per 8-GPU
 * node (NVIDIA DGX guide, as quoted by a secondary source).
 */
const H200_SERVER = {
  tokensPerSec: 31302.7,
  price: 8 * 32000 * 1.64,
  powerKW: 10.2,
};
const H200_ABOUT =
  "One 8×H200 server: 31,302.7 tokens/s (MLPerf Inference v4.1, Llama 2 70B Offline), $419,840 " +
  "(8 × $32,000 GPU MSRP estimate × 1.64 server/GPU cost, Epoch AI), 10.2 kW; cost defaults.";

export const WEIGHTS: CellFunction = {
  kind: "cell",
  id: "WEIGHTS",
  summary: "Memory for the model weights: params × bytes per value × instances.",
  unit: "GB (2^30 bytes)",
  params: [
    positive("params_billion", "Model parameters in billions (70 for a 70B model).", {
      max: 100000,
      overMaxHint: "params_billion is in billions: 70 for a 70B model.",
    }),
    {
      name: "precision",
      description:
        "Weight format: FP32, FP16, BF16, FP8, INT8, FP6, FP4, INT4, or bytes per value.",
      rule: { kind: "precision" },
      default: {
        value: "FP16",
        unit: "format",
        source: "the source article's worked example (Llama 3.1 70B at FP16)",
        date: "2024",
        confidence: "high",
      },
    },
    {
      ...count("instances", "Copies of the model held in memory."),
      default: {
        value: 1,
        unit: "copies",
        source: "the source article's worked example (a single instance)",
        date: "2024",
        confidence: "high",
      },
    },
  ],
  compute: ([params, bytes, instances]) => weightsGB(params, bytes, instances),
  example: {
    args: [70, "FP16"],
    shows: 130.39,
    decimals: 2,
    about: 'The article: Llama 3.1 70B at FP16, "~130 GB".',
  },
};

export const KVCACHE: CellFunction = {
  kind: "cell",
  id: "KVCACHE",
  summary:
    "KV-cache memory: 2 × kv_heads × layers × model_dim / att_heads × bytes × context_tokens × users.",
  unit: "GB (2^30 bytes)",
  params: [
    count("kv_heads", "Key/value heads per layer (8 for Llama 3.1 70B)."),
    count("layers", "Transformer layers (80 for Llama 3.1 70B)."),
    count("model_dim", "Model (hidden) dimension (8192 for Llama 3.1 70B)."),
    count(
      "att_heads",
      "Attention (query) heads; model_dim / att_heads is the head dimension (64 for Llama 3.1 70B)."
    ),
    {
      name: "precision",
      description:
        "KV-cache format: FP32, FP16, BF16, FP8, INT8, FP6, FP4, INT4, or bytes per value.",
      rule: { kind: "precision" },
    },
    positive(
      "context_tokens",
      "Tokens of context per user, input plus output (may be an average)."
    ),
    positive("users", "Concurrent users (sequences in the batch; may be an average)."),
  ],
  compute: ([kvHeads, layers, modelDim, attHeads, bytes, context, users]) => {
    if (modelDim % attHeads !== 0) {
      throw invalidValue(
        `model_dim (${modelDim}) must be a multiple of att_heads (${attHeads}): their ratio is the head dimension.`
      );
    }
    return kvCacheGB(kvHeads, layers, modelDim, attHeads, bytes, context, users);
  },
  example: {
    args: [8, 80, 8192, 64, "FP16", 10000, 16],
    shows: 48.83,
    decimals: 2,
    about:
      'The article: Llama 3.1 70B (Llama 3 paper, Table 3), FP16, 10,000 tokens, 16 users, "~49 GB".',
  },
};

export const CHIPS: CellFunction = {
  kind: "cell",
  id: "CHIPS",
  summary:
    "Chips needed to hold the memory: memory_gb / chip_memory_gb, fractional (round up for whole chips).",
  unit: "chips",
  params: [MEMORY_GB, CHIP_MEMORY_GB],
  compute: ([memory, perChip]) => chipsNeeded(memory, perChip),
  example: {
    args: [179, 144],
    shows: 1.24,
    decimals: 2,
    about: "The article: 179 GB on GH200s with 144 GB of HBM each.",
  },
};

export const RACKS_FN: CellFunction = {
  kind: "cell",
  id: "RACKS",
  summary:
    "Racks needed to hold the memory: memory_gb / chip_memory_gb / chips_per_rack, fractional.",
  unit: "racks",
  params: [
    MEMORY_GB,
    CHIP_MEMORY_GB,
    count("chips_per_rack", "Chips in one rack (128 in the article's SRAM example)."),
  ],
  compute: ([memory, perChip, perRack]) => racksNeeded(memory, perChip, perRack),
  example: {
    args: [179, 0.25, 128],
    shows: 5.6,
    decimals: 1,
    about: "The article: 179 GB on chips with 256 MB of SRAM, 128 chips a rack (716 chips).",
  },
};

export const COSTPERMTOK: CellFunction = {
  kind: "cell",
  id: "COSTPERMTOK",
  summary:
    "Cost per million tokens: annual capital (PMT) + energy + hosting, over a year's tokens.",
  unit: "USD per million tokens",
  params: [
    positive(
      "tokens_per_sec",
      "Total tokens per second of the whole deployment (e.g. an MLPerf result)."
    ),
    RACKS,
    PRICE_PER_RACK,
    POWER_PER_RACK_KW,
    ...COST_TAIL,
    UTILIZATION,
  ],
  compute: ([tokensPerSec, ...rest]) =>
    costPerMillionTokens(deployment(rest), tokensPerSec, rest[8]),
  example: {
    args: [H200_SERVER.tokensPerSec, 1, H200_SERVER.price, H200_SERVER.powerKW],
    shows: 0.18,
    decimals: 2,
    about: H200_ABOUT,
  },
};

export const TCO: TableFunction = {
  kind: "table",
  id: "TCO",
  summary:
    "Annual cost of ownership as a spilled table: capital, energy, hosting and total, with shares.",
  unit: "USD per year",
  params: [RACKS, PRICE_PER_RACK, POWER_PER_RACK_KW, ...COST_TAIL],
  table: (values) => {
    const cost = annualCost(deployment(values));
    const share = (x: number) => (cost.total > 0 ? x / cost.total : 0);
    return [
      ["Component", "USD per year", "Share"],
      ["Capital", cost.capital, share(cost.capital)],
      ["Energy", cost.energy, share(cost.energy)],
      ["Hosting", cost.hosting, share(cost.hosting)],
      ["Total", cost.total, share(cost.total)],
    ];
  },
  example: {
    args: [1, H200_SERVER.price, H200_SERVER.powerKW],
    shows: 142284,
    decimals: 0,
    about: H200_ABOUT,
  },
};

/** Every public function, in the order the documentation lists them. */
export const FUNCTIONS: readonly FormulaFunction[] = [
  WEIGHTS,
  KVCACHE,
  CHIPS,
  RACKS_FN,
  COSTPERMTOK,
  TCO,
];

// ---------------------------------------------------------------- evaluation

/** Evaluates a per-cell function over its (broadcast) arguments. */
export function evaluateCells(fn: CellFunction, args: readonly Argument[]): ResultCell[][] {
  return broadcast(fn.params, args, fn.compute);
}

/**
 * Evaluates a table function. Its arguments are single values (a one-cell range is fine): the result
 * is already a table, so a range argument would need a third dimension.
 */
export function evaluateTable(fn: TableFunction, args: readonly Argument[]): (string | number)[][] {
  const values = fn.params.map((param, k) => {
    let arg = args[k] ?? null;
    if (Array.isArray(arg)) {
      if (arg.length !== 1 || !Array.isArray(arg[0]) || arg[0].length !== 1) {
        throw invalidValue(
          `${param.name} must be a single cell: ${fn.id} returns a table. For a sensitivity grid use COSTPERMTOK with ranges.`
        );
      }
      arg = arg[0][0];
    }
    return coerce(param, arg as CellValue);
  });
  const table = fn.table(values);
  for (const row of table) {
    for (const cell of row) {
      if (typeof cell === "number" && !Number.isFinite(cell)) {
        throw invalidValue(
          `the result is too large to represent (${cell}); check the inputs' units and size.`
        );
      }
    }
  }
  return table;
}

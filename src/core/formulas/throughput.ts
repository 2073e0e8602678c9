import type { Param, Value } from "../arguments";
import { invalidValue } from "../errors";
import { div, input, label, mul, num, sub, type Expr } from "../expr";
import type { CellFunction, TableFunction, TwinArg } from "../formula";
import type { ModelSpec } from "../model-spec";
import {
  CONSTANT_VALUES,
  STATED_ERROR,
  GROUP_SIZES,
  serving,
  weightsGB,
  type AtGroup,
} from "../serving";
import type { SystemSpec } from "../system-spec";
import { checkContext, contextRefused, KV_PRECISION, MODEL } from "./params";

/**
 * Throughput functions: how many tokens a model serves per second on a system, how long a user
 * waits, how many users fit. All are one estimate (src/core/serving.ts), fitted to measured results
 * and labelled as an estimate with its error wherever it is shown.
 */

export const SYSTEM: Param = {
  name: "system",
  description:
    'A system preset name ("H100", "GB200 NVL72", "h200_sxm") or a two-column (field, value) range such as SYSTEM() spills.',
  rule: { kind: "system" },
};

export const INPUT_TOKENS: Param = {
  name: "input_tokens",
  description: "Prompt tokens per request (may be an average).",
  rule: { kind: "number", min: 0, minExclusive: true },
};

export const OUTPUT_TOKENS: Param = {
  name: "output_tokens",
  description: "Generated tokens per request, at least 1 (may be an average).",
  rule: { kind: "number", min: 1 },
};

export const SERVING_USERS: Param = {
  name: "users",
  description:
    "Concurrent requests in one replica; blank = as many as fit, up to the engine's batch limit (the maximum-throughput point). More than fit wait for a slot.",
  rule: { kind: "number", min: 1, integer: true },
  default: {
    value: null,
    text: "as many as fit (the maximum-throughput point)",
    unit: "requests",
    source: "the KV cache that fits beside the weights, capped at the fitted engine batch limit",
    date: "per workload",
    confidence: "estimate",
  },
  blankInTwin: true,
};

export const SERVING_PRECISION: Param = {
  name: "precision",
  description:
    "Weight format (FP16, BF16, FP8, NVFP4, MXFP4, INT4_WO…) or bytes per value; it also picks the system's peak TFLOPS (FP4, FP8 or 16-bit).",
  rule: { kind: "precision", keepName: true },
  default: {
    value: null,
    text: "the model's native precision",
    unit: "format",
    source: "the model preset's native_precision (the format its weights ship in)",
    date: "per preset",
    confidence: "per preset",
  },
  blankInTwin: true,
};

export const CHIPS_PER_REPLICA: Param = {
  name: "chips",
  description:
    "Chips in one replica (its tensor/expert-parallel group); blank = the group size with the most tokens/s per chip among those that fit, within the system's scale-up domain.",
  rule: { kind: "number", min: 1, max: 100000, integer: true },
  default: {
    value: null,
    text: "the best group within the scale-up domain (8 in an HGX server, 72 in an NVL72 rack)",
    unit: "chips",
    source: "the estimate, tried at 1, 2, 4, … 64 chips and the system's scaleup_domain",
    date: "per workload",
    confidence: "estimate",
  },
  blankInTwin: true,
};

/** The parameters TOKENSPERSEC, TPOT, TTFT and THROUGHPUT share, in Excel order. */
export const SERVING_PARAMS = [
  MODEL,
  SYSTEM,
  INPUT_TOKENS,
  OUTPUT_TOKENS,
  SERVING_USERS,
  SERVING_PRECISION,
  KV_PRECISION,
  CHIPS_PER_REPLICA,
] as const;

/** Which of the estimate's optional arguments a call gives, from its arguments in SERVING_PARAMS order. */
export const servingKinds = (kinds: readonly TwinArg[]) => ({
  users: kinds[4],
  precision: kinds[5],
  chips: kinds[7],
  kv: kinds[6],
});
const at = servingKinds;

/**
 * What the estimate needs that it cannot do without, checked before it runs so the message names the
 * field to fill or the number to change. Shared by every throughput function.
 */
export function checkServing(values: Value[], chipsAt = 7): Value[] {
  const model = values[0] as ModelSpec;
  const system = values[1] as SystemSpec;
  const [input, output] = values.slice(2, 4) as number[];
  checkContext(model, input + output, "input_tokens + output_tokens");
  const missing = (field: string, why: string) =>
    invalidValue(
      `${system.name} has no ${field} in its preset: ${why}. Pass a SYSTEM() range with it filled in.`
    );
  if (!system.bandwidth_tbps)
    throw missing("bandwidth_tbps", "the estimate reads weights and KV at it");
  if (!system.bf16_tflops && !system.fp8_tflops) {
    throw missing("bf16_tflops or fp8_tflops", "the estimate needs the chip's dense peak");
  }
  const weights = weightsGB(model, values[5] as string | number | null);
  const chips = values[chipsAt] as number | null;
  const domain = system.scaleup_domain ?? 1;
  // What the engine can use of a chip's memory (the rest: activations, graphs, fragmentation).
  const usable = system.memory_gb * CONSTANT_VALUES.usable_memory_fraction;
  const share = `${Math.round(CONSTANT_VALUES.usable_memory_fraction * 100)}% of ${system.memory_gb} GB usable`;
  if (chips !== null) {
    if (chips > 1 && !system.scaleup_gbps) {
      throw missing("scaleup_gbps", `${chips} chips exchange activations over the scale-up link`);
    }
    if (weights / chips >= usable) {
      throw invalidValue(
        `${model.name}'s weights (${weights.toFixed(1)} GB) do not fit on ${chips} chip${chips === 1 ? "" : "s"} (${share} each): add chips.`
      );
    }
    return values;
  }
  const biggest = Math.max(...GROUP_SIZES.filter((n) => n <= domain), domain);
  if (weights / biggest >= usable) {
    throw invalidValue(
      `${model.name}'s weights (${weights.toFixed(1)} GB) do not fit in ${system.name}'s scale-up domain ` +
        `(${domain} chips, ${share} each): give chips for a larger group.`
    );
  }
  if (domain > 1 && !system.scaleup_gbps) {
    throw missing("scaleup_gbps", "groups of chips exchange activations over the scale-up link");
  }
  return values;
}

/** The context check of the twin: input + output tokens past the model's max_context show #N/A. */
export const contextCheck = (
  at: (name: string) => string | undefined,
  preset: (name: string) => unknown
) => {
  const input = at("input_tokens");
  const output = at("output_tokens");
  if (input === undefined || output === undefined) return [];
  return contextRefused(at("model"), preset("model") as never, `${input}+${output}`);
};

function servingFunction(
  id: string,
  summary: string,
  unit: string,
  get: (g: AtGroup) => Expr,
  example: CellFunction["example"]
): CellFunction {
  return {
    kind: "cell",
    id,
    summary,
    unit,
    params: SERVING_PARAMS,
    prepare: (values) => checkServing(values),
    refusedWhen: contextCheck,
    twin: (kinds) => serving(at(kinds)).pick(get),
    example,
  };
}

const ESTIMATE = "An estimate: THROUGHPUT shows its measured error.";
const EXAMPLE_ARGS = ["Llama 3.1 70B", "H200", 1000, 1000, 64, "FP8", "FP8", 2];
const EXAMPLE_ABOUT =
  "Llama 3.1 70B in FP8 on two H200s, 64 requests of 1,000 tokens in and 1,000 out, FP8 KV cache.";

export const TOKENSPERSEC = servingFunction(
  "TOKENSPERSEC",
  `Output tokens per second per chip, steady-state serving with continuous batching (prefill included). ${ESTIMATE}`,
  "output tokens/s per chip",
  (g) => g.perChip,
  { args: EXAMPLE_ARGS, shows: 1496, decimals: 0, about: EXAMPLE_ABOUT }
);

export const TPOT = servingFunction(
  "TPOT",
  `Seconds per output token for one user at that load (one iteration of the running batch). ${ESTIMATE}`,
  "seconds per output token",
  (g) => g.tpot,
  { args: EXAMPLE_ARGS, shows: 0.02, decimals: 4, about: EXAMPLE_ABOUT }
);

export const TTFT = servingFunction(
  "TTFT",
  `Seconds to the first token for a request at that load: an iteration, its prefill and the prefills queued ahead of it. ${ESTIMATE}`,
  "seconds",
  (g) => g.ttft,
  { args: EXAMPLE_ARGS, shows: 1.435, decimals: 3, about: EXAMPLE_ABOUT }
);

const CAPACITY_PARAMS = [
  MODEL,
  SYSTEM,
  INPUT_TOKENS,
  OUTPUT_TOKENS,
  SERVING_PRECISION,
  KV_PRECISION,
  CHIPS_PER_REPLICA,
] as const;

export const MAXUSERS: CellFunction = {
  kind: "cell",
  id: "MAXUSERS",
  summary:
    "Concurrent requests one replica can hold: KV cache for input + output tokens in what the weights and the engine's reserve leave (before the engine's batch cap); 0 when the weights do not fit. chips blank: the group TOKENSPERSEC picks.",
  unit: "requests",
  params: CAPACITY_PARAMS,
  prepare: (values) => {
    const model = values[0] as ModelSpec;
    const [input, output] = values.slice(2, 4) as number[];
    checkContext(model, input + output, "input_tokens + output_tokens");
    // Without chips the estimate picks the group, so it needs what TOKENSPERSEC needs.
    if (values[6] === null) checkServing([...values.slice(0, 4), null, ...values.slice(4)]);
    return values;
  },
  refusedWhen: contextCheck,
  twin: (kinds) =>
    serving({ users: "omitted", precision: kinds[4], chips: kinds[6], kv: kinds[5] }).pick(
      (g) => g.capacity,
      false
    ),
  example: {
    args: ["Llama 3.1 70B", "H200", 1000, 1000, "FP8", "FP8", 1],
    shows: 202,
    decimals: 0,
    about: "Llama 3.1 70B in FP8 on one H200 (141 GB), FP8 KV cache, 2,000 tokens a request.",
  },
};

/** The estimate's stated error (results left out of the fit: the newest release, new models). */
const errorOf = (stat: "median" | "p90") => num(STATED_ERROR[stat]);

export const THROUGHPUT: TableFunction = {
  kind: "table",
  id: "THROUGHPUT",
  summary: `The estimate in full, as a labelled table: chips per replica, users, what limits them, TPOT, tokens/s per user, TTFT, output and input tokens/s per chip and per replica, the prefill share of time, and the estimate's measured error.`,
  unit: "mixed (each row says)",
  params: SERVING_PARAMS,
  prepare: (values) => checkServing(values),
  refusedWhen: contextCheck,
  twin(kinds) {
    const { pick } = serving(at(kinds));
    const I = input("input_tokens");
    const O = input("output_tokens");
    const perChip = pick((g) => g.perChip);
    const perReplica = pick((g) => g.perReplica);
    return [
      ["Throughput (estimate)", "Value"],
      ["chips per replica", pick((g) => g.n)],
      ["users running at once", pick((g) => g.batch)],
      [
        "binding limit on users",
        label(
          [
            { when: pick((g) => sub(g.fit, g.batch)), text: "users: fewer asked for than fit" },
            { when: pick((g) => g.memoryBound), text: "memory: the KV cache fills the chips" },
          ],
          "batch cap: the engine's largest batch"
        ),
      ],
      [
        "each step bound by",
        label([{ when: pick((g) => g.computeBound), text: "compute" }], "memory bandwidth"),
      ],
      ["TPOT, seconds per output token", pick((g) => g.tpot)],
      [
        "tokens/s per user",
        div(
          1,
          pick((g) => g.tpot)
        ),
      ],
      ["TTFT, seconds", pick((g) => g.ttft)],
      ["output tokens/s per chip", perChip],
      ["input tokens/s per chip", div(mul(perChip, I), O)],
      ["output tokens/s per replica", perReplica],
      ["input tokens/s per replica", div(mul(perReplica, I), O)],
      ["prefill share of chip time", pick((g) => g.prefillShare)],
      ["estimate error, median % (results not fitted)", errorOf("median")],
      ["estimate error, 90th percentile %", errorOf("p90")],
    ];
  },
  example: {
    args: EXAMPLE_ARGS,
    shows: 1496,
    decimals: 0,
    at: [8, 1],
    about: EXAMPLE_ABOUT,
  },
};

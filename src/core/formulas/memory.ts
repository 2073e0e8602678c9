import { invalidValue } from "../errors";
import { BYTES_PER_GB } from "../units";
import type { CellFunction } from "../formula";
import type { ModelSpec } from "../model-spec";
import {
  add,
  bytes,
  div,
  field,
  ifPositive,
  input,
  min,
  mul,
  num,
  pow,
  sub,
  type Expr,
} from "../expr";
import type { TwinArg } from "../formula";
import {
  checkContext,
  CONTEXT_TOKENS,
  contextRefused,
  count,
  INSTANCES,
  KV_PRECISION,
  MODEL,
  MODEL_PRECISION,
  twinArg,
  USERS,
} from "./params";

/** BYTES_PER_GB (src/core/units.ts), printed as 2^30 so a shared formula shows the unit. */
const GIB = pow(2, Math.log2(BYTES_PER_GB));

/** Weights in GB: parameters (billions) × 1e9 × bytes × instances / 2^30. */
function weightsTwin(params: Expr, bytesPerValue: Expr, instances: Expr): Expr {
  return div(mul(params, 1e9, bytesPerValue, instances), GIB);
}

/**
 * A model's weights in its native format, billions of parameters × bytes: the parameters the
 * checkpoint keeps in BF16 (bf16_params_b: gpt-oss's attention, embeddings and router) at 2 bytes,
 * the rest at native_precision — so gpt-oss-20b is its 13,761,264,768-byte checkpoint, not all MXFP4.
 */
export function nativeWeightBillionBytes(m: string): Expr {
  const bf16 = field(m, "bf16_params_b");
  return add(
    mul(sub(field(m, "total_params_b"), bf16), bytes(field(m, "native_precision"))),
    mul(bf16, 2)
  );
}

/**
 * KV cache in GB for a model — the theoretical minimum one user's cache holds, before a serving
 * engine's block rounding, times users and bytes per value:
 * - per token per attention layer: 2 × kv_heads × head_dim (K and V), or for multi-head latent
 *   attention kv_lora_rank + qk_rope_head_dim (one shared latent, no factor 2, no heads);
 * - full-attention layers hold the whole context, sliding-window layers at most the window,
 *   chunked-local layers at most one chunk;
 * - linear-attention layers hold a fixed state, whatever the context.
 */
function modelKvTwin(m: string, context: Expr, users: Expr, bytesPerValue: Expr): Expr {
  const f = (name: Parameters<typeof field>[1]) => field(m, name);
  const perTokenLayer = ifPositive(
    f("kv_lora_rank"),
    add(f("kv_lora_rank"), f("qk_rope_head_dim")),
    mul(2, f("kv_heads"), f("head_dim"))
  );
  const fullLayers = sub(
    sub(sub(f("layers"), f("sliding_window_layers")), f("chunked_layers")),
    f("linear_attention_layers")
  );
  const tokenLayers = add(
    mul(fullLayers, context),
    mul(f("sliding_window_layers"), min(context, f("sliding_window"))),
    mul(f("chunked_layers"), min(context, f("chunk_size")))
  );
  const values = add(
    mul(perTokenLayer, tokenLayers),
    mul(f("linear_attention_layers"), f("linear_state_elements"))
  );
  return div(mul(values, bytesPerValue, users), GIB);
}

const needsModelTable = (args: readonly TwinArg[]) => {
  if (args[0] !== "model")
    throw new Error("a native formula reads the model from its (field, value) table");
};

/** Memory formulas: weights and KV cache, from raw numbers (the article's) or from a model. */

export const WEIGHTS: CellFunction = {
  kind: "cell",
  id: "WEIGHTS",
  summary: "Memory for the model weights: params × bytes per value × instances.",
  unit: "GB (2^30 bytes)",
  params: [
    {
      name: "params_billion",
      description:
        "Model parameters in billions (70 for a 70B model), or a model name or (field, value) range whose total_params_b is used.",
      rule: {
        kind: "model",
        orNumber: {
          kind: "number",
          min: 0,
          minExclusive: true,
          max: 100000,
          overMaxHint: "params_billion is in billions: 70 for a 70B model.",
        },
      },
    },
    {
      ...MODEL_PRECISION,
      default: {
        value: null,
        text: "FP16 (for a model: its native precision)",
        unit: "format",
        source:
          "the source article's worked example (Llama 3.1 70B at FP16); a model preset's native_precision",
        date: "2024",
        confidence: "high",
      },
    },
    INSTANCES,
  ],
  twin(args) {
    const model = args[0] === "model";
    const instances = twinArg(WEIGHTS.params, args, 2);
    if (model && args[1] !== "value") {
      return weightsTwin(nativeWeightBillionBytes("params_billion"), num(1), instances);
    }
    const params = model ? field("params_billion", "total_params_b") : input("params_billion");
    const perValue = args[1] === "value" ? bytes(input("precision")) : num(2);
    return weightsTwin(params, perValue, instances);
  },
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
    "KV-cache memory: 2 × kv_heads × layers × model_dim / att_heads × bytes × context_tokens × users (the article's formula, for models whose every layer attends over the whole context).",
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
    CONTEXT_TOKENS,
    USERS,
  ],
  prepare: (values) => {
    const [, , modelDim, attHeads] = values as number[];
    if (modelDim % attHeads !== 0) {
      throw invalidValue(
        `model_dim (${modelDim}) must be a multiple of att_heads (${attHeads}): their ratio is the head dimension.`
      );
    }
    return values;
  },
  refusedWhen: (at) => {
    const [dim, heads] = [at("model_dim"), at("att_heads")];
    // Whole counts are rounded live before the test (float noise), so here too.
    return dim && heads ? [`MOD(ROUND(${dim},0),ROUND(${heads},0))<>0`] : [];
  },
  twin: () =>
    div(
      mul(
        2,
        input("kv_heads"),
        input("layers"),
        div(input("model_dim"), input("att_heads")),
        bytes(input("precision")),
        input("context_tokens"),
        input("users")
      ),
      GIB
    ),
  example: {
    args: [8, 80, 8192, 64, "FP16", 10000, 16],
    shows: 48.83,
    decimals: 2,
    about:
      'The article: Llama 3.1 70B (Llama 3 paper, Table 3), FP16, 10,000 tokens, 16 users, "~49 GB".',
  },
};

export const MODELKV: CellFunction = {
  kind: "cell",
  id: "MODELKV",
  summary:
    "KV cache a model must hold, for any attention structure: full, sliding-window, chunked-local, multi-head latent (MLA) and linear-attention (fixed-state) layers.",
  unit: "GB (2^30 bytes)",
  params: [MODEL, CONTEXT_TOKENS, USERS, KV_PRECISION],
  prepare: (values) => {
    checkContext(values[0] as ModelSpec, values[1] as number);
    return values;
  },
  refusedWhen: (at, preset) => contextRefused(at("model"), preset("model"), at("context_tokens")),
  twin(args) {
    needsModelTable(args);
    return modelKvTwin(
      "model",
      input("context_tokens"),
      input("users"),
      bytes(twinArg(MODELKV.params, args, 3))
    );
  },
  example: {
    args: ["Llama 3.1 70B", 10000, 16],
    shows: 48.83,
    decimals: 2,
    about: "The article's example, by name.",
  },
};

export const MEMORY: CellFunction = {
  kind: "cell",
  id: "MEMORY",
  summary: "Total memory for a model: weights (× instances) + KV cache for all users.",
  unit: "GB (2^30 bytes)",
  params: [MODEL, CONTEXT_TOKENS, USERS, MODEL_PRECISION, KV_PRECISION, INSTANCES],
  prepare: (values) => {
    checkContext(values[0] as ModelSpec, values[1] as number);
    return values;
  },
  refusedWhen: (at, preset) => contextRefused(at("model"), preset("model"), at("context_tokens")),
  twin(args) {
    needsModelTable(args);
    const instances = twinArg(MEMORY.params, args, 5);
    const weights =
      args[3] === "value"
        ? weightsTwin(field("model", "total_params_b"), bytes(input("precision")), instances)
        : weightsTwin(nativeWeightBillionBytes("model"), num(1), instances);
    const kv = modelKvTwin(
      "model",
      input("context_tokens"),
      input("users"),
      bytes(twinArg(MEMORY.params, args, 4))
    );
    return add(weights, kv);
  },
  example: {
    args: ["Llama 3.1 70B", 10000, 16],
    shows: 179.21,
    decimals: 2,
    about:
      'The article: Llama 3.1 70B (native BF16, 2 bytes like FP16), 10,000 tokens, 16 users, "~179 GB".',
  },
};

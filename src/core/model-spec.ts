import { invalidValue } from "./errors";

/**
 * A model as the memory arithmetic needs it: parameters, and the shape of what its attention caches.
 * Presets (src/presets/models.json) and (field, value) ranges in a workbook both become a ModelSpec,
 * so a user can edit any field in cells and every formula follows.
 */
export interface ModelSpec {
  name: string;
  family?: string;
  developer?: string;
  aliases?: string[];
  /** Billions; weights memory counts every parameter (all experts of a MoE). */
  total_params_b: number;
  /** Billions read per token (MoE); for information. */
  active_params_b?: number | null;
  layers: number;
  hidden_size?: number | null;
  attention_heads?: number | null;
  kv_heads: number;
  head_dim: number;
  /** A label: full, sliding window + global, chunked local + global, MLA, hybrid linear. */
  attention?: string;
  sliding_window?: number | null;
  sliding_window_layers?: number | null;
  chunk_size?: number | null;
  chunked_layers?: number | null;
  kv_lora_rank?: number | null;
  qk_rope_head_dim?: number | null;
  linear_attention_layers?: number | null;
  linear_state_elements?: number | null;
  /** MoE: layers whose FFN is a mixture of experts (the rest are dense). */
  moe_layers?: number | null;
  /** MoE: routed experts per MoE layer. */
  experts?: number | null;
  /** MoE: routed experts each token uses (top-k). */
  experts_per_token?: number | null;
  /** MoE: always-active shared experts per MoE layer (counted in the dense part). */
  shared_experts?: number | null;
  /** MoE: parameters of one routed expert in one layer, millions. */
  expert_params_m?: number | null;
  /**
   * Billions of parameters the native checkpoint keeps in BF16 when native_precision is a
   * low-precision format (gpt-oss keeps attention, embeddings and router in BF16); blank = none.
   */
  bf16_params_b?: number | null;
  native_precision: string;
  max_context?: number | null;
  source: string;
  confidence: string;
  notes?: string;
}

/** What a field holds, for reading it from a cell and checking it. */
interface FieldRule {
  kind: "text" | "number" | "count";
  required?: boolean;
  description: string;
}

/** Every field of a model, in the order MODEL() lists them. */
export const MODEL_FIELDS: Readonly<Record<keyof ModelSpec, FieldRule>> = {
  name: { kind: "text", required: true, description: "Preset name" },
  family: { kind: "text", description: "Model family" },
  developer: { kind: "text", description: "Who released it" },
  aliases: { kind: "text", description: "Other names that resolve to it (Hugging Face ids…)" },
  total_params_b: { kind: "number", required: true, description: "Total parameters, billions" },
  active_params_b: { kind: "number", description: "Parameters active per token, billions (MoE)" },
  layers: { kind: "count", required: true, description: "Transformer layers" },
  hidden_size: { kind: "count", description: "Model (hidden) dimension" },
  attention_heads: { kind: "count", description: "Query heads" },
  kv_heads: { kind: "count", required: true, description: "Key/value heads per layer" },
  head_dim: { kind: "count", required: true, description: "Dimension of one head" },
  attention: { kind: "text", description: "Attention structure" },
  sliding_window: { kind: "count", description: "Sliding-window size, tokens" },
  sliding_window_layers: { kind: "number", description: "Layers with sliding-window attention" },
  chunk_size: { kind: "count", description: "Chunk of chunked local attention, tokens" },
  chunked_layers: { kind: "number", description: "Layers with chunked local attention" },
  kv_lora_rank: { kind: "count", description: "MLA: latent values cached per token per layer" },
  qk_rope_head_dim: {
    kind: "number",
    description: "MLA: RoPE key values cached per token per layer",
  },
  linear_attention_layers: { kind: "number", description: "Linear-attention (fixed-state) layers" },
  linear_state_elements: {
    kind: "number",
    description: "Fixed state per linear layer per sequence, values",
  },
  moe_layers: { kind: "number", description: "MoE: layers whose FFN is a mixture of experts" },
  experts: { kind: "count", description: "MoE: routed experts per MoE layer" },
  experts_per_token: { kind: "count", description: "MoE: routed experts each token uses (top-k)" },
  shared_experts: { kind: "number", description: "MoE: always-active shared experts per layer" },
  expert_params_m: {
    kind: "number",
    description: "MoE: parameters of one routed expert in one layer, millions",
  },
  bf16_params_b: {
    kind: "number",
    description: "Parameters the native checkpoint keeps in BF16, billions (blank: none)",
  },
  native_precision: { kind: "text", required: true, description: "Format the weights ship in" },
  max_context: { kind: "count", description: "Longest context, tokens" },
  source: { kind: "text", required: true, description: "Where the numbers come from" },
  confidence: { kind: "text", required: true, description: "How sure the numbers are" },
  notes: { kind: "text", description: "Caveats and derivations" },
};

const layerCount = (value: number | null | undefined) => value ?? 0;

/**
 * Checks a model's fields hang together, naming the field to fix: counts are whole and positive,
 * special layers do not outnumber the layers, each kind of layer has the size it needs.
 */
export function checkModel(m: ModelSpec): ModelSpec {
  const where = `model "${m.name}"`;
  for (const [field, rule] of Object.entries(MODEL_FIELDS) as [keyof ModelSpec, FieldRule][]) {
    const value = m[field];
    if (value === undefined || value === null || value === "") {
      if (rule.required)
        throw invalidValue(`${where}: ${field} is required (${rule.description}).`);
      continue;
    }
    if (rule.kind === "text") continue;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw invalidValue(`${where}: ${field} must be a number; got ${JSON.stringify(value)}.`);
    }
    if (rule.kind === "count" && (!Number.isInteger(value) || value < 1)) {
      throw invalidValue(`${where}: ${field} must be a whole number ≥ 1; got ${value}.`);
    }
    if (rule.kind === "number" && value < 0) {
      throw invalidValue(`${where}: ${field} must be ≥ 0; got ${value}.`);
    }
  }
  if (m.total_params_b <= 0) throw invalidValue(`${where}: total_params_b must be > 0.`);
  const special =
    layerCount(m.sliding_window_layers) +
    layerCount(m.chunked_layers) +
    layerCount(m.linear_attention_layers);
  if (special > m.layers) {
    throw invalidValue(
      `${where}: sliding_window_layers + chunked_layers + linear_attention_layers (${special}) exceed layers (${m.layers}).`
    );
  }
  const needs = (count: number | null | undefined, size: unknown, what: string) => {
    if (layerCount(count) > 0 && !size) throw invalidValue(`${where}: ${what}.`);
  };
  needs(
    m.sliding_window_layers,
    m.sliding_window,
    "sliding_window_layers needs sliding_window (tokens)"
  );
  needs(m.chunked_layers, m.chunk_size, "chunked_layers needs chunk_size (tokens)");
  needs(
    m.linear_attention_layers,
    m.linear_state_elements,
    "linear_attention_layers needs linear_state_elements"
  );
  if (layerCount(m.moe_layers) > 0) {
    if (m.moe_layers! > m.layers) {
      throw invalidValue(`${where}: moe_layers (${m.moe_layers}) exceed layers (${m.layers}).`);
    }
    if (!m.experts || !m.experts_per_token || !m.expert_params_m) {
      throw invalidValue(
        `${where}: moe_layers needs experts, experts_per_token and expert_params_m (millions).`
      );
    }
    if (m.experts_per_token > m.experts) {
      throw invalidValue(
        `${where}: experts_per_token (${m.experts_per_token}) exceeds experts (${m.experts}).`
      );
    }
    const routedB = (m.moe_layers! * m.experts * m.expert_params_m) / 1000;
    if (routedB >= m.total_params_b) {
      throw invalidValue(
        `${where}: the routed experts (${routedB.toFixed(1)} B = moe_layers × experts × expert_params_m) ` +
          `must be fewer than total_params_b (${m.total_params_b}); expert_params_m is in millions.`
      );
    }
  }
  if (layerCount(m.bf16_params_b) >= m.total_params_b) {
    throw invalidValue(`${where}: bf16_params_b must be less than total_params_b.`);
  }
  if (m.kv_lora_rank && m.qk_rope_head_dim === undefined) {
    throw invalidValue(`${where}: kv_lora_rank (MLA) needs qk_rope_head_dim (0 if none).`);
  }
  return m;
}

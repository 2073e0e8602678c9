import { BYTES_PER_GB } from "./units";

/**
 * Memory for the model's weights, in GB of 2^30 bytes (the article: weights = params × bytes × instances).
 * 70 (billion) at FP16 (2 bytes), one instance → 140e9 bytes = 130.39 GB, the article's "~130 GB".
 */
export function weightsGB(paramsBillion: number, bytesPerValue: number, instances: number): number {
  return (paramsBillion * 1e9 * bytesPerValue * instances) / BYTES_PER_GB;
}

/**
 * KV-cache memory in GB of 2^30 bytes, the article's formula for a transformer whose every layer
 * attends over the whole context (dense or grouped-query attention):
 *   2 (K and V) × kv_heads × layers × (model_dim / att_heads) × bytes × context_tokens × users.
 * Llama 3.1 70B (8 KV heads, 80 layers, 8192 / 64 = 128 head_dim), FP16, 10,000 tokens, 16 users
 * → 52,428,800,000 bytes = 48.83 GB, the article's "~49 GB".
 */
export function kvCacheGB(
  kvHeads: number,
  layers: number,
  modelDim: number,
  attHeads: number,
  bytesPerValue: number,
  contextTokens: number,
  users: number
): number {
  const headDim = modelDim / attHeads;
  return (2 * kvHeads * layers * headDim * bytesPerValue * contextTokens * users) / BYTES_PER_GB;
}
